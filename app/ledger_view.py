"""The ledger view: one Party's reporting rows, emissions balance and check, from a transfer ledger.

Pick the shipped example or upload a ledger (either layout) and its parties
file, choose a Party and, optionally, the date as of which to report. The view
shows the reporting rows (decision 2/CMA.3, annex, paras 7-8), the emissions
balance under the single-year methods side by side (averaging, para 7(a)(ii),
and trajectory, para 7(a)(i); a multi-year NDC shows its own method), the
check that nothing is counted twice, and offers the rows as CSV, Excel and
JSON. A refused file shows the line and block that broke it.

Everything computed comes from :mod:`article6.ledger`; this module only lays
out, formats and wires. Every word follows the page's language (English or
Korean, :mod:`app.ledger_text`); what comes from the files (Party names, file
names, codes and values in an error) is shown as written, marked ``from-file``.
It owns its ids (:class:`LID`), layout (:func:`panel`) and callbacks
(:func:`register`).
"""

from __future__ import annotations

import base64
import binascii
import math
from enum import StrEnum

import plotly.graph_objects as go
from dash import Input, Output, State, ctx, dash_table, dcc, html, no_update

from article6 import errors as E
from article6 import ledger as L
from article6.io import spreadsheet
from article6.io.jsonout import dumps
from article6.resources import data_dir

from . import i18n
from .errors_ko import parts
from .ids import ID as PAGE
from .ledger_text import ROW_LABELS_KO
from .panels.common import label

#: Largest uploaded ledger or parties file [bytes] (as the command line reads them, bounded).
MAX_UPLOAD_BYTES = 16 * 2**20
EXAMPLE = "example-actions"


class LID(StrEnum):
    """Component ids of the ledger view."""

    SECTION = "ledger-view"
    SOURCE = "ledger-source"
    UP_LEDGER = "ledger-upload"
    UP_PARTIES = "ledger-parties-upload"
    FILES = "ledger-files"
    STORE = "ledger-store"
    PARTY = "ledger-party"
    AS_OF = "ledger-as-of"
    STATUS = "ledger-status"
    CHECK = "ledger-check"
    TABLE = "ledger-table"
    COMPARE = "ledger-compare"
    FIGURE = "ledger-figure"
    DL_CSV = "ledger-dl-csv"
    DL_XLSX = "ledger-dl-xlsx"
    DL_JSON = "ledger-dl-json"
    DOWNLOAD = "ledger-download"


# --------------------------------------------------------------------------- loading


def _decode(contents: str, name: str) -> bytes:
    try:
        _, b64 = contents.split(",", 1)
        data = base64.b64decode(b64, validate=True)
    except (ValueError, binascii.Error):
        raise L.LedgerError(name, "(file)", "an uploaded file") from None
    if len(data) > MAX_UPLOAD_BYTES:
        raise L.LedgerError(name, "(file)", f"a file of at most {MAX_UPLOAD_BYTES:,} bytes")
    return data


def load(state: dict | None):
    """(ledger, parties) of the view's state; raises :class:`article6.errors.InputError`."""
    state = state or {}
    if state.get("source", "example") == "example":
        path = data_dir("ledgers", f"{EXAMPLE}.csv")
        parties = L.load_parties(L.default_parties_path(path))
        return L.load_ledger(path, parties), parties
    if not state.get("ledger") or not state.get("parties"):
        raise L.LedgerError("upload", "(file)", "a ledger CSV and its parties file (TOML), both uploaded")
    pname, lname = state.get("parties_name") or "parties.toml", state.get("ledger_name") or "ledger.csv"
    parties = L.parse_parties(_decode(state["parties"], pname), pname)
    return L.parse_ledger(_decode(state["ledger"], lname), parties, lname), parties


def _as_of(text: str | None) -> int | None:
    return L.parse_as_of(text.strip(), "as of") if text and text.strip() else None


def _num(v: float) -> str:
    return "" if v is None or not math.isfinite(v) else f"{v:,.2f}"


def row_labels(report, lang: str = "en") -> dict[str, str]:
    """The reporting rows' labels in ``lang`` (English: the engine's own)."""
    if lang != "ko":
        return report.labels()
    lab = {k: ROW_LABELS_KO[k] for k in L.SUMMARY_ROWS}
    lab["trajectory"] = ROW_LABELS_KO[report.path_label]
    return lab


def method_name(method, lang: str = "en") -> str:
    """A method's label in ``lang`` (its own ``label_en`` / ``label_ko``)."""
    return method.label_ko if lang == "ko" else method.label_en


def views(state, iso3: str | None, as_of_text: str | None, lang: str = "en") -> dict:
    """Everything the view shows for one Party, formatted; raises InputError for bad input."""
    ledger, parties = load(state)
    iso3 = iso3 if iso3 in parties.parties else parties.codes[0]
    as_of = _as_of(as_of_text)
    report = L.party_summary(ledger, parties, iso3, as_of)
    check = L.accounting_check(ledger, parties, as_of)
    years = [str(y) for y in report.years]
    labels = row_labels(report, lang)
    table = [
        {"item": labels[k], **{y: _num(v) for y, v in zip(years, report.rows[k], strict=True)}}
        for k in L.SUMMARY_ROWS
    ]
    others = L.compare_methods(ledger, parties, iso3, as_of)
    compare = []
    for i, y in enumerate(years):
        row = {"year": y, "emissions": _num(report.rows["emissions"][i])}
        for name, r in others.items():
            row[f"{name}:adjustment"] = _num(r.rows["annual_adjustment"][i])
            row[f"{name}:balance"] = _num(r.rows["emissions_balance"][i])
        compare.append(row)
    return {
        "ledger": ledger,
        "parties": parties,
        "iso3": iso3,
        "report": report,
        "check": check,
        "table": table,
        "years": years,
        "compare": compare,
        "methods": others,
        "lang": lang,
    }


def figure(v: dict) -> go.Figure:
    """Emissions and the emissions balance under each compared method, by year.

    The Party is named in the heading above the chart (its name is the file's text).
    """
    lang = v.get("lang", "en")
    fig = go.Figure()
    x = [int(y) for y in v["years"]]
    rep = v["report"]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[None if not math.isfinite(e) else e for e in rep.rows["emissions"]],
            name=i18n.t("ledger_reported", lang),
            mode="lines+markers",
            line={"dash": "dot", "color": "#555"},
        )
    )
    for r in v["methods"].values():
        m = r.party.method_object()
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[None if not math.isfinite(b) else b for b in r.rows["emissions_balance"]],
                name=i18n.t("ledger_balance_of", lang).format(method=method_name(m, lang)),
                mode="lines+markers",
            )
        )
    fig.update_layout(
        title=f"{i18n.t('ledger_balance', lang)} ({rep.unit})",
        margin={"l": 60, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h"},
        yaxis={"title": rep.unit},
    )
    return fig


def check_text(check: dict, unit: str, lang: str = "en") -> str:
    """The check in one line."""
    return i18n.t("ledger_check", lang).format(
        blocks=check["blocks"],
        status=i18n.t("ledger_ok" if check["ok"] else "ledger_failed", lang),
        added=f"{check['added']:,.2f}",
        subtracted=f"{check['subtracted']:,.2f}",
        not_used=f"{check['not_used']:,.2f}",
        unit=unit,
        difference=f"{check['difference']:.3g}",
    )


def from_file(text: str) -> html.Span:
    """Text from the user's files (a name, a code, a value), shown as written."""
    return html.Span(text, className="from-file")


def error_children(exc: Exception, lang: str) -> list:
    """A refused file's message in ``lang``: the file's names as written, the rest translated."""
    if lang != "ko":
        return [i18n.t("ledger_refused", lang), " ", str(exc)]
    pieces = [from_file(text) if name else text for text, name in parts(exc)]
    return [i18n.t("ledger_refused", lang), " ", *pieces]


def status_children(v: dict, lang: str) -> list:
    """Who, which NDC and method, which layout, as of when."""
    rep = v["report"]
    if not rep.as_of:
        return [i18n.t("ledger_no_actions", lang)]
    d = str(rep.as_of)
    text = i18n.t("ledger_status", lang).format(
        ndc=i18n.t(f"ledger_ndc_{rep.party.ndc_type}", lang),
        method=method_name(rep.party.method_object(), lang),
        layout=i18n.t(f"ledger_layout_{v['ledger'].layout}", lang),
        date=f"{d[:4]}-{d[4:6]}-{d[6:]}",
    )
    if "indicative" in rep.kind:
        text += i18n.t("ledger_indicative", lang)
    return [from_file(rep.party.name), f" [{rep.party.iso3}], {text}"]


def download(kind: str, v: dict) -> dict:
    """A ``dcc.Download`` payload of the reporting rows: ``csv``, ``xlsx`` or ``json``."""
    rep, iso3 = v["report"], v["iso3"]
    frame = rep.frame()
    if kind == "csv":
        return {"content": spreadsheet.write_csv(frame), "filename": f"{iso3}-balance.csv",
                "base64": False}
    if kind == "xlsx":
        data = spreadsheet.write_excel({iso3: frame})
        return {"content": base64.b64encode(data).decode("ascii"),
                "filename": f"{iso3}-balance.xlsx", "base64": True}
    doc = L.report_document(rep, v["check"], v["ledger"], v["parties"])
    return {"content": dumps(doc), "filename": f"{iso3}-balance.json", "base64": False}


# --------------------------------------------------------------------------- layout


def _table(tid: str) -> dash_table.DataTable:
    return dash_table.DataTable(
        id=tid,
        data=[],
        columns=[],
        style_table={"overflowX": "auto"},
        style_cell={"fontFamily": "inherit", "fontSize": "13px", "padding": "4px 8px", "textAlign": "right"},
        style_cell_conditional=[{"if": {"column_id": c}, "textAlign": "left"} for c in ("item", "year")],
        style_header={"fontWeight": "600"},
    )


def source_options(lang: str) -> list[dict[str, str]]:
    """The two sources of a ledger, in ``lang``."""
    return [
        {"label": i18n.t("ledger_example", lang), "value": "example"},
        {"label": i18n.t("ledger_upload", lang), "value": "upload"},
    ]


def panel() -> html.Section:
    """The ledger view's layout."""
    up_style = {
        "border": "1px dashed #888",
        "padding": "6px 10px",
        "display": "inline-block",
        "marginRight": "8px",
        "cursor": "pointer",
    }
    return html.Section(
        [
            label("ledger_title", html.H2),
            dcc.RadioItems(id=LID.SOURCE, value="example", inline=True, options=source_options("en")),
            html.Div(
                [
                    dcc.Upload(
                        id=LID.UP_LEDGER,
                        children=label("ledger_up_ledger"),
                        style=up_style,
                        max_size=MAX_UPLOAD_BYTES,
                    ),
                    dcc.Upload(
                        id=LID.UP_PARTIES,
                        children=label("ledger_up_parties"),
                        style=up_style,
                        max_size=MAX_UPLOAD_BYTES,
                    ),
                    html.Span(id=LID.FILES, className="note"),
                ]
            ),
            dcc.Store(id=LID.STORE, data={"source": "example"}),
            html.Div(
                [
                    label("ledger_party", html.Label, htmlFor=LID.PARTY),
                    dcc.Dropdown(id=LID.PARTY, clearable=False, style={"minWidth": "260px"}),
                    html.Label(
                        [label("ledger_as_of"), " ", html.Code("YYYY-MM-DD")], htmlFor=LID.AS_OF
                    ),
                    dcc.Input(id=LID.AS_OF, type="text", debounce=True, placeholder="YYYY-MM-DD"),
                ],
                className="ledger-controls",
            ),
            html.Div(id=LID.STATUS, role="status", className="note"),
            html.Div(id=LID.CHECK, className="note"),
            label("ledger_rows", html.H3),
            _table(LID.TABLE),
            label("ledger_compare", html.H3),
            _table(LID.COMPARE),
            dcc.Graph(id=LID.FIGURE, config={"displaylogo": False}, style={"height": "420px"}),
            html.Div(
                [
                    html.Button(label("ledger_dl_csv"), id=LID.DL_CSV, n_clicks=0),
                    html.Button(label("ledger_dl_xlsx"), id=LID.DL_XLSX, n_clicks=0),
                    html.Button(label("ledger_dl_json"), id=LID.DL_JSON, n_clicks=0),
                    dcc.Download(id=LID.DOWNLOAD),
                ],
                className="downloads",
            ),
        ],
        id=LID.SECTION,
        className="ledger-view",
    )


# --------------------------------------------------------------------------- callbacks


def register(app) -> None:
    """Register the ledger view's callbacks on ``app``."""

    @app.callback(Output(LID.SOURCE, "options"), Input(PAGE.LANG, "value"))
    def _sources(lang):
        return source_options(lang or "en")

    @app.callback(
        Output(LID.STORE, "data"),
        Output(LID.FILES, "children"),
        Input(LID.SOURCE, "value"),
        Input(LID.UP_LEDGER, "contents"),
        Input(LID.UP_PARTIES, "contents"),
        Input(PAGE.LANG, "value"),
        State(LID.UP_LEDGER, "filename"),
        State(LID.UP_PARTIES, "filename"),
    )
    def _store(source, ledger, parties, lang, lname, pname):
        names = ", ".join(n for n in (lname, pname) if n)
        state = {
            "source": source,
            "ledger": ledger,
            "parties": parties,
            "ledger_name": lname,
            "parties_name": pname,
        }
        shown = [i18n.t("ledger_uploaded", lang or "en"), " ", from_file(names)]
        return state, (shown if names and source == "upload" else "")

    @app.callback(
        Output(LID.PARTY, "options"),
        Output(LID.PARTY, "value"),
        Input(LID.STORE, "data"),
        State(LID.PARTY, "value"),
    )
    def _parties(state, current):
        try:
            _, parties = load(state)
        except E.Article6Error:
            return [], None
        opts = [{"label": f"{p.name} [{iso}]", "value": iso} for iso, p in parties.parties.items()]
        return opts, current if current in parties.parties else parties.codes[0]

    @app.callback(
        Output(LID.STATUS, "children"),
        Output(LID.CHECK, "children"),
        Output(LID.TABLE, "data"),
        Output(LID.TABLE, "columns"),
        Output(LID.COMPARE, "data"),
        Output(LID.COMPARE, "columns"),
        Output(LID.FIGURE, "figure"),
        Input(LID.STORE, "data"),
        Input(LID.PARTY, "value"),
        Input(LID.AS_OF, "value"),
        Input(PAGE.LANG, "value"),
    )
    def _show(state, iso3, as_of, lang):
        lang = lang or "en"
        try:
            v = views(state, iso3, as_of, lang)
        except E.Article6Error as exc:
            return error_children(exc, lang), "", [], [], [], [], go.Figure()
        t = i18n.t
        cols = [{"name": t("ledger_item", lang), "id": "item"}] + [{"name": y, "id": y} for y in v["years"]]
        ccols = [
            {"name": ["", t("ledger_year", lang)], "id": "year"},
            {"name": ["", t("ledger_emissions", lang)], "id": "emissions"},
        ]
        for name, r in v["methods"].items():
            head = method_name(r.party.method_object(), lang)
            ccols += [
                {"name": [head, t("ledger_adjustment", lang)], "id": f"{name}:adjustment"},
                {"name": [head, t("ledger_balance", lang)], "id": f"{name}:balance"},
            ]
        return (
            status_children(v, lang),
            check_text(v["check"], v["report"].unit, lang),
            v["table"],
            cols,
            v["compare"],
            ccols,
            figure(v),
        )

    @app.callback(
        Output(LID.DOWNLOAD, "data"),
        Input(LID.DL_CSV, "n_clicks"),
        Input(LID.DL_XLSX, "n_clicks"),
        Input(LID.DL_JSON, "n_clicks"),
        State(LID.STORE, "data"),
        State(LID.PARTY, "value"),
        State(LID.AS_OF, "value"),
        prevent_initial_call=True,
    )
    def _download(_c, _x, _j, state, iso3, as_of):
        kind = {LID.DL_CSV: "csv", LID.DL_XLSX: "xlsx", LID.DL_JSON: "json"}.get(ctx.triggered_id)
        try:
            v = views(state, iso3, as_of)
        except E.Article6Error:
            return no_update
        if kind is None or not v["check"]["ok"]:
            return no_update
        return download(kind, v)
