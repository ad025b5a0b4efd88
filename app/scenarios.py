"""Scenarios the app shows: the built-in files, command-line extras, and their controls.

A scenario travels through the app as its parsed TOML document (a dict). The
controls edit low/high pairs, the stated target and the trajectory rows; every
validation goes through :func:`article6.schema.scenario.scenario_from_dict`, so the
messages a user sees are the engine's.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from article6 import errors as E
from article6.resources import builtin_scenarios, paper_repro_dir, scenario_dir
from article6.schema.inputs import SCALAR_INPUTS as INPUT_KEYS
from article6.schema.scenario import (
    Scenario,
    parse_scenario,
    scenario_from_dict,
)

from . import i18n

SCENARIO_DIR = scenario_dir()
PAPER_VALUES = paper_repro_dir() / "paper_values.csv"
PAPER_ID = "kor-2018-roadmap"

#: Scalar inputs edited as a low/high pair: name -> (TOML table, key) (article6/schema/inputs.py).
SCALAR_INPUTS: dict[str, tuple[str, str]] = INPUT_KEYS
VIEW_DEFAULTS = {"bound": "both", "rounding": "paper", "lang": "en"}
VIEW_CHOICES = {
    "bound": ("both", "low", "high"),
    "rounding": ("paper", "exact"),
    "lang": i18n.LANGS,
}
#: Longest ``doc=`` a shared link carries (characters); larger uploads are shared as TOML files.
MAX_LINK_DOC = 8000
#: Method options, in the URL as ``path=``, ``netting=``, ``ndc_target=``: the trajectory
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
    """Ids of the built-in scenarios (:func:`article6.resources.builtin_scenarios`) and extras."""
    return sorted(set(builtin_scenarios()) | set(_EXTRA))


def title(sid: str, lang: str = "en") -> str:
    """The title the picker shows for scenario ``sid`` (a built-in's Korean title in Korean)."""
    if lang != "en" and sid in i18n.TITLES_KO:
        return i18n.TITLES_KO[sid]
    known = builtin_scenarios().get(sid)
    if known is not None:
        return known.title
    return json.loads(_builtin_raw(sid)).get("scenario", {}).get("title", sid)


def shown_title(scenario: Scenario, lang: str = "en") -> str:
    """A scenario's title in ``lang``: a built-in's translated title while its title is the file's."""
    known = builtin_scenarios().get(scenario.id)
    if known is not None and known.title == scenario.title:
        return title(scenario.id, lang)
    return scenario.title


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
    if _same_rows(controls["trajectory"], base):
        return doc  # the file's own form (blocks, values or anchors) while unedited
    keep = {k: v for k, v in doc["trajectory"].items() if k in ("sources", "notes")}
    blocks = [
        {"from": r["from"], "to": r["to"], "low": r["low"], "high": r["high"]} for r in controls["trajectory"]
    ]
    doc["trajectory"] = {**keep, "blocks": blocks}
    return doc


def _same_rows(rows: list[dict[str, Any]], base: dict[str, Any]) -> bool:
    """True when the trajectory rows are exactly those :func:`trajectory_rows` gives ``base``."""
    try:
        return rows == trajectory_rows(base)
    except E.InputError:
        return False


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
