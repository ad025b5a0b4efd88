"""ITMO price paths: a price per year at the ``low`` and ``high`` bound, validated once.

A price path gives ``P_i``, the price of one ITMO in year ``i`` [currency per
``per``, e.g. KRW / t CO2e]. It comes from a price file (``--price FILE``), a
preset of ``data/prices/`` (``--price NAME``) or the ``[price]`` section of a
scenario, which :func:`article6.schema.scenario.load_scenario` validates with
:func:`parse_price` when the file is loaded.

Price file format (``data/prices/*.toml``; the same table may appear as the
``[price]`` section of a scenario)::

    schema = 1
    [price]
    currency = "KRW"          # three capital letters (ISO 4217 style)
    per = "t CO2e"            # optional, default 't CO2e'
    # exactly one of:
    values = { 2021 = 10000, 2022 = { low = 8000, high = 12000 }, ... }  # every year
    flat = { low = 8640, high = 40900 }   # the same number or range in every year
    reference_points = [ { date = 2015-01-12, value = 8640 }, ... ]
    #   -> every year gets [min, max] of the points: a band, not a forecast
    discount_rate = 0.045     # optional default for --discount-rate, in [0, 1]
    base_year = 2021          # optional default for --base-year
    sources = ["..."]
    notes = "..."
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from article6.errors import ChoiceError, PriceError
from article6.resources import price_dir
from article6.schema.checks import year_key
from article6.schema.reading import loads_toml, read_bounded
from article6.schema.units import parse_unit

#: Directory of price presets (``--price NAME`` loads ``NAME.toml`` from here).
PRICE_DIR = price_dir()

_CURRENCY_RE = re.compile(r"[A-Z]{3}")  # matched in full (re.fullmatch)
#: Largest price file read (bytes), as for a scenario.
MAX_PRICE_BYTES = 1_000_000
_PRICE_KEYS = {
    "currency", "per", "values", "flat", "reference_points", "discount_rate", "base_year",
    "sources", "notes", "id", "title",
}
_FORMS = ("values", "flat", "reference_points")


@dataclass(frozen=True, eq=False)
class PricePath:
    """ITMO price per year at both bounds.

    Attributes
    ----------
    currency
        Currency code, e.g. ``'KRW'``.
    per
        CO2e mass the price refers to, e.g. ``'t CO2e'``.
    years
        The years priced (the scenario's period).
    low, high
        Price in each year [currency / per], shape ``(years,)``.
    form
        ``values``, ``flat`` or ``reference_points``.
    source
        File (or option) the path came from.
    """

    currency: str
    per: str
    years: tuple[int, ...]
    low: np.ndarray
    high: np.ndarray
    form: str
    source: str
    sources: tuple[str, ...] = ()
    discount_rate: float | None = None
    base_year: int | None = None
    reference_points: tuple[tuple[str, float], ...] = ()

    def bounds(self) -> np.ndarray:
        """Prices shaped ``(2, years)``: row 0 ``low``, row 1 ``high``."""
        return np.stack([self.low, self.high])

    @property
    def label(self) -> str:
        """Unit text, e.g. ``'KRW/t CO2e'``."""
        return f"{self.currency}/{self.per}"

# --------------------------------------------------------------------------- parsing


def _number(value: Any, source: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PriceError(source, key, "a price (a number >= 0)", value)
    x = float(value)
    if not math.isfinite(x):
        raise PriceError(source, key, "a finite price (not NaN or infinity)", value)
    if x < 0:
        raise PriceError(source, key, "a price >= 0", value)
    return x


def _pair(value: Any, source: str, key: str) -> tuple[float, float]:
    if isinstance(value, dict):
        if set(value) != {"low", "high"}:
            raise PriceError(source, key, "a number or a range { low = x, high = y }", value)
        lo = _number(value["low"], source, f"{key}.low")
        hi = _number(value["high"], source, f"{key}.high")
        if lo > hi:
            raise PriceError(source, key, "low <= high", value)
        return lo, hi
    x = _number(value, source, key)
    return x, x


def parse_price(
    table: Any, years: tuple[int, ...], source: str = "<price>", prefix: str = "price"
) -> PricePath:
    """Validate a ``[price]`` table for the period ``years`` and return the path.

    Raises
    ------
    PriceError
        For a missing or malformed currency, a negative or non-finite price,
        a per-year table that misses a year of the period or names another
        year, an unknown key, or not exactly one of values/flat/reference_points.
    """
    if not isinstance(table, dict):
        raise PriceError(source, prefix, "a [price] table", table)
    for k in table:
        if k not in _PRICE_KEYS:
            raise PriceError(source, f"{prefix}.{k}", "one of " + ", ".join(sorted(_PRICE_KEYS)))
    cur = table.get("currency")
    if cur is None:
        raise PriceError(source, f"{prefix}.currency", "a currency code such as 'KRW' or 'USD'")
    if not isinstance(cur, str) or not _CURRENCY_RE.fullmatch(cur):
        raise PriceError(source, f"{prefix}.currency", "three capital letters such as 'KRW'", cur)
    per = table.get("per", "t CO2e")
    parse_unit(per, source, f"{prefix}.per") if isinstance(per, str) else None
    if not isinstance(per, str):
        raise PriceError(source, f"{prefix}.per", "a CO2e mass unit such as 't CO2e'", per)
    given = [f for f in _FORMS if f in table]
    if len(given) != 1:
        raise PriceError(
            source, prefix, "exactly one of 'values', 'flat' or 'reference_points'", given or None
        )
    form = given[0]
    n = len(years)
    refs: tuple[tuple[str, float], ...] = ()
    if form == "values":
        val = table["values"]
        key = f"{prefix}.values"
        if not isinstance(val, dict) or not val:
            raise PriceError(source, key, "a per-year table { 2021 = x, ... }", val)
        lo, hi = np.full(n, np.nan), np.full(n, np.nan)
        for k, item in val.items():
            y = year_key(source, f"{key}.{k}", k, PriceError)
            if y not in years:
                raise PriceError(
                    source, f"{key}.{k}", f"a year of the period {years[0]}-{years[-1]}", y
                )
            lo[years.index(y)], hi[years.index(y)] = _pair(item, source, f"{key}.{k}")
        missing = [y for y, x in zip(years, lo, strict=True) if np.isnan(x)]
        if missing:
            raise PriceError(source, key, "a price for every year of the period",
                             f"missing {missing}")
    elif form == "flat":
        a, b = _pair(table["flat"], source, f"{prefix}.flat")
        lo, hi = np.full(n, a), np.full(n, b)
    else:
        pts = table["reference_points"]
        key = f"{prefix}.reference_points"
        if not isinstance(pts, list) or not pts:
            raise PriceError(source, key, "a non-empty list of { date, value }", pts)
        vals = []
        for j, p in enumerate(pts):
            pk = f"{key}[{j}]"
            if not isinstance(p, dict) or "date" not in p or "value" not in p:
                raise PriceError(source, pk, "a table { date = YYYY-MM-DD, value = x }", p)
            date = _as_date(p["date"])
            if date is None:
                raise PriceError(source, f"{pk}.date", "a TOML date such as 2015-01-12", p["date"])
            vals.append((date.isoformat(), _number(p["value"], source, f"{pk}.value")))
        refs = tuple(vals)
        lo = np.full(n, min(v for _, v in vals))
        hi = np.full(n, max(v for _, v in vals))
    rate = table.get("discount_rate")
    if rate is not None:
        rate = check_rate(rate, source, f"{prefix}.discount_rate")
    base = table.get("base_year")
    if base is not None:
        base = check_base_year(base, source, f"{prefix}.base_year")
    sources = table.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise PriceError(source, f"{prefix}.sources", "a list of strings", sources)
    lo.setflags(write=False)
    hi.setflags(write=False)
    return PricePath(cur, per, tuple(years), lo, hi, form, str(source), tuple(sources),
                     rate, base, refs)


def check_rate(rate: Any, source: str | None = None, key: str = "discount_rate") -> float:
    """A discount rate in [0, 1] (0.045 is 4.5 % a year), from ``source`` or, without one, a choice."""
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not math.isfinite(rate) \
            or not 0.0 <= float(rate) <= 1.0:
        _refuse(source, key, "a discount rate in [0, 1], e.g. 0.045", rate)
    return float(rate)


def check_base_year(year: Any, source: str | None = None, key: str = "base_year") -> int:
    """A base year for discounting, a whole year in 1900-2200, from ``source`` or a choice."""
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        _refuse(source, key, "a whole year such as 2021", year)
    return int(year)


def _refuse(source: str | None, key: str, expected: str, got: Any) -> None:
    if source is None:
        raise ChoiceError(key, expected, got)
    raise PriceError(source, key, expected, got)


def _as_date(x: object) -> _dt.date | None:
    """A TOML date, or the same date as ISO text ``YYYY-MM-DD`` (as it comes back from JSON)."""
    if isinstance(x, _dt.datetime):
        return None
    if isinstance(x, _dt.date):
        return x
    if isinstance(x, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", x):
        try:
            return _dt.date.fromisoformat(x)
        except ValueError:
            return None
    return None


def load_price(arg: str, years: tuple[int, ...]) -> PricePath:
    """Load ``--price FILE|PRESET``: a TOML file, or ``NAME`` of ``data/prices/NAME.toml``."""
    p = Path(arg)
    name = str(p)
    if not p.is_file():
        preset = PRICE_DIR / f"{arg}.toml"
        if re.fullmatch(r"[a-z0-9-]+", arg or "") and preset.is_file():
            p, name = preset, arg  # a preset is named by its id, not by where it is installed
        else:
            names = sorted(q.stem for q in PRICE_DIR.glob("*.toml"))
            raise ChoiceError("price",
                              "a price TOML file or a preset: " + ", ".join(names), arg)
    data = read_bounded(p, MAX_PRICE_BYTES, "price file (TOML)", PriceError)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise PriceError(p, "(file)", "UTF-8 text") from None
    doc = loads_toml(text, str(p), PriceError)
    for k in doc:
        if k not in ("schema", "price"):
            raise PriceError(p, k, "only 'schema' and a [price] table")
    if "price" not in doc:
        raise PriceError(p, "price", "a [price] table")
    return parse_price(doc["price"], years, source=name)
