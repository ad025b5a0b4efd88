"""What each corresponding-adjustment method costs at a price path.

A price path gives ``P_i``, the price of one ITMO in year ``i`` (a currency per
``t CO2e``, or per another CO2e mass given as ``per``), at the ``low`` and
the ``high`` bound. Each method's need (A) and counted usage (B) are turned
into *purchase schedules* ``q_i`` (samples, years) in the scenario's unit whose
sum over the years is exactly (A) or (B); the cost is

``C = sum_i q_i x f x P_i``                    (undiscounted)
``PV = sum_i q_i x f x P_i x (1 + r)^-(i - b)``  (discounted to base year b at rate r)

with ``f`` the number of price units (``per``) in one scenario unit
(1e6 for Mt CO2e priced per t CO2e). Costs are in the price's currency.
The cost of the gap is ``C(A) - C(B)``: what the Party must spend beyond
(positive) or short of (negative) the purchases it plans, each timed as the
method implies. With a flat price and no discounting it equals
``gap x f x P``.

Timing of each method (:data:`TIMINGS`), a reading of Park & Oh (2020)
section 2 / Table 1 and footnote 13:

* ``trajectory``: need = annual purchases of each year's need
  ``NE_i^enet - NDC_i^e`` (eq. 12) at that year's price ``P_i``; usage =
  each year's ITMO use ``ITMO_i^total`` (eq. 2) at ``P_i``.
* ``vintage``: need = the target-year need (eq. 11) bought at ``P_T`` (only
  T-vintage ITMOs count); usage = ``ITMO_T^total`` at ``P_T``.
* ``cumulative``: need = eq. (10) settled at T at ``P_T`` (one adjustment at
  the end of the period); usage = the period's ITMO use bought over the years it
  is used, ``ITMO_i^total`` at ``P_i``.
* ``averaging``: need = ``n x`` the target-year need (eq. 11-1) spread evenly
  over the period, ``(A) / n`` each year at ``P_i``; usage = ``ITMO_i^total``
  at ``P_i``.
* any other registered method: need and usage both settled at T at ``P_T``
  (the conservative reading for a single-year NDC), until the method states
  its own timing here.

Price bounds follow the scenario convention (docs/scenario-format.md): the ``low``
bound prices the ``low`` quantities at the low price, the ``high`` bound the
high quantities at the high price. For a negative gap the ``low`` bound is
therefore not the smaller cost; the table shows both ends sorted.

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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from article6.errors import OptionError, PriceError
from article6.input_checks import year_key
from article6.methods import METHODS
from article6.model import Result
from article6.reading import loads_toml, read_bounded
from article6.resources import price_dir
from article6.scenario import Scenario
from article6.units import conversion_factor, parse_unit

#: Directory of price presets (``--price NAME`` loads ``NAME.toml`` from here).
PRICE_DIR = price_dir()

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_PRICE_KEYS = {
    "currency", "per", "values", "flat", "reference_points", "discount_rate", "base_year",
    "sources", "notes", "id", "title",
}
_FORMS = ("values", "flat", "reference_points")

#: How each method's need (A) and counted usage (B) are timed (see module docstring).
TIMINGS: dict[str, tuple[str, str]] = {
    "trajectory": ("annual", "annual"),
    "vintage": ("target-year", "target-year"),
    "cumulative": ("target-year", "annual"),
    "averaging": ("spread", "annual"),
}
_DEFAULT_TIMING = ("target-year", "target-year")

#: Words for the timings, for tables and JSON.
TIMING_TEXT = {
    "annual": "each year's amount at that year's price",
    "target-year": "the whole amount at the target-year price P_T",
    "spread": "(A)/n in every year at that year's price",
}


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

#: Largest price file read (bytes), as for a scenario.
MAX_PRICE_BYTES = 1_000_000


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
    if not isinstance(cur, str) or not _CURRENCY_RE.match(cur):
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


def check_rate(rate: Any, source: str = "--discount-rate", key: str = "--discount-rate") -> float:
    """A discount rate in [0, 1] (0.045 is 4.5 % a year)."""
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not math.isfinite(rate) \
            or not 0.0 <= float(rate) <= 1.0:
        raise OptionError(source, key, "a discount rate in [0, 1], e.g. 0.045", rate)
    return float(rate)


def check_base_year(year: Any, source: str = "--base-year", key: str = "--base-year") -> int:
    """A base year for discounting, a whole year in 1900-2200."""
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise OptionError(source, key, "a whole year such as 2021", year)
    return int(year)


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
    if not p.is_file():
        preset = PRICE_DIR / f"{arg}.toml"
        if re.fullmatch(r"[a-z0-9-]+", arg or "") and preset.is_file():
            p = preset
        else:
            names = sorted(q.stem for q in PRICE_DIR.glob("*.toml"))
            raise OptionError("--price", "--price",
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
    return parse_price(doc["price"], years, source=str(p))


def scenario_price(scenario: Scenario) -> PricePath | None:
    """The scenario's own ``[price]`` section, validated, or None."""
    if "price" not in scenario.raw:
        return None
    return parse_price(scenario.raw["price"], scenario.years, source=scenario.path)


def resolve_price(scenario: Scenario, arg: str | None) -> PricePath | None:
    """The price path to use: ``--price`` if given, else the scenario's ``[price]``.

    Raises
    ------
    PriceError
        When both are given in different currencies.
    """
    own = scenario_price(scenario)
    if arg is None:
        return own
    given = load_price(arg, scenario.years)
    if own is not None and own.currency != given.currency:
        raise PriceError(
            given.source, "price.currency",
            f"the scenario's currency '{own.currency}' ({scenario.path} price.currency)",
            given.currency,
        )
    return given


# --------------------------------------------------------------------------- engine


def discount_factors(years, rate: float, base_year: int) -> np.ndarray:
    """``D_i = (1 + r)^-(i - b)``, shape ``(years,)`` [1]; 1 in the base year."""
    y = np.asarray(years, dtype=float)
    return (1.0 + rate) ** -(y - base_year)


def _at_target(amount: np.ndarray, n: int) -> np.ndarray:
    q = np.zeros(amount.shape + (n,))
    q[..., -1] = amount
    return q


def schedules(name: str, result: Result) -> tuple[np.ndarray, np.ndarray]:
    """Purchase schedules of method ``name``: ``(q_need, q_usage)``, each (samples, years) [unit].

    Each sums over the years to the method's (A) and (B) in ``result``; the
    timing is :data:`TIMINGS` (module docstring).
    """
    rows = result.rows
    n = len(result.years)
    m = result.methods[name]
    t_need, t_usage = TIMINGS.get(name, _DEFAULT_TIMING)
    if t_need == "annual":
        q_need = np.asarray(METHODS[name].annual_need(rows), dtype=float)
    elif t_need == "spread":
        q_need = np.repeat((m.need / n)[..., None], n, axis=-1)
    else:
        q_need = _at_target(m.need, n)
    q_usage = np.asarray(rows.itmo_total, dtype=float) if t_usage == "annual" \
        else _at_target(m.usage, n)
    return q_need, q_usage


@dataclass(frozen=True, eq=False)
class MethodCost:
    """Costs of one method [currency], each shaped (samples,).

    ``need``/``usage``/``gap`` are undiscounted; the ``*_pv`` are discounted
    to the base year. ``gap = need - usage``.
    """

    need: np.ndarray
    usage: np.ndarray
    gap: np.ndarray
    need_pv: np.ndarray
    usage_pv: np.ndarray
    gap_pv: np.ndarray
    timing: tuple[str, str]


@dataclass(frozen=True, eq=False)
class CostResult:
    """Costs of every method in a result, with the price and discounting used."""

    price: PricePath
    unit: str
    discount_rate: float
    base_year: int
    methods: dict[str, MethodCost]

    def as_json(self, name: str, b: int) -> dict[str, Any]:
        """The ``costs`` object of method ``name`` at sample ``b`` (compare --json)."""
        c = self.methods[name]
        return {
            "currency": self.price.currency,
            "need": float(c.need[b]) + 0.0,
            "usage": float(c.usage[b]) + 0.0,
            "gap": float(c.gap[b]) + 0.0,
            "need_discounted": float(c.need_pv[b]) + 0.0,
            "usage_discounted": float(c.usage_pv[b]) + 0.0,
            "gap_discounted": float(c.gap_pv[b]) + 0.0,
            "timing": {"need": c.timing[0], "usage": c.timing[1]},
        }

    def price_json(self) -> dict[str, Any]:
        """The top-level ``price`` object of compare --json."""
        p = self.price
        return {
            "currency": p.currency, "per": p.per, "form": p.form, "source": p.source,
            "sources": list(p.sources),
            "low": [float(x) for x in p.low], "high": [float(x) for x in p.high],
            "reference_points": [{"date": d, "value": v} for d, v in p.reference_points],
            "discount_rate": self.discount_rate, "base_year": self.base_year,
        }


def method_costs(
    result: Result, unit: str, price: PricePath,
    discount_rate: float | None = None, base_year: int | None = None,
    prices: np.ndarray | None = None,
) -> CostResult:
    """Cost each method of ``result`` (a two-sample ``evaluate_bounds`` result, or a batch).

    Parameters
    ----------
    result
        Model output; quantities in ``unit``.
    unit
        Unit of the quantities (the scenario's), converted to ``price.per``.
    price
        Price path over ``result.years``.
    discount_rate, base_year
        Override the price file's values; defaults 0 and the first year.
    prices
        Prices per sample, broadcastable to (samples, years) [currency / per];
        default ``price.bounds()``, i.e. sample 0 at the low and sample 1 at
        the high price, matching :func:`article6.model.evaluate_bounds`.
    """
    rate = price.discount_rate if discount_rate is None else discount_rate
    rate = 0.0 if rate is None else check_rate(rate)
    base = price.base_year if base_year is None else base_year
    base = result.years[0] if base is None else check_base_year(base)
    f = conversion_factor(unit, price.per)
    p = price.bounds() if prices is None else np.asarray(prices, dtype=float)
    d = discount_factors(result.years, rate, base)
    out = {}
    for name in result.methods:
        q_need, q_usage = schedules(name, result)
        need, usage = cost_of(q_need, p, f), cost_of(q_usage, p, f)
        need_pv, usage_pv = cost_of(q_need, p, f, d), cost_of(q_usage, p, f, d)
        out[name] = MethodCost(need, usage, need - usage, need_pv, usage_pv, need_pv - usage_pv,
                               TIMINGS.get(name, _DEFAULT_TIMING))
    return CostResult(price, unit, rate, base, out)


def cost_of(q: np.ndarray, price: np.ndarray, factor: float, discount=None) -> np.ndarray:
    """``sum_i q_i x f x P_i [x D_i]`` [currency], shape (samples,).

    ``q`` (samples, years) in the scenario unit, ``price`` broadcastable to it
    [currency / per], ``factor`` = per-units in one scenario unit, ``discount``
    (years,) or None.
    """
    v = np.asarray(q) * factor * price
    if discount is not None:
        v = v * discount
    return np.sum(v, axis=-1)


# --------------------------------------------------------------------------- presentation

#: Display scales for money, largest first.
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"), (1.0, ""))


def money_scale(values) -> tuple[float, str]:
    """A display scale for ``values``: ``(divisor, prefix)`` such as ``(1e9, 'bn')``."""
    top = float(np.max(np.abs(np.asarray(values, dtype=float)))) if np.size(values) else 0.0
    for div, name in _SCALES:
        if top >= div:
            return div, name
    return 1.0, ""


def cost_table(costs: CostResult, exact: bool = False):
    """Costs per method as a text DataFrame, ``low~high`` cells, in a readable scale.

    Presentation only: the numbers are :func:`method_costs`' divided by the
    display scale named in the column headers.
    """
    import pandas as pd

    from article6.tables import format_range

    cols = ("need", "usage", "gap", "need_pv", "usage_pv", "gap_pv")
    allv = np.concatenate([getattr(c, k) for c in costs.methods.values() for k in cols])
    div, pre = money_scale(allv)
    cur = f"{pre} {costs.price.currency}".strip()
    pv = f"PV {costs.base_year} @{costs.discount_rate:.1%}"
    heads = {
        "need": f"Cost of need (A) [{cur}]", "usage": f"Cost of usage (B) [{cur}]",
        "gap": f"Cost of gap A-B [{cur}]", "need_pv": f"{pv}: A", "usage_pv": f"{pv}: B",
        "gap_pv": f"{pv}: A-B",
    }
    data = {
        heads[k]: [format_range((float(getattr(c, k)[0]) / div, float(getattr(c, k)[-1]) / div),
                                None if exact else 2)
                   for c in costs.methods.values()]
        for k in cols
    }
    labels = [METHODS[n].label_en if n in METHODS else n for n in costs.methods]
    return pd.DataFrame(data, index=labels)


def price_note(price: PricePath) -> str:
    """One line describing the price path used (for the text output)."""
    lo, hi = float(np.min(price.low)), float(np.max(price.high))
    what = {"values": "per-year path", "flat": "same range every year",
            "reference_points": "band of reference points (not a forecast): "
            + ", ".join(f"{v:,.0f} on {d}" for d, v in price.reference_points)}[price.form]
    return f"Price {lo:,.0f}~{hi:,.0f} {price.label} ({what}; {price.source})"


def describe_timings(names) -> Mapping[str, str]:
    """Words for each method's timing, for documentation and output."""
    out = {}
    for n in names:
        a, b = TIMINGS.get(n, _DEFAULT_TIMING)
        out[n] = f"need: {TIMING_TEXT[a]}; usage: {TIMING_TEXT[b]}"
    return out


def scenario_costs(
    scenario: Scenario, result: Result, price_arg: str | None = None,
    discount_rate: float | None = None, base_year: int | None = None,
) -> CostResult | None:
    """Costs for ``compare``: ``--price`` or the scenario's ``[price]``; None without either.

    Raises
    ------
    OptionError
        When ``--discount-rate`` or ``--base-year`` is given without any price.
    """
    price = resolve_price(scenario, price_arg)
    if price is None:
        if discount_rate is not None or base_year is not None:
            raise OptionError("--price", "--price",
                              "a price (--price FILE|PRESET or a [price] section) "
                              "when --discount-rate or --base-year is given")
        return None
    return method_costs(result, scenario.unit, price, discount_rate, base_year)
