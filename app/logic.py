"""Business logic of the app, pandas and plain data only; no equations here.

What lives here: building scenario documents from control values (and the
reverse), the shareable URL, reading uploads (TOML or CSV), and arranging the
engine's results into DataFrames for tables, figures and downloads. Every
number comes from the engine (:mod:`article6.model`, :mod:`article6.tables`,
:mod:`article6.results`, :mod:`article6.balance_view`, :mod:`article6.sweep`);
every validation goes through :func:`article6.scenario.scenario_from_dict`,
so the messages a user sees are the engine's.

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
import datetime as _dt
import io
import json
import re
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import numpy as np
import pandas as pd

from article6 import errors as E
from article6 import jsonout, spreadsheet
from article6.balance_view import balances
from article6.model import MethodResult, Result
from article6.paths import NDC_TARGET_MODES, NETTING, PATH_CHOICES
from article6.resources import paper_repro_dir, scenario_dir
from article6.results import Comparison, compare
from article6.scenario import (
    BOUNDS,
    INPUT_NAMES,
    MAX_FILE_BYTES,
    Scenario,
    decode_utf8,
    parse_scenario,
    scenario_from_dict,
)
from article6.tables import (
    adopted_column,
    paths_text,
    table3,
    table3_text,
    table4,
    table4_text,
)
from article6.usage import ROW_NAMES, UsageRows

from . import i18n

SCENARIO_DIR = scenario_dir()
PAPER_VALUES = paper_repro_dir() / "paper_values.csv"
PAPER_ID = "kor-2018-roadmap"

#: Scalar inputs edited as a low/high pair: name -> (TOML table, key).
SCALAR_INPUTS: dict[str, tuple[str, str]] = {
    "ets_share": ("ets", "share"),
    "offset_limit": ("ets", "offset_limit"),
    "sink": ("ndc", "sink"),
    "net_overseas": ("ndc", "net_overseas"),
}
VIEW_DEFAULTS = {"bound": "both", "rounding": "paper", "lang": "en"}
VIEW_CHOICES = {
    "bound": ("both", "low", "high"),
    "rounding": ("paper", "exact"),
    "lang": i18n.LANGS,
}
#: Longest ``doc=`` a shared link carries (characters); larger uploads are shared as TOML files.
MAX_LINK_DOC = 8000
#: Method options (issue 6), in the URL as ``path=``, ``netting=``, ``ndc_target=``: the trajectory
#: method's submitted path, how its years are netted, and where NDC_T comes from.
OPTION_KEYS = ("path", "netting", "ndc_target")


# --------------------------------------------------------------------------- scenarios


#: Scenario files named on the command line (``article6 app --scenario``) outside data/scenarios.
_EXTRA: dict[str, Path] = {}
#: Process-wide defaults: the scenario a fresh page opens with.
DEFAULTS: dict[str, str] = {"scenario": PAPER_ID}


def register_extra(path: Path) -> str:
    """Offer scenario file ``path`` in the picker under its file name; returns that id."""
    _EXTRA[Path(path).stem] = Path(path).resolve()
    return Path(path).stem


def builtin_ids() -> list[str]:
    """Ids (file names) of the built-in scenarios (``data/scenarios/*.toml``) and extras, sorted."""
    return sorted({p.stem for p in SCENARIO_DIR.glob("*.toml")} | set(_EXTRA))


def _path_of(sid: str) -> Path:
    return _EXTRA.get(sid, SCENARIO_DIR / f"{sid}.toml")


@lru_cache(maxsize=32)
def _builtin_raw(sid: str) -> str:
    path = _path_of(sid)
    builtin = path.parent == SCENARIO_DIR
    source = f"data/scenarios/{path.name}" if builtin else str(path)
    sc = parse_scenario(path.read_bytes(), source=source)
    return json.dumps(sc.raw, default=_json_default)


def _json_default(x: object) -> str:
    """TOML dates and times (price reference points) travel through JSON as ISO text."""
    if isinstance(x, _dt.date | _dt.datetime | _dt.time):
        return x.isoformat()
    raise TypeError(f"{type(x).__name__} is not JSON serialisable")


def builtin_doc(sid: str) -> dict[str, Any]:
    """The parsed TOML document of built-in scenario ``sid`` (a fresh copy)."""
    if sid not in builtin_ids():
        raise E.OptionError("scenario", "scenario", "one of " + ", ".join(builtin_ids()), sid)
    return json.loads(_builtin_raw(sid))


def scenario_of(doc: dict[str, Any], source: str = "edited scenario") -> Scenario:
    """Validate ``doc`` with the engine and return the :class:`Scenario`."""
    return scenario_from_dict(doc, source=source)


# --------------------------------------------------------------------------- controls


def _pair(value: Any) -> list | None:
    """``[low, high]`` of a number or a range; ``None`` for a per-year table."""
    if isinstance(value, dict):
        if set(value) == {"low", "high"}:
            return [value["low"], value["high"]]
        return None
    return [value, value]


def _value(pair: list) -> Any:
    lo, hi = pair
    return lo if lo == hi else {"low": lo, "high": hi}


def controls_from_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """Control values for ``doc``: low/high pairs, the target and the trajectory rows.

    Inputs given per year in the file are listed under ``per_year`` and are not
    editable as a pair (they keep the file's values; a CSV upload edits them).
    """
    out: dict[str, Any] = {"per_year": []}
    defaults = {"ets_share": 0.0, "offset_limit": 0.0, "sink": 0.0, "net_overseas": 0.0}
    for name, (tab, key) in SCALAR_INPUTS.items():
        pair = _pair(doc.get(tab, {}).get(key, defaults[name]))
        if pair is None:
            out["per_year"].append(name)
            pair = [None, None]
        out[name] = pair
    out["target"] = doc.get("ndc", {}).get("target")
    out["trajectory"] = trajectory_rows(doc)
    return out


def trajectory_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The trajectory as editable rows ``{from, to, low, high}`` (blocks, or one per year)."""
    traj = doc["trajectory"]
    if "blocks" in traj:
        rows = []
        for b in traj["blocks"]:
            lo, hi = _pair(b["value"]) if "value" in b else (b["low"], b["high"])
            rows.append({"from": b["from"], "to": b["to"], "low": lo, "high": hi})
        return rows
    if "values" in traj:
        rows = []
        for y, v in traj["values"].items():
            lo, hi = _pair(v)
            rows.append({"from": int(y), "to": int(y), "low": lo, "high": hi})
        return sorted(rows, key=lambda r: r["from"])
    # anchors: edit the interpolated values year by year (the engine interpolates)
    sc = scenario_of(doc)
    return [
        {"from": y, "to": y, "low": float(lo), "high": float(hi)}
        for y, lo, hi in zip(sc.years, sc.trajectory.low, sc.trajectory.high, strict=True)
    ]


def split_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One trajectory row per year: each block's values repeated over its years."""
    out = []
    for r in rows:
        for y in range(int(r["from"]), int(r["to"]) + 1):
            out.append({"from": y, "to": y, "low": r["low"], "high": r["high"]})
    return out


def doc_from_controls(base: dict[str, Any], controls: dict[str, Any]) -> dict[str, Any]:
    """The base document with the control values written in (not yet validated)."""
    doc = copy.deepcopy(base)
    per_year = set(controls.get("per_year", []))
    for name, (tab, key) in SCALAR_INPUTS.items():
        if name in per_year:
            continue
        doc.setdefault(tab, {})[key] = _value(controls[name])
    target = controls.get("target")
    if target is None or target == "":
        doc.get("ndc", {}).pop("target", None)
    else:
        doc.setdefault("ndc", {})["target"] = target
    keep = {k: v for k, v in doc["trajectory"].items() if k in ("sources", "notes")}
    blocks = [
        {"from": r["from"], "to": r["to"], "low": r["low"], "high": r["high"]}
        for r in controls["trajectory"]
    ]
    doc["trajectory"] = {**keep, "blocks": blocks}
    return doc


def control_key(error: E.InputError) -> str | None:
    """The control a validation error points at (``ets_share``, ``trajectory``, ...)."""
    for name, (tab, key) in SCALAR_INPUTS.items():
        if error.key.startswith(f"{tab}.{key}"):
            return name
    if error.key.startswith("ndc.target"):
        return "target"
    if error.key.startswith("trajectory"):
        return "trajectory"
    return None


# --------------------------------------------------------------------------- method options


def has_path_table(doc: dict[str, Any]) -> bool:
    """True when ``doc`` has a ``[path]`` table (a user-submitted trajectory)."""
    return "path" in doc


def _file_netting(doc: dict[str, Any]) -> str:
    tab = doc.get("path")
    netting = tab.get("netting", "annual") if isinstance(tab, dict) else "annual"
    return netting if netting in NETTING else "annual"


def _engine_netting(doc: dict[str, Any], path: str) -> str:
    """The netting ``article6 compare`` uses without ``--netting`` for ``path``."""
    return _file_netting(doc) if path == "user" else "annual"


def option_choices(doc: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Allowed values of each option for ``doc`` (``user`` only with a ``[path]`` table)."""
    paths = tuple(c for c in PATH_CHOICES if c != "user" or has_path_table(doc))
    return {"path": paths, "netting": NETTING, "ndc_target": NDC_TARGET_MODES}


def default_options(doc: dict[str, Any]) -> dict[str, str]:
    """What ``article6 compare`` does without flags: the ``[path]`` if any, else ``derived``.

    For the paper's scenarios (no ``[path]``): ``derived``, ``annual``, ``derived``,
    the paper's own choices (Tables 3 and 4).
    """
    path = "user" if has_path_table(doc) else "derived"
    return {"path": path, "netting": _engine_netting(doc, path), "ndc_target": "derived"}


def carry_options(
    old_doc: dict[str, Any] | None, options: dict[str, str] | None, new_doc: dict[str, Any]
) -> dict[str, str]:
    """Options for a newly loaded scenario: explicit choices stay when still allowed.

    An option left at the old scenario's default takes the new scenario's default
    (so a file's ``[path]`` is used, as on the command line).
    """
    new = default_options(new_doc)
    if not options or old_doc is None:
        return new
    old_default = default_options(old_doc)
    choices = option_choices(new_doc)
    out = dict(new)
    for k in OPTION_KEYS:
        v = options.get(k)
        if v is not None and v != old_default[k] and v in choices[k]:
            out[k] = v
    return out


def clean_options(doc: dict[str, Any], options: dict[str, Any] | None) -> dict[str, str]:
    """``options`` with missing or unknown values replaced by the defaults of ``doc``."""
    out = default_options(doc)
    choices = option_choices(doc)
    for k in OPTION_KEYS:
        v = (options or {}).get(k)
        if v in choices[k]:
            out[k] = v
    return out


def compare_kwargs(doc: dict[str, Any], options: dict[str, str] | None) -> dict[str, Any]:
    """Keyword arguments of :func:`article6.results.compare` for the options chosen.

    An option equal to what the command does without its flag is passed as
    ``None`` (no flag), so the document equals ``compare --json`` with exactly
    the flags of :func:`cli_flags`.
    """
    o = clean_options(doc, options)
    default_path = default_options(doc)["path"]
    return {
        "trajectory_path": None if o["path"] == default_path else o["path"],
        "netting": None if o["netting"] == _engine_netting(doc, o["path"]) else o["netting"],
        "ndc_target": o["ndc_target"],
    }


def cli_flags(doc: dict[str, Any], options: dict[str, str] | None) -> list[str]:
    """The ``article6 compare`` flags that give the same numbers as the app's options."""
    kw = compare_kwargs(doc, options)
    flags: list[str] = []
    if kw["trajectory_path"] is not None:
        flags += ["--trajectory-path", kw["trajectory_path"]]
    if kw["netting"] is not None:
        flags += ["--netting", kw["netting"]]
    if kw["ndc_target"] != "derived":
        flags += ["--ndc-target", kw["ndc_target"]]
    return flags


def check_options(
    doc: dict[str, Any], options: dict[str, str] | None, scenario: Scenario | None = None
) -> None:
    """Let the engine refuse options it cannot apply (a ``stated`` target without one, ...).

    ``scenario`` is ``doc`` already validated (validated here otherwise).
    Raises the engine's :class:`article6.errors.InputError` (``OptionError``,
    or a ``ScenarioError`` naming a bad ``[path]`` key).
    """
    from article6.adopted import method_set
    from article6.model import MethodOptions

    sc = scenario if scenario is not None else scenario_of(doc)
    kw = compare_kwargs(doc, options)
    method_set(sc, "paper", kw["trajectory_path"], kw["netting"])
    MethodOptions.for_scenario(sc, kw["ndc_target"])


def cli_command(scenario_id: str, flags: list[str]) -> str:
    """The ``article6 compare`` command line for the scenario's TOML download and ``flags``."""
    return " ".join(["article6", "compare", f"{scenario_id}.toml", "--json", *flags])


def comparison(
    doc: dict[str, Any], options: dict[str, str] | None = None, paths: bool = False
) -> Comparison:
    """:func:`article6.results.compare` for ``doc`` with the app's options."""
    return compare(scenario_of(doc), paths=paths, **compare_kwargs(doc, options))


# --------------------------------------------------------------------------- the URL


def _enc_num(x: Any) -> str:
    return json.dumps(x)


def _dec_num(text: str, key: str) -> Any:
    try:
        x = json.loads(text)
    except ValueError:
        raise E.OptionError("link", key, "a number", text) from None
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise E.OptionError("link", key, "a number", text)
    return x


def _enc_pair(pair: list) -> str:
    lo, hi = pair
    return _enc_num(lo) if lo == hi else f"{_enc_num(lo)}~{_enc_num(hi)}"


def _dec_pair(text: str, key: str) -> list:
    parts = text.split("~")
    if len(parts) == 1:
        x = _dec_num(parts[0], key)
        return [x, x]
    if len(parts) == 2:
        return [_dec_num(parts[0], key), _dec_num(parts[1], key)]
    raise E.OptionError("link", key, "a number or low~high", text)


def _enc_doc(doc: dict[str, Any]) -> str:
    raw = zlib.compress(json.dumps(doc, separators=(",", ":")).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _dec_doc(text: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        d = zlib.decompressobj()
        data = d.decompress(raw, MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES or d.unconsumed_tail:
            raise ValueError("too large")
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise E.OptionError("link", "doc", "a scenario encoded by this app") from None
    if not isinstance(doc, dict):
        raise E.OptionError("link", "doc", "a scenario encoded by this app")
    return doc


def encode_query(state: dict[str, Any]) -> str:
    """The query string (with ``?``) that restores ``state`` (see :func:`decode_query`)."""
    params: dict[str, str] = {}
    if state.get("scenario"):
        params["scenario"] = state["scenario"]
    else:
        enc = _enc_doc(state["base"])
        if len(enc) <= MAX_LINK_DOC:
            params["doc"] = enc
    c = state["controls"]
    for name in SCALAR_INPUTS:
        if name not in c.get("per_year", []):
            params[name] = _enc_pair(c[name])
    if c.get("target") is not None:
        params["target"] = _enc_num(c["target"])
    params["trajectory"] = ",".join(
        f"{r['from']}-{r['to']}:{_enc_pair([r['low'], r['high']])}" for r in c["trajectory"]
    )
    defaults = default_options(state["base"])
    options = clean_options(state["base"], state.get("options"))
    for k in OPTION_KEYS:
        if options[k] != defaults[k]:
            params[k] = options[k]
    for k, default in VIEW_DEFAULTS.items():
        if state["view"].get(k, default) != default:
            params[k] = state["view"][k]
    return "?" + urlencode(params, safe=":,~-")


_SPAN = re.compile(r"^(\d{4})-(\d{4}):(.+)$")


def decode_query(search: str | None, default_scenario: str | None = None) -> dict[str, Any]:
    """Rebuild the state from a query string; raises :class:`OptionError` naming the parameter.

    Returns ``{"scenario": id | None, "base": doc, "controls": ..., "view": ...,
    "options": ...}`` (options: :data:`OPTION_KEYS`);
    the edited document is :func:`doc_from_controls` of base and controls.
    """
    q = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=True).items()}
    if "doc" in q:
        sid, base = None, _dec_doc(q["doc"])
        scenario_of(base, "link (doc)")
    else:
        sid = q.get("scenario", default_scenario or DEFAULTS["scenario"])
        base = builtin_doc(sid)
    controls = controls_from_doc(base)
    for name in SCALAR_INPUTS:
        if name in q and name not in controls["per_year"]:
            controls[name] = _dec_pair(q[name], name)
    if "target" in q:
        controls["target"] = _dec_num(q["target"], "target")
    if "trajectory" in q:
        rows = []
        for part in q["trajectory"].split(","):
            m = _SPAN.match(part)
            if not m:
                raise E.OptionError("link", "trajectory", "blocks like 2021-2023:671~673", part)
            lo, hi = _dec_pair(m.group(3), "trajectory")
            rows.append({"from": int(m.group(1)), "to": int(m.group(2)), "low": lo, "high": hi})
        controls["trajectory"] = rows
    view = dict(VIEW_DEFAULTS)
    for k, choices in VIEW_CHOICES.items():
        if k in q:
            if q[k] not in choices:
                raise E.OptionError("link", k, "one of " + ", ".join(choices), q[k])
            view[k] = q[k]
    options = default_options(base)
    for k, choices in option_choices(base).items():
        if k in q:
            if q[k] not in choices:
                raise E.OptionError("link", k, "one of " + ", ".join(choices), q[k])
            options[k] = q[k]
    return {"scenario": sid, "base": base, "controls": controls, "view": view, "options": options}


def default_state(sid: str | None = None) -> dict[str, Any]:
    """The state of a fresh page: built-in scenario ``sid`` as in its file."""
    sid = sid or DEFAULTS["scenario"]
    base = builtin_doc(sid)
    return {
        "scenario": sid,
        "base": base,
        "controls": controls_from_doc(base),
        "view": dict(VIEW_DEFAULTS),
        "options": default_options(base),
    }


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
        raise E.MissingKeyError(
            name, "trajectory_low", "columns trajectory_low and trajectory_high"
        )
    srcs = list(doc["scenario"].get("sources", []))
    doc["scenario"]["sources"] = srcs + [f"per-year values uploaded from {name}"]
    return doc


def toml_text(doc: dict[str, Any]) -> str:
    """The document as TOML (tomli-w), loadable by ``article6 compare``."""
    import tomli_w

    return tomli_w.dumps(doc)


# --------------------------------------------------------------------------- results


def take_bound(result: Result, bound: str) -> Result:
    """The part of a two-bound result (:func:`article6.model.evaluate_bounds`) a view shows.

    ``both`` returns ``result``; ``low`` or ``high`` its sample as a batch of one
    (selection only, the numbers are the engine's).
    """
    if bound == "both":
        return result
    s = BOUNDS.index(bound)
    one = slice(s, s + 1)
    rows = UsageRows(**{n: np.asarray(a)[one] for n, a in result.rows.as_dict().items()})
    methods = {
        n: MethodResult(need=m.need[one], usage=m.usage[one], gap=m.gap[one])
        for n, m in result.methods.items()
    }
    return Result(years=result.years, rows=rows, methods=methods)


@lru_cache(maxsize=1)
def _paper_cells() -> dict[tuple[str, str, str], str]:
    """The paper's printed text of every Table 3/4 cell, from ``paper_repro/paper_values.csv``."""
    if not PAPER_VALUES.exists():
        return {}
    df = pd.read_csv(PAPER_VALUES, comment="#", dtype={"table": str})
    out: dict[tuple[str, str, str], str] = {}
    for (tab, row, col), g in df.groupby(["table", "row", "column"], sort=False):
        parts = {
            p: f"{v:.{int(d)}f}"
            for p, v, d in zip(g["position"], g["paper"], g["decimals"], strict=True)
        }
        text = parts.get("single") or f"{parts.get('left', '?')}~{parts.get('right', '?')}"
        out[(str(tab), str(row), str(col))] = text
    return out


@lru_cache(maxsize=1)
def _paper_scenario() -> Scenario:
    return scenario_of(builtin_doc(PAPER_ID), PAPER_ID)


def is_paper_unchanged(scenario: Scenario) -> bool:
    """True when ``scenario``'s inputs equal the paper scenario's, as loaded from its file."""
    paper = _paper_scenario()
    if scenario.years != paper.years or scenario.unit != paper.unit:
        return False
    a, b = scenario.series(), paper.series()
    return all(
        np.array_equal(a[n].low, b[n].low) and np.array_equal(a[n].high, b[n].high)
        for n in INPUT_NAMES
    )


def table3_frame(result: Result, exact: bool, lang: str, paper: bool = False) -> pd.DataFrame:
    """Table 3 as text in the paper's layout (first column: the row label)."""
    text = table3_text(result, exact=exact)
    text.index = list(ROW_NAMES)
    out = {i18n.t("row", lang): [i18n.row_label(n, lang) for n in ROW_NAMES]}
    cells = _paper_cells() if paper else {}
    for col in text.columns:
        out[col] = text[col].tolist()
        if paper:
            out[f"{col} ({i18n.t('paper_printed', lang)})"] = [
                cells.get(("3", n, col), "") for n in ROW_NAMES
            ]
    return pd.DataFrame(out)


def table4_frame(result: Result, exact: bool, lang: str, paper: bool = False) -> pd.DataFrame:
    """Table 4 as text in the paper's layout (first column: the method)."""
    text = table4_text(result, exact=exact)
    names = list(result.methods)
    out = {i18n.t("method", lang): [i18n.method_label(n, lang) for n in names]}
    cells = _paper_cells() if paper else {}
    for key, col in zip(("need", "usage", "gap"), text.columns, strict=True):
        label = i18n.t(key, lang)
        out[label] = text[col].tolist()
        if paper:
            out[f"{label} ({i18n.t('paper_printed', lang)})"] = [
                cells.get(("4", n, key), "") for n in names
            ]
    out[i18n.t("adopted_col", lang)] = adopted_marks(result, lang)
    return pd.DataFrame(out)


def adopted_marks(result: Result, lang: str) -> list[str]:
    """Per method: allowed by decision 2/CMA.3, or marked with a dagger.

    Engine: :func:`article6.tables.adopted_column`, whose English text
    ``compare --mark-adopted`` prints; Korean from :mod:`app.i18n`.
    """
    marks = adopted_column(result).tolist()
    if lang == "en":
        return marks
    from article6.tables import NOT_ADOPTED_MARK

    return [
        i18n.t("not_adopted_cell" if m == NOT_ADOPTED_MARK else "adopted_cell", lang) for m in marks
    ]


def paths_frame(
    gaps: dict[str, Any], bound: str, exact: bool, lang: str, options: dict[str, str]
) -> pd.DataFrame:
    """The trajectory method under each submitted path (engine: :func:`article6.paths.path_gaps`).

    One row per ``<path>/<netting>``, formatted by :func:`article6.tables.paths_text`;
    a single-bound view shows that bound's figure. The row of the options chosen
    is marked with a leading arrow.
    """
    shown = gaps if bound == "both" else {k: {b: g[bound] for b in BOUNDS} for k, g in gaps.items()}
    text = paths_text(shown, exact=exact)
    chosen = f"{options['path']}/{options['netting']}"
    labels = []
    for key in text.index:
        path, netting = key.split("/")
        label = f"{i18n.t('path_' + path, lang)} · {i18n.t('netting_' + netting, lang)}"
        labels.append(("▶ " if key == chosen else "") + label)
    out = {i18n.t("submitted_path", lang): labels}
    for key, col in zip(("need", "usage", "gap"), text.columns, strict=True):
        out[i18n.t(key, lang)] = text[col].tolist()
    return pd.DataFrame(out)


def bounds_of(bound: str) -> tuple[str, ...]:
    """The bounds a view shows, in the order of the result's samples."""
    return BOUNDS if bound == "both" else (bound,)


def annual_frame(scenario: Scenario, result: Result, bound: str) -> pd.DataFrame:
    """Annual rows per bound, long: columns bound, year, the seven Table 3 rows, net_overseas.

    ``net_overseas`` is the input ITMO_i^net (non-zero in T only, as in the paper).
    """
    rows = result.rows.as_dict()
    bounds, years = bounds_of(bound), list(scenario.years)
    data: dict[str, Any] = {
        "bound": [b for b in bounds for _ in years],
        "year": years * len(bounds),
    }
    for n in ROW_NAMES:  # (samples, years) laid out sample by sample, as the bound column
        data[n] = np.asarray(rows[n]).reshape(-1)
    data["net_overseas"] = np.concatenate([scenario.net_overseas.at(b) for b in bounds])
    return pd.DataFrame(data)


def methods_frame(result: Result, bound: str) -> pd.DataFrame:
    """Need, usage and gap per method and bound, long: method, bound, need, usage, gap."""
    recs = []
    for name, m in result.methods.items():
        for s, b in enumerate(bounds_of(bound)):
            recs.append(
                {
                    "method": name,
                    "bound": b,
                    "need": float(m.need[s]),
                    "usage": float(m.usage[s]),
                    "gap": float(m.gap[s]),
                }
            )
    return pd.DataFrame(recs)


def balance_frame(result: Result, bound: str) -> pd.DataFrame:
    """Accounting balance per method, bound and year (engine: :mod:`article6.balance_view`)."""
    recs = []
    for name, arr in balances(result.rows, list(result.methods)).items():
        for s, b in enumerate(bounds_of(bound)):
            for y, v in zip(result.years, arr[s], strict=True):
                recs.append({"method": name, "bound": b, "year": y, "balance": float(v)})
    return pd.DataFrame(recs)


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
    return spreadsheet.write_csv(results_long(doc, options), index=False)


def results_excel(doc: dict[str, Any], options: dict[str, str] | None = None) -> bytes:
    """An Excel workbook (openpyxl) of the results for the options chosen.

    Sheets: Tables 3 and 4 (paper rounding and exact), the trajectory method
    under each path, all values, the scenario with the options and flags.
    """
    cmp = comparison(doc, options, paths=True)
    scenario, result = cmp.scenario, cmp.result
    opts = clean_options(doc, options)
    scenario_sheet = pd.DataFrame(
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
    )
    return spreadsheet.write_excel({
        "Table 4": table4_frame(result, False, "en"),
        "Table 3": table3_frame(result, False, "en"),
        "Table 4 exact": table4_frame(result, True, "en"),
        "Table 3 exact": table3_frame(result, True, "en"),
        "Trajectory paths": paths_frame(cmp.path_gaps, "both", False, "en", opts),
        "values": results_long(doc, options),
        "scenario": scenario_sheet,
    }, index=False)


def interval_cells(result: Result) -> pd.DataFrame:
    """Table 4 cells as ``(low, high)`` tuples (engine: :func:`article6.tables.table4`)."""
    return table4(result)


def table3_cells(result: Result) -> pd.DataFrame:
    """Table 3 cells as ``(low, high)`` tuples (engine: :func:`article6.tables.table3`)."""
    return table3(result)


# --------------------------------------------------------------------------- view models


class ViewModel:
    """Everything the recompute callback shows, as DataFrames and plain values.

    All numbers come from one call of :func:`article6.results.compare` (with
    ``paths=True``), the function behind ``article6 compare``.
    """

    def __init__(
        self,
        doc: dict[str, Any],
        bound: str,
        exact: bool,
        lang: str,
        options: dict[str, str] | None = None,
    ):
        self.lang = lang if lang in i18n.LANGS else "en"
        self.options = clean_options(doc, options)
        cmp = comparison(doc, self.options, paths=True)
        self.scenario = cmp.scenario
        self.command = cli_command(self.scenario.id, cli_flags(doc, self.options))
        self.unit = self.scenario.unit
        result = take_bound(cmp.result, bound)
        paper = is_paper_unchanged(self.scenario) and self.options == default_options(doc)
        self.table3 = table3_frame(result, exact, self.lang, paper)
        self.table4 = table4_frame(result, exact, self.lang, paper)
        self.paths = paths_frame(cmp.path_gaps, bound, exact, self.lang, self.options)
        self.annual = annual_frame(self.scenario, result, bound)
        self.methods = methods_frame(result, bound)
        self.balance = balance_frame(result, bound)
        from article6.methods import METHODS

        self.adopted = {
            n: bool(METHODS[n].adopted_in_2_cma_3) for n in result.methods if n in METHODS
        }


def view_model(
    doc: dict[str, Any],
    bound: str,
    exact: bool,
    lang: str,
    options: dict[str, str] | None = None,
) -> ViewModel:
    """Build the :class:`ViewModel` of a validated document (default options: the file's)."""
    return ViewModel(doc, bound if bound in VIEW_CHOICES["bound"] else "both", exact, lang, options)


#: Download kinds: name -> (file suffix, builder of (doc, options) returning str or bytes).
DOWNLOADS = {
    "csv": (".csv", results_csv),
    "xlsx": (".xlsx", results_excel),
}


def download(
    kind: str, doc: dict[str, Any], options: dict[str, str] | None = None
) -> dict[str, Any]:
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


#: Samples of the gap distribution (the sweep engine, Latin hypercube).
DIST_SAMPLES = 2000
DIST_SEED = 20200930


def distribution(
    doc: dict[str, Any], samples: int = DIST_SAMPLES, options: dict[str, str] | None = None
):
    """Sweep the scenario's ranges: ``(frame, methods, unit, note)`` for the distribution figure.

    The paper's four methods always; when ``options`` choose another submitted path or
    netting than the paper's, the trajectory method under that choice too (the sweep's
    ``paths``/``netting``; its NDC_T is the derived one).
    """
    from article6 import sweep

    sc = scenario_of(doc)
    extra: dict[str, Any] = {}
    if options and (options.get("path"), options.get("netting")) != ("derived", "annual"):
        extra = {"paths": [options["path"]], "netting": options.get("netting") or "annual"}
    frame = sweep.sweep_frame(sc, samples=samples, seed=DIST_SEED, design="lhs", **extra)
    names = [c.removesuffix("_gap") for c in frame.columns if str(c).endswith("_gap")]
    note = f"N = {samples:,} LHS"
    if not sc.ranged_inputs():
        note += "; " + i18n.t("dist_none", "en")
    return frame, names, sc.unit, note
