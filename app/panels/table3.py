"""Table 3: the national yearly emissions the usage model derives (eqs. 1-9)."""

from __future__ import annotations

from enum import StrEnum

from dash import Output, html, no_update

from .common import columns, label, table, view, view_inputs


class ID(StrEnum):
    """Ids of the Table 3 panel."""

    TABLE3 = "table3"


def layout():
    """The heading and the table (scrolls sideways inside its box on a phone)."""
    return html.Section(
        [label("table3", html.H2), label("table3_note", html.P, className="note"), table(ID.TABLE3)],
        className="panel",
    )


def register(app) -> None:
    """Redraw on every change of the scenario, options or view."""

    @app.callback(
        Output(ID.TABLE3, "data"),
        Output(ID.TABLE3, "columns"),
        *view_inputs(),
        prevent_initial_call=True,
    )
    def draw(doc, options, bound, rounding, lang):
        if not doc:
            return no_update, no_update
        v = view(doc, options, bound, rounding, lang)
        return v.table3.to_dict("records"), columns(v.table3)
