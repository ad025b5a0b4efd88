"""Corresponding-adjustment methods, eqs. (10)-(12-1), as a small registry.

Each method is one frozen object with a ``name``, its labels, the wording of
the 2019 draft text (UNFCCC 2019, via the paper's Table 1) and whether decision
2/CMA.3 still allows it for a single-year NDC, plus two array functions:

* ``need(rows)``: (A), the ITMOs the method requires over the period;
* ``usage(rows)``: (B), the ITMOs the Party expects to use that the method counts.

``rows`` is :class:`article6.usage.UsageRows`, shaped (samples, years); both
functions return shape (samples,) in the scenario's unit. The gap is A - B,
formed once in :func:`article6.model.evaluate`. A Party-proposed "other
method" is one more class registered with :func:`register`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from article6.usage import YEAR_AXIS, UsageRows, period_total


@runtime_checkable
class CAMethod(Protocol):
    """What every corresponding-adjustment method provides."""

    name: str
    label_en: str
    label_ko: str
    equations: str
    wording: str
    adopted_in_2_cma_3: bool

    def need(self, rows: UsageRows) -> np.ndarray:
        """(A): ITMOs the method requires over the period, shape (samples,)."""
        ...

    def usage(self, rows: UsageRows) -> np.ndarray:
        """(B): expected ITMO use that the method counts, shape (samples,)."""
        ...


def annual_excess(rows: UsageRows, path_i) -> np.ndarray:
    """Eq. (12) against a path: ``NE_i^enet - path_i`` [unit], (samples, years).

    With the derived NDC path (``path_i = NDC_i^e``) this is the paper's eq. (12);
    :mod:`article6.paths` passes the other submitted paths. Positive where net
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

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (10) [unit]."""
        return target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Eq. (1) [unit]."""
        return rows.itmo_period_total


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

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (11) = eq. (10) [unit]."""
        return target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """``ITMO_T^total`` [unit]."""
        return rows.itmo_total[..., -1]


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

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (11-1) [unit]."""
        n = rows.national_net.shape[YEAR_AXIS]
        return n * target_year_need(rows)

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Eq. (1) [unit]."""
        return rows.itmo_period_total


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

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (12): ``ITMO_i^total = NE_i^enet - NDC_i^e`` [unit], shape (samples, years)."""
        return annual_excess(rows, rows.ndc_target)

    def need(self, rows: UsageRows) -> np.ndarray:
        """Eq. (12) summed over the period by eq. (1) [unit]."""
        return period_total(self.annual_need(rows))

    def usage(self, rows: UsageRows) -> np.ndarray:
        """Eq. (1) [unit]."""
        return rows.itmo_period_total


#: The registry, in the order of the paper's Table 4.
METHODS: dict[str, CAMethod] = {}


def register(method: CAMethod) -> CAMethod:
    """Add ``method`` to :data:`METHODS` under its name and return it."""
    if not isinstance(method, CAMethod):
        raise TypeError(f"{method!r} does not provide the CAMethod protocol")
    METHODS[method.name] = method
    return method


#: The four methods the paper quantifies (Table 4), in its order.
PAPER_METHODS: tuple[str, ...] = ("cumulative", "vintage", "averaging", "trajectory")

for _m in (Cumulative(), Vintage(), Averaging(), Trajectory()):
    register(_m)
