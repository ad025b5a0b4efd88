"""The gap of each method over the scenario's ranges (the sweep engine, Latin hypercube).

A small sample is drawn as soon as a scenario is shown; the button draws the
full sample in the background (DiskcacheManager), so the page stays live.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from dash import Input, Output, State, dcc, html, no_update

from .. import figures, i18n
from ..ids import ID as PAGE
from ..scenarios import scenario_of
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


def distribution(doc: dict[str, Any], samples: int, options: dict[str, str] | None = None):
    """Sweep the scenario's ranges: ``(frame, methods, unit, note)`` for the figure.

    The paper's four methods always; when ``options`` choose another submitted path or
    netting than the paper's, the trajectory method under that choice too (the sweep's
    ``paths``/``netting``; its NDC_T is the derived one).
    """
    from article6 import sweep

    sc = scenario_of(doc)
    extra: dict[str, Any] = {}
    if options and (options.get("path"), options.get("netting")) != ("derived", "annual"):
        extra = {"paths": [options["path"]], "netting": options.get("netting") or "annual"}
    frame = sweep.sweep_frame(sc, samples=samples, seed=SEED, design="lhs", **extra)
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
            button("dist_run", ID.DIST_RUN),
            dcc.Loading(
                html.Div([html.Div(id=ID.DIST_STATUS, className="note"), graph(ID.DIST_FIG, 380)]),
                type="circle",
            ),
        ],
        className="panel",
    )


def _draw(doc, options, lang, samples):
    frame, names, unit, ranged = distribution(doc, samples, options)
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
        prevent_initial_call=True,
    )
    def quick(doc, options, lang):
        if not doc:
            return no_update, no_update
        return _draw(doc, options, lang, QUICK_SAMPLES)

    @app.callback(
        Output(ID.DIST_FIG, "figure"),
        Output(ID.DIST_STATUS, "children"),
        Input(ID.DIST_RUN, "n_clicks"),
        State(PAGE.DOC, "data"),
        State(PAGE.LANG, "value"),
        State(PAGE.OPTIONS, "data"),
        background=background_manager is not None,
        manager=background_manager,
        running=[(Output(ID.DIST_RUN, "disabled"), True, False)] if background_manager else None,
        prevent_initial_call=True,
    )
    def full(_n, doc, lang, options):
        if not doc:
            return no_update, no_update
        return _draw(doc, options, lang, FULL_SAMPLES)
