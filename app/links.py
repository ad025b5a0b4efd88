"""Share links: the page's state as a query string, and back.

The query holds the scenario (a built-in id, or the edited file itself), the
edited inputs, the view (bound, rounding, language) and the page's question
under ``ask``'s names: ``trajectory_path``, ``netting``, ``ndc_target``
(:func:`app.options.link_choices`, the ``given`` choices of the page's
:class:`article6.model.question.Question` that differ from the defaults). Links
written before the query used ``ask``'s names said ``path=`` for the submitted
path; they are read as before.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from typing import Any
from urllib.parse import parse_qs, urlencode

from article6 import errors as E
from article6.schema.scenario import (
    MAX_FILE_BYTES,
)

from .options import default_options, link_choices, option_choices, options_from_choices
from .scenarios import (
    DEFAULTS,
    MAX_LINK_DOC,
    SCALAR_INPUTS,
    VIEW_CHOICES,
    VIEW_DEFAULTS,
    builtin_doc,
    controls_from_doc,
    scenario_of,
)

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
    params.update(link_choices(state["base"], state.get("options")))
    for k, default in VIEW_DEFAULTS.items():
        if state["view"].get(k, default) != default:
            params[k] = state["view"][k]
    return "?" + urlencode(params, safe=":,~-")


#: The question's choices a link carries, under :func:`article6.model.question.ask`'s names.
QUESTION_KEYS = ("trajectory_path", "netting", "ndc_target")

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
    if "path" not in q or "trajectory_path" in q:
        options = options_from_choices(base, {k: q[k] for k in QUESTION_KEYS if k in q})
    else:  # a link written before the question's names (``path=``), read as it was then
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
