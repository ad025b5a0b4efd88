"""Scenarios side by side: Table 4 of two or three scenarios with the page's choices, differences marked.

Each scenario is evaluated exactly as the page evaluates one (the shared view,
:func:`app.panels.common.view`), with the page's trajectory options, bound and
rounding. A cell whose text differs from the first scenario's is highlighted.
"""

from __future__ import annotations

from enum import StrEnum

from dash import Input, Output, dash_table, dcc, html, no_update

from .. import figures, i18n, scenarios
from ..ids import ID as PAGE
from .common import GRAPH_CONFIG, label, view


class ID(StrEnum):
    """Ids of the side-by-side panel."""

    PICK = "side-pick"
    ASK = "side-ask"
    TABLES = "side-tables"
    FIG = "side-figure"


#: The page's own (possibly edited) scenario, offered beside the built-in ones.
CURRENT = "current"
MAX_SIDE = 3
TEXT = {
    "side": {"en": "Scenarios side by side", "ko": "시나리오 나란히 보기"},
    "side_help": {
        "en": "Pick two or three; each is evaluated with the choices made on this page. Cells "
        "that differ from the first scenario's are highlighted.",
        "ko": "두세 개를 고르세요; 각각 이 화면의 선택으로 계산합니다. 첫 시나리오와 다른 칸은 강조됩니다.",
    },
    "side_current": {"en": "this page's scenario", "ko": "이 화면의 시나리오"},
    "side_pick_more": {"en": "Pick at least two scenarios.", "ko": "시나리오를 두 개 이상 고르세요."},
    "side_too_many": {"en": "At most three scenarios.", "ko": "시나리오는 세 개까지입니다."},
}
i18n.TEXT.update(TEXT)


def layout():
    """The choice and, once two are chosen, one Table 4 per scenario and the gap chart."""
    return html.Section(
        [
            label("side", html.H2),
            label("side_help", html.P, className="note"),
            dcc.Checklist(id=ID.PICK, value=[], options=[], inline=False, className="choices"),
            dcc.Store(id=ID.ASK),
            html.Div(id=ID.TABLES, className="side-tables"),
            dcc.Graph(
                id=ID.FIG, config=GRAPH_CONFIG, style={"height": "420px", "width": "100%", "display": "none"}
            ),
        ],
        className="panel",
    )


def _differences(first, other) -> list[dict]:
    """Style rules highlighting the cells of ``other`` whose text differs from ``first``'s."""
    rules = []
    for i in range(min(len(first), len(other))):
        for col in list(other.columns)[1:]:
            if col in first.columns and first.iloc[i][col] != other.iloc[i][col]:
                rules.append(
                    {
                        "if": {"row_index": i, "column_id": col},
                        "backgroundColor": "#fff3cd",
                        "fontWeight": "600",
                    }
                )
    return rules


def register(app) -> None:
    """The choice list follows the language; the tables follow the page's choices."""

    @app.callback(Output(ID.PICK, "options"), Input(PAGE.LANG, "value"))
    def choices(lang):
        lang = lang or "en"
        opts = [{"label": i18n.t("side_current", lang), "value": CURRENT}]
        opts += [{"label": scenarios.title(s, lang), "value": s} for s in scenarios.builtin_ids()]
        return opts

    app.clientside_callback(
        # in the browser, no request: a change of the page's scenario or view asks the server
        # again only when two or more scenarios are shown; the choice and the language always do
        """function(picked, doc, options, bound, rounding, lang){
            var ctx = window.dash_clientside.callback_context;
            var view = ['doc-store.data', 'options-store.data', 'bound.value', 'rounding.value'];
            var onlyView = ctx.triggered.length > 0 && ctx.triggered.every(function(t){
                return view.indexOf(t.prop_id) >= 0; });
            if ((picked || []).length < 2 && onlyView) { return window.dash_clientside.no_update; }
            return {picked: picked, doc: doc, options: options, bound: bound, rounding: rounding,
                    lang: lang};
        }""",
        Output(ID.ASK, "data"),
        Input(ID.PICK, "value"),
        Input(PAGE.DOC, "data"),
        Input(PAGE.OPTIONS, "data"),
        Input(PAGE.BOUND, "value"),
        Input(PAGE.ROUNDING, "value"),
        Input(PAGE.LANG, "value"),
    )

    @app.callback(
        Output(ID.TABLES, "children"),
        Output(ID.FIG, "figure"),
        Output(ID.FIG, "style"),
        Input(ID.ASK, "data"),
    )
    def draw(ask):
        ask = ask or {}
        picked, doc, options = ask.get("picked"), ask.get("doc"), ask.get("options")
        bound, rounding, lang = ask.get("bound"), ask.get("rounding"), ask.get("lang")
        lang = lang or "en"
        hidden = {"height": "420px", "width": "100%", "display": "none"}
        picked = list(picked or [])
        if len(picked) < 2 or len(picked) > MAX_SIDE:
            key = "side_pick_more" if len(picked) < 2 else "side_too_many"
            return html.P(i18n.t(key, lang), className="note"), no_update, hidden
        if CURRENT in picked and not doc:
            return no_update, no_update, no_update
        views = []
        for sid in picked:
            d = doc if sid == CURRENT else scenarios.builtin_doc(sid)
            views.append(view(d, options, bound, rounding, lang))
        first = views[0].table4
        blocks = []
        for k, v in enumerate(views):
            t4 = v.table4
            blocks.append(
                html.Div(
                    [
                        html.H3(scenarios.shown_title(v.scenario, lang), className="side-title"),
                        dash_table.DataTable(
                            data=t4.to_dict("records"),
                            columns=[{"name": str(c), "id": str(c)} for c in t4.columns],
                            style_table={"overflowX": "auto"},
                            style_cell={"padding": "3px 6px", "fontFamily": "inherit", "textAlign": "right"},
                            style_cell_conditional=[{"if": {"column_index": 0}, "textAlign": "left"}],
                            style_header={"fontWeight": "600", "backgroundColor": "#f3f3f3"},
                            style_data_conditional=[] if k == 0 else _differences(first, t4),
                        ),
                    ],
                    className="side-block",
                )
            )
        fig = figures.side_gap_figure(
            [(scenarios.shown_title(v.scenario, lang), v.methods) for v in views], views[0].unit, lang
        )
        return blocks, fig, {**hidden, "display": "block"}
