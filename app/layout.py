"""The page: inputs on the left, the paper's tables and the figures on the right.

Only structure here; values arrive through callbacks (:mod:`app.callbacks`).
Text that can come from an uploaded file (title, sources) is placed as plain
strings, which React escapes; nothing renders HTML or Markdown from user data.
"""

from __future__ import annotations

from dash import dash_table, dcc, html

from . import i18n, ledger_view, logic
from .ids import ID, PAIRS, label_id

#: Keys of app.i18n.TEXT shown by an element with id ``label-<key>`` (set by the language switch).
LABEL_KEYS = (
    "title",
    "subtitle",
    "inputs",
    "scenario",
    "upload",
    "upload_button",
    "reset",
    "split",
    "ets_share",
    "offset_limit",
    "sink",
    "net_overseas",
    "target",
    "trajectory",
    "options",
    "path_choice",
    "netting_choice",
    "ndc_target_choice",
    "options_help",
    "paths_table",
    "paths_note",
    "adopted_legend",
    "cli_line",
    "bound",
    "rounding",
    "table4",
    "table3",
    "dist_fig",
    "dist_run",
    "pros_cons",
    "downloads",
    "share_link",
    "dl_csv",
    "dl_xlsx",
    "dl_json",
    "dl_toml",
)

#: Buttons show a LABEL_KEYS string under their own id; the rest use ``label-<key>``.
BUTTON_LABELS = {
    "reset": ID.RESET,
    "split": ID.SPLIT,
    "dist_run": ID.DIST_RUN,
    "dl_csv": ID.DL_CSV,
    "dl_xlsx": ID.DL_XLSX,
    "dl_json": ID.DL_JSON,
    "dl_toml": ID.DL_TOML,
}


def label_target(key: str) -> str:
    """Id of the element showing UI string ``key``."""
    return BUTTON_LABELS.get(key, label_id(key))


#: Inputs whose control shows its own refusal message (``feedback-<name>``).
FEEDBACK = tuple(PAIRS) + ("target", "trajectory", "options")


def feedback_id(name: str) -> str:
    """Id of the refusal message under control ``name``."""
    return f"feedback-{name}"


def _label(key: str, tag=html.Label, **kw):
    return tag(i18n.t(key), id=label_id(key), **kw)


def _pair(name: str):
    lo, hi = PAIRS[name]
    return html.Div(
        [
            _label(name, className="control-label"),
            html.Div(
                [
                    dcc.Input(
                        id=lo,
                        type="number",
                        step="any",
                        debounce=True,
                        className="num",
                        name=f"{name}-low",
                    ),
                    html.Span("~", className="tilde"),
                    dcc.Input(
                        id=hi,
                        type="number",
                        step="any",
                        debounce=True,
                        className="num",
                        name=f"{name}-high",
                    ),
                ],
                className="pair",
            ),
            html.Div(id=feedback_id(name), className="feedback", role="alert"),
        ],
        className="control",
    )


def _button(key: str, bid: str, **kw):
    return html.Button(i18n.t(key), id=bid, n_clicks=0, **kw)


def inputs_panel():
    """The left column: scenario choice, upload, every input, view options."""
    return html.Aside(
        [
            _label("inputs", html.H2),
            html.Div(
                [
                    _label("scenario", className="control-label"),
                    dcc.Dropdown(
                        id=ID.PICKER,
                        options=[{"label": s, "value": s} for s in logic.builtin_ids()],
                        value=logic.DEFAULTS["scenario"],
                        clearable=False,
                    ),
                ],
                className="control",
            ),
            html.Div(
                [
                    _label("upload", className="control-label"),
                    dcc.Upload(
                        id=ID.UPLOAD,
                        children=html.Div(i18n.t("upload_button"), id=label_id("upload_button")),
                        accept=".toml,.csv,text/csv,application/toml",
                        multiple=False,
                        className="upload",
                    ),
                    html.Button(i18n.t("reset"), id=ID.RESET, n_clicks=0, className="secondary"),
                    html.Div(id=ID.MESSAGE, className="message", role="status"),
                ],
                className="control",
            ),
            *[_pair(n) for n in PAIRS],
            html.Div(
                [
                    _label("target", className="control-label"),
                    dcc.Input(
                        id=ID.TARGET, type="number", step="any", debounce=True, className="num"
                    ),
                    html.Div(id=feedback_id("target"), className="feedback", role="alert"),
                ],
                className="control",
            ),
            html.Div(
                [
                    _label("trajectory", className="control-label"),
                    dash_table.DataTable(
                        id=ID.TRAJECTORY,
                        columns=[
                            {"name": "from", "id": "from", "type": "numeric", "editable": False},
                            {"name": "to", "id": "to", "type": "numeric", "editable": False},
                            {"name": "low", "id": "low", "type": "numeric", "editable": True},
                            {"name": "high", "id": "high", "type": "numeric", "editable": True},
                        ],
                        data=[],
                        editable=True,
                        style_table={"maxHeight": "320px", "overflowY": "auto"},
                        style_cell={
                            "padding": "2px 6px",
                            "fontFamily": "inherit",
                            "textAlign": "right",
                        },
                    ),
                    html.Button(i18n.t("split"), id=ID.SPLIT, n_clicks=0, className="secondary"),
                    html.Div(id=feedback_id("trajectory"), className="feedback", role="alert"),
                ],
                className="control",
            ),
            options_panel(),
            html.Div(
                [
                    _label("bound", className="control-label"),
                    dcc.RadioItems(
                        id=ID.BOUND,
                        value="both",
                        inline=True,
                        options=[{"label": i18n.t(k), "value": k} for k in ("both", "low", "high")],
                    ),
                ],
                className="control",
            ),
            html.Div(
                [
                    _label("rounding", className="control-label"),
                    dcc.RadioItems(
                        id=ID.ROUNDING,
                        value="paper",
                        inline=True,
                        options=[
                            {"label": i18n.t("paper_rounding"), "value": "paper"},
                            {"label": i18n.t("exact"), "value": "exact"},
                        ],
                    ),
                ],
                className="control",
            ),
        ],
        className="inputs",
    )


def _radio(key: str, rid: str, choices: list[tuple[str, str]], value: str):
    return html.Div(
        [
            _label(key, className="control-label"),
            dcc.RadioItems(
                id=rid,
                value=value,
                options=[{"label": i18n.t(label), "value": v} for v, label in choices],
                className="choices",
            ),
        ],
        className="sub-control",
    )


def options_panel():
    """Trajectory method options (issue 6): submitted path, netting, NDC target mode.

    The options of the path choice (``user`` only with a ``[path]`` table) are
    set by a callback from the scenario loaded.
    """
    return html.Div(
        [
            _label("options", html.H3),
            _radio(
                "path_choice",
                ID.TRAJ_PATH,
                [(c, f"path_{c}") for c in ("derived", "roadmap", "linear", "user")],
                "derived",
            ),
            _radio(
                "netting_choice",
                ID.NETTING,
                [("annual", "netting_annual"), ("budget", "netting_budget")],
                "annual",
            ),
            _radio(
                "ndc_target_choice",
                ID.NDC_TARGET,
                [("derived", "ndc_derived"), ("stated", "ndc_stated")],
                "derived",
            ),
            _label("options_help", html.P, className="help"),
            html.Div(id=feedback_id("options"), className="feedback", role="alert"),
        ],
        className="control options",
        id=ID.OPTIONS_PANEL,
    )


def _table(tid: str, **extra):
    return dash_table.DataTable(
        id=tid,
        data=[],
        columns=[],
        style_cell={
            "padding": "4px 8px",
            "fontFamily": "inherit",
            "whiteSpace": "normal",
            "height": "auto",
            "textAlign": "right",
        },
        style_cell_conditional=[
            {"if": {"column_id": c}, "textAlign": "left"}
            for c in (
                "Method",
                "방식",
                "Row",
                "항목",
                i18n.t("submitted_path"),
                i18n.t("submitted_path", "ko"),
            )
        ],
        style_header={"fontWeight": "600", "backgroundColor": "#f3f3f3", "whiteSpace": "normal"},
        **extra,
    )


#: Table 4 rows of methods that decision 2/CMA.3 no longer allows (its last column holds a †).
NOT_ADOPTED_STYLE = [
    {"if": {"filter_query": '{2/CMA.3} contains "†"'}, "color": "#b00020"},
    {
        "if": {"filter_query": '{2/CMA.3} contains "†"', "column_id": "2/CMA.3"},
        "fontWeight": "600",
    },
]


def results_panel():
    """The right column: scenario identity, Tables 4 and 3, figures, distribution, notes."""
    graph_cfg = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
    return html.Main(
        [
            html.Div(id=ID.SCENARIO_INFO, className="scenario-info"),
            _label("table4", html.H2),
            _table(ID.TABLE4, style_data_conditional=NOT_ADOPTED_STYLE),
            _label("adopted_legend", html.P, className="note"),
            _label("paths_table", html.H2),
            _table(ID.PATHS_TABLE),
            _label("paths_note", html.P, className="note"),
            html.Div(
                [_label("cli_line", html.Span), html.Code(id=ID.CLI_LINE, className="cli")],
                className="note",
            ),
            _label("table3", html.H2),
            _table(ID.TABLE3),
            dcc.Graph(id=ID.USE_FIG, config=graph_cfg, style={"height": "440px"}),
            dcc.Graph(id=ID.METHODS_FIG, config=graph_cfg, style={"height": "380px"}),
            dcc.Graph(id=ID.BALANCE_FIG, config=graph_cfg, style={"height": "440px"}),
            _label("dist_fig", html.H2),
            html.Button(i18n.t("dist_run"), id=ID.DIST_RUN, n_clicks=0),
            dcc.Loading(
                html.Div(
                    [
                        html.Div(id=ID.DIST_STATUS, className="note"),
                        dcc.Graph(id=ID.DIST_FIG, config=graph_cfg, style={"height": "380px"}),
                    ]
                ),
                type="circle",
            ),
            _label("pros_cons", html.H2),
            html.Div(id=ID.PROS_CONS, className="pros-cons"),
            _label("downloads", html.H2),
            html.Div(
                [
                    _button("dl_csv", ID.DL_CSV),
                    _button("dl_xlsx", ID.DL_XLSX),
                    _button("dl_json", ID.DL_JSON),
                    _button("dl_toml", ID.DL_TOML),
                    dcc.Download(id=ID.DOWNLOAD),
                ],
                className="downloads",
            ),
            html.Div(
                [
                    _label("share_link", html.Span),
                    dcc.Input(id=ID.SHARE_LINK, type="text", readOnly=True, className="share"),
                    dcc.Clipboard(target_id=ID.SHARE_LINK, className="clip"),
                ],
                className="share-row",
            ),
        ],
        className="results",
    )


def layout():
    """The whole page."""
    return html.Div(
        [
            dcc.Location(id=ID.URL, refresh=False),
            dcc.Store(id=ID.BASE),
            dcc.Store(id=ID.DOC),
            dcc.Store(id=ID.OPTIONS),
            html.Header(
                [
                    html.Div([_label("title", html.H1), _label("subtitle", html.P)]),
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
                ]
            ),
            html.Div([inputs_panel(), results_panel()], className="grid"),
            ledger_view.panel(),
        ],
        className="page",
    )
