"""Thin callbacks: read the controls, call :mod:`app.logic`, place what it returns.

Registered by :func:`register`. The state callback keeps the controls, the
stores and the URL in step (one callback, so the URL can be both read and
written); the recompute callback turns the validated scenario into tables and
figures; the distribution runs in the background (DiskcacheManager).
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, ctx, html, no_update

from article6.errors import InputError
from article6.methods import METHODS

from . import figures, i18n, logic
from .ids import ID, PAIRS
from .layout import FEEDBACK, LABEL_KEYS, feedback_id, label_target

_PAIR_IDS = [i for pair in PAIRS.values() for i in pair]
#: Controls echoed by the state callback, in order.
_CONTROL_OUTPUTS = [*_PAIR_IDS, ID.TARGET, ID.TRAJECTORY, ID.BOUND, ID.ROUNDING, ID.LANG, ID.PICKER]
#: The method-option radios (issue 6), by key of app.logic.OPTION_KEYS.
_OPTION_IDS = {"path": ID.TRAJ_PATH, "netting": ID.NETTING, "ndc_target": ID.NDC_TARGET}


def _controls_from_values(
    values: list[Any], traj: list[dict], per_year: list[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {"per_year": per_year}
    for k, name in enumerate(PAIRS):
        out[name] = [values[2 * k], values[2 * k + 1]]
    out["target"] = values[2 * len(PAIRS)]
    out["trajectory"] = traj
    return out


def _control_values(state: dict[str, Any]) -> list[Any]:
    c = state["controls"]
    vals: list[Any] = []
    for name in PAIRS:
        vals += list(c[name])
    v = state["view"]
    return [
        *vals,
        c.get("target"),
        c["trajectory"],
        v["bound"],
        v["rounding"],
        v["lang"],
        state["scenario"] or no_update,
    ]


def state_step(
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
    options: dict[str, str] | None = None,
):
    """Next state after ``trigger``; returns (state, echo_controls, message, error).

    A scenario that cannot be evaluated even with the default options (a bad
    ``[path]`` table) is refused when uploaded, and replaced by the default
    view when it arrives in a link.
    """
    lang = view.get("lang", "en")
    if trigger in (None, ID.URL) or base is None:
        try:
            state = logic.decode_query(search)
            logic.check_options(state["base"], logic.default_options(state["base"]))
            return state, True, "", None
        except InputError as exc:
            return logic.default_state(), True, str(exc), None
    state = {
        "scenario": base["scenario"],
        "base": base["base"],
        "view": dict(view),
        "controls": _controls_from_values(values, traj, base["per_year"]),
        "options": logic.clean_options(base["base"], options),
    }
    if trigger == ID.PICKER:
        new = logic.default_state(picker)
        new["view"] = dict(view)
        new["options"] = logic.carry_options(base["base"], state["options"], new["base"])
        return new, True, "", None
    if trigger == ID.UPLOAD:
        try:
            new_base = logic.doc_from_upload(upload, filename, doc or base["base"])
            named = logic.scenario_of(new_base, filename or "upload")
            logic.check_options(new_base, logic.default_options(new_base), named)
        except InputError as exc:
            return None, False, f"{i18n.t('refused', lang)} {exc}", None
        ctl = logic.controls_from_doc(new_base)
        opts = logic.carry_options(base["base"], state["options"], new_base)
        return (
            {
                "scenario": None,
                "base": new_base,
                "controls": ctl,
                "view": dict(view),
                "options": opts,
            },
            True,
            f"{i18n.t('loaded', lang)}: {filename}",
            None,
        )
    if trigger == ID.RESET:
        state["controls"] = logic.controls_from_doc(state["base"])
        return state, True, "", None
    if trigger == ID.SPLIT:
        state["controls"]["trajectory"] = logic.split_rows(traj)
        return state, True, "", None
    return state, False, "", None


def register(app, background_manager=None) -> None:
    """Register every callback of the app on ``app``."""

    @app.callback(
        Output(ID.URL, "search"),
        *[Output(i, "value") for i in _CONTROL_OUTPUTS[:-5]],
        Output(ID.TRAJECTORY, "data"),
        *[Output(i, "value") for i in _CONTROL_OUTPUTS[-4:]],
        *[Output(i, "value") for i in _OPTION_IDS.values()],
        *[Output(i, "disabled") for i in _PAIR_IDS],
        *[Output(feedback_id(n), "children") for n in FEEDBACK],
        Output(ID.UPLOAD, "contents"),
        Output(ID.BASE, "data"),
        Output(ID.DOC, "data"),
        Output(ID.OPTIONS, "data"),
        Output(ID.MESSAGE, "children"),
        Input(ID.URL, "search"),
        Input(ID.PICKER, "value"),
        Input(ID.UPLOAD, "contents"),
        Input(ID.RESET, "n_clicks"),
        Input(ID.SPLIT, "n_clicks"),
        *[Input(i, "value") for i in [*_PAIR_IDS, ID.TARGET]],
        Input(ID.TRAJECTORY, "data"),
        Input(ID.BOUND, "value"),
        Input(ID.ROUNDING, "value"),
        Input(ID.LANG, "value"),
        *[Input(i, "value") for i in _OPTION_IDS.values()],
        State(ID.UPLOAD, "filename"),
        State(ID.BASE, "data"),
        State(ID.DOC, "data"),
    )
    def sync_state(search, picker, upload, _reset, _split, *rest):
        n = len(_PAIR_IDS) + 1
        values = list(rest[:n])
        traj, bound, rounding, lang, path, netting, ndc_target, filename, base, doc = rest[n:]
        view = {"bound": bound or "both", "rounding": rounding or "paper", "lang": lang or "en"}
        options = {"path": path, "netting": netting, "ndc_target": ndc_target}
        trigger = ctx.triggered_id if ctx.triggered_id else None
        state, echo, message, _ = state_step(
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
            options,
        )
        n_echo = len(_CONTROL_OUTPUTS) + len(_OPTION_IDS)
        keep = [no_update] * (n_echo + len(_PAIR_IDS))
        if state is None:  # a refused upload: nothing changes but the message
            return (
                no_update,
                *keep,
                *[no_update] * len(FEEDBACK),
                None,
                no_update,
                no_update,
                no_update,
                message,
            )
        edited = logic.doc_from_controls(state["base"], state["controls"])
        feedback = [""] * len(FEEDBACK)
        problem = _problem(edited, state["options"])
        if problem is not None:
            where, exc = problem
            text = f"{i18n.t('refused', state['view']['lang'])} {exc}"
            if where in FEEDBACK:
                feedback[FEEDBACK.index(where)] = text
                message = message or ""
            else:
                message = text
            if not echo:
                return (no_update, *keep, *feedback, None, no_update, no_update, no_update, message)
            # a link or an upload that fails: fall back to the file's values and options
            state = {
                **state,
                "controls": logic.controls_from_doc(state["base"]),
                "options": logic.default_options(state["base"]),
            }
            edited = logic.doc_from_controls(state["base"], state["controls"])
        echoed = (
            [*_control_values(state), *[state["options"][k] for k in _OPTION_IDS]]
            if echo
            else [no_update] * n_echo
        )
        per_year = state["controls"].get("per_year", [])
        disabled = [name in per_year for name in PAIRS for _ in range(2)]
        base_store = {"scenario": state["scenario"], "base": state["base"], "per_year": per_year}
        return (
            logic.encode_query(state),
            *echoed,
            *disabled,
            *feedback,
            None,
            base_store,
            edited,
            state["options"],
            message,
        )

    @app.callback(
        Output(ID.TABLE3, "data"),
        Output(ID.TABLE3, "columns"),
        Output(ID.TABLE4, "data"),
        Output(ID.TABLE4, "columns"),
        Output(ID.USE_FIG, "figure"),
        Output(ID.METHODS_FIG, "figure"),
        Output(ID.BALANCE_FIG, "figure"),
        Output(ID.SCENARIO_INFO, "children"),
        Output(ID.PATHS_TABLE, "data"),
        Output(ID.PATHS_TABLE, "columns"),
        Output(ID.CLI_LINE, "children"),
        Input(ID.DOC, "data"),
        Input(ID.BOUND, "value"),
        Input(ID.ROUNDING, "value"),
        Input(ID.LANG, "value"),
        Input(ID.OPTIONS, "data"),
        prevent_initial_call=True,
    )
    def recompute(doc, bound, rounding, lang, options):
        if not doc:
            return (no_update,) * 11
        v = logic.view_model(doc, bound or "both", rounding == "exact", lang or "en", options)
        return (
            v.table3.to_dict("records"),
            _columns(v.table3),
            v.table4.to_dict("records"),
            _columns(v.table4),
            figures.use_figure(v.annual, v.unit, v.lang),
            figures.methods_figure(v.methods, v.adopted, v.unit, v.lang),
            figures.balance_figure(v.balance, v.annual, v.unit, v.lang),
            _info(v),
            v.paths.to_dict("records"),
            _columns(v.paths),
            v.command,
        )

    @app.callback(
        Output(ID.TRAJ_PATH, "options"),
        Output(ID.NETTING, "options"),
        Output(ID.NDC_TARGET, "options"),
        Input(ID.BASE, "data"),
        Input(ID.LANG, "value"),
    )
    def option_lists(base, lang):
        lang = lang or "en"
        doc = (base or {}).get("base") or {}
        allowed = logic.option_choices(doc)["path"]
        paths = []
        for c in ("derived", "roadmap", "linear", "user"):
            label = i18n.t(f"path_{c}", lang)
            if c not in allowed:
                label += " " + i18n.t("user_missing", lang)
            paths.append({"label": label, "value": c, "disabled": c not in allowed})
        netting = [
            {"label": i18n.t(f"netting_{k}", lang), "value": k} for k in ("annual", "budget")
        ]
        ndc = [{"label": i18n.t(f"ndc_{k}", lang), "value": k} for k in ("derived", "stated")]
        return paths, netting, ndc

    @app.callback(
        *[Output(label_target(k), "children") for k in LABEL_KEYS],
        Output(ID.BOUND, "options"),
        Output(ID.ROUNDING, "options"),
        Output(ID.PROS_CONS, "children"),
        Input(ID.LANG, "value"),
    )
    def relabel(lang):
        lang = lang or "en"
        bound_opts = [{"label": i18n.t(k, lang), "value": k} for k in ("both", "low", "high")]
        round_opts = [
            {"label": i18n.t("paper_rounding", lang), "value": "paper"},
            {"label": i18n.t("exact", lang), "value": "exact"},
        ]
        return (*[i18n.t(k, lang) for k in LABEL_KEYS], bound_opts, round_opts, _pros_cons(lang))

    app.clientside_callback(
        "function(search){return window.location.origin"
        " + window.location.pathname + (search || '');}",
        Output(ID.SHARE_LINK, "value"),
        Input(ID.URL, "search"),
    )

    @app.callback(
        Output(ID.DOWNLOAD, "data"),
        Input(ID.DL_CSV, "n_clicks"),
        Input(ID.DL_XLSX, "n_clicks"),
        Input(ID.DL_JSON, "n_clicks"),
        Input(ID.DL_TOML, "n_clicks"),
        State(ID.DOC, "data"),
        State(ID.OPTIONS, "data"),
        prevent_initial_call=True,
    )
    def download(_c, _x, _j, _t, doc, options):
        if not doc or ctx.triggered_id is None:
            return no_update
        return logic.download(str(ctx.triggered_id).removeprefix("dl-"), doc, options)

    @app.callback(
        Output(ID.DIST_FIG, "figure"),
        Output(ID.DIST_STATUS, "children"),
        Input(ID.DIST_RUN, "n_clicks"),
        State(ID.DOC, "data"),
        State(ID.LANG, "value"),
        State(ID.OPTIONS, "data"),
        background=background_manager is not None,
        manager=background_manager,
        running=[(Output(ID.DIST_RUN, "disabled"), True, False)] if background_manager else None,
        prevent_initial_call=True,
    )
    def distribution(_n, doc, lang, options):
        if not doc:
            return no_update, no_update
        frame, names, unit, note = logic.distribution(doc, options=options)
        return figures.distribution_figure(frame, names, unit, lang or "en", note), note


def _problem(edited: dict[str, Any], options: dict[str, str]):
    """``(feedback key, error)`` when the engine refuses the edited scenario or the options."""
    try:
        scenario = logic.scenario_of(edited)
    except InputError as exc:
        return logic.control_key(exc), exc
    try:
        logic.check_options(edited, options, scenario)
    except InputError as exc:
        return "options", exc
    return None


def _columns(df) -> list[dict[str, str]]:
    return [{"name": str(c), "id": str(c)} for c in df.columns]


def _info(v) -> list:
    """Scenario identity as plain text (uploaded titles are never rendered as HTML)."""
    sc = v.scenario
    return [
        html.H2(sc.title, className="scenario-title"),
        html.P(
            f"{sc.id} · {sc.party or '—'} · {sc.years[0]}–{sc.years[-1]} · "
            f"{i18n.t('unit', v.lang)}: {sc.unit}"
        ),
        html.Details(
            [html.Summary(i18n.t("sources", v.lang)), html.Ul([html.Li(s) for s in sc.sources])]
        ),
    ]


def _pros_cons(lang: str) -> list:
    out = []
    for name, m in METHODS.items():
        text = i18n.PROS_CONS.get(name, {}).get(lang)
        if text is None:
            continue
        status = i18n.t("adopted" if m.adopted_in_2_cma_3 else "not_adopted", lang)
        out.append(
            html.Div(
                [
                    html.H3(
                        [
                            i18n.method_label(name, lang),
                            html.Span(
                                f" ({status})" if m.adopted_in_2_cma_3 else f" († {status})",
                                className="adopted" if m.adopted_in_2_cma_3 else "not-adopted",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.Strong(i18n.t("pros", lang) + ": "),
                            html.Ul([html.Li(x) for x in text["pros"]]),
                        ]
                    ),
                    html.Div(
                        [
                            html.Strong(i18n.t("cons", lang) + ": "),
                            html.Ul([html.Li(x) for x in text["cons"]]),
                        ]
                    ),
                ],
                className=f"method-card {name}"
                + ("" if m.adopted_in_2_cma_3 else " not-adopted-card"),
            )
        )
    return out
