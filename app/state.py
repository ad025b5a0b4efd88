"""The page's state machine: what a link, the picker, an upload or an edit turns the state into.

A state is ``{"scenario": id | None, "base": doc, "controls": ..., "view": ...,
"options": ...}`` (see :mod:`app.links`); the edited document is
:func:`app.scenarios.doc_from_controls` of base and controls.
"""

from __future__ import annotations

from typing import Any

from article6.errors import InputError

from . import i18n, links, options, scenarios, uploads

#: The low/high pairs edited on the page, in order (see app.scenarios.SCALAR_INPUTS).
PAIR_NAMES = tuple(scenarios.SCALAR_INPUTS)


def controls_from_values(values: list[Any], traj: list[dict], per_year: list[str]) -> dict[str, Any]:
    """Controls from the flat list of pair values (low, high per pair) and the target."""
    out: dict[str, Any] = {"per_year": per_year}
    for k, name in enumerate(PAIR_NAMES):
        out[name] = [values[2 * k], values[2 * k + 1]]
    out["target"] = values[2 * len(PAIR_NAMES)]
    out["trajectory"] = traj
    return out


def control_values(state: dict[str, Any]) -> list[Any]:
    """The flat list of pair values and the target of ``state`` (inverse of the above)."""
    c = state["controls"]
    vals: list[Any] = []
    for name in PAIR_NAMES:
        vals += list(c[name])
    return [*vals, c.get("target")]


def step(
    trigger: str | None,
    search: str | None,
    picker: str | None,
    upload: str | None,
    filename: str | None,
    values: list[Any],
    traj: list[dict],
    view: dict[str, str],
    base: dict[str, Any] | None,
    doc: dict[str, Any] | None,
    opts: dict[str, str] | None = None,
    new_doc: dict[str, Any] | None = None,
):
    """Next state after ``trigger``; returns ``(state, echo_controls, message)``.

    ``trigger`` is ``"url"``, ``"picker"``, ``"upload"``, ``"reset"``, ``"split"``,
    ``"new"`` (``new_doc``: a scenario built by the new-scenario form) or anything
    else for an edit. A scenario that cannot be evaluated even with the default
    options is refused when uploaded, and replaced by the default view when it
    arrives in a link. ``state`` is None when nothing changes but the message.
    """
    lang = view.get("lang", "en")
    if trigger in (None, "url") or base is None:
        try:
            state = links.decode_query(search)
            options.check_options(state["base"], options.default_options(state["base"]))
            return state, True, ""
        except InputError as exc:
            return links.default_state(), True, i18n.error_text(exc, lang)
    state = {
        "scenario": base["scenario"],
        "base": base["base"],
        "view": dict(view),
        "controls": controls_from_values(values, traj, base["per_year"]),
        "options": options.clean_options(base["base"], opts),
    }
    if trigger == "picker":
        new = links.default_state(picker)
        new["view"] = dict(view)
        new["options"] = options.carry_options(base["base"], state["options"], new["base"])
        return new, True, ""
    if trigger in ("upload", "new"):
        try:
            if trigger == "upload":
                new_base = uploads.doc_from_upload(upload, filename, doc or base["base"])
                named = scenarios.scenario_of(new_base, filename or "upload")
            else:
                new_base = new_doc
                named = scenarios.scenario_of(new_base, "new scenario")
            options.check_options(new_base, options.default_options(new_base), named)
        except InputError as exc:
            return None, False, f"{i18n.t('refused', lang)} {i18n.error_text(exc, lang)}"
        new_state = {
            "scenario": None,
            "base": new_base,
            "controls": scenarios.controls_from_doc(new_base),
            "view": dict(view),
            "options": options.carry_options(base["base"], state["options"], new_base),
        }
        message = f"{i18n.t('loaded', lang)}: {filename}" if trigger == "upload" else ""
        return new_state, True, message
    if trigger == "reset":
        state["controls"] = scenarios.controls_from_doc(state["base"])
        return state, True, ""
    if trigger == "split":
        state["controls"]["trajectory"] = scenarios.split_rows(traj)
        return state, True, ""
    return state, False, ""


def problem(edited: dict[str, Any], opts: dict[str, str]):
    """``(control name, error)`` when the engine refuses the edited scenario or the options."""
    try:
        scenario = scenarios.scenario_of(edited)
    except InputError as exc:
        return scenarios.control_key(exc), exc
    try:
        options.check_options(edited, opts, scenario)
    except InputError as exc:
        return "options", exc
    return None
