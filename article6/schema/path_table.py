"""The ``[path]`` section of a scenario: the indicative trajectory a Party submits.

Format (values in the scenario's unit, one entry per year of the period,
ranges allowed)::

    [path]
    values = { 2021 = 650.0, ..., 2030 = 536.0 }
    netting = "annual"      # or "budget" (optional, default "annual")
    sources = ["..."]       # optional
    notes = "..."           # optional

Validated when the scenario is loaded (:func:`article6.schema.scenario.load_scenario`),
so every command refuses a bad ``[path]`` alike. How the trajectory method
uses it is :mod:`article6.model.paths`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from article6 import errors as E
from article6.schema.series import frozen
from article6.schema.validator import Validator

#: How the years of a path are combined: each year on its own, or netted as one budget.
NETTING: tuple[str, ...] = ("annual", "budget")

_PATH_KEYS = {"values", "netting", "sources", "notes"}


@dataclass(frozen=True, eq=False)
class PathTable:
    """A submitted path ``path_i`` at both bounds [unit], and how its years are netted.

    Attributes
    ----------
    low, high
        The path in each year of the period, shape ``(years,)`` [unit].
    netting
        One of :data:`NETTING`.
    sources
        Where the path comes from.
    """

    low: np.ndarray
    high: np.ndarray
    netting: str = "annual"
    sources: tuple[str, ...] = ()

    def scaled(self, factor: float) -> PathTable:
        """The same path multiplied by ``factor`` (a unit conversion)."""
        return replace(self, low=frozen(self.low * factor), high=frozen(self.high * factor))


def parse_path_table(v: Validator, tab: Any) -> PathTable:
    """Validate a ``[path]`` table for the period ``v.years``; errors name ``path.<key>``."""
    src = v.source
    if not isinstance(tab, dict):
        raise E.TypeMismatchError(src, "path", "a [path] table", tab)
    for k in tab:
        if k not in _PATH_KEYS:
            raise E.UnknownKeyError(src, f"path.{k}", "one of " + ", ".join(sorted(_PATH_KEYS)))
    if "values" not in tab:
        raise E.MissingKeyError(src, "path.values", "a per-year table { 2021 = x, ... }")
    netting = tab.get("netting", "annual")
    if netting not in NETTING:
        raise E.TypeMismatchError(src, "path.netting", "'annual' or 'budget'", netting)
    val = tab["values"]
    if not v.is_year_table(val):
        raise E.TypeMismatchError(src, "path.values", "a per-year table { 2021 = x, ... }", val)
    lo, hi = v.year_table(val, "path.values", "emission")
    sources = tab.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise E.TypeMismatchError(src, "path.sources", "a list of strings", sources)
    return PathTable(frozen(lo), frozen(hi), netting, tuple(sources))
