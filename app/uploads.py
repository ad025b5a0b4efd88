"""Uploaded scenario files: TOML as is, or a CSV of per-year values.

CSV uploads
-----------
A CSV gives per-year values for the scenario currently loaded (its identity,
unit and the inputs the CSV does not give are kept). Columns:

* ``year`` (required): every year of the new period, one row each;
* ``trajectory_low`` and ``trajectory_high``, or ``trajectory`` (required);
* optionally ``ets_share``, ``offset_limit``, ``sink``, ``net_overseas``, each
  as one column or as a ``_low`` / ``_high`` pair, given per year.

Values are in the current scenario's unit; shares are fractions in [0, 1].
"""

from __future__ import annotations

import base64
import copy
import io
import json
import re
from typing import Any

import pandas as pd

from article6 import errors as E
from article6.schema.scenario import (
    MAX_FILE_BYTES,
    decode_utf8,
    parse_scenario,
)

from .scenarios import SCALAR_INPUTS, _json_default, _value, scenario_of

# --------------------------------------------------------------------------- uploads


def decode_upload(contents: str, filename: str | None) -> bytes:
    """Bytes of a ``dcc.Upload`` data URL; refuses files over 1 MB."""
    name = filename or "upload"
    try:
        _, b64 = contents.split(",", 1)
        if len(b64) > 4 * (MAX_FILE_BYTES // 3 + 1):  # refused before decoding
            raise E.ScenarioError(name, "(file)", f"a file of at most {MAX_FILE_BYTES:,} bytes")
        data = base64.b64decode(b64, validate=True)
    except (ValueError, TypeError):
        raise E.ScenarioError(name, "(file)", "a readable file") from None
    if len(data) > MAX_FILE_BYTES:
        raise E.ScenarioError(
            name, "(file)", f"a file of at most {MAX_FILE_BYTES:,} bytes", f"{len(data):,} bytes"
        )
    return data


def doc_from_upload(contents: str, filename: str | None, current: dict[str, Any]) -> dict[str, Any]:
    """The validated document of an uploaded TOML or CSV file (see the module doc for CSV)."""
    name = filename or "upload"
    data = decode_upload(contents, name)
    if name.lower().endswith(".csv"):
        doc = doc_from_csv(data, name, current)
        scenario_of(doc, name)
        return doc
    return json.loads(json.dumps(parse_scenario(data, source=name).raw, default=_json_default))


_CSV_INPUTS = ("trajectory",) + tuple(SCALAR_INPUTS)


def doc_from_csv(data: bytes, name: str, current: dict[str, Any]) -> dict[str, Any]:
    """Per-year values from a CSV written into ``current`` (not yet validated)."""
    text = decode_utf8(data, name).removeprefix("\ufeff")  # Excel's "CSV UTF-8" starts with a BOM
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise E.ScenarioError(name, "(file)", f"valid CSV ({str(exc).strip()})") from None
    df.columns = [str(c).strip() for c in df.columns]
    allowed = {"year"} | {f"{n}{s}" for n in _CSV_INPUTS for s in ("", "_low", "_high")}
    for c in df.columns:
        if c not in allowed:
            raise E.UnknownKeyError(name, c, "columns year, trajectory_low, trajectory_high, ...")
    if "year" not in df.columns:
        raise E.MissingKeyError(name, "year", "a column 'year'")
    years: list[int] = []
    for i, y in enumerate(df["year"]):
        if not re.fullmatch(r"\s*[0-9]{4}\s*", y):
            raise E.YearError(name, f"year (row {i + 2})", "a year of four ASCII digits", y)
        if int(y) in years:
            raise E.YearError(name, f"year (row {i + 2})", "each year once",
                              f"{int(y)} again (row {years.index(int(y)) + 2})")
        years.append(int(y))
    if not years:
        raise E.YearError(name, "year", "at least one row")

    def cell(text: str) -> Any:
        t = text.strip()
        if not t.isascii():
            return t  # digits of other scripts are not numbers here; the engine names the cell
        try:
            return int(t) if re.fullmatch(r"-?[0-9]{1,18}", t) else float(t)
        except ValueError:
            return t  # the engine names what it expected

    def per_year(col_lo: str, col_hi: str) -> dict[str, Any]:
        return {
            str(y): _value([cell(lo), cell(hi)])
            for y, lo, hi in zip(years, df[col_lo], df[col_hi], strict=True)
        }

    doc = copy.deepcopy(current)
    doc["scenario"] = {**doc["scenario"], "period": [min(years), max(years)]}
    given = False
    for n in _CSV_INPUTS:
        if n in df.columns:
            table = per_year(n, n)
        elif f"{n}_low" in df.columns or f"{n}_high" in df.columns:
            for s in ("_low", "_high"):
                if f"{n}{s}" not in df.columns:
                    raise E.MissingKeyError(name, f"{n}{s}", f"a column '{n}{s}' with '{n}_low'")
            table = per_year(f"{n}_low", f"{n}_high")
        else:
            continue
        if n == "trajectory":
            given = True
            doc["trajectory"] = {"values": table}
        else:
            tab, key = SCALAR_INPUTS[n]
            doc.setdefault(tab, {})[key] = table
    if not given:
        raise E.MissingKeyError(name, "trajectory_low", "columns trajectory_low and trajectory_high")
    srcs = list(doc["scenario"].get("sources", []))
    doc["scenario"]["sources"] = srcs + [f"per-year values uploaded from {name}"]
    return doc


def toml_text(doc: dict[str, Any]) -> str:
    """The document as TOML (tomli-w), loadable by ``article6 compare``."""
    import tomli_w

    return tomli_w.dumps(doc)
