"""The gap of each method over the scenario's ranges (the sweep engine, Latin hypercube).

A small sample is drawn as soon as a scenario is shown; the button draws the
full sample in the background (DiskcacheManager), so the page stays live.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from article6 import sweep

from .. import answers, figures, i18n
from ..ids import ID as PAGE
from ..options import question
from .common import button, graph, label

#: Samples drawn on load, and on request (Latin hypercube, fixed seed).
QUICK_SAMPLES = 200
FULL_SAMPLES = 2000
SEED = 20200930


class ID(StrEnum):
    """Ids of the distribution panel."""

    DIST_FIG = "dist-figure"
    DIST_RUN = "dist-run"
    DIST_STATUS = "dist-status"
    PATHS = "dist-paths"


TEXT = {
    "dist_paths": {
        "en": "The trajectory method under every submitted path too",
        "ko": "모든 제출 경로에 대한 경로방식도 함께",
    },
}
i18n.TEXT.update(TEXT)


def distribution(
    doc: dict[str, Any], samples: int, options: dict[str, str] | None = None, every_path: bool = False
):
    """Sweep the scenario's ranges: ``(frame, methods, unit, ranged)`` for the figure.

    The sweep asks the same question as the tables (:func:`app.options.question`,
    its NDC_T included): the default methods always; when the options choose
    another submitted path or netting than the paper's, the trajectory method
    under that choice too, and with ``every_path`` the trajectory method under
    every path the scenario allows (``article6 sweep --paths all``).
    """
    q = question(doc, options)
    sc = q.scenario
    plan = sweep.question_plan(q, samples, seed=SEED, design="lhs",
                               paths="all" if every_path else None)
    return _named(sweep.sweep_table(plan).to_pandas(), sc)


def _named(frame, sc):
    names = [c.removesuffix("_gap") for c in frame.columns if str(c).endswith("_gap")]
    return frame, names, sc.unit, bool(sc.ranged_inputs())


def note(samples: int, ranged: bool, lang: str) -> str:
    """``N = 2,000 LHS`` and, without any ranged input, why every sample is the same."""
    text = f"N = {samples:,} LHS"
    return text if ranged else f"{text}; {i18n.t('dist_none', lang)}"


def layout():
    """Heading, status line, figure and the button for the full sample."""
    return html.Section(
        [
            label("dist_fig", html.H2),
            label("dist_help", html.P, className="note"),
            dcc.Checklist(id=ID.PATHS, value=[], options=[{"label": i18n.t("dist_paths"), "value": "all"}]),
            button("dist_run", ID.DIST_RUN),
            dcc.Loading(
                html.Div([html.Div(id=ID.DIST_STATUS, className="note"), graph(ID.DIST_FIG, 380)]),
                type="circle",
            ),
        ],
        className="panel",
    )


def quick_distribution(doc: dict[str, Any], options: dict[str, str] | None = None, every_path: bool = False):
    """:func:`distribution` of the quick sample, answered once per question (:mod:`app.answers`)."""
    return _named(*answers.swept(doc, options, QUICK_SAMPLES, SEED, every_path))


def _draw(doc, options, lang, samples, every_path=False):
    if samples == QUICK_SAMPLES:
        frame, names, unit, ranged = quick_distribution(doc, options, every_path)
    else:
        frame, names, unit, ranged = distribution(doc, samples, options, every_path)
    text = note(samples, ranged, lang or "en")
    return figures.distribution_figure(frame, names, unit, lang or "en", text), text


def register(app, background_manager=None) -> None:
    """The quick sample on every scenario shown; the full one on the button."""

    @app.callback(
        Output(ID.DIST_FIG, "figure", allow_duplicate=True),
        Output(ID.DIST_STATUS, "children", allow_duplicate=True),
        Input(PAGE.DOC, "data"),
        Input(PAGE.OPTIONS, "data"),
        Input(PAGE.LANG, "value"),
        Input(ID.PATHS, "value"),
        prevent_initial_call=True,
    )
    def quick(doc, options, lang, every):
        if not doc:
            return no_update, no_update
        return _draw(doc, options, lang, QUICK_SAMPLES, bool(every))

    @app.callback(
        Output(ID.DIST_FIG, "figure"),
        Output(ID.DIST_STATUS, "children"),
        Input(ID.DIST_RUN, "n_clicks"),
        State(PAGE.DOC, "data"),
        State(PAGE.LANG, "value"),
        State(PAGE.OPTIONS, "data"),
        State(ID.PATHS, "value"),
        background=background_manager is not None,
        manager=background_manager,
        running=[(Output(ID.DIST_RUN, "disabled"), True, False)] if background_manager else None,
        prevent_initial_call=True,
    )
    def full(_n, doc, lang, options, every):
        if not doc:
            return no_update, no_update
        return _draw(doc, options, lang, FULL_SAMPLES, bool(every))

    @app.callback(Output(ID.PATHS, "options"), Input(PAGE.LANG, "value"))
    def relabel(lang):
        return [{"label": i18n.t("dist_paths", lang or "en"), "value": "all"}]
