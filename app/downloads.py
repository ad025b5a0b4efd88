"""Downloads: the results as CSV, Excel and JSON, and the scenario as TOML."""

from __future__ import annotations

import base64
from typing import Any

import pandas as pd

from article6.io import jsonout, spreadsheet
from article6.io.decimals import tidy
from article6.io.tables import (
    table3,
    table4,
)
from article6.model.evaluate import Result
from article6.model.methods import METHODS
from article6.schema.scenario import BOUNDS

from .frames import table4_frame
from .options import comparison, flags, question, recorded_choices
from .scenarios import scenario_of
from .uploads import toml_text

# --------------------------------------------------------------------------- downloads


def compare_json(doc: dict[str, Any], options: dict[str, str] | None = None) -> str:
    """Exactly what ``article6 compare --json`` prints for ``doc`` with :func:`app.options.cli_flags`.

    Both call :func:`article6.analyses.compare.compare` with the same arguments.
    """
    return jsonout.dumps(comparison(doc, options).document) + "\n"


def results_long(doc: dict[str, Any], options: dict[str, str] | None = None) -> pd.DataFrame:
    """The compare document as one tidy table: scenario, bound, variable, unit, year, value.

    Annual rows have a year; per-method need/usage/gap have ``year`` empty
    (they are period totals, A and B of Table 4).
    """
    doc = comparison(doc, options).document
    recs = []
    for b, body in doc["bounds"].items():
        for n, values in body["rows"].items():
            for y, v in zip(doc["years"], values, strict=True):
                recs.append((doc["scenario"], b, n, doc["unit"], y, v))
        for m, res in body["methods"].items():
            for k in ("need", "usage", "gap"):
                recs.append((doc["scenario"], b, f"{m}_{k}", doc["unit"], None, res[k]))
    df = pd.DataFrame(recs, columns=["scenario", "bound", "variable", "unit", "year", "value"])
    df["year"] = df["year"].astype("Int64")
    return df


def results_csv(doc: dict[str, Any], options: dict[str, str] | None = None) -> str:
    """:func:`results_long` as CSV text, each number in its shortest exact form.

    Values are :func:`article6.io.decimals.tidy` (float noise below 1e-9 of the unit
    removed), written by pandas with ``repr``: ``22.356``, not ``22.355999999999998``.
    """
    df = results_long(doc, options)
    df["value"] = tidy(df["value"].to_numpy())
    return spreadsheet.write_csv(df, index=False)


#: Column headers of the numeric Table 4 sheet: (quantity, bound) -> header.
_T4_COLUMNS = {
    (k, b): f"{k} ({'A' if k == 'need' else 'B' if k == 'usage' else 'A-B'}), {b} bound"
    for k in ("need", "usage", "gap")
    for b in BOUNDS
}


def table4_numbers(result: Result) -> pd.DataFrame:
    """Table 4 with one number per cell: each quantity at the low and at the high bound."""
    cells = table4(result)
    data: dict[str, list] = {"method": [METHODS[n].label_en if n in METHODS else n for n in cells.index]}
    for (k, b), head in _T4_COLUMNS.items():
        data[head] = [float(tidy(cell[BOUNDS.index(b)])) for cell in cells[k]]
    data["allowed under 2/CMA.3"] = [
        bool(METHODS[n].adopted_in_2_cma_3) if n in METHODS else None for n in cells.index
    ]
    return pd.DataFrame(data)


def table3_numbers(result: Result) -> pd.DataFrame:
    """Table 3 per year, one number per cell: row, year, value at the low and the high bound."""
    rows = result.rows.as_dict()
    recs = []
    for name in rows:
        for i, y in enumerate(result.years):
            lo, hi = (float(tidy(rows[name][s, i])) for s in (0, -1))
            recs.append({"row": name, "year": y, "low bound": lo, "high bound": hi})
    return pd.DataFrame(recs)


def paths_numbers(gaps: dict[str, Any]) -> pd.DataFrame:
    """The trajectory method under each submitted path, numbers per bound."""
    recs = []
    for key, by_bound in gaps.items():
        path, netting = key.split("/")
        rec: dict[str, Any] = {"path": path, "netting": netting}
        for (k, b), head in _T4_COLUMNS.items():
            rec[head] = float(tidy(by_bound[b][k]))
        recs.append(rec)
    return pd.DataFrame(recs)


def results_excel(doc: dict[str, Any], options: dict[str, str] | None = None) -> bytes:
    """An Excel workbook (openpyxl) of the results for the options chosen; every cell a number.

    Sheets: Table 4 and Table 3 with the low and the high bound in separate numeric
    columns, the trajectory method under each path, all values (long), Table 4 as the
    paper prints it (text, for reading), the scenario with the options and flags.
    """
    cmp = comparison(doc, options, paths=True)
    scenario, result = cmp.scenario, cmp.result
    values = results_long(doc, options)
    values["value"] = tidy(values["value"].to_numpy())
    # the choices as the question resolved them, then as given (a link's query), then as flags
    chosen = recorded_choices(question(doc, options))
    given = chosen["given"]
    scenario_sheet = pd.DataFrame(
        {
            "key": ["id", "title", "unit", "sources", *chosen["resolved"], "choices given",
                    "command flags"],
            "value": [
                scenario.id,
                scenario.title,
                scenario.unit,
                "; ".join(scenario.sources),
                *chosen["resolved"].values(),
                "&".join(f"{k}={v}" for k, v in given.items()),
                " ".join(flags(given)),
            ],
        }
    )
    return spreadsheet.write_excel({
        "Table 4": table4_numbers(result),
        "Table 3": table3_numbers(result),
        "Trajectory paths": paths_numbers(cmp.path_gaps),
        "values": values,
        "Table 4 as printed": table4_frame(result, False, "en"),
        "scenario": scenario_sheet,
    }, index=False)


def interval_cells(result: Result) -> pd.DataFrame:
    """Table 4 cells as ``(low, high)`` tuples (engine: :func:`article6.io.tables.table4`)."""
    return table4(result)


def table3_cells(result: Result) -> pd.DataFrame:
    """Table 3 cells as ``(low, high)`` tuples (engine: :func:`article6.io.tables.table3`)."""
    return table3(result)


#: Download kinds: name -> (file suffix, builder of (doc, options) returning str or bytes).
DOWNLOADS = {
    "csv": (".csv", results_csv),
    "xlsx": (".xlsx", results_excel),
}


def download(kind: str, doc: dict[str, Any], options: dict[str, str] | None = None) -> dict[str, Any]:
    """A ``dcc.Download`` payload: results as CSV, Excel or JSON, or the scenario as TOML.

    Results follow the method options (:func:`app.options.cli_flags` gives the equivalent
    ``article6 compare`` flags); the TOML is the edited scenario itself.
    """
    sc = scenario_of(doc)
    if kind == "toml":
        return {"content": toml_text(doc), "filename": f"{sc.id}.toml", "base64": False}
    if kind == "json":
        return {"content": compare_json(doc, options), "filename": f"{sc.id}.json", "base64": False}
    suffix, build = DOWNLOADS[kind]
    body = build(doc, options)
    if isinstance(body, bytes):
        return {
            "content": base64.b64encode(body).decode("ascii"),
            "filename": f"{sc.id}{suffix}",
            "base64": True,
        }
    return {"content": body, "filename": f"{sc.id}{suffix}", "base64": False}
