"""The figures: annual ITMO use, need against usage per method, and the accounting balance."""

from __future__ import annotations

from enum import StrEnum

from dash import Output, html, no_update

from .. import figures
from .common import graph, label, view, view_inputs


class ID(StrEnum):
    """Ids of the charts panel."""

    USE_FIG = "use-figure"
    METHODS_FIG = "methods-figure"
    BALANCE_FIG = "balance-figure"


def layout():
    """Three figures, each as wide as the column."""
    return html.Section(
        [
            label("methods_fig", html.H3),
            graph(ID.METHODS_FIG, 360),
            label("methods_fig_note", html.P, className="note"),
            label("use_fig", html.H3),
            graph(ID.USE_FIG, 560),
            label("balance_fig", html.H3),
            graph(ID.BALANCE_FIG, 440),
        ],
        className="panel charts",
    )


def register(app) -> None:
    """Redraw on every change of the scenario, options or view."""

    @app.callback(
        Output(ID.USE_FIG, "figure"),
        Output(ID.METHODS_FIG, "figure"),
        Output(ID.BALANCE_FIG, "figure"),
        *view_inputs(),
        prevent_initial_call=True,
    )
    def draw(doc, options, bound, rounding, lang):
        if not doc:
            return no_update, no_update, no_update
        v = view(doc, options, bound, rounding, lang)
        return (
            figures.use_figure(v.annual, v.unit, v.lang),
            figures.methods_figure(v.methods, v.adopted, v.unit, v.lang),
            figures.balance_figure(v.balance, v.annual, v.unit, v.lang),
        )
