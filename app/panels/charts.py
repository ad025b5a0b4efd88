"""The figures: annual ITMO use, need against usage per method, and the accounting balance."""

from __future__ import annotations

from enum import StrEnum

from dash import Output, html

from .. import figures
from .common import graph, label


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


#: What :func:`draw` fills (drawn with the other view panels, :func:`app.panels.common.register_view`).
OUTPUTS = (Output(ID.USE_FIG, "figure"), Output(ID.METHODS_FIG, "figure"), Output(ID.BALANCE_FIG, "figure"))


def draw(v):
    """The three figures."""
    return (
        figures.use_figure(v.annual, v.unit, v.lang),
        figures.methods_figure(v.methods, v.adopted, v.unit, v.lang),
        figures.balance_figure(v.balance, v.annual, v.unit, v.lang),
    )


def register(app) -> None:
    """Nothing of its own: drawn from the view (:data:`OUTPUTS`)."""
