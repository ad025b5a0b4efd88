"""The submitted indicative trajectory of the trajectory method, and the NDC_T it ends at.

The paper evaluates the trajectory method with its own derived annual NDC
path as the submitted trajectory (section 4.2, footnote 13), which makes the
method's gap zero by construction. Which trajectory a Party actually submits
moves the answer; this module offers the choices and the need they imply.

Path choices (:data:`PATH_CHOICES`), each an array ``path_i`` shaped
(samples, years) [unit]:

``derived``
    ``NDC_i^e`` of eq. (8) at equality (the paper's default). In the paper's
    model it works out to ``Trajectory_i^e - Sink_i^e - ITMO_i^net``, i.e.
    ``Trajectory_i^e - Sink_i^e`` in every year, less ``ITMO_T^net`` in T.
``roadmap``
    ``Trajectory_i^e`` as the roadmap publishes it (574~608 Mt in 2030 for
    Korea; footnote 13 contrasts it with the 536 Mt NDC). It excludes sinks,
    and is compared, like every path, with national net emissions NE_i^enet.
``linear``
    A straight line from the first year's national net emissions
    ``NE_1^enet`` to ``NDC_T^e``.
``user``
    Per-year values given in the scenario's ``[path]`` table.

Need (A) against a path, for ``netting``:

``annual`` (default)
    ``A = sum_i max(NE_i^enet - path_i, 0)``: each year above the path needs
    ITMOs for its excess; a year *below* the path leaves a surplus that is
    **not credited** to other years (it needs zero ITMOs, and does not reduce
    the need of any other year).
``budget``
    ``A = max(sum_i (NE_i^enet - path_i), 0)``: the path read as a multi-year
    budget ``sum_i path_i``; years below the path offset years above it.

For ``derived`` with ``annual`` netting the need is eq. (12) summed by eq. (1)
exactly as the paper does, ``sum_i (NE_i^enet - NDC_i^e)``, unclipped (each
term equals ``ITMO_i^total >= 0`` in the paper's model, so clipping would be
moot; it is left out so the reproduction is bit-identical).

NDC_T (``ndc_target`` mode, :data:`NDC_TARGET_MODES`): ``derived`` takes
``NDC_T^e`` from eq. (8-1) at equality (536~570 Mt for the paper, the values
Table 3 prints); ``stated`` takes the scenario's ``[ndc] target`` (536 Mt,
which the paper's text uses for the cumulative method), applied by
:func:`with_stated_target`.

Every function works on arrays shaped (samples, years), year axis last, with
no loop over samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np

from article6 import errors as E
from article6.model import method_texts
from article6.model.evaluate import MethodOptions, evaluate_bounds, stated_target, with_stated_target
from article6.model.methods import annual_excess, at_target_year, each_year
from article6.model.usage import YEAR_AXIS, UsageRows, period_total
from article6.schema.path_table import NETTING
from article6.schema.series import BOUNDS

#: Defined in :mod:`article6.model.evaluate`; importable from here as before.
__all__ = ["NETTING", "stated_target", "with_stated_target"]

#: Submitted-trajectory choices.
PATH_CHOICES: tuple[str, ...] = ("derived", "roadmap", "linear", "user")
#: Where NDC_T comes from.
NDC_TARGET_MODES: tuple[str, ...] = ("derived", "stated")



# --------------------------------------------------------------------------- paths


def derived_path(rows: UsageRows) -> np.ndarray:
    """``path_i = NDC_i^e`` (eq. 8 at equality; its T entry follows the NDC_T mode) [unit]."""
    return rows.ndc_target


def roadmap_path(rows: UsageRows) -> np.ndarray:
    """``path_i = Trajectory_i^e`` as published (sinks excluded) [unit]."""
    return rows.trajectory


def linear_between(start, end, n_years: int) -> np.ndarray:
    """Straight lines from ``start`` (first year) to ``end`` (year T), shape (samples, years).

    ``path_i = start + (end - start) x k / (n - 1)``, k = 0..n-1 [unit]; with
    one year the path is ``end``. ``start`` and ``end`` broadcast to (samples,).
    """
    start = np.asarray(start, dtype=float)[..., None]
    end = np.asarray(end, dtype=float)[..., None]
    frac = np.linspace(0.0, 1.0, n_years) if n_years > 1 else np.ones(1)
    return start + (end - start) * frac


def linear_path(rows: UsageRows) -> np.ndarray:
    """``path_i`` on the line from ``NE_1^enet`` to ``NDC_T^e`` [unit], shape (samples, years)."""
    n = rows.national_net.shape[YEAR_AXIS]
    return linear_between(rows.national_net[..., 0], rows.ndc_target[..., -1], n)


def linear_paths(start_low, start_high, end_low, end_high, draws, n_years: int) -> np.ndarray:
    """Linear submitted paths drawn between ranges of start and end points (for sweeps).

    Parameters
    ----------
    start_low, start_high
        Range of the path's first-year value [unit].
    end_low, end_high
        Range of the path's target-year value NDC_T [unit].
    draws
        Uniform numbers in [0, 1], shape (samples, 2): column 0 places the
        start, column 1 the end, ``x = low + u x (high - low)``. The caller
        owns the random stream (seed, design), so any engine reproduces it.
    n_years
        Years in the period.

    Returns
    -------
    numpy.ndarray
        Paths shaped (samples, years) [unit], for ``SubmittedTrajectory(path="user", values=...)``.
    """
    u = np.asarray(draws, dtype=float)
    if u.ndim != 2 or u.shape[1] != 2 or np.any((u < 0) | (u > 1)) or not np.all(np.isfinite(u)):
        raise ValueError("draws must be shaped (samples, 2) with values in [0, 1]")
    if start_low > start_high or end_low > end_high:
        raise ValueError("ranges need low <= high")
    start = start_low + u[:, 0] * (start_high - start_low)
    end = end_low + u[:, 1] * (end_high - end_low)
    return linear_between(start, end, n_years)


def path_values(rows: UsageRows, path: str, values=None) -> np.ndarray:
    """The submitted path ``path_i`` for a choice, broadcast to (samples, years) [unit]."""
    shape = rows.national_net.shape
    if path == "derived":
        out = derived_path(rows)
    elif path == "roadmap":
        out = roadmap_path(rows)
    elif path == "linear":
        out = linear_path(rows)
    elif path == "user":
        if values is None:
            raise ValueError("path 'user' needs values")
        out = np.asarray(values, dtype=float)
    else:
        raise ValueError(f"unknown path {path!r}; one of {PATH_CHOICES}")
    return np.broadcast_to(out, shape)


# --------------------------------------------------------------------------- need


def annual_need(rows: UsageRows, path_i) -> np.ndarray:
    """``max(NE_i^enet - path_i, 0)`` [unit], (samples, years): surplus years need zero."""
    return np.maximum(annual_excess(rows, path_i), 0.0)


def path_need(rows: UsageRows, path_i, netting: str = "annual") -> np.ndarray:
    """Need (A) against a path [unit], shape (samples,).

    ``annual``: ``sum_i max(NE_i^enet - path_i, 0)`` (surplus not credited);
    ``budget``: ``max(sum_i (NE_i^enet - path_i), 0)`` (years netted).
    """
    if netting == "annual":
        return period_total(annual_need(rows, path_i))
    if netting == "budget":
        return np.maximum(period_total(annual_excess(rows, path_i)), 0.0)
    raise ValueError(f"unknown netting {netting!r}; one of {NETTING}")


# --------------------------------------------------------------------------- the method


@dataclass(frozen=True, kw_only=True, eq=False)
class SubmittedTrajectory:
    """Trajectory method (경로방식) against a chosen submitted trajectory.

    Need (A): :func:`path_need` for the path and netting chosen; with the
    defaults (``derived``, ``annual``) it is the paper's eq. (12) summed by
    eq. (1), ``sum_i (NE_i^enet - NDC_i^e)``, unclipped. Usage (B), eq. (1):
    ``sum_i ITMO_i^total``.

    Parameters
    ----------
    path
        One of :data:`PATH_CHOICES`.
    netting
        One of :data:`NETTING`.
    values
        For ``path='user'``: the path, broadcastable to (samples, years) [unit].
    name
        Registry key (``trajectory`` replaces the paper's method in a result).
    """

    path: str = "derived"
    netting: str = "annual"
    values: Any = field(default=None, repr=False)
    name: str = "trajectory"
    label_en: str = "Trajectory"
    label_ko: str = "경로방식"
    equations: str = "(12), (12-1), (1); path choice (article6.model.paths)"
    wording: str = (
        "A multi-year emissions trajectory, trajectories or budget consistent with the NDC, "
        "with annual adjustments for the ITMOs first transferred and used each year "
        "(draft text, 2019)."
    )
    adopted_in_2_cma_3: bool = True
    paper_exact: ClassVar[str] = "derived"

    def __post_init__(self):
        if self.path not in PATH_CHOICES:
            raise ValueError(f"unknown path {self.path!r}; one of {PATH_CHOICES}")
        if self.netting not in NETTING:
            raise ValueError(f"unknown netting {self.netting!r}; one of {NETTING}")
        if self.path == "user" and self.values is None:
            raise ValueError("path 'user' needs values")

    def path_values(self, rows: UsageRows) -> np.ndarray:
        """The submitted path ``path_i`` [unit], (samples, years)."""
        return path_values(rows, self.path, self.values)

    def held_at(self, base: str) -> SubmittedTrajectory:
        """The same method with a user path given at both bounds held at one ``base`` row.

        A user path carries its low and high rows (``values``, shape (2, years));
        an analysis that moves the other inputs alone (the one-at-a-time
        sensitivity) holds the path at its low row (``base='low'``) or at the
        middle of the two (``'mid'``), shape (1, years) [unit]. Any other path
        is returned as it is.
        """
        v = None if self.values is None else np.asarray(self.values, dtype=float)
        if v is None or v.ndim != 2 or v.shape[0] != 2:
            return self
        return replace(self, values=v[:1] if base == "low" else (v[:1] + v[1:]) / 2.0)

    @property
    def timing(self) -> tuple[str, str]:
        """Purchase timing (need, usage): ``annual`` netting buys each year's need that year.

        A ``budget`` is settled in T; usage is bought in the years it is used.
        """
        return ("annual", "annual") if self.netting == "annual" else ("target-year", "annual")

    @property
    def texts(self):
        """Pros and cons: the trajectory method's (:mod:`article6.model.method_texts`)."""
        return method_texts.TRAJECTORY

    def excess_need(self, rows: UsageRows) -> np.ndarray:
        """Each year's need against the path [unit], (samples, years).

        Eq. (12) for ``derived``, else clipped at 0 (a year below the path needs nothing).
        """
        p = self.path_values(rows)
        if self.path == "derived" and self.netting == "annual":
            return annual_excess(rows, p)
        return annual_need(rows, p)

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """When (A) is bought [unit], (samples, years), summing to :meth:`need`.

        ``annual`` netting: each year's own need (:meth:`excess_need`);
        ``budget``: the netted need, settled in the target year.
        """
        if self.netting == "annual":
            return self.excess_need(rows)
        return at_target_year(self.need(rows), rows.itmo_total)

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        """(B) bought in the years it is used, ``ITMO_i^total`` (eq. 2) [unit]."""
        return each_year(rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        """``CA_i = ITMO_i^total``: each year's own use, applied annually [unit]."""
        return each_year(rows.itmo_total)

    def need(self, rows: UsageRows) -> np.ndarray:
        """Need (A) [unit], shape (samples,): the annual needs summed, or the netted budget."""
        if self.netting == "annual":
            return period_total(self.excess_need(rows))
        return path_need(rows, self.path_values(rows), self.netting)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Usage (B), eq. (1): ``sum_i ITMO_i^total`` [unit]."""
        return rows.itmo_period_total


# --------------------------------------------------------------------------- [path] table


def user_path_bounds(scenario) -> tuple[np.ndarray, np.ndarray, str] | None:
    """The scenario's ``[path]`` table as (low, high, netting) [scenario unit], or ``None``.

    The table is validated when the scenario is loaded (:mod:`article6.schema.path_table`).
    """
    p = scenario.user_path
    return None if p is None else (np.asarray(p.low), np.asarray(p.high), p.netting)


def trajectory_for(scenario, path: str | None = None, netting: str | None = None,
                   name: str = "trajectory") -> SubmittedTrajectory:
    """The trajectory method for a scenario evaluated at both bounds (rows: low, high).

    ``path=None`` takes the scenario's ``[path]`` when present, else ``derived``.
    ``path='user'`` requires a ``[path]`` table. ``netting=None`` takes the
    ``[path]`` table's netting (default ``annual``).
    """
    user = user_path_bounds(scenario)
    if path is None:
        path = "user" if user is not None else "derived"
    if path == "user":
        if user is None:
            raise E.OptionError(
                scenario.path, "path",
                "a [path] table with per-year values (asked for: submitted path 'user')",
            )
        lo, hi, file_netting = user
        return SubmittedTrajectory(
            path="user", values=np.stack([lo, hi]), netting=netting or file_netting, name=name
        )
    return SubmittedTrajectory(path=path, netting=netting or "annual", name=name)


def path_gaps(scenario, ndc_target: str = "derived") -> dict[str, dict[str, dict[str, float]]]:
    """The trajectory method under every path choice, at both bounds, as plain floats.

    Returns ``{"<path>/<netting>": {"low"|"high": {"need", "usage", "gap"}}}``
    for ``derived``, ``roadmap``, ``linear`` (and ``user`` when the scenario
    has a ``[path]``), each with ``annual`` and ``budget`` netting, all from
    one call of :func:`article6.model.evaluate.evaluate_bounds`.
    """
    choices = [c for c in PATH_CHOICES if c != "user"]
    if user_path_bounds(scenario) is not None:
        choices.append("user")
    methods = [
        trajectory_for(scenario, c, n, name=f"{c}/{n}") for c in choices for n in NETTING
    ]
    res = evaluate_bounds(scenario, methods,
                          options=MethodOptions.for_scenario(scenario, ndc_target))
    return {
        key: {
            b: {"need": float(m.need[i]), "usage": float(m.usage[i]), "gap": float(m.gap[i])}
            for i, b in enumerate(BOUNDS)
        }
        for key, m in res.methods.items()
    }


def path_method_name(path: str, netting: str = "annual") -> str:
    """Registry name of a path choice in a sweep: ``trajectory_<path>`` (+ ``_budget``)."""
    return f"trajectory_{path}" + ("_budget" if netting == "budget" else "")


def sweep_path_methods(choices=("derived", "roadmap", "linear"), nettings=("annual",),
                       linear_values=None, values=None) -> list[SubmittedTrajectory]:
    """Trajectory methods for a sweep over path choices, named ``trajectory_<path>[_budget]``.

    A sweep passes these to :func:`article6.model.evaluate.evaluate` next to the
    paper's methods, and writes ``<name>_need|usage|gap`` columns. With
    ``linear_values`` (paths from :func:`linear_paths` for the same samples,
    shaped (samples, years)) a ``trajectory_linear_range`` method is added that
    evaluates each sample against its own drawn line. ``values`` maps a choice
    to per-sample paths shaped (samples, years) [unit] that replace the
    choice's own path but keep its name (``article6 sweep`` passes the drawn
    linear paths of ``--linear-start/--linear-end`` and the drawn ``[path]``
    this way).
    """
    values = values or {}
    out = []
    for c in choices:
        for n in nettings:
            if c in values:
                out.append(SubmittedTrajectory(path="user", values=values[c], netting=n,
                                               name=path_method_name(c, n)))
            else:
                out.append(SubmittedTrajectory(path=c, netting=n, name=path_method_name(c, n)))
    if linear_values is not None:
        out += [
            SubmittedTrajectory(path="user", values=linear_values, netting=n,
                                name=path_method_name("linear_range", n))
            for n in nettings
        ]
    return out
