"""Table 4 with what need, usage, gap and each method mean, the paths table and the command line."""

from __future__ import annotations

from enum import StrEnum

from dash import Output, html, no_update

from article6.model.methods import METHODS

from .. import i18n
from .common import columns, label, table, view, view_inputs


class ID(StrEnum):
    """Ids of the Table 4 panel."""

    TABLE4 = "table4"
    PATHS_TABLE = "paths-table"
    CLI_LINE = "cli-line"
    TERMS = "table4-terms"


#: The terms explained beside Table 4, in order.
TERMS = ("need", "usage", "gap")


def _not_adopted_style(lang: str) -> list[dict]:
    """Table 4 rows of methods that decision 2/CMA.3 no longer allows (their last cell holds †)."""
    col = i18n.t("adopted_col", lang)
    return [
        {"if": {"filter_query": f'{{{col}}} contains "†"'}, "color": "#b00020"},
        {"if": {"filter_query": f'{{{col}}} contains "†"', "column_id": col}, "fontWeight": "600"},
    ]


def terms(lang: str) -> list:
    """Short words for need, usage, gap and each method, with the detail folded."""
    items = [html.Li([html.Strong(i18n.t(k, lang)), " ", i18n.t(f"{k}_means", lang)]) for k in TERMS]
    methods = [
        html.Li([html.Strong(i18n.method_label(n, lang)), " ", i18n.t(f"method_{n}_means", lang)])
        for n in METHODS
        if f"method_{n}_means" in i18n.TEXT
    ]
    return [
        html.Ul(items, className="terms"),
        html.Details(
            [
                html.Summary(i18n.t("methods_detail", lang)),
                html.Ul(methods, className="terms"),
                html.P(i18n.t("terms_detail", lang), className="help"),
            ]
        ),
    ]


def layout():
    """Table 4, the words beside it, the paths table and the equivalent command."""
    return html.Section(
        [
            label("table4", html.H2),
            html.Div(
                [
                    html.Div(table(ID.TABLE4), className="table-box"),
                    html.Div(id=ID.TERMS, className="terms-box"),
                ],
                className="table4-row",
            ),
            label("adopted_legend", html.P, className="note"),
            label("paths_table", html.H3),
            table(ID.PATHS_TABLE),
            label("paths_note", html.P, className="note"),
            html.Div([label("cli_line"), html.Code(id=ID.CLI_LINE, className="cli")], className="note"),
        ],
        className="panel",
    )


def register(app) -> None:
    """Redraw the tables on every change of the scenario, options or view."""

    @app.callback(
        Output(ID.TABLE4, "data"),
        Output(ID.TABLE4, "columns"),
        Output(ID.TABLE4, "style_data_conditional"),
        Output(ID.TERMS, "children"),
        Output(ID.PATHS_TABLE, "data"),
        Output(ID.PATHS_TABLE, "columns"),
        Output(ID.CLI_LINE, "children"),
        *view_inputs(),
        prevent_initial_call=True,
    )
    def draw(doc, options, bound, rounding, lang):
        if not doc:
            return (no_update,) * 7
        v = view(doc, options, bound, rounding, lang)
        return (
            v.table4.to_dict("records"),
            columns(v.table4),
            _not_adopted_style(v.lang),
            terms(v.lang),
            v.paths.to_dict("records"),
            columns(v.paths),
            v.command,
        )
