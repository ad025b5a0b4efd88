"""One numeric input of a scenario over its period, at the ``low`` and ``high`` bound.

A :class:`Series` is a few independent *groups* mapped onto the years by a
basis matrix; the scenario loader (:mod:`article6.schema.scenario`), the anchors
(:mod:`article6.schema.anchors`) and the sweep's draws (:mod:`article6.sweep`) build
and read it. Values are in the scenario's unit (emissions) or 1 (shares).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

Bound = Literal["low", "high"]
#: The two bounds every scenario is evaluated at (docs/scenario-format.md).
BOUNDS: tuple[Bound, Bound] = ("low", "high")


def frozen(a) -> np.ndarray:
    """``a`` as a read-only float array."""
    a = np.asarray(a, dtype=float)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class Series:
    """One numeric input over the period, at both bounds.

    A series is a few independent *groups* (one per block, one per year of a
    per-year table, one for a number or range given for the whole period, one
    per anchor year) mapped onto the years by a non-negative ``basis`` matrix:
    ``value[year] = basis[year, :] @ value[group]``. A sweep draws one number
    per group within ``[group_low, group_high]``; the bounds are the images of
    the group bounds.

    Attributes
    ----------
    group_low, group_high
        Bounds of each group, shape ``(groups,)``.
    basis
        Shape ``(years, groups)``: indicator columns for blocks and per-year
        tables, interpolation weights for anchors.
    form
        How the file gave it: ``number``, ``range``, ``per-year``, ``blocks``,
        ``anchors`` or ``target-year``.
    """

    group_low: np.ndarray
    group_high: np.ndarray
    basis: np.ndarray
    form: str

    def __deepcopy__(self, memo) -> Series:
        return self  # immutable: its arrays are read-only

    @property
    def low(self) -> np.ndarray:
        """Values at the low bound, shape ``(years,)``."""
        return frozen(self.basis @ self.group_low)

    @property
    def high(self) -> np.ndarray:
        """Values at the high bound, shape ``(years,)``."""
        return frozen(self.basis @ self.group_high)

    @property
    def ranged(self) -> bool:
        """True when some group differs between the bounds."""
        return bool(np.any(self.group_low != self.group_high))

    @property
    def ranged_groups(self) -> np.ndarray:
        """Indices of the groups whose low and high differ."""
        return np.flatnonzero(self.group_low != self.group_high)

    def at(self, bound: Bound) -> np.ndarray:
        """Return the values at ``bound`` (``'low'`` or ``'high'``)."""
        return self.low if bound == "low" else self.high

    def scaled(self, factor: float) -> Series:
        """Return the series multiplied by ``factor`` (a unit conversion)."""
        return replace(
            self, group_low=frozen(self.group_low * factor),
            group_high=frozen(self.group_high * factor),
        )

    def per_year(self) -> Series:
        """Return the same bounds with one group per year (``--vary year``).

        Only meaningful for indicator bases (blocks, per-year, number, range);
        anchors keep their interpolation and are returned unchanged.
        """
        if self.form == "anchors":
            return self
        n = self.basis.shape[0]
        return Series(self.low, self.high, frozen(np.eye(n)), "per-year")

    @staticmethod
    def from_groups(groups: list[tuple[int, ...]], lows, highs, n_years: int, form: str) -> Series:
        """Build an indicator-basis series: group ``j`` covers the years ``groups[j]``."""
        basis = np.zeros((n_years, len(groups)))
        for j, idx in enumerate(groups):
            basis[list(idx), j] = 1.0
        return Series(frozen(lows), frozen(highs), frozen(basis), form)
