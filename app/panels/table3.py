"""Table 3: the national yearly emissions the usage model derives (eqs. 1-9)."""

from __future__ import annotations

from enum import StrEnum

from dash import Output, html

from .common import columns, label, table


class ID(StrEnum):
    """Ids of the Table 3 panel."""

    TABLE3 = "table3"


def layout():
    """The heading and the table (scrolls sideways inside its box on a phone)."""
    return html.Section(
        [label("table3", html.H2), label("table3_note", html.P, className="note"), table(ID.TABLE3)],
        className="panel",
    )


#: What :func:`draw` fills (drawn with the other view panels, :func:`app.panels.common.register_view`).
OUTPUTS = (Output(ID.TABLE3, "data"), Output(ID.TABLE3, "columns"))


def draw(v):
    """Table 3's rows and columns."""
    return v.table3.to_dict("records"), columns(v.table3)


def register(app) -> None:
    """Nothing of its own: drawn from the view (:data:`OUTPUTS`)."""
