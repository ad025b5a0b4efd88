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

Timing: each method object says when its (A) and (B) are bought, by its
``annual_need(rows)`` and ``annual_usage(rows)`` (see :mod:`article6.model.methods`;
``timing`` names them). The costs here price exactly the schedules of the
methods that were evaluated, whatever their path or netting. The paper's
methods, a reading of Park & Oh (2020) section 2 / Table 1 and footnote 13:

* ``trajectory``: need = annual purchases of each year's need
  ``NE_i^enet - path_i`` (eq. 12 against the submitted path) at that year's
  price ``P_i`` (a budget-netted path: the netted need at ``P_T``); usage =
  each year's ITMO use ``ITMO_i^total`` (eq. 2) at ``P_i``.
* ``vintage``: need = the target-year need (eq. 11) bought at ``P_T`` (only
  T-vintage ITMOs count); usage = ``ITMO_T^total`` at ``P_T``.
* ``cumulative``: need = eq. (10) settled at T at ``P_T`` (one adjustment at
  the end of the period); usage = the period's ITMO use bought over the years it
  is used, ``ITMO_i^total`` at ``P_i``.
* ``averaging``: need = ``n x`` the target-year need (eq. 11-1) spread evenly
  over the period, ``(A) / n`` each year at ``P_i``; usage = ``ITMO_i^total``
  at ``P_i``.

Price bounds follow the scenario convention (docs/scenario-format.md): the ``low``
bound prices the ``low`` quantities at the low price, the ``high`` bound the
high quantities at the high price. For a negative gap the ``low`` bound is
therefore not the smaller cost; the table shows both ends sorted.

Price paths and their file format: :mod:`article6.schema.prices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from article6.io.tables import format_range
from article6.model.evaluate import Result
from article6.model.methods import TIMING_TEXT
from article6.schema.prices import (
    PRICE_DIR,
    PricePath,
    check_base_year,
    check_rate,
    load_price,
    parse_price,
)
from article6.schema.scenario import Scenario
from article6.schema.units import conversion_factor

#: Kept importable here: price paths live in :mod:`article6.schema.prices`, timings on the methods.
__all__ = ["PRICE_DIR", "TIMING_TEXT", "PricePath", "check_base_year", "check_rate",
           "load_price", "parse_price"]


def scenario_price(scenario: Scenario) -> PricePath | None:
    """The scenario's own ``[price]`` section (validated when it was loaded), or None."""
    return scenario.price


# --------------------------------------------------------------------------- engine


def discount_factors(years, rate: float, base_year: int) -> np.ndarray:
    """``D_i = (1 + r)^-(i - b)``, shape ``(years,)`` [1]; 1 in the base year."""
    y = np.asarray(years, dtype=float)
    return (1.0 + rate) ** -(y - base_year)


def schedules(name: str, result: Result) -> tuple[np.ndarray, np.ndarray]:
    """Purchase schedules of the method evaluated as ``name``: ``(q_need, q_usage)`` [unit].

    Each is shaped (samples, years) and sums over the years to that method's
    (A) and (B) in ``result``: the method object's own ``annual_need`` and
    ``annual_usage`` on the rows it was evaluated on.
    """
    method = result.methods[name].method
    return (np.asarray(method.annual_need(result.rows), dtype=float),
            np.asarray(method.annual_usage(result.rows), dtype=float))


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
    labels: dict[str, str] = field(default_factory=dict)

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
        the high price, matching :func:`article6.model.evaluate.evaluate_bounds`.
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
                               tuple(result.methods[name].method.timing))
    labels = {n: m.method.label_en for n, m in result.methods.items()}
    return CostResult(price, unit, rate, base, out, labels)


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
    names = [costs.labels.get(n, n) for n in costs.methods]
    return pd.DataFrame(data, index=names)


def price_note(price: PricePath) -> str:
    """One line describing the price path used (for the text output)."""
    lo, hi = float(np.min(price.low)), float(np.max(price.high))
    what = {"values": "per-year path", "flat": "same range every year",
            "reference_points": "band of reference points (not a forecast): "
            + ", ".join(f"{v:,.0f} on {d}" for d, v in price.reference_points)}[price.form]
    return f"Price {lo:,.0f}~{hi:,.0f} {price.label} ({what}; {price.source})"
