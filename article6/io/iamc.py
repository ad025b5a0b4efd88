"""Results in the IAMC layout, and trajectories read back from it.

The IAMC format (used by pyam and the scenario databases of the IPCC) is a
table with the columns ``model, scenario, region, variable, unit`` and one
column per year. :func:`to_iamc` writes a scenario's annual rows (Table 3),
its inputs and each method's results (Table 4) in that layout:

============================================  ==========  ================================
variable                                      unit        what
============================================  ==========  ================================
``Emissions|Kyoto Gases|Trajectory``          U/yr        Trajectory_i^e (input)
``ITMO|Usage|ETS Offsets``                    U/yr        ITMO_i^ets, eq. (5)
``Emissions|Kyoto Gases|National Total``      U/yr        NE_i^et, eq. (7)
``Carbon Removal|Sink``                       U/yr        Sink_i^e (input)
``Emissions|Kyoto Gases|National Net``        U/yr        NE_i^enet, eq. (6-1)
``ITMO|Usage|Total``                          U/yr        ITMO_i^total, eq. (2)
``NDC|Target Path``                           U/yr        NDC_i^e, eq. (8)
``ITMO|Usage|Net Overseas``                   U/yr        ITMO_i^net (input; 0 before T)
``Share|ETS Coverage``                        1           ETS_i^r (input)
``Share|ETS Offset Limit``                    1           Offset_i^r (input)
``ITMO|Need|<Method>``                        U           (A) over the period, in column T
``ITMO|Counted Usage|<Method>``               U           (B) over the period, in column T
``ITMO|Gap|<Method>``                         U           A - B, in column T
``Cost|ITMO|Need|<Method>`` (and Usage, Gap)  currency    undiscounted costs, in column T
============================================  ==========  ================================

``U`` is the scenario's unit (e.g. ``Mt CO2e``); ``<Method>`` is the method's
English label (``Cumulative``, ``Vintage``, ``Averaging``, ``Trajectory``).
Period totals (A, B, A - B, costs) are reported in the target-year column T
and left empty in the other years.

Bounds: the bound goes in the **scenario** column, ``<scenario id>|low`` and
``<scenario id>|high``; the model column is ``article6``, the region the
Party's ISO code.

:func:`scenario_dict_from_iamc` reads such a file (CSV, or Excel sheet
``data``) back into a scenario dictionary: the trajectory from
``Emissions|Kyoto Gases|Trajectory`` (or another variable named by the
caller), and the other inputs from the file or from a base scenario. An
unknown variable or unit is an error (exit 2).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from article6.errors import IamcError, UnitError
from article6.io import spreadsheet
from article6.io.atomic import write_atomic
from article6.model.evaluate import Result, evaluate_bounds
from article6.model.methods import METHODS
from article6.schema.inputs import INPUTS, INPUTS_BY_NAME, SHARE_INPUTS
from article6.schema.reading import check_workbook, read_bounded
from article6.schema.scenario import BOUNDS, Scenario
from article6.schema.units import conversion_factor, parse_unit

#: The IAMC index columns, in order (pyam's ``IAMC_IDX``).
IAMC_COLUMNS = ("model", "scenario", "region", "variable", "unit")
#: Model name written in the model column.
MODEL = "article6"
#: Separator between the scenario id and the bound in the scenario column.
BOUND_SEP = "|"

#: Annual rows (article6.model.usage.ROW_NAMES) -> IAMC variable.
ROW_VARIABLES = {
    "trajectory": INPUTS_BY_NAME["trajectory"].iamc,
    "ets_offsets": "ITMO|Usage|ETS Offsets",
    "national_total": "Emissions|Kyoto Gases|National Total",
    "sink": INPUTS_BY_NAME["sink"].iamc,
    "national_net": "Emissions|Kyoto Gases|National Net",
    "itmo_total": "ITMO|Usage|Total",
    "ndc_target": "NDC|Target Path",
}
#: Inputs not among the rows -> IAMC variable (article6/schema/inputs.py).
INPUT_VARIABLES = {s.name: s.iamc for s in sorted(INPUTS, key=lambda s: s.kind != "emission")
                   if s.name not in ROW_VARIABLES}
#: Per-method variables: (A), (B), A - B.
METHOD_PARTS = {"need": "ITMO|Need", "usage": "ITMO|Counted Usage", "gap": "ITMO|Gap"}
COST_PARTS = {"need": "Cost|ITMO|Need", "usage": "Cost|ITMO|Usage", "gap": "Cost|ITMO|Gap"}
SHARE_UNITS = {"1": 1.0, "": 1.0, "fraction": 1.0, "%": 0.01}
_PER_YEAR = re.compile(r"\s*/\s*(yr|year|a)\s*\Z")

#: Largest IAMC file read by ``--import-iamc`` (bytes); a regular file only.
MAX_IAMC_BYTES = 64 * 2**20


def method_label(name: str) -> str:
    """The ``<Method>`` part of a variable: the method's English label."""
    return METHODS[name].label_en if name in METHODS else name


def known_variables() -> set[str]:
    """Every variable :func:`to_iamc` may write."""
    out = set(ROW_VARIABLES.values()) | set(INPUT_VARIABLES.values())
    for m in METHODS:
        for part in list(METHOD_PARTS.values()) + list(COST_PARTS.values()):
            out.add(f"{part}|{method_label(m)}")
    return out


# --------------------------------------------------------------------------- export


def to_iamc(scenario: Scenario, result: Result | None = None, costs=None):
    """The scenario's rows, inputs and method results as an IAMC-wide DataFrame.

    Parameters
    ----------
    scenario
        The scenario (quantities in its unit).
    result
        :func:`article6.model.evaluate.evaluate_bounds` of it (evaluated when None).
    costs
        Optional :class:`article6.analyses.costs.CostResult` for ``result``: adds the
        ``Cost|ITMO|...`` variables.
    """
    import pandas as pd

    r = evaluate_bounds(scenario) if result is None else result
    years = list(scenario.years)
    unit = scenario.unit
    region = scenario.party or "World"
    recs: list[dict[str, Any]] = []

    def add(b: int, variable: str, u: str, values) -> None:
        rec = dict(zip(IAMC_COLUMNS, (MODEL, f"{scenario.id}{BOUND_SEP}{BOUNDS[b]}", region,
                                      variable, u), strict=True))
        rec.update({y: float(v) + 0.0 for y, v in zip(years, values, strict=True)})
        recs.append(rec)

    def at_t(x: float) -> list[float]:
        return [math.nan] * (len(years) - 1) + [x]

    ins = scenario.bounds_inputs()
    rows = r.rows.as_dict()
    for b in range(len(BOUNDS)):
        for name, var in ROW_VARIABLES.items():
            add(b, var, f"{unit}/yr", rows[name][b])
        for name, var in INPUT_VARIABLES.items():
            vals = np.broadcast_to(getattr(ins, name), (len(BOUNDS), len(years)))[b]
            add(b, var, "1" if name in SHARE_INPUTS else f"{unit}/yr", vals)
        for m, res in r.methods.items():
            for part, prefix in METHOD_PARTS.items():
                add(b, f"{prefix}|{method_label(m)}", unit, at_t(getattr(res, part)[b]))
            if costs is not None and m in costs.methods:
                for part, prefix in COST_PARTS.items():
                    add(b, f"{prefix}|{method_label(m)}", costs.price.currency,
                        at_t(getattr(costs.methods[m], part)[b]))
    return pd.DataFrame.from_records(recs, columns=list(IAMC_COLUMNS) + years)


def write_csv(df, path: str | Path, key: str = "--iamc", overwrite: bool = False) -> Path:
    """Write the IAMC table as CSV (atomic; an existing file only with ``overwrite``)."""
    return write_atomic(path, lambda t: spreadsheet.write_csv(df, t, index=False), key, overwrite)


def write_excel(df, path: str | Path, key: str = "--excel", overwrite: bool = False) -> Path:
    """Write the IAMC table to an Excel workbook, sheet ``data`` (pyam's default), atomic."""
    return write_atomic(path, lambda t: spreadsheet.write_excel({"data": df}, t, index=False), key,
                        overwrite)


# --------------------------------------------------------------------------- import


def read_iamc(path: str | Path):
    """Read an IAMC-wide table (``.csv`` or ``.xlsx`` sheet ``data``); validate its layout.

    Index columns are matched case-insensitively (pyam writes ``Model`` ...);
    every other column must be a year. Returns a DataFrame with lowercase
    index columns and integer year columns.
    """
    import pandas as pd

    p = Path(path)
    raw = read_bounded(p, MAX_IAMC_BYTES, "IAMC file (.csv or .xlsx)", IamcError)
    data = io.BytesIO(raw)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        check_workbook(raw, str(p), IamcError)
    try:
        if p.suffix.lower() in (".xlsx", ".xlsm"):
            df = pd.read_excel(data, sheet_name="data")
        else:
            df = pd.read_csv(data)
    except ValueError as exc:
        raise IamcError(p, "(file)", f"a readable IAMC table ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - parser errors of csv/openpyxl vary
        raise IamcError(p, "(file)", f"a readable IAMC table ({type(exc).__name__})") from None
    rename, years = {}, {}
    for c in df.columns:
        low = str(c).strip().lower()
        if low in IAMC_COLUMNS:
            rename[c] = low
        elif re.fullmatch(r"[0-9]{4}(\.0)?", str(c).strip()):
            years[c] = int(float(str(c)))
        else:
            raise IamcError(p, f"column {c!r}", "model, scenario, region, variable, unit or a year")
    missing = [c for c in IAMC_COLUMNS if c not in rename.values()]
    if missing:
        raise IamcError(p, f"column {missing[0]!r}", "the IAMC columns " + ", ".join(IAMC_COLUMNS))
    if not years:
        raise IamcError(p, "(columns)", "at least one year column")
    df = df.rename(columns={**rename, **years})
    for c in IAMC_COLUMNS:
        df[c] = df[c].fillna("").astype(str)
    for y in years.values():
        df[y] = pd.to_numeric(df[y], errors="coerce")
    return df


def _split_scenario(name: str) -> tuple[str, str | None]:
    for b in BOUNDS:
        if name.endswith(BOUND_SEP + b):
            return name[: -len(b) - 1], b
    return name, None


def _emission_factor(u: str, to_unit: str | None, source: str, key: str) -> tuple[str, float]:
    mass = _PER_YEAR.sub("", u)
    try:
        parse_unit(mass, source, key)
    except UnitError:
        raise UnitError(source, key, "a CO2e mass, per year for annual rows (e.g. 'Mt CO2e/yr')",
                        u) from None
    return mass, (1.0 if to_unit is None else conversion_factor(mass, to_unit, source))


def scenario_dict_from_iamc(
    path: str | Path,
    base: Mapping[str, Any] | None = None,
    model: str | None = None,
    scenario: str | None = None,
    trajectory_variable: str = ROW_VARIABLES["trajectory"],
    new_id: str | None = None,
) -> dict[str, Any]:
    """Build a scenario dictionary (docs/scenario-format.md) from an IAMC file.

    Parameters
    ----------
    path
        CSV or Excel file in the IAMC layout.
    base
        A scenario document (``Scenario.raw``) supplying every input the file
        lacks, and its unit; the file's values replace the base's.
    model, scenario
        Which model and scenario to read when the file holds several; a
        scenario ``X`` reads ``X|low`` and ``X|high`` as the two bounds (or
        ``X`` alone for both).
    trajectory_variable
        The variable that holds Trajectory_i^e.
    new_id
        Id of the new scenario (default: the IAMC scenario name, made valid).

    Raises
    ------
    IamcError
        Unknown variable, ambiguous or missing model/scenario, missing data.
    UnitError
        A unit that is not a CO2e mass (per year) or, for shares, ``1``/``%``.
    """
    src = str(path)
    df = read_iamc(path)
    known = known_variables() | {trajectory_variable}
    for i, v in enumerate(df["variable"]):
        if v not in known:
            raise IamcError(src, f"variable (data row {i + 1})",
                            "an article6 IAMC variable such as 'Emissions|Kyoto Gases|Trajectory'"
                            " (see article6/io/iamc.py)", v)
    share_vars = {INPUT_VARIABLES[n] for n in SHARE_INPUTS}
    for i, (v, u) in enumerate(zip(df["variable"], df["unit"], strict=True)):
        key = f"unit (data row {i + 1}, {v})"
        if v in share_vars:
            if u not in SHARE_UNITS:
                raise UnitError(src, key, "'1' or '%' for a share", u)
        elif v.startswith("Cost|"):
            if not re.fullmatch(r"[A-Z]{3}", u):
                raise UnitError(src, key, "a currency code such as 'KRW'", u)
        else:
            _emission_factor(u, None, src, key)
    df["_base"], df["_bound"] = zip(*(_split_scenario(s) for s in df["scenario"]), strict=True)
    if model is not None:
        df = df[df["model"] == model]
    if scenario is not None:
        df = df[df["_base"] == scenario]
    pairs = sorted(set(zip(df["model"], df["_base"], strict=True)))
    if len(pairs) != 1:
        what = "; ".join(f"model={m!r} scenario={s!r}" for m, s in pairs) or "none"
        raise IamcError(src, "model/scenario",
                        "exactly one model and scenario (choose with --model/--scenario-name)",
                        what)
    mname, sname = pairs[0]
    years = [c for c in df.columns if isinstance(c, int)]
    traj = df[df["variable"] == trajectory_variable]
    if traj.empty:
        raise IamcError(src, trajectory_variable, "rows for the trajectory variable")
    to_unit = base["scenario"]["unit"] if base is not None else None
    if to_unit is None:
        to_unit, _ = _emission_factor(str(traj["unit"].iloc[0]), None, src,
                                      f"unit of {trajectory_variable}")
    period = [y for y in years if traj[y].notna().any()]
    if not period or period != list(range(period[0], period[-1] + 1)):
        raise IamcError(src, trajectory_variable, "values in consecutive years", period)

    def series(variable: str, share: bool) -> tuple[np.ndarray, np.ndarray] | None:
        rows = df[df["variable"] == variable]
        if rows.empty:
            return None
        lo = hi = None
        for _, row in rows.iterrows():
            key = f"unit of {variable}"
            if share:
                if row["unit"] not in SHARE_UNITS:
                    raise UnitError(src, key, "'1' or '%' for a share", row["unit"])
                f = SHARE_UNITS[row["unit"]]
            else:
                _, f = _emission_factor(row["unit"], to_unit, src, key)
            vals = np.array([row[y] for y in period], dtype=float) * f
            if np.isnan(vals).any():
                empty = [y for y, v in zip(period, vals, strict=True) if np.isnan(v)]
                raise IamcError(src, variable, f"a value in every year {period[0]}-{period[-1]}",
                                f"empty in {empty}")
            if row["_bound"] in (None, "low"):
                lo = vals
            if row["_bound"] in (None, "high"):
                hi = vals
        if lo is None or hi is None:
            raise IamcError(src, variable, f"rows for both '{sname}|low' and '{sname}|high'")
        return lo, hi

    doc: dict[str, Any] = {k: v for k, v in (base or {}).items()}
    doc = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in doc.items()}
    meta = dict(doc.get("scenario", {}))
    sid = new_id or re.sub(r"[^a-z0-9]+", "-", sname.lower()).strip("-") or "imported"
    meta.update({
        "id": sid,
        "title": (f"{meta['title']}, trajectory from {Path(src).name}" if "title" in meta
                  else f"Imported from {Path(src).name} ({mname}, {sname})"),
        "unit": to_unit,
        "period": [period[0], period[-1]],
    })
    region = df["region"].iloc[0]
    if "party" not in meta and re.fullmatch(r"[A-Z]{3}", region):
        meta["party"] = region
    meta["sources"] = list(meta.get("sources", [])) + [
        f"IAMC file {Path(src).name}: model {mname!r}, scenario {sname!r}"
        + (" (trajectory and inputs found there; the rest from the base scenario)" if base else "")
    ]
    doc["schema"] = 1
    doc["scenario"] = meta
    lo, hi = series(trajectory_variable, False)
    doc["trajectory"] = {"values": _per_year(period, lo, hi),
                         "sources": [f"IAMC file {Path(src).name}, {trajectory_variable}"]}
    ets = dict(doc.get("ets", {}))
    ndc = dict(doc.get("ndc", {}))
    for name, table in (("ets_share", ets), ("offset_limit", ets)):
        got = series(INPUT_VARIABLES[name], True)
        if got is not None:
            table["share" if name == "ets_share" else "offset_limit"] = _collapse(period, *got)
    got = series(ROW_VARIABLES["sink"], False)
    if got is not None:
        ndc["sink"] = _collapse(period, *got)
    got = series(INPUT_VARIABLES["net_overseas"], False)
    if got is not None:
        ndc["net_overseas"] = _target_year(period, *got)
    if base is None:
        for var, name, table in ((INPUT_VARIABLES["ets_share"], "share", ets),
                                 (INPUT_VARIABLES["offset_limit"], "offset_limit", ets),
                                 (ROW_VARIABLES["sink"], "sink", ndc),
                                 (INPUT_VARIABLES["net_overseas"], "net_overseas", ndc)):
            if name not in table:
                raise IamcError(src, var, "rows for this input (or a base scenario with --base)")
    doc["ets"], doc["ndc"] = ets, ndc
    return doc


def _value(lo: float, hi: float) -> float | dict[str, float]:
    return float(lo) if lo == hi else {"low": float(lo), "high": float(hi)}


def _per_year(period: list[int], lo: np.ndarray, hi: np.ndarray) -> dict[str, Any]:
    return {str(y): _value(a, b) for y, a, b in zip(period, lo, hi, strict=True)}


def _collapse(period: list[int], lo: np.ndarray, hi: np.ndarray):
    """A number or range when constant over the period, else a per-year table."""
    if np.all(lo == lo[0]) and np.all(hi == hi[0]):
        return _value(lo[0], hi[0])
    return _per_year(period, lo, hi)


def _target_year(period: list[int], lo: np.ndarray, hi: np.ndarray):
    """ITMO^net: a target-year amount when zero before T (the paper), else per year."""
    if not lo[:-1].any() and not hi[:-1].any():
        return _value(lo[-1], hi[-1])
    return _per_year(period, lo, hi)
