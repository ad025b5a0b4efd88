"""A scenario document from the new-scenario form: assembling the fields, no arithmetic.

The form gives a Party (ISO 3166 alpha-3), a title, the period, the unit, the
trajectory at anchor years (the engine interpolates between them), the ETS
share and offset limit (0 for a Party without emissions trading), sinks, net
overseas ITMOs and, optionally, the stated target. Each numeric field is a
low/high pair; an empty high takes the low. The document is validated by
:func:`article6.schema.scenario.scenario_from_dict`, whose messages name the key.
"""

from __future__ import annotations

import re
from typing import Any

#: What a new scenario names as its source until the user names the real ones.
SOURCE = "Entered by hand in the article6 app's new-scenario form: name the sources of each figure"
#: Units offered by the form (any CO2e mass the registry parses is accepted in a file).
UNITS = ("t CO2e", "kt CO2e", "Mt CO2e", "Gt CO2e")
#: The fields of the form that hold a low/high pair, with their TOML table and key.
PAIR_FIELDS = {
    "ets_share": ("ets", "share"),
    "offset_limit": ("ets", "offset_limit"),
    "sink": ("ndc", "sink"),
    "net_overseas": ("ndc", "net_overseas"),
}


def scenario_id(party: str | None, first: Any, last: Any) -> str:
    """``<party>-<first>-<last>-new`` in the id alphabet (lowercase letters, digits, '-')."""
    text = re.sub(r"[^a-z0-9]+", "-", f"{party or 'party'}-{first}-{last}-new".lower()).strip("-")
    return text or "new"


def value(low: Any, high: Any) -> Any:
    """A number, or a ``{low, high}`` range when the two differ; an empty high takes the low."""
    if high is None or high == "":
        return low
    if low is None or low == "":
        return high
    return low if low == high else {"low": low, "high": high}


def blank_doc(fields: dict[str, Any]) -> dict[str, Any]:
    """The scenario document of the form's ``fields`` (not yet validated).

    ``fields``: ``party``, ``title``, ``first``, ``last``, ``unit``, ``anchors``
    (rows ``{year, low, high}``), ``target`` and for each of :data:`PAIR_FIELDS`
    a ``[low, high]`` pair.
    """
    party = (fields.get("party") or "").strip().upper()
    first, last = fields.get("first"), fields.get("last")
    anchors = {
        str(r.get("year")): value(r.get("low"), r.get("high"))
        for r in fields.get("anchors") or []
        if r.get("year") not in (None, "")
    }
    doc: dict[str, Any] = {
        "schema": 1,
        "scenario": {
            "id": scenario_id(party, first, last),
            "title": (fields.get("title") or "").strip() or f"{party or '?'}, new scenario",
            "party": party,
            "unit": fields.get("unit") or "Mt CO2e",
            "period": [first, last],
            "sources": [SOURCE],
        },
        "trajectory": {"anchors": anchors},
        "ets": {},
        "ndc": {},
    }
    for name, (tab, key) in PAIR_FIELDS.items():
        lo, hi = fields.get(name) or [0, 0]
        doc[tab][key] = value(0 if lo in (None, "") else lo, hi)
    target = fields.get("target")
    if target not in (None, ""):
        doc["ndc"]["target"] = target
    return doc
