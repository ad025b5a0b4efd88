"""Scenario files (docs/scenario-format.md): TOML in, a frozen, validated :class:`Scenario` out.

A scenario holds one Party's NDC-period inputs. Every numeric input becomes a
:class:`Series`: its value in each year of the period at the ``low`` and the
``high`` bound, and the groups of years that a sweep draws together (one group
per block, per year of a per-year table, or one for the whole period).

Value forms accepted for every numeric input (``share``, ``offset_limit``,
``sink``, ``net_overseas``, each trajectory ``values`` entry):

* a number;
* a range ``{ low = x, high = y }`` with ``x <= y``;
* a per-year table ``{ 2021 = x, ..., 2030 = y }`` covering the whole period,
  whose entries may be ranges.

The trajectory is given by exactly one of ``values`` (a per-year table),
``blocks`` (a list of ``{ from, to, low, high }`` or ``{ from, to, value }``
covering the period without gaps or overlaps) or ``anchors`` (values at some
years, linearly interpolated in between; see :mod:`article6.schema.anchors`).

``net_overseas`` (ITMO_T^net) given as a number or a range is used in the
target year T only, as in the paper; given as a per-year table it is used in
each year as written (an extension).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from article6 import errors as E
from article6.resources import resolve_scenario
from article6.schema import checks as C
from article6.schema.anchors import parse_anchors
from article6.schema.inputs import EMISSION_INPUTS, INPUT_NAMES, Inputs, write_input
from article6.schema.path_table import PathTable, parse_path_table
from article6.schema.prices import PricePath, parse_price
from article6.schema.reading import loads_toml, read_bounded
from article6.schema.series import BOUNDS, Bound, Series
from article6.schema.validator import Validator

#: Defined in :mod:`article6.schema.series` and :mod:`article6.schema.inputs`; importable from here as before.
__all__ = ["BOUNDS", "EMISSION_INPUTS", "INPUT_NAMES", "Bound", "Inputs", "Scenario", "Series",
           "load_scenario", "parse_scenario", "scenario_from_dict"]
from article6.schema.units import conversion_factor, parse_unit

SCHEMA_VERSION = 1
#: Largest scenario file accepted (bytes); larger files are refused before parsing.
MAX_FILE_BYTES = 1_000_000

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # matched in full (re.fullmatch)
_PARTY_RE = re.compile(r"[A-Z]{3}")

#: Top-level tables a scenario may hold. Extension modules add their section here.
KNOWN_SECTIONS: dict[str, str] = {
    "schema": "format version",
    "scenario": "identity, unit and period",
    "trajectory": "Trajectory_i^e",
    "ets": "ETS share and offset limit",
    "ndc": "sink, net overseas ITMOs, target",
    "price": "ITMO price path (costs)",
    "path": "submitted indicative trajectory (trajectory method)",
    "assumptions": "free-text notes on assumptions",
}

_SCENARIO_KEYS = {"id", "title", "party", "unit", "period", "sources", "notes"}
_ETS_KEYS = {"share", "offset_limit"}
_NDC_KEYS = {"sink", "net_overseas", "target", "bau", "sources", "notes", "target_year_emissions"}
_TRAJ_FORMS = ("values", "blocks", "anchors")


@dataclass(frozen=True, eq=False)
class Scenario:
    """One Party's NDC-period inputs, validated (docs/scenario-format.md)."""

    id: str
    title: str
    party: str
    unit: str
    years: tuple[int, ...]
    sources: tuple[str, ...]
    trajectory: Series
    ets_share: Series
    offset_limit: Series
    sink: Series
    net_overseas: Series
    target: float | None = None
    bau: float | None = None
    path: str = "<memory>"
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)
    user_path: PathTable | None = None
    price: PricePath | None = None
    assumptions: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def target_year(self) -> int:
        """T, the last year of the period."""
        return self.years[-1]

    @property
    def n_years(self) -> int:
        """Length of the NDC implementation period in years."""
        return len(self.years)

    def series(self) -> dict[str, Series]:
        """Return the engine inputs as series, by name (``INPUT_NAMES``)."""
        return {n: getattr(self, n) for n in INPUT_NAMES}

    def ranged_inputs(self) -> list[str]:
        """Names of the inputs that differ between the bounds."""
        return [n for n, s in self.series().items() if s.ranged]

    def inputs(self, bound: Bound) -> Inputs:
        """Engine inputs at one bound, as a batch of one: shape ``(1, years)``."""
        return Inputs(**{n: s.at(bound)[None, :] for n, s in self.series().items()})

    def bounds_inputs(self) -> Inputs:
        """Engine inputs at both bounds as a batch of two: row 0 ``low``, row 1 ``high``."""
        return Inputs(
            **{n: np.stack([s.low, s.high]) for n, s in self.series().items()}
        )

    def in_unit(self, unit: str) -> Scenario:
        """Return the same scenario with every emission quantity converted to ``unit``."""
        f = conversion_factor(self.unit, unit)
        changes: dict[str, Any] = {n: getattr(self, n).scaled(f) for n in EMISSION_INPUTS}
        changes["target"] = None if self.target is None else self.target * f
        changes["bau"] = None if self.bau is None else self.bau * f
        changes["user_path"] = None if self.user_path is None else self.user_path.scaled(f)
        return replace(self, unit=unit, **changes)

    @property
    def file_unit(self) -> str:
        """The unit the file gives its emissions in (``raw``); ``unit`` after :meth:`in_unit`."""
        return str(self.raw.get("scenario", {}).get("unit", self.unit))

    def replace(self, **changes: Any) -> Scenario:
        """A new, validated scenario with some inputs changed; this one is left as it is.

        Keys are the input names of :data:`article6.schema.inputs.INPUTS` (``ets_share``,
        ``trajectory``, ``target``, ...) plus ``id`` and ``title``; values take any
        form the scenario file accepts (a number, ``{"low": x, "high": y}``, a
        per-year table ``{"2021": x, ...}``; the trajectory also
        ``{"blocks": [...]}`` or ``{"anchors": {...}}``), in :attr:`unit`.

        Raises
        ------
        ScenarioError
            (a subclass) naming the key, as for a file.
        """
        from_file = self.file_unit
        f = 1.0 if self.unit == from_file else conversion_factor(self.unit, from_file)
        doc = copy.deepcopy(dict(self.raw))
        for name, value in changes.items():
            write_input(doc, name, value, self.path, f)
        out = scenario_from_dict(doc, source=self.path)
        return out if self.unit == from_file else out.in_unit(self.unit)


# --------------------------------------------------------------------------- loading


def load_scenario(path: str | Path) -> Scenario:
    """Read, parse and validate a scenario file.

    Raises
    ------
    ScenarioError
        (a subclass) naming the file, the key and what was expected.
    """
    p = resolve_scenario(path)
    data = read_bounded(p, MAX_FILE_BYTES, "scenario file", E.TomlSyntaxError)
    return parse_scenario(data, source=str(p))


def decode_utf8(data: bytes, source: str, error: type[E.InputError] = E.ScenarioError) -> str:
    """Decode an uploaded or read file as UTF-8, or raise ``error`` naming the bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(source, "(file)", f"UTF-8 text (bad byte at offset {exc.start})") from None


def parse_scenario(data: bytes | str, source: str = "<string>") -> Scenario:
    """Parse scenario TOML given as bytes or text; ``source`` names it in messages."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise E.TomlSyntaxError(
                source, "(file)", f"a scenario of at most {MAX_FILE_BYTES:,} bytes",
                f"{len(data):,} bytes",
            )
        text = decode_utf8(data, source, E.TomlSyntaxError)
    else:
        if len(data) > MAX_FILE_BYTES:
            raise E.TomlSyntaxError(source, "(file)", f"a scenario of at most {MAX_FILE_BYTES:,} "
                                    "characters", f"{len(data):,} characters")
        text = data
    if text.startswith("\ufeff"):  # a byte-order mark, as editors on Windows save UTF-8
        text = text[1:]
    doc = loads_toml(text, source)
    return scenario_from_dict(doc, source=source)


def scenario_from_dict(doc: Mapping[str, Any], source: str = "<dict>") -> Scenario:
    """Validate a parsed TOML document (a dict) and build the :class:`Scenario`."""
    v = Validator(source)
    for key in doc:
        if key not in KNOWN_SECTIONS:
            raise E.UnknownKeyError(source, key, "one of " + ", ".join(sorted(KNOWN_SECTIONS)))
    schema = doc.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise E.TypeMismatchError(source, "schema", f"the number {SCHEMA_VERSION}", schema)

    meta = v.table(doc, "scenario", required=True)
    v.known_keys(meta, "scenario", _SCENARIO_KEYS)
    sid = C.identifier(source, "scenario.id", v.required(meta, "scenario", "id"), _ID_RE,
                       "lowercase letters, digits and '-' (e.g. 'kor-2018-roadmap')")
    title = C.text(source, "scenario.title", meta.get("title", sid))
    party = meta.get("party", "")
    if party != "":
        C.identifier(source, "scenario.party", party, _PARTY_RE,
                     "an ISO 3166 alpha-3 code such as 'KOR'")
    unit = v.required(meta, "scenario", "unit")
    if not isinstance(unit, str):
        raise E.UnitError(source, "scenario.unit", "a unit such as 'Mt CO2e'", unit)
    parse_unit(unit, source, "scenario.unit")
    v.unit, v.t_per_unit = unit, conversion_factor(unit, "t CO2e", source)
    years = v.period(v.required(meta, "scenario", "period"))
    sources = C.texts(source, "scenario.sources", meta.get("sources", []))
    for tab, name in ((meta, "scenario"), (doc.get("ndc"), "ndc"), (doc.get("trajectory"), "trajectory")):
        if isinstance(tab, dict) and "notes" in tab:
            C.text(source, f"{name}.notes", tab["notes"], multiline=True)
        if isinstance(tab, dict) and "sources" in tab and name != "scenario":
            C.texts(source, f"{name}.sources", tab["sources"])
    if "assumptions" in doc:
        C.free_text(source, "assumptions", doc["assumptions"])

    v.years = years
    traj_tab = v.table(doc, "trajectory", required=True)
    trajectory = parse_trajectory(v, traj_tab)

    ets = v.table(doc, "ets", required=False)
    v.known_keys(ets, "ets", _ETS_KEYS)
    ets_share = v.value(ets.get("share", 0.0), "ets.share", kind="share")
    offset_limit = v.value(ets.get("offset_limit", 0.0), "ets.offset_limit", kind="share")

    ndc = v.table(doc, "ndc", required=False)
    v.known_keys(ndc, "ndc", _NDC_KEYS)
    sink = v.value(ndc.get("sink", 0.0), "ndc.sink", kind="emission")
    # a net transferring Party's net overseas ITMOs are negative: signed, within the bound
    net = v.value(ndc.get("net_overseas", 0.0), "ndc.net_overseas", kind="signed",
                  target_year_only=True)
    target = v.scalar(ndc.get("target"), "ndc.target", kind="emission")
    bau = v.scalar(ndc.get("bau"), "ndc.bau", kind="emission")
    user_path = parse_path_table(v, doc["path"]) if "path" in doc else None
    price = parse_price(doc["price"], years, source=source) if "price" in doc else None
    assumptions = copy.deepcopy(v.table(doc, "assumptions", required=False))

    return Scenario(
        id=sid, title=title, party=party, unit=unit, years=years, sources=tuple(sources),
        trajectory=trajectory, ets_share=ets_share, offset_limit=offset_limit, sink=sink,
        net_overseas=net, target=target, bau=bau, path=source, raw=_freeze_raw(doc),
        user_path=user_path, price=price, assumptions=assumptions,
    )


def _freeze_raw(doc: Mapping[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(dict(doc))


def parse_trajectory(v: Validator, tab: Mapping[str, Any]) -> Series:
    """``[trajectory]``: per-year ``values``, ``blocks`` or ``anchors`` as a :class:`Series` [unit]."""
    given = [f for f in _TRAJ_FORMS if f in tab]
    if len(given) != 1:
        raise E.MissingKeyError(
            v.source, "trajectory", "exactly one of 'values', 'blocks' or 'anchors'",
            sorted(tab) if given else None,
        )
    allowed = {given[0], "sources", "notes", "interpolation"}
    v.known_keys(tab, "trajectory", allowed)
    form = given[0]
    if form == "values":
        val = tab["values"]
        if not v.is_year_table(val):
            raise E.TypeMismatchError(
                v.source, "trajectory.values", "a per-year table { 2021 = x, ... }", val
            )
        lo, hi = v.year_table(val, "trajectory.values", "emission")
        n = len(v.years)
        return Series.from_groups([(i,) for i in range(n)], lo, hi, n, "per-year")
    if form == "blocks":
        return v.blocks(tab["blocks"])
    return parse_anchors(v, tab["anchors"], tab.get("interpolation", "linear"))
