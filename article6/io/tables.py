"""Tables 3 and 4 in the paper's layout, as DataFrames; rounding is presentation only.

Table 3 has one column per block of years with equal values (the paper's
2021~2023, 2024~2026, 2027~2029, 2030); when years in a block differ, every
year gets its own column. Cells hold ``(low, high)`` values; :func:`format_range`
turns them into the paper's ``low~high`` text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from article6.model.evaluate import Result
from article6.model.usage import ROW_NAMES

#: Table 3 row labels, as the paper prints them.
ROW_LABELS = {
    "trajectory": "Emissions Trajectory (Trajectory_i^e)",
    "ets_offsets": "ETS Reductions in Abroad (ITMO_i^ets)",
    "national_total": "National Total Emissions (NE_i^et)",
    "sink": "Sinks (Sink_i^e)",
    "national_net": "National net Emissions (NE_i^enet)",
    "itmo_total": "Annual Total ITMO (ITMO_i^total)",
    "ndc_target": "NDC Target Emissions (NDC_i^e)",
}

#: Table 4 column labels.
METHOD_COLUMNS = {
    "need": "ITMO amount needed (A)",
    "usage": "ITMO expected usage (B)",
    "gap": "Comparison (A-B)",
}

#: Decimals the paper prints per Table 3 row (Table 4 uses one decimal).
PAPER_DECIMALS = {
    "trajectory": 0, "ets_offsets": 1, "national_total": 1, "sink": 2,
    "national_net": 1, "itmo_total": 1, "ndc_target": 0,
}


def year_columns(years: tuple[int, ...], rows: dict[str, np.ndarray]) -> list[tuple[int, int]]:
    """Group consecutive years whose every row is equal at every bound; ``[(first, last), ...]``.

    For the paper's scenario this gives 2021-2023, 2024-2026, 2027-2029, 2030.
    """
    stacked = np.concatenate([np.asarray(a).reshape(-1, len(years)) for a in rows.values()])
    groups: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(years) + 1):
        if i == len(years) or not np.array_equal(stacked[:, i], stacked[:, start]):
            groups.append((years[start], years[i - 1]))
            start = i
    return groups


def column_label(first: int, last: int) -> str:
    """``'2021~2023'`` or ``'2030'``."""
    return str(first) if first == last else f"{first}~{last}"


def table3(result: Result) -> pd.DataFrame:
    """Table 3 from a two-sample result (low, high): cells are ``(low, high)`` tuples."""
    rows = result.rows.as_dict()
    years = result.years
    cols = year_columns(years, rows)
    data = {}
    for first, last in cols:
        i = years.index(first)
        data[column_label(first, last)] = [
            (float(rows[n][0, i]), float(rows[n][-1, i])) for n in ROW_NAMES
        ]
    return pd.DataFrame(data, index=pd.Index(list(ROW_NAMES), name="row"))


def table4(result: Result) -> pd.DataFrame:
    """Table 4 from a two-sample result: one row per method, cells ``(low, high)``."""
    data = {
        col: [(float(getattr(m, col)[0]), float(getattr(m, col)[-1])) for m in result.methods.values()]
        for col in METHOD_COLUMNS
    }
    return pd.DataFrame(data, index=pd.Index(list(result.methods), name="method"))


def format_range(cell: tuple[float, float], decimals: int | None) -> str:
    """The paper's ``low~high`` text; one figure when both ends print the same.

    ``decimals=None`` prints the values to 1e-6 of the unit with trailing zeros dropped. Ranges are
    printed ascending, as the paper does (its Table 4 prints the cumulative
    gap as ``-205.1~-200.9``, high bound first).
    """
    lo, hi = sorted(cell)

    def fmt(x: float) -> str:
        if decimals is None:  # exact: every digit down to 1e-6 of the unit, no float noise
            text = f"{x:.6f}".rstrip("0").rstrip(".")
            return "0" if text in ("-0", "0", "") else text
        text = f"{x:.{decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text  # no "-0.0"

    a, b = fmt(lo), fmt(hi)
    return a if a == b else f"{a}~{b}"


def render(df: pd.DataFrame, decimals, labels: dict[str, str]) -> pd.DataFrame:
    """Format a table of ``(low, high)`` cells as text, per-row decimals allowed."""
    out = {}
    per_row = [decimals.get(idx) if isinstance(decimals, dict) else decimals for idx in df.index]
    for col in df.columns:  # column lists, not df.at per cell: the app renders on every edit
        cells = zip(df[col].tolist(), per_row, strict=True)
        out[col] = [format_range(cell, d) for cell, d in cells]
    text = pd.DataFrame(out, index=[labels.get(i, i) for i in df.index])
    return text


def table3_text(result: Result, exact: bool = False) -> pd.DataFrame:
    """Table 3 as the paper prints it (or with exact values)."""
    return render(table3(result), None if exact else PAPER_DECIMALS, ROW_LABELS)


def table4_text(result: Result, exact: bool = False) -> pd.DataFrame:
    """Table 4 as the paper prints it (or with exact values)."""
    df = table4(result).rename(columns=METHOD_COLUMNS)
    labels = {n: m.method.label_en for n, m in result.methods.items()}
    return render(df, None if exact else 1, labels)


#: Mark after a method that decision 2/CMA.3 no longer allows (legend and optional column).
NOT_ADOPTED_MARK = "† not in 2/CMA.3"


def adopted_column(result: Result) -> pd.Series:
    """Optional Table 4 column: ``allowed`` or :data:`NOT_ADOPTED_MARK` per method.

    Kept out of :func:`table4_text` so the paper-layout values stay unchanged;
    ``compare --mark-adopted`` prints it beside Table 4.
    """
    labels = [m.method.label_en for m in result.methods.values()]
    marks = [
        "allowed (para 7)" if m.method.adopted_in_2_cma_3 else NOT_ADOPTED_MARK
        for m in result.methods.values()
    ]
    return pd.Series(marks, index=pd.Index(labels, name="method"), name="2/CMA.3")


def paths_text(gaps: dict, exact: bool = False) -> pd.DataFrame:
    """The trajectory method under each path choice (from :func:`article6.model.paths.path_gaps`).

    Rows ``<path>/<netting>``; columns need (A), usage (B), gap (A-B), cells ``low~high``.
    """
    data = {
        METHOD_COLUMNS[c]: [(g["low"][c], g["high"][c]) for g in gaps.values()]
        for c in METHOD_COLUMNS
    }
    df = pd.DataFrame(data, index=pd.Index(list(gaps), name="path/netting"))
    return render(df, None if exact else 1, {})
