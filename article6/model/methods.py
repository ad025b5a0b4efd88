"""Corresponding-adjustment methods, eqs. (10)-(12-1), as a small registry.

Each method is one frozen object with a ``name``, its labels, the wording of
the 2019 draft text (UNFCCC 2019, via the paper's Table 1) and whether decision
2/CMA.3 still allows it for a single-year NDC, plus two array functions:

* ``need(rows)``: (A), the ITMOs the method requires over the period;
* ``usage(rows)``: (B), the ITMOs the Party expects to use that the method counts.

and the behaviour every output needs, so that no other module keeps a table
keyed by a method's name:

* ``annual_need(rows)`` / ``annual_usage(rows)``: the year in which each part
  of (A) and (B) is bought, shape (samples, years), summing over the years to
  ``need`` / ``usage`` (the purchase schedules that :mod:`article6.analyses.costs`
  prices); ``timing`` names them (:data:`TIMING_TEXT`);
* ``balance_adjustments(rows)``: ``CA_i``, the ITMOs the method subtracts from
  year ``i`` in the accounting balance (:mod:`article6.analyses.balance`);
* ``texts``: pros and cons in English and Korean (:mod:`article6.model.method_texts`).

``rows`` is :class:`article6.model.usage.UsageRows`, shaped (samples, years); need
and usage return shape (samples,) in the scenario's unit. The gap is A - B,
formed once in :func:`article6.model.evaluate.evaluate`. A Party-proposed "other
method" is one more class registered with :func:`register`; :func:`register`
refuses an object that lacks any of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from article6.model import method_texts
from article6.model.usage import YEAR_AXIS, UsageRows, period_total

#: Purchase timings a method may name in ``timing`` (need, usage), in words.
TIMING_TEXT = {
    "annual": "each year's amount at that year's price",
    "target-year": "the whole amount at the target-year price P_T",
    "spread": "(A)/n in every year at that year's price",
    "elapsed": "each elapsed year's amount at that year's price",
}


@runtime_checkable
class CAMethod(Protocol):
    """What every corresponding-adjustment method provides."""

    name: str
    label_en: str
    label_ko: str
    equations: str
    wording: str
    adopted_in_2_cma_3: bool
    timing: tuple[str, str]
    texts: Mapping[str, Any]

    def need(self, rows: UsageRows) -> np.ndarray:
        """(A): ITMOs the method requires over the period, shape (samples,)."""
        ...

    def usage(self, rows: UsageRows) -> np.ndarray:
        """(B): expected ITMO use that the method counts, shape (samples,)."""
        ...

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """When (A) is bought: shape (samples, years), summing to ``need``."""
        ...

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """When (B) is bought: shape (samples, years), summing to ``usage``."""
        ...

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_i``: ITMOs subtracted from year i in the accounting balance, (samples, years)."""
        ...


def at_target_year(amount, like) -> np.ndarray:
    """Schedule with ``amount`` (samples,) in the target year T, zero before [unit], shaped as ``like``."""
    out = np.zeros(np.shape(like), dtype=float)
    out[..., -1] = amount
    return out


def spread_evenly(amount, like) -> np.ndarray:
    """Schedule with ``amount / n`` (samples,) in every year [unit], shaped as ``like``."""
    n = np.shape(like)[YEAR_AXIS]
    return np.broadcast_to((np.asarray(amount, dtype=float) / n)[..., None], np.shape(like)).copy()


def each_year(annual) -> np.ndarray:
    """Schedule of an annual series as it is, ``q_i = annual_i`` [unit], (samples, years)."""
    return np.array(annual, dtype=float)


def annual_excess(rows: UsageRows, path_i) -> np.ndarray:
    """Eq. (12) against a path: ``NE_i^enet - path_i`` [unit], (samples, years).

    With the derived NDC path (``path_i = NDC_i^e``) this is the paper's eq. (12);
    :mod:`article6.model.paths` passes the other submitted paths. Positive where net
    emissions exceed the path (ITMOs needed that year), negative for a surplus.
    """
    return rows.national_net - path_i


def target_year_need(rows: UsageRows) -> np.ndarray:
    """Eq. (10): ``ITMO^total = NE_T^enet - NDC_T^e`` [unit], shape (samples,).

    Eq. (10-1) is the same with ``NE_T^enet = NE_T^et - Sink_T^e``.
    """
    return rows.national_net[..., -1] - rows.ndc_target[..., -1]


@dataclass(frozen=True, kw_only=True)
class Cumulative:
    """Cumulative method (누적방식): all ITMOs of the period applied in the NDC year.

    Need (A), eq. (10): ``NE_T^enet - NDC_T^e``. Usage (B), eq. (1): the
    period's total ``sum_i ITMO_i^total``.
    """

    name: ClassVar[str] = "cumulative"
    label_en: ClassVar[str] = "Cumulative"
    label_ko: ClassVar[str] = "누적방식"
    equations: ClassVar[str] = "(1), (10), (10-1)"
    wording: ClassVar[str] = (
        "A corresponding adjustment at the end of the NDC period for the total amount of "
        "ITMOs first transferred and used over the period (draft text, 2019)."
    )
    adopted_in_2_cma_3: ClassVar[bool] = False
    timing: ClassVar[tuple[str, str]] = ("target-year", "annual")
    texts: ClassVar[Mapping[str, Any]] = method_texts.CUMULATIVE

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (10) [unit]."""
        return target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Eq. (1) [unit]."""
        return rows.itmo_period_total

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """(A) settled in T (one adjustment at the end of the period) [unit]."""
        return at_target_year(self.need(rows), rows.itmo_total)

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """(B) bought in the years it is used, ``ITMO_i^total`` (eq. 2) [unit]."""
        return each_year(rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_T = sum_i ITMO_i^total``, zero before T (eqs. 1, 10) [unit]."""
        return at_target_year(rows.itmo_period_total, rows.itmo_total)


@dataclass(frozen=True, kw_only=True)
class Vintage:
    """Vintage method (발행연도 방식): only ITMOs of the NDC year's vintage count.

    Need (A), eq. (11) with (10): ``ITMO_T^total = NE_T^enet - NDC_T^e``.
    Usage (B): the target year's ITMO use ``ITMO_T^total`` (Table 4).
    """

    name: ClassVar[str] = "vintage"
    label_en: ClassVar[str] = "Vintage"
    label_ko: ClassVar[str] = "발행연도 방식"
    equations: ClassVar[str] = "(11) first form, (10), (10-1)"
    wording: ClassVar[str] = (
        "Only ITMOs of the same vintage as the single-year NDC may be transferred or used "
        "(draft text, 2019)."
    )
    adopted_in_2_cma_3: ClassVar[bool] = False
    timing: ClassVar[tuple[str, str]] = ("target-year", "target-year")
    texts: ClassVar[Mapping[str, Any]] = method_texts.VINTAGE

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (11) = eq. (10) [unit]."""
        return target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """``ITMO_T^total`` [unit]."""
        return rows.itmo_total[..., -1]

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """(A) bought in T: only T-vintage ITMOs count [unit]."""
        return at_target_year(self.need(rows), rows.itmo_total)

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """(B) = ``ITMO_T^total`` bought in T [unit]."""
        return at_target_year(self.usage(rows), rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_T = ITMO_T^total``, zero before T (eq. 11, first form) [unit]."""
        return at_target_year(rows.itmo_total[..., -1], rows.itmo_total)


@dataclass(frozen=True, kw_only=True)
class Averaging:
    """Averaging method (평균방식): the NDC year is adjusted by the period's average.

    To cover the target-year need with an annual average, the period must
    supply n times it. Need (A), eq. (11-1) second form:
    ``ITMO^total = n x (NE_T^enet - NDC_T^e)``, n = years in the period (10 in
    the paper). Usage (B), eq. (1).
    """

    name: ClassVar[str] = "averaging"
    label_en: ClassVar[str] = "Averaging"
    label_ko: ClassVar[str] = "평균방식"
    equations: ClassVar[str] = "(11) second form, (11-1), (1)"
    wording: ClassVar[str] = (
        "The average annual amount of ITMOs over the period (cumulative amount divided by the "
        "elapsed years) is applied as an indicative adjustment each year and in the NDC year "
        "(draft text, 2019)."
    )
    adopted_in_2_cma_3: ClassVar[bool] = True
    timing: ClassVar[tuple[str, str]] = ("spread", "annual")
    texts: ClassVar[Mapping[str, Any]] = method_texts.AVERAGING

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (11-1) [unit]."""
        n = rows.national_net.shape[YEAR_AXIS]
        return n * target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Eq. (1) [unit]."""
        return rows.itmo_period_total

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """(A) / n bought in every year [unit]."""
        return spread_evenly(self.need(rows), rows.itmo_total)

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """(B) bought in the years it is used, ``ITMO_i^total`` (eq. 2) [unit]."""
        return each_year(rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_i = (1/n) sum_j ITMO_j^total`` in every year (eq. 11, second form) [unit]."""
        mean = np.mean(rows.itmo_total, axis=YEAR_AXIS, keepdims=True)
        return np.broadcast_to(mean, np.shape(rows.itmo_total)).astype(float)


@dataclass(frozen=True, kw_only=True)
class Trajectory:
    """Trajectory method (경로방식): annual adjustments against a multi-year path.

    With the derived annual NDC path as the trajectory (the paper, footnote
    13), need (A) is eq. (12) summed by eq. (1):
    ``sum_i (NE_i^enet - NDC_i^e)``. Usage (B), eq. (1).
    """

    name: ClassVar[str] = "trajectory"
    label_en: ClassVar[str] = "Trajectory"
    label_ko: ClassVar[str] = "경로방식"
    equations: ClassVar[str] = "(12), (12-1), (1)"
    wording: ClassVar[str] = (
        "A multi-year emissions trajectory, trajectories or budget consistent with the NDC, "
        "with annual adjustments for the ITMOs first transferred and used each year "
        "(draft text, 2019)."
    )
    adopted_in_2_cma_3: ClassVar[bool] = True
    timing: ClassVar[tuple[str, str]] = ("annual", "annual")
    texts: ClassVar[Mapping[str, Any]] = method_texts.TRAJECTORY

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (12): ``ITMO_i^total = NE_i^enet - NDC_i^e`` [unit], shape (samples, years)."""
        return annual_excess(rows, rows.ndc_target)

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (12) summed over the period by eq. (1) [unit]."""
        return period_total(self.annual_need(rows))

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Eq. (1) [unit]."""
        return rows.itmo_period_total

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """(B) bought in the years it is used, ``ITMO_i^total`` (eq. 2) [unit]."""
        return each_year(rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_i = ITMO_i^total``, each year's own use (eq. 12), so Balance_i = NDC_i^e [unit]."""
        return each_year(rows.itmo_total)


#: The registry, in the order of the paper's Table 4, then in order of registration.
METHODS: dict[str, CAMethod] = {}

#: Method sets (``compare --methods``): the names each set evaluates, in order.
#: ``paper`` is the default set: the paper's four, and any method registered into it.
METHOD_SETS: dict[str, list[str]] = {"paper": [], "adopted": [], "all": []}


def register(method: CAMethod, sets: tuple[str, ...] = ("all",)) -> CAMethod:
    """Add ``method`` to :data:`METHODS` under its name, and to the method ``sets``; return it.

    A method registered into ``paper`` (the default set) appears wherever the
    default comparison goes: ``compare``, costs, the balance view, sweeps,
    sensitivity and the app.

    Raises
    ------
    TypeError
        When ``method`` lacks part of the :class:`CAMethod` protocol, or names
        a timing not in :data:`TIMING_TEXT`.
    """
    if not isinstance(method, CAMethod):
        missing = [a for a in CAMethod.__protocol_attrs__ if not hasattr(method, a)] \
            if hasattr(CAMethod, "__protocol_attrs__") else []
        raise TypeError(f"{method!r} does not provide the CAMethod protocol (missing {missing})")
    if any(t not in TIMING_TEXT for t in method.timing):
        raise TypeError(f"{method.name}: timing {method.timing!r}; each one of {sorted(TIMING_TEXT)}")
    unknown = [s for s in sets if s not in METHOD_SETS]
    if unknown:
        raise TypeError(f"{method.name}: unknown method sets {unknown}; of {sorted(METHOD_SETS)}")
    METHODS[method.name] = method
    for s in sets:
        if method.name not in METHOD_SETS[s]:
            METHOD_SETS[s].append(method.name)
    return method


def unregister(name: str) -> None:
    """Remove the method ``name`` from :data:`METHODS` and every set (for temporary methods)."""
    METHODS.pop(name, None)
    for names in METHOD_SETS.values():
        if name in names:
            names.remove(name)


def default_methods() -> list[CAMethod]:
    """The methods of the default set (``paper``), in order."""
    return [METHODS[n] for n in METHOD_SETS["paper"]]


def describe_timing(method: CAMethod) -> str:
    """Words for a method's purchase timing, e.g. for documentation and output."""
    a, b = method.timing
    return f"need: {TIMING_TEXT[a]}; usage: {TIMING_TEXT[b]}"


#: The four methods the paper quantifies (Table 4), in its order.
PAPER_METHODS: tuple[str, ...] = ("cumulative", "vintage", "averaging", "trajectory")

for _m in (Cumulative(), Vintage(), Averaging(), Trajectory()):
    register(_m, sets=("paper", "all"))
