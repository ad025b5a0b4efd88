"""The inputs panel: scenario choice, upload, every input with its range, the method options.

On a wide screen it stands beside the results; on a phone it folds below them
and opens on demand. Its one state callback keeps the controls, the stores and
the address in step (one callback, so the address can be both read and written).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from dash import Input, Output, State, ctx, dash_table, dcc, html, no_update

from .. import i18n, links, options, scenarios, state
from ..ids import ID as PAGE
from .common import button, label, with_symbol


class ID(StrEnum):
    """Ids of the inputs panel."""

    PICKER = "scenario-picker"
    UPLOAD = "upload"
    RESET = "reset"
    SPLIT = "split-years"
    MESSAGE = "message"
    ETS_SHARE_LOW = "ets_share-low"
    ETS_SHARE_HIGH = "ets_share-high"
    OFFSET_LIMIT_LOW = "offset_limit-low"
    OFFSET_LIMIT_HIGH = "offset_limit-high"
    SINK_LOW = "sink-low"
    SINK_HIGH = "sink-high"
    NET_OVERSEAS_LOW = "net_overseas-low"
    NET_OVERSEAS_HIGH = "net_overseas-high"
    TARGET = "target"
    TRAJECTORY = "trajectory-table"
    OPTIONS_PANEL = "options-panel"
    TRAJ_PATH = "trajectory-path"
    NETTING = "netting"
    NDC_TARGET = "ndc-target"
    NEW_DOC = "new-doc-store"


#: The low/high control pairs, by input name (see app.scenarios.SCALAR_INPUTS).
PAIRS = {
    "ets_share": (ID.ETS_SHARE_LOW, ID.ETS_SHARE_HIGH),
    "offset_limit": (ID.OFFSET_LIMIT_LOW, ID.OFFSET_LIMIT_HIGH),
    "sink": (ID.SINK_LOW, ID.SINK_HIGH),
    "net_overseas": (ID.NET_OVERSEAS_LOW, ID.NET_OVERSEAS_HIGH),
}
#: The paper's symbol of each input.
SYMBOLS = {
    "ets_share": "ETS_i^r",
    "offset_limit": "Offset_i^r",
    "sink": "Sink_i^e",
    "net_overseas": "ITMO_T^net",
    "target": "NDC_T^e",
    "trajectory": "Trajectory_i^e",
}
#: Inputs whose control shows its own refusal message (``feedback-<name>``).
FEEDBACK = (*PAIRS, "target", "trajectory", "options")
_PAIR_IDS = [i for pair in PAIRS.values() for i in pair]
_OPTION_IDS = {"path": ID.TRAJ_PATH, "netting": ID.NETTING, "ndc_target": ID.NDC_TARGET}
_TRIGGERS = {
    PAGE.URL: "url",
    ID.PICKER: "picker",
    ID.UPLOAD: "upload",
    ID.RESET: "reset",
    ID.SPLIT: "split",
    ID.NEW_DOC: "new",
}


def feedback_id(name: str) -> str:
    """Id of the refusal message under control ``name``."""
    return f"feedback-{name}"


def _num(cid: str, name: str):
    return dcc.Input(id=cid, type="number", step="any", debounce=True, className="num", name=name)


def _pair(name: str):
    lo, hi = PAIRS[name]
    return html.Div(
        [
            with_symbol(name, SYMBOLS[name], className="control-label"),
            html.Div(
                [
                    html.Span(label(f"{name}_low_word"), className="bound-word"),
                    _num(lo, f"{name}-low"),
                    html.Span(label(f"{name}_high_word"), className="bound-word"),
                    _num(hi, f"{name}-high"),
                ],
                className="pair",
            ),
            label(f"{name}_help", html.P, className="help"),
            html.Div(id=feedback_id(name), className="feedback", role="alert"),
        ],
        className="control",
    )


def picker_options(lang: str) -> list[dict[str, str]]:
    """The picker's entries: each built-in scenario by its title (not the template)."""
    return [{"label": scenarios.title(sid, lang), "value": sid} for sid in scenarios.builtin_ids()]


def _radio(key: str, rid: str, value: str):
    return html.Div(
        [
            label(key, html.Label, className="control-label"),
            dcc.RadioItems(id=rid, value=value, options=[], className="choices"),
        ],
        className="sub-control",
    )


def options_block():
    """Trajectory method options: submitted path, netting, NDC target (labels set by callback)."""
    return html.Div(
        [
            label("options", html.H3),
            _radio("path_choice", ID.TRAJ_PATH, "derived"),
            _radio("netting_choice", ID.NETTING, "annual"),
            _radio("ndc_target_choice", ID.NDC_TARGET, "derived"),
            label("options_help", html.P, className="help"),
            html.Div(id=feedback_id("options"), className="feedback", role="alert"),
        ],
        className="control options",
        id=ID.OPTIONS_PANEL,
    )


def layout(extra=()):
    """The panel, folded in a ``<details>`` that a phone opens on demand.

    ``extra``: more blocks placed after the scenario choice (the new-scenario form).
    """
    return html.Details(
        [
            html.Summary(label("inputs", html.Span), className="inputs-summary"),
            dcc.Store(id=ID.NEW_DOC),
            html.Div(
                [
                    label("scenario", html.Label, className="control-label"),
                    dcc.Dropdown(
                        id=ID.PICKER,
                        options=picker_options("en"),
                        value=scenarios.DEFAULTS["scenario"],
                        clearable=False,
                        searchable=False,
                    ),
                ],
                className="control",
            ),
            *extra,
            html.Div(
                [
                    label("upload", html.Label, className="control-label"),
                    dcc.Upload(
                        id=ID.UPLOAD,
                        children=label("upload_button", html.Div),
                        accept=".toml,.csv,text/csv,application/toml",
                        multiple=False,
                        className="upload",
                    ),
                    button("reset", ID.RESET, className="secondary"),
                    html.Div(id=ID.MESSAGE, className="message", role="status"),
                ],
                className="control",
            ),
            html.Div(
                [
                    with_symbol("trajectory", SYMBOLS["trajectory"], className="control-label"),
                    label("trajectory_help", html.P, className="help"),
                    dash_table.DataTable(
                        id=ID.TRAJECTORY,
                        columns=trajectory_columns("en"),
                        data=[],
                        editable=True,
                        style_table={"maxHeight": "320px", "overflowY": "auto"},
                        style_cell={
                            "padding": "2px 6px",
                            "fontFamily": "inherit",
                            "textAlign": "right",
                        },
                    ),
                    button("split", ID.SPLIT, className="secondary"),
                    html.Div(id=feedback_id("trajectory"), className="feedback", role="alert"),
                ],
                className="control",
            ),
            *[_pair(n) for n in PAIRS],
            html.Div(
                [
                    with_symbol("target", SYMBOLS["target"], className="control-label"),
                    _num(ID.TARGET, "target"),
                    html.Div(id=feedback_id("target"), className="feedback", role="alert"),
                ],
                className="control",
            ),
            options_block(),
            html.Div(
                [
                    label("bound", html.Label, className="control-label"),
                    dcc.RadioItems(id=PAGE.BOUND, value="both", inline=True, options=[]),
                ],
                className="control",
            ),
            html.Div(
                [
                    label("rounding", html.Label, className="control-label"),
                    dcc.RadioItems(id=PAGE.ROUNDING, value="paper", inline=True, options=[]),
                ],
                className="control",
            ),
        ],
        id=PAGE.INPUTS_PANEL,
        open=True,
        className="inputs",
    )


def trajectory_columns(lang: str) -> list[dict[str, Any]]:
    """Columns of the trajectory table (first year, last year, low, high) in ``lang``."""
    return [
        {"name": i18n.t(f"col_{c}", lang), "id": c, "type": "numeric", "editable": c in ("low", "high")}
        for c in ("from", "to", "low", "high")
    ]


def _changed(*pairs):
    """Each new store value, or ``no_update`` where it equals the value shown (nothing redraws)."""
    return tuple(no_update if new == old else new for new, old in pairs)


def register(app) -> None:
    """The state callback, the option lists and the language-dependent choices."""

    @app.callback(
        Output(PAGE.URL, "search"),
        *[Output(i, "value") for i in [*_PAIR_IDS, ID.TARGET]],
        Output(ID.TRAJECTORY, "data"),
        Output(PAGE.BOUND, "value"),
        Output(PAGE.ROUNDING, "value"),
        Output(PAGE.LANG, "value"),
        Output(ID.PICKER, "value"),
        *[Output(i, "value") for i in _OPTION_IDS.values()],
        *[Output(i, "disabled") for i in _PAIR_IDS],
        *[Output(feedback_id(n), "children") for n in FEEDBACK],
        Output(ID.UPLOAD, "contents"),
        Output(PAGE.BASE, "data"),
        Output(PAGE.DOC, "data"),
        Output(PAGE.OPTIONS, "data"),
        Output(ID.MESSAGE, "children"),
        Input(PAGE.URL, "search"),
        Input(ID.PICKER, "value"),
        Input(ID.UPLOAD, "contents"),
        Input(ID.RESET, "n_clicks"),
        Input(ID.SPLIT, "n_clicks"),
        Input(ID.NEW_DOC, "data"),
        *[Input(i, "value") for i in [*_PAIR_IDS, ID.TARGET]],
        Input(ID.TRAJECTORY, "data"),
        Input(PAGE.BOUND, "value"),
        Input(PAGE.ROUNDING, "value"),
        Input(PAGE.LANG, "value"),
        *[Input(i, "value") for i in _OPTION_IDS.values()],
        State(ID.UPLOAD, "filename"),
        State(PAGE.BASE, "data"),
        State(PAGE.DOC, "data"),
        State(PAGE.OPTIONS, "data"),
    )
    def sync_state(search, picker, upload, _reset, _split, new_doc, *rest):
        n = len(_PAIR_IDS) + 1
        values = list(rest[:n])
        traj, bound, rounding, lang, path, netting, ndc_target, filename, base, doc, shown = rest[n:]
        view = {"bound": bound or "both", "rounding": rounding or "paper", "lang": lang or "en"}
        opts = {"path": path, "netting": netting, "ndc_target": ndc_target}
        trigger = _TRIGGERS.get(ctx.triggered_id, "edit") if ctx.triggered_id else None
        st, echo, message = state.step(
            trigger,
            search,
            picker,
            upload,
            filename,
            values,
            traj or [],
            view,
            base,
            doc,
            opts,
            new_doc,
        )
        n_echo = n + 5 + len(_OPTION_IDS)
        keep = [no_update] * (n_echo + len(_PAIR_IDS))
        if st is None:  # a refused upload or form: nothing changes but the message
            return (no_update, *keep, *[no_update] * len(FEEDBACK), None, *[no_update] * 3, message)
        edited = scenarios.doc_from_controls(st["base"], st["controls"])
        feedback = [""] * len(FEEDBACK)
        found = state.problem(edited, st["options"])
        if found is not None:
            where, exc = found
            text = f"{i18n.t('refused', st['view']['lang'])} {i18n.error_text(exc, st['view']['lang'])}"
            if where in FEEDBACK:
                feedback[FEEDBACK.index(where)] = text
            else:
                message = text
            if not echo:
                return (no_update, *keep, *feedback, None, *[no_update] * 3, message)
            # a link or an upload that fails: fall back to the file's values and options
            st = {
                **st,
                "controls": scenarios.controls_from_doc(st["base"]),
                "options": options.default_options(st["base"]),
            }
            edited = scenarios.doc_from_controls(st["base"], st["controls"])
        v = st["view"]
        echoed = (
            [
                *state.control_values(st),
                st["controls"]["trajectory"],
                v["bound"],
                v["rounding"],
                v["lang"],
                st["scenario"] or no_update,
                *[st["options"][k] for k in _OPTION_IDS],
            ]
            if echo
            else [no_update] * n_echo
        )
        per_year = st["controls"].get("per_year", [])
        disabled = [name in per_year for name in PAIRS for _ in range(2)]
        base_store = {"scenario": st["scenario"], "base": st["base"], "per_year": per_year}
        return (
            links.encode_query(st),
            *echoed,
            *disabled,
            *feedback,
            None,
            *_changed((base_store, base), (edited, doc), (st["options"], shown)),
            message,
        )

    @app.callback(
        Output(ID.TRAJ_PATH, "options"),
        Output(ID.NETTING, "options"),
        Output(ID.NDC_TARGET, "options"),
        Output(PAGE.BOUND, "options"),
        Output(PAGE.ROUNDING, "options"),
        Output(ID.PICKER, "options"),
        Output(ID.TRAJECTORY, "columns"),
        Input(PAGE.BASE, "data"),
        Input(PAGE.LANG, "value"),
    )
    def choices(base, lang):
        lang = lang or "en"
        doc = (base or {}).get("base") or {}
        allowed = options.option_choices(doc)["path"]
        paths = []
        for c in ("derived", "roadmap", "linear", "user"):
            text = i18n.t(f"path_{c}", lang)
            if c not in allowed:
                text += " " + i18n.t("user_missing", lang)
            paths.append({"label": text, "value": c, "disabled": c not in allowed})
        netting = [{"label": i18n.t(f"netting_{k}", lang), "value": k} for k in ("annual", "budget")]
        ndc = [{"label": i18n.t(f"ndc_{k}", lang), "value": k} for k in ("derived", "stated")]
        bounds = [{"label": i18n.t(k, lang), "value": k} for k in ("both", "low", "high")]
        rounding = [
            {"label": i18n.t("paper_rounding", lang), "value": "paper"},
            {"label": i18n.t("exact", lang), "value": "exact"},
        ]
        return paths, netting, ndc, bounds, rounding, picker_options(lang), trajectory_columns(lang)

    app.clientside_callback(
        # a phone opens the page on the results; the inputs open on demand
        "function(_){return window.innerWidth >= 900;}",
        Output(PAGE.INPUTS_PANEL, "open"),
        Input(PAGE.URL, "pathname"),
    )
