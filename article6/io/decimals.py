"""Numbers for interchange files (CSV, spreadsheets): float noise removed, shortest exact text.

Sums and products of decimal inputs leave binary noise in the last bits
(``22.355999999999998`` for 22.356, ``-2.84e-13`` for 0). :func:`tidy` rounds
a value to :data:`DECIMALS` decimals of its unit, far below the precision of
any input and far above the noise, and drops a negative zero; Python's
``repr`` (what pandas writes) then gives the shortest text that reads back
as exactly that float. Values differ from the unrounded ones of
``compare --json`` by at most ``0.5e-9`` of the unit.
"""

from __future__ import annotations

import numpy as np

#: Decimals of the unit kept in interchange files (1e-9 Mt CO2e is 1 g; 1e-9 t is 1 microgram).
DECIMALS = 9


def tidy(values):
    """``values`` (a number or an array) rounded to :data:`DECIMALS` decimals, without ``-0.0``."""
    return np.round(np.asarray(values, dtype=float), DECIMALS) + 0.0
