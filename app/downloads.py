"""Downloads: the results as CSV, Excel and JSON, and the scenario as TOML."""

from __future__ import annotations

import base64
import io
from typing import Any

import pandas as pd

from article6 import jsonout
from article6.model import Result
from article6.tables import (
    table3,
    table4,
)

from .frames import paths_frame, table3_frame, table4_frame
from .options import clean_options, cli_flags, comparison
from .scenarios import OPTION_KEYS, scenario_of
from .uploads import toml_text

# --------------------------------------------------------------------------- downloads


def compare_json(doc: dict[str, Any], options: dict[str, str] | None = None) -> str:
    """Exactly what ``article6 compare --json`` prints for ``doc`` with :func:`cli_flags`.

    Both call :func:`article6.results.compare` with the same arguments.
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
    """:func:`results_long` as CSV text."""
    return results_long(doc, options).to_csv(index=False)


def results_excel(doc: dict[str, Any], options: dict[str, str] | None = None) -> bytes:
    """An Excel workbook (openpyxl) of the results for the options chosen.

    Sheets: Tables 3 and 4 (paper rounding and exact), the trajectory method
    under each path, all values, the scenario with the options and flags.
    """
    cmp = comparison(doc, options, paths=True)
    scenario, result = cmp.scenario, cmp.result
    opts = clean_options(doc, options)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        table4_frame(result, False, "en").to_excel(xw, sheet_name="Table 4", index=False)
        table3_frame(result, False, "en").to_excel(xw, sheet_name="Table 3", index=False)
        table4_frame(result, True, "en").to_excel(xw, sheet_name="Table 4 exact", index=False)
        table3_frame(result, True, "en").to_excel(xw, sheet_name="Table 3 exact", index=False)
        paths_frame(cmp.path_gaps, "both", False, "en", opts).to_excel(
            xw, sheet_name="Trajectory paths", index=False
        )
        results_long(doc, options).to_excel(xw, sheet_name="values", index=False)
        pd.DataFrame(
            {
                "key": ["id", "title", "unit", "sources", *OPTION_KEYS, "command flags"],
                "value": [
                    scenario.id,
                    scenario.title,
                    scenario.unit,
                    "; ".join(scenario.sources),
                    *[opts[k] for k in OPTION_KEYS],
                    " ".join(cli_flags(doc, options)),
                ],
            }
        ).to_excel(xw, sheet_name="scenario", index=False)
    return buf.getvalue()


def interval_cells(result: Result) -> pd.DataFrame:
    """Table 4 cells as ``(low, high)`` tuples (engine: :func:`article6.tables.table4`)."""
    return table4(result)


def table3_cells(result: Result) -> pd.DataFrame:
    """Table 3 cells as ``(low, high)`` tuples (engine: :func:`article6.tables.table3`)."""
    return table3(result)


#: Download kinds: name -> (file suffix, builder of (doc, options) returning str or bytes).
DOWNLOADS = {
    "csv": (".csv", results_csv),
    "xlsx": (".xlsx", results_excel),
}


def download(kind: str, doc: dict[str, Any], options: dict[str, str] | None = None) -> dict[str, Any]:
    """A ``dcc.Download`` payload: results as CSV, Excel or JSON, or the scenario as TOML.

    Results follow the method options (:func:`cli_flags` gives the equivalent
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
