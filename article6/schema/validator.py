"""Checks pieces of a scenario document (and of the tables it holds), naming the key of each error.

One :class:`Validator` per document: :func:`article6.schema.scenario.scenario_from_dict`
makes it, and the parsers of the trajectory's anchors (:mod:`article6.schema.anchors`)
and of the ``[path]`` table (:mod:`article6.schema.path_table`) take it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from article6 import errors as E
from article6.schema import checks as C
from article6.schema.series import Series


class Validator:
    """Checks pieces of a scenario document, raising errors that name the key."""

    def __init__(self, source: str):
        self.source = source
        self.years: tuple[int, ...] = ()
        self.unit = "t CO2e"
        self.t_per_unit = 1.0

    # ---- structure
    def table(self, doc: Mapping[str, Any], key: str, required: bool) -> Mapping[str, Any]:
        """The sub-table ``doc[key]`` (empty when absent and not ``required``)."""
        if key not in doc:
            if required:
                raise E.MissingKeyError(self.source, key, f"a [{key}] table")
            return {}
        tab = doc[key]
        if not isinstance(tab, dict):
            raise E.TypeMismatchError(self.source, key, f"a [{key}] table", tab)
        return tab

    def required(self, tab: Mapping[str, Any], prefix: str, key: str) -> Any:
        """``tab[key]``, or :class:`MissingKeyError` naming ``prefix.key``."""
        if key not in tab:
            raise E.MissingKeyError(self.source, f"{prefix}.{key}", "a value (required)")
        return tab[key]

    def known_keys(self, tab: Mapping[str, Any], prefix: str, known: set[str]) -> None:
        """Refuse any key of ``tab`` outside ``known`` (usually a typo)."""
        for k in tab:
            if k not in known:
                raise E.UnknownKeyError(
                    self.source, f"{prefix}.{k}", "one of " + ", ".join(sorted(known))
                )

    def text(self, value: Any, key: str) -> None:
        """Refuse text with control characters or bidi overrides."""
        C.text(self.source, key, value)

    def period(self, value: Any) -> tuple[int, ...]:
        """The period ``[first, last]`` as the tuple of its years."""
        key = "scenario.period"
        ok = (
            isinstance(value, list) and len(value) == 2
            and all(isinstance(y, int) and not isinstance(y, bool) for y in value)
        )
        if not ok:
            raise E.YearError(self.source, key, "[first_year, last_year], two whole years", value)
        a, b = value
        if not (1900 <= a <= b <= 2200):
            raise E.YearError(self.source, key, "1900 <= first_year <= last_year <= 2200", value)
        return tuple(range(a, b + 1))

    # ---- numbers
    def number(self, value: Any, key: str, kind: str) -> float:
        """One finite number of ``kind`` (emission, share, ...), within its bounds."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise E.TypeMismatchError(self.source, key, "a number", value)
        x = float(value)
        if not math.isfinite(x):
            raise E.NonFiniteError(self.source, key, "a finite number (not NaN or infinity)", value)
        if kind == "share" and not 0.0 <= x <= 1.0:
            raise E.ShareRangeError(self.source, key, "a share in [0, 1]", value)
        if kind == "emission" and x < 0:
            raise E.NegativeEmissionError(self.source, key, "an emission quantity >= 0", value)
        if kind in ("emission", "signed"):
            C.magnitude(self.source, key, x, self.t_per_unit, self.unit)
        return x

    def pair(self, value: Any, key: str, kind: str) -> tuple[float, float]:
        """A number or a ``{low, high}`` range, as ``(low, high)``."""
        if isinstance(value, dict):
            extra = set(value) - {"low", "high"}
            if extra or "low" not in value or "high" not in value:
                raise E.TypeMismatchError(
                    self.source, key, "a range { low = x, high = y }", value
                )
            lo = self.number(value["low"], f"{key}.low", kind)
            hi = self.number(value["high"], f"{key}.high", kind)
            if lo > hi:
                raise E.RangeOrderError(self.source, key, "low <= high", value)
            return lo, hi
        x = self.number(value, key, kind)
        return x, x

    def scalar(self, value: Any, key: str, kind: str) -> float | None:
        """A number or range of ``kind`` as one value (its low), or None when absent."""
        if value is None:
            return None
        return self.number(value, key, kind)

    def is_year_table(self, value: Any) -> bool:
        """A table whose keys are not only ``low``/``high``: a per-year table (keys checked later)."""
        return isinstance(value, dict) and bool(value) and not set(value) <= {"low", "high"}

    def year_key(self, k: Any, key: str) -> int:
        """The year a per-year table key names (four ASCII digits), else ``YearError``."""
        return C.year_key(self.source, f"{key}.{k}", k)

    def year_table(self, value: Mapping[str, Any], key: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """A per-year table ``{ 2021 = x, ... }`` as (low, high) arrays over the period."""
        years = self.years
        lo = np.empty(len(years))
        hi = np.empty(len(years))
        seen = set()
        for k, item in value.items():
            y = self.year_key(k, key)
            if y not in years:
                raise E.YearError(
                    self.source, f"{key}.{k}", f"a year of the period {years[0]}-{years[-1]}", y
                )
            i = years.index(y)
            lo[i], hi[i] = self.pair(item, f"{key}.{k}", kind)
            seen.add(y)
        missing = [y for y in years if y not in seen]
        if missing:
            raise E.YearError(
                self.source, key, "one entry per year of the period", f"missing {missing}"
            )
        return lo, hi

    def value(self, value: Any, key: str, kind: str, target_year_only: bool = False) -> Series:
        """A number, range or per-year table of ``kind`` as a :class:`Series` over the period."""
        n = len(self.years)
        if self.is_year_table(value):
            lo, hi = self.year_table(value, key, kind)
            return Series.from_groups([(i,) for i in range(n)], lo, hi, n, "per-year")
        lo, hi = self.pair(value, key, kind)
        form = "range" if isinstance(value, dict) else "number"
        if target_year_only:
            return Series.from_groups([(n - 1,)], [lo], [hi], n, "target-year")
        return Series.from_groups([tuple(range(n))], [lo], [hi], n, form)

    def blocks(self, blocks: Any) -> Series:
        """Trajectory blocks ``[{ years = [a, b], low, high }, ...]`` as a :class:`Series` [unit]."""
        key = "trajectory.blocks"
        if not isinstance(blocks, list) or not blocks:
            raise E.TypeMismatchError(self.source, key, "a non-empty list of { from, to, low, high }", blocks)
        years = self.years
        covered = np.zeros(len(years), dtype=bool)
        groups, g_lo, g_hi = [], [], []
        for j, b in enumerate(blocks):
            bk = f"{key}[{j}]"
            if not isinstance(b, dict):
                raise E.TypeMismatchError(self.source, bk, "a table { from, to, low, high }", b)
            extra = set(b) - {"from", "to", "low", "high", "value"}
            if extra:
                raise E.UnknownKeyError(
                    self.source, f"{bk}.{sorted(extra)[0]}", "one of from, to, low, high, value"
                )
            for k in ("from", "to"):
                if k not in b:
                    raise E.MissingKeyError(self.source, f"{bk}.{k}", "a year")
                if isinstance(b[k], bool) or not isinstance(b[k], int):
                    raise E.YearError(self.source, f"{bk}.{k}", "a whole year", b[k])
            a, z = b["from"], b["to"]
            if a > z:
                raise E.YearError(self.source, bk, "from <= to", f"from={a}, to={z}")
            for y, k in ((a, "from"), (z, "to")):
                if y not in years:
                    raise E.YearError(
                        self.source, f"{bk}.{k}", f"a year of the period {years[0]}-{years[-1]}", y
                    )
            if "value" in b:
                if "low" in b or "high" in b:
                    raise E.TypeMismatchError(self.source, bk, "either value or low/high, not both")
                pl, ph = self.pair(b["value"], f"{bk}.value", "emission")
            else:
                pl, ph = self.pair({k: b[k] for k in ("low", "high") if k in b}, bk, "emission")
            idx = tuple(range(years.index(a), years.index(z) + 1))
            if covered[list(idx)].any():
                raise E.YearError(self.source, bk, "blocks that do not overlap", f"{a}-{z}")
            covered[list(idx)] = True
            groups.append(idx)
            g_lo.append(pl)
            g_hi.append(ph)
        missing = [y for y, c in zip(years, covered, strict=True) if not c]
        if missing:
            raise E.YearError(
                self.source, key, "blocks covering every year of the period", f"missing {missing}"
            )
        return Series.from_groups(groups, g_lo, g_hi, len(years), "blocks")
