"""A reading of Table 4 in words: does each method need more or fewer ITMOs than are used.

For method ``m`` with gap ``A - B`` at the low and the high bound,

* ``more``:  ``A - B > 0`` at every bound shown; the amounts are ``A - B``;
* ``fewer``: ``A - B < 0`` at every bound shown; the amounts are ``B - A``;
* ``equal``: ``|A - B| <= tolerance`` at every bound (need equals usage);
* ``mixed``: otherwise (the sign depends on the bound); the amounts are ``A - B``.

Amounts are in the scenario's unit, sorted ascending. The tolerance absorbs
floating-point noise (``1e-9`` of the unit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from article6.model.evaluate import Result

TOLERANCE = 1e-9


@dataclass(frozen=True)
class GapReading:
    """How method ``method``'s need compares with its usage, with the amounts [unit]."""

    method: str
    kind: str
    low: float
    high: float


def gap_readings(result: Result) -> list[GapReading]:
    """One :class:`GapReading` per method of ``result`` (samples = the bounds shown)."""
    out = []
    for name, m in result.methods.items():
        gap = np.asarray(m.gap, dtype=float)
        if np.all(np.abs(gap) <= TOLERANCE):
            kind, amounts = "equal", np.zeros_like(gap)
        elif np.all(gap > 0):
            kind, amounts = "more", gap
        elif np.all(gap < 0):
            kind, amounts = "fewer", -gap
        else:
            kind, amounts = "mixed", gap
        lo, hi = float(np.min(amounts)) + 0.0, float(np.max(amounts)) + 0.0
        out.append(GapReading(name, kind, lo, hi))
    return out
