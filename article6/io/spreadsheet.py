"""Spreadsheet files that no spreadsheet program evaluates: every CSV and Excel writer uses this.

A text cell that begins with ``=``, ``+``, ``-`` or ``@`` (or with a tab or a
carriage return, or spaces before one of these) is taken as a formula by
Excel, LibreOffice and Google Sheets: a scenario title such as
``=HYPERLINK(...)`` would become a live link, ``=cmd|...`` a command.

* CSV has no cell types, so :func:`write_csv` writes such text with a leading
  apostrophe (:func:`formula_safe`), the spreadsheet programs' own mark for
  "this is text".
* Excel cells are typed, so :func:`write_excel` keeps the text exactly and
  stores it as a string cell with the quote-prefix flag (openpyxl would
  otherwise store text starting with ``=`` as a formula).

Numbers stay numbers in both.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

#: First characters that make a spreadsheet program read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _labels(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([lv.map(formula_safe) for lv in index.levels])
    return index.map(formula_safe)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell, column name and index label made formula-safe."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype | pd.CategoricalDtype):
            out[col] = s.astype(object).map(formula_safe)
    out.columns = _labels(out.columns)
    out.index = _labels(out.index)
    return out


def write_csv(frame: pd.DataFrame, target: str | Path | None = None, **kwargs: Any) -> str | None:
    """``frame.to_csv`` through :func:`safe_frame` (text returned when ``target`` is None)."""
    return safe_frame(frame).to_csv(target, **kwargs)


def write_excel(sheets: Mapping[str, pd.DataFrame], target: str | Path | io.BytesIO | None = None,
                **kwargs: Any) -> bytes | None:
    """Write each table to its own sheet (openpyxl); formula-like text stays inert text.

    Returns the workbook's bytes when ``target`` is None. ``kwargs`` go to
    ``DataFrame.to_excel`` (``index=False``, ...).
    """
    buf = io.BytesIO() if target is None else target
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            frame.to_excel(xw, sheet_name=name, **kwargs)
        for ws in xw.book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if formula_safe(cell.value) is not cell.value:
                        cell.data_type = "s"  # text, never a formula
                        cell.quotePrefix = True
    return buf.getvalue() if target is None else None
