"""The corresponding-adjustment methods of decision 2/CMA.3 (Glasgow, 2021), as registered methods.

Source: decision 2/CMA.3, "Guidance on cooperative approaches referred to in
Article 6, paragraph 2, of the Paris Agreement", annex, section III
(corresponding adjustments), paragraphs 7-8, FCCC/PA/CMA/2021/10/Add.1.

Provenance of the wording. Quotations marked *Table 1* are verbatim from the
paper's Table 1 (Park & Oh 2020, "modified from the Draft Decision Text
(UNFCCC, 2019)"), whose wording for the averaging and trajectory methods
paragraph 7(a) of the adopted decision carries over. The adopted text of
para 7, quoted with ellipses from the official document in the UNDP national
carbon registry's compliance plan (``undp/undp-national-carbon-registry``,
``docs/a6/compliance-remediation-plan.md``): "Each participating Party shall
apply one of the following methods consistently throughout the NDC period:
(a) Where the participating Party has a single-year NDC: (i) Providing an
indicative multi-year emissions trajectory [...] and annually applying
corresponding adjustments for the total amount of ITMOs first transferred
and used for each year [...]; (ii) Calculating the average annual amount of
ITMOs first transferred and used over the NDC implementation period, by
taking the cumulative amount of ITMOs and dividing by the number of elapsed
years [...] and applying corresponding adjustments equal to this average
amount in the NDC year; (b) Where the participating Party has a multi-year
NDC, calculating a multi-year emissions trajectory [...] and annually
applying corresponding adjustments [...] and cumulatively at the end of the
NDC implementation period." Everything else is a paraphrase, marked as such.
Each method carries the NDC type its paragraph is for (``ndc_type``,
``paragraph``) and whether it defines a cumulative adjustment
(``defines_cumulative``: para 7(b) and the budget readings).

Every method here works on :class:`article6.model.usage.UsageRows` shaped
(samples, years), like the paper's four, and adds ``adjustments(net)``: the
annual corresponding adjustments [unit], (samples, years), that the method
applies for a signed net-transfer series ``net_i = first-transferred_i -
used_i`` (para 8: first transfers added, uses subtracted). The emissions
balance is ``emissions_i + adjustment_i`` (:func:`emissions_balance`).

Readings chosen where the text leaves room (each is an option):

* *elapsed years* (para 7(a)(ii)): ``elapsed_years=None`` counts every year
  of the period (n, the paper's 10); an integer ``e`` counts the first ``e``
  years, i.e. the years from the start of the period through the latest
  inventory year, when that is earlier than the NDC year
  (:func:`elapsed_years` computes e from the latest inventory year). With
  ``e < n`` the average is of the ITMOs of those e years, and the need is
  what the NDC-year adjustment would have to be at that average.
* *years below the trajectory* (para 7(a)(i), 7(b)): with annual targets a
  surplus is not credited to other years; the budget variants net years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import replace as dc_replace

import numpy as np

from article6.model.methods import (
    METHOD_SETS,
    METHODS,
    PAPER_METHODS,
    at_target_year,
    register,
    target_year_need,
)
from article6.model.paths import SubmittedTrajectory, trajectory_for
from article6.model.usage import YEAR_AXIS, UsageRows, period_total

#: Names of the methods this module registers, in report order.
ADOPTED_METHODS: tuple[str, ...] = (
    "single_year_trajectory", "single_year_budget", "single_year_averaging",
    "multi_year", "multi_year_budget",
)

_TABLE1_TRAJECTORY = (
    "Providing a multi-year emission trajectory, trajectories or budget for the NDC "
    "implementation period that is consistent with implementation and achievement of the NDC, "
    "and annually applying corresponding adjustments for the total amount of ITMOs first "
    "transferred and used for each year in the NDC implementation period"
)
_TABLE1_AVERAGING = (
    "Calculating the average annual amount of ITMOs first transferred and used over the NDC "
    "implementation period, by taking the cumulative amount of ITMOs and dividing by the number "
    "of elapsed years in the NDC implementation period and annually applying indicative "
    "corresponding adjustments equal to this average amount for each year in the NDC "
    "implementation period and apply corresponding adjustments equal to this average amount in "
    "the NDC year"
)
_CITE = "decision 2/CMA.3, annex, para {p} (FCCC/PA/CMA/2021/10/Add.1)"


# --------------------------------------------------------------------------- para 8


def emissions_balance(emissions, adjustment) -> np.ndarray:
    """Para 8 emissions balance: ``balance_i = emissions_i + adjustment_i`` [unit].

    ``adjustment_i`` is signed: ITMOs first transferred are added (for the year
    in which the mitigation occurred), ITMOs used are subtracted (for the year
    of use) -- decision 2/CMA.3, annex, para 8 (paraphrase).
    """
    return np.asarray(emissions, dtype=float) + np.asarray(adjustment, dtype=float)


def cumulative_adjustment(adjustment) -> np.ndarray:
    """Running sum of the annual adjustments, ``C_k = sum_{i<=k} adjustment_i`` [unit], (samples, years).

    Its last entry is the cumulative adjustment at the end of the NDC period
    (para 7(b), paraphrase).
    """
    return np.cumsum(np.asarray(adjustment, dtype=float), axis=YEAR_AXIS)


def elapsed_years(years, latest_inventory_year: int | None) -> int:
    """Number of elapsed years of the NDC period, as counted by para 7(a)(ii).

    ``None`` (or a year at or after T) gives every year of the period. An
    earlier latest inventory year L gives ``L - first + 1`` (at least 1): the
    years whose emissions are known when the average is taken.
    """
    years = tuple(years)
    if latest_inventory_year is None or latest_inventory_year >= years[-1]:
        return len(years)
    return max(1, latest_inventory_year - years[0] + 1)


# --------------------------------------------------------------------------- 7(a)(i)


@dataclass(frozen=True, kw_only=True, eq=False)
class SingleYearTrajectory(SubmittedTrajectory):
    """Single-year NDC, multi-year emissions trajectory (decision 2/CMA.3, annex, para 7(a)(i)).

    Table 1 wording (draft 2019, carried into para 7(a)(i)): "Providing a
    multi-year emission trajectory, trajectories or budget for the NDC
    implementation period that is consistent with implementation and
    achievement of the NDC, and annually applying corresponding adjustments
    for the total amount of ITMOs first transferred and used for each year in
    the NDC implementation period" (Park & Oh 2020, Table 1; decision
    2/CMA.3, annex, para 7(a)(i)).

    Need (A): ``sum_i max(NE_i^enet - path_i, 0)``; a year below the path
    needs nothing and its surplus is not credited (:func:`article6.model.paths.path_need`).
    Usage (B): ``sum_i ITMO_i^total``. Adjustments: each year's own net
    transfers, ``adjustment_i = net_i``.
    """

    name: str = "single_year_trajectory"
    label_en: str = "Trajectory, 2/CMA.3 7(a)(i)"
    label_ko: str = "경로방식 (2/CMA.3 7(a)(i))"
    equations: str = "sum_i max(NE_i^enet - path_i, 0); (1)"
    wording: str = _TABLE1_TRAJECTORY + " (" + _CITE.format(p="7(a)(i)") + ")."
    adopted_in_2_cma_3: bool = True
    netting: str = "annual"
    ndc_type: str = "single_year"
    paragraph: str = "7(a)"
    defines_cumulative: bool = False

    @property
    def texts(self):
        """No pros and cons written for the decision's methods yet: none shown."""
        return {}

    def adjustments(self, net: np.ndarray) -> np.ndarray:
        """Annual adjustments [unit]: ``adjustment_i = net_i`` (applied for each year)."""
        return np.asarray(net, dtype=float)

    def indicative(self, n: int) -> np.ndarray:
        """Years whose adjustment is indicative only, (years,) bool: none for this method."""
        return np.zeros(n, dtype=bool)


@dataclass(frozen=True, kw_only=True, eq=False)
class SingleYearBudget(SingleYearTrajectory):
    """Single-year NDC, multi-year emissions budget (decision 2/CMA.3, annex, para 7(a)(i)).

    Para 7(a)(i) allows a trajectory, trajectories *or budget* (Table 1
    wording above). Read as a budget ``B = sum_i path_i`` over the period,
    years are netted: need (A) ``max(sum_i (NE_i^enet - path_i), 0)``.
    Usage (B): ``sum_i ITMO_i^total``. Adjustments are applied annually.
    """

    name: str = "single_year_budget"
    label_en: str = "Budget, 2/CMA.3 7(a)(i)"
    label_ko: str = "배출총량 (2/CMA.3 7(a)(i))"
    equations: str = "max(sum_i (NE_i^enet - path_i), 0); (1)"
    netting: str = "budget"
    defines_cumulative: bool = True


# --------------------------------------------------------------------------- 7(a)(ii)


@dataclass(frozen=True, kw_only=True, eq=False)
class SingleYearAveraging:
    """Single-year NDC, averaging over the elapsed years (decision 2/CMA.3, annex, para 7(a)(ii)).

    Table 1 wording (draft 2019, carried into para 7(a)(ii)): "Calculating
    the average annual amount of ITMOs first transferred and used over the
    NDC implementation period, by taking the cumulative amount of ITMOs and
    dividing by the number of elapsed years in the NDC implementation period
    and annually applying indicative corresponding adjustments equal to this
    average amount for each year [...] and apply corresponding adjustments
    equal to this average amount in the NDC year" (Park & Oh 2020, Table 1;
    decision 2/CMA.3, annex, para 7(a)(ii)).

    With e elapsed years (``elapsed_years``; ``None`` = the whole period, n):

    * average ``avg = (1/e) sum_{i<=e} ITMO_i^total`` [unit/yr];
    * need (A): the NDC year must be met with one average,
      ``avg >= NE_T^enet - NDC_T^e``, so ``A = e x (NE_T^enet - NDC_T^e)``
      (eq. 11-1 of the paper when e = n = 10);
    * usage (B): ``sum_{i<=e} ITMO_i^total`` (eq. 1 over the elapsed years);
    * adjustments: ``avg`` (of the net transfers) in each elapsed year
      (indicative) and in the NDC year; zero in years not yet elapsed.

    Reading chosen: when the latest inventory year is earlier than the NDC
    year, only the years up to it have elapsed (e < n), and the gap
    ``A - B = e x (shortfall_T - avg)`` says how far the average so far falls
    short of the NDC year's need. ``elapsed_years=None`` is the end-of-period
    reading (every year elapsed), the one the paper uses.
    """

    elapsed_years: int | None = None
    name: str = "single_year_averaging"
    label_en: str = "Averaging, 2/CMA.3 7(a)(ii)"
    label_ko: str = "평균방식 (2/CMA.3 7(a)(ii))"
    equations: str = "e x (NE_T^enet - NDC_T^e); sum_{i<=e} ITMO_i^total"
    wording: str = _TABLE1_AVERAGING + " (" + _CITE.format(p="7(a)(ii)") + ")."
    adopted_in_2_cma_3: bool = True
    ndc_type: str = "single_year"
    paragraph: str = "7(a)"
    defines_cumulative: bool = False
    #: Purchases settled in the NDC year, where the average is applied (a reading).
    timing: tuple[str, str] = ("target-year", "target-year")
    #: No pros and cons written for this method yet: none shown.
    texts: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.elapsed_years is not None and (
            isinstance(self.elapsed_years, bool) or int(self.elapsed_years) != self.elapsed_years
            or self.elapsed_years < 1
        ):
            raise ValueError("elapsed_years must be a whole number >= 1 (or None)")

    def _e(self, n: int) -> int:
        return n if self.elapsed_years is None else min(int(self.elapsed_years), n)

    def need(self, rows: UsageRows) -> np.ndarray:
        """Need (A) = ``e x (NE_T^enet - NDC_T^e)`` [unit], shape (samples,)."""
        return self._e(rows.national_net.shape[YEAR_AXIS]) * target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Usage (B) = ``sum_{i<=e} ITMO_i^total`` [unit], shape (samples,)."""
        e = self._e(rows.itmo_total.shape[YEAR_AXIS])
        return period_total(rows.itmo_total[..., :e])

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """(A) settled in the NDC year [unit], (samples, years)."""
        return at_target_year(self.need(rows), rows.itmo_total)

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """(B) settled in the NDC year [unit], (samples, years)."""
        return at_target_year(self.usage(rows), rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_i`` [unit], (samples, years): the average of the elapsed years' ITMO use.

        ``avg = (1/e) sum_{i<=e} ITMO_i^total`` in each elapsed year
        (indicative) and in the NDC year; zero in years not yet elapsed.
        """
        n = rows.itmo_total.shape[YEAR_AXIS]
        e = self._e(n)
        avg = period_total(rows.itmo_total[..., :e]) / e
        mask = np.zeros(n, dtype=bool)
        mask[:e] = True
        mask[-1] = True
        return np.where(mask, avg[..., None], 0.0)

    def adjustments(self, net: np.ndarray) -> np.ndarray:
        """Average in each elapsed year (indicative) and in the NDC year; NaN elsewhere [unit].

        ``avg = (1/e) sum_i net_i``: the cumulative amount of ITMOs first
        transferred and used so far (every year of ``net``: a ledger holds
        only what has happened) divided by the e elapsed years. The NDC-year
        adjustment is applied once, in the NDC year; the elapsed years carry
        the same average as indicative figures (:meth:`indicative`). Years
        neither elapsed nor the NDC year carry no adjustment (NaN). The row
        is not to be summed: the method defines no cumulative adjustment.
        """
        net = np.asarray(net, dtype=float)
        n = net.shape[YEAR_AXIS]
        e = self._e(n)
        avg = period_total(net) / e
        mask = np.zeros(n, dtype=bool)
        mask[:e] = True
        mask[-1] = True
        return np.where(mask, avg[..., None], np.nan)

    def indicative(self, n: int) -> np.ndarray:
        """Elapsed years other than the NDC year: their average is indicative, (years,) bool."""
        mask = np.zeros(n, dtype=bool)
        mask[: self._e(n)] = True
        mask[-1] = False
        return mask


# --------------------------------------------------------------------------- 7(b)


@dataclass(frozen=True, kw_only=True, eq=False)
class MultiYear(SingleYearTrajectory):
    """Multi-year NDC: annual adjustments, cumulative at the end (decision 2/CMA.3, annex, para 7(b)).

    Paraphrase (not verbatim): a Party with a multi-year NDC applies
    corresponding adjustments annually for the ITMOs first transferred and
    used in each year of the NDC implementation period, and cumulatively
    at the end of the period (decision 2/CMA.3, annex, para 7(b)). The NDC
    itself is the annual target series ``path_i`` (``derived``: NDC_i^e of
    eq. 8, the paper's reading of a multi-year NDC), binding in every year.

    Need (A): ``sum_i max(NE_i^enet - path_i, 0)``. Usage (B):
    ``sum_i ITMO_i^total``. Adjustments: ``net_i`` each year; their running
    sum is the cumulative adjustment reported at the end of the period.
    """

    name: str = "multi_year"
    label_en: str = "Multi-year NDC, 2/CMA.3 7(b)"
    label_ko: str = "복수년도 NDC (2/CMA.3 7(b))"
    equations: str = "sum_i max(NE_i^enet - NDC_i^e, 0); (1)"
    ndc_type: str = "multi_year"
    paragraph: str = "7(b)"
    defines_cumulative: bool = True
    wording: str = (
        "Paraphrase: annual corresponding adjustments for ITMOs first transferred and used in "
        "each year, and cumulatively at the end of the NDC implementation period ("
        + _CITE.format(p="7(b)") + ")."
    )


@dataclass(frozen=True, kw_only=True, eq=False)
class MultiYearBudget(MultiYear):
    """Multi-year NDC expressed as a budget (decision 2/CMA.3, annex, para 7(b)).

    As :class:`MultiYear` (paraphrase of para 7(b)), with the NDC a budget
    ``sum_i path_i``: need (A) ``max(sum_i (NE_i^enet - path_i), 0)``; the
    cumulative adjustment at the end of the period is compared with it.
    """

    name: str = "multi_year_budget"
    label_en: str = "Multi-year budget, 2/CMA.3 7(b)"
    label_ko: str = "복수년도 총량 (2/CMA.3 7(b))"
    equations: str = "max(sum_i (NE_i^enet - NDC_i^e), 0); (1)"
    netting: str = "budget"


for _m in (SingleYearTrajectory(), SingleYearBudget(), SingleYearAveraging(), MultiYear(),
           MultiYearBudget()):
    register(_m, sets=("adopted", "all"))


def adopted_method(name: str, **options):
    """A fresh instance of the adopted method ``name`` with ``options`` (path, netting, elapsed_years)."""
    classes = {
        "single_year_trajectory": SingleYearTrajectory, "single_year_budget": SingleYearBudget,
        "single_year_averaging": SingleYearAveraging, "multi_year": MultiYear,
        "multi_year_budget": MultiYearBudget,
    }
    if name not in classes:
        raise KeyError(name)
    return classes[name](**options)


#: Method sets that ``compare --methods`` offers (:data:`article6.model.methods.METHOD_SETS`).
METHOD_SET_NAMES: tuple[str, ...] = tuple(METHOD_SETS)


def method_set(scenario, which: str = "paper", path: str | None = None,
               netting: str | None = None) -> list:
    """The methods to evaluate for ``scenario`` (at both bounds) with a path choice.

    ``which``: a set of :data:`article6.model.methods.METHOD_SETS` (``paper``, the
    default: the four of Table 4 and any method registered into it;
    ``adopted``: this module's; ``all``). ``path``/``netting``: the
    trajectory method's submitted path (see :func:`article6.model.paths.trajectory_for`;
    ``None`` takes the scenario's ``[path]`` when present, else ``derived``).
    The paper's ``trajectory`` becomes the submitted-path method chosen; every
    other method against a path (a :class:`SubmittedTrajectory`) takes the same
    path and keeps its own netting. With no path choice and no ``[path]``, the
    registered objects are used as they are, so the default output is the
    paper's, bit for bit.
    """
    if which not in METHOD_SETS:
        raise ValueError(f"unknown method set {which!r}; one of {tuple(METHOD_SETS)}")
    traj = trajectory_for(scenario, path, netting)
    paper_default = traj.path == "derived" and traj.netting == "annual"
    out: list = []
    for n in METHOD_SETS[which]:
        m = METHODS[n]
        if n == "trajectory":
            out.append(m if paper_default else traj)
        elif isinstance(m, SubmittedTrajectory) and n not in PAPER_METHODS:
            out.append(dc_replace(m, path=traj.path, values=traj.values))
        else:
            out.append(m)
    return out
