"""Trajectories given at anchor years, linearly interpolated in between.

An extension of the scenario format for Parties whose pre-target-year
trajectory is published only at some years::

    [trajectory]
    anchors = { 2021 = 680.0, 2023 = { low = 633.9, high = 640 }, 2030 = 436.6 }

The first and the last year of the period must be anchors. Between anchors
a and b, year y takes ``v_a + (y - a) / (b - a) * (v_b - v_a)`` at each bound;
a sweep draws each anchor once and interpolates the draw. Which years were
interpolated is kept on the series (``interpolated_years``) so that outputs can
show it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from article6 import errors as E
from article6.schema.series import Series, frozen
from article6.schema.validator import Validator


def interpolation_basis(years: tuple[int, ...], anchor_years: list[int]) -> np.ndarray:
    """Weights ``W`` (years x anchors) with ``value = W @ anchor_values``, linear in between."""
    w = np.zeros((len(years), len(anchor_years)))
    for j, a in enumerate(anchor_years):
        w[years.index(a), j] = 1.0
    for j in range(len(anchor_years) - 1):
        a, b = anchor_years[j], anchor_years[j + 1]
        for y in range(a + 1, b):
            t = (y - a) / (b - a)
            w[years.index(y), j] = 1.0 - t
            w[years.index(y), j + 1] = t
    return w


def parse_anchors(v: Validator, table: Any, interpolation: Any) -> Series:
    """Validate ``trajectory.anchors`` and return the interpolated series."""
    key = "trajectory.anchors"
    if interpolation != "linear":
        raise E.TypeMismatchError(v.source, "trajectory.interpolation", "'linear'", interpolation)
    if not v.is_year_table(table):
        raise E.TypeMismatchError(v.source, key, "a table of years { 2021 = x, 2030 = y }", table)
    years = v.years
    pts = {}
    for k, item in table.items():
        y = v.year_key(k, key)
        if y not in years:
            raise E.YearError(v.source, f"{key}.{k}", f"a year of the period {years[0]}-{years[-1]}", y)
        pts[y] = v.pair(item, f"{key}.{k}", "emission")
    for end in (years[0], years[-1]):
        if end not in pts:
            raise E.YearError(v.source, key, f"an anchor at {end} (first and last year of the period)")
    anchor_years = sorted(pts)
    lo = np.array([pts[y][0] for y in anchor_years])
    hi = np.array([pts[y][1] for y in anchor_years])
    return Series(frozen(lo), frozen(hi), frozen(interpolation_basis(years, anchor_years)), "anchors")


def interpolated_years(years: tuple[int, ...], series: Series) -> list[int]:
    """Years whose value is interpolated rather than given (empty unless anchors)."""
    if series.form != "anchors":
        return []
    return [y for y, row in zip(years, series.basis, strict=True) if not np.any(row == 1.0)]
