"""The page: a header, the results first, the inputs beside them (or folded below on a phone).

Only structure here; each panel (:mod:`app.panels`) owns its part of the page.
Text that can come from an uploaded file (title, sources) is placed as plain
strings, which React escapes; nothing renders HTML or Markdown from user data.
"""

from __future__ import annotations

from dash import dcc, html

from . import ledger_view
from .ids import ID
from .panels import (
    charts,
    costs,
    distribution,
    inputs,
    methods,
    new_scenario,
    report,
    sensitivity,
    share,
    side_by_side,
    summary,
    table3,
    table4,
)
from .panels.common import label

#: The result panels, top to bottom.
RESULT_PANELS = (
    summary,
    report,
    table4,
    charts,
    table3,
    distribution,
    costs,
    sensitivity,
    side_by_side,
    methods,
    share,
)
#: Every panel with callbacks, in the order they are registered.
PANELS = (inputs, new_scenario, *RESULT_PANELS)


def header():
    """Title, subtitle, language switch and the print button."""
    return html.Header(
        [
            html.Div([label("title", html.H1), label("subtitle", html.P)], className="titles"),
            html.Div(
                [
                    dcc.RadioItems(
                        id=ID.LANG,
                        value="en",
                        inline=True,
                        className="lang",
                        options=[
                            {"label": "English", "value": "en"},
                            {"label": "한국어", "value": "ko"},
                        ],
                    ),
                ],
                className="header-tools",
            ),
        ]
    )


def layout():
    """The whole page."""
    return html.Div(
        [
            dcc.Location(id=ID.URL, refresh=False),
            dcc.Store(id=ID.BASE),
            dcc.Store(id=ID.DOC),
            dcc.Store(id=ID.OPTIONS),
            header(),
            html.Div(
                [
                    html.Main([p.layout() for p in RESULT_PANELS], className="results"),
                    inputs.layout(extra=(new_scenario.layout(),)),
                ],
                className="grid",
            ),
            ledger_view.panel(),
        ],
        className="page",
    )
