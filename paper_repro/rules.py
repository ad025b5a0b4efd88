"""The paper's own rounding of intermediate values, written out as rules.

Two printed cells of Table 4 do not follow from rounding the exact result:
they follow from the authors rounding an intermediate figure to one decimal
and then using the rounded figure again. Each rule below takes the engine's
exact, unrounded outputs (never a printed figure) and applies that rounding.

R1 (averaging need)
    ``A_avg = n x round(A_cum, 1)``: the paper multiplies the *rounded*
    cumulative need by the period length n = 10. High bound: exact
    ``10 x 36.976 = 369.76`` prints as 369.8; the paper prints 370.0 = 10 x 37.0.
R2 (comparison A - B)
    ``gap = round(A, 1) - round(B, 1)`` with A itself from R1 for averaging:
    the paper subtracts rounded figures. High bound averaging: exact
    ``369.76 - 242.113 = 127.647`` prints as 127.6; the paper prints
    127.9 = 370.0 - 242.1.

Rounding is half away from zero at the printed number of decimals, on the
decimal representation of the float (so 0.05 rounds to 0.1).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from article6.model.evaluate import Result
from article6.model.methods import target_year_need

#: Decimals the paper carries for its intermediate figures (Tables 3 and 4).
INTERMEDIATE_DECIMALS = 1

RULES = {
    "R1": "averaging need = n x round(cumulative need, 1) (the paper multiplies the rounded "
          "cumulative need by the period length)",
    "R2": "gap = round(A, 1) - round(B, 1), A by R1 for averaging (the paper subtracts the "
          "rounded figures)",
}


def paper_round(x: float, decimals: int) -> Decimal:
    """Round half away from zero at ``decimals``, on the float's shortest decimal repr."""
    q = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP) + 0


def _r(x: float) -> float:
    return float(paper_round(x, INTERMEDIATE_DECIMALS))


def rounded_need(result: Result, method: str, b: int) -> tuple[float, list[str]]:
    """Need (A) at bound row ``b`` as the paper forms it; returns (value, rules used)."""
    if method == "averaging":
        n = len(result.years)
        return n * _r(float(target_year_need(result.rows)[b])), ["R1"]
    return _r(float(result.methods[method].need[b])), []


def rounded_usage(result: Result, method: str, b: int) -> tuple[float, list[str]]:
    """Usage (B) at bound row ``b`` rounded to one decimal, as printed."""
    return _r(float(result.methods[method].usage[b])), []


def rounded_gap(result: Result, method: str, b: int) -> tuple[float, list[str]]:
    """Gap A - B at bound row ``b`` from the rounded A and B (R2)."""
    a, used = rounded_need(result, method, b)
    u, _ = rounded_usage(result, method, b)
    return float(np.round(a - u, 10)), used + ["R2"]


PAPER_PIPELINE = {"need": rounded_need, "usage": rounded_usage, "gap": rounded_gap}
