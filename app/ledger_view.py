"""The ledger view: one Party's reporting rows, emissions balance and check, from a transfer ledger.

Pick the shipped example or upload a ledger (either layout) and its parties
file, choose a Party and, optionally, the date as of which to report. The view
shows the reporting rows (decision 2/CMA.3, annex, paras 7-8), the emissions
balance under the single-year methods side by side (averaging, para 7(a)(ii),
and trajectory, para 7(a)(i); a multi-year NDC shows its own method), the
check that nothing is counted twice, and offers the rows as CSV, Excel and
JSON. A refused file shows the line and block that broke it.

Everything computed comes from :mod:`article6.ledger`; this module only lays
out, formats and wires. It owns its ids (:class:`LID`), layout
(:func:`panel`) and callbacks (:func:`register`).
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


def views(state, iso3: str | None, as_of_text: str | None) -> dict:
    """Everything the view shows for one Party, formatted; raises InputError for bad input."""
    ledger, parties = load(state)
    iso3 = iso3 if iso3 in parties.parties else parties.codes[0]
    as_of = _as_of(as_of_text)
    report = L.party_summary(ledger, parties, iso3, as_of)
    check = L.accounting_check(ledger, parties, as_of)
    years = [str(y) for y in report.years]
    labels = report.labels()
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
    }


def figure(v: dict) -> go.Figure:
    """Emissions and the emissions balance under each compared method, by year."""
    fig = go.Figure()
    x = [int(y) for y in v["years"]]
    rep = v["report"]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[None if not math.isfinite(e) else e for e in rep.rows["emissions"]],
            name="Reported emissions",
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
                name=f"Emissions balance, {m.label_en}",
                mode="lines+markers",
            )
        )
    fig.update_layout(
        title=f"{rep.party.name} [{rep.party.iso3}]: emissions balance ({rep.unit})",
        margin={"l": 60, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h"},
        yaxis={"title": rep.unit},
    )
    return fig


def check_text(check: dict, unit: str) -> str:
    """The check in one line."""
    status = "OK" if check["ok"] else "FAILED"
    return (
        f"Double-counting check across all Parties, {check['blocks']} blocks: {status}. Added "
        f"{check['added']:,.2f} - subtracted {check['subtracted']:,.2f} = first transferred and "
        f"not used towards an NDC {check['not_used']:,.2f} {unit} "
        f"(difference {check['difference']:.3g})."
    )


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
            html.H2(
                "Transfer ledger: corresponding adjustments and emissions balance "
                "(decision 2/CMA.3, annex, paras 7-8)"
            ),
            dcc.RadioItems(
                id=LID.SOURCE,
                value="example",
                inline=True,
                options=[
                    {"label": "Shipped example (synthetic)", "value": "example"},
                    {"label": "Upload a ledger and its parties file", "value": "upload"},
                ],
            ),
            html.Div(
                [
                    dcc.Upload(
                        id=LID.UP_LEDGER,
                        children=html.Span("Ledger CSV (either layout)"),
                        style=up_style,
                        max_size=MAX_UPLOAD_BYTES,
                    ),
                    dcc.Upload(
                        id=LID.UP_PARTIES,
                        children=html.Span("Parties file (TOML)"),
                        style=up_style,
                        max_size=MAX_UPLOAD_BYTES,
                    ),
                    html.Span(id=LID.FILES, className="note"),
                ]
            ),
            dcc.Store(id=LID.STORE, data={"source": "example"}),
            html.Div(
                [
                    html.Label("Party", htmlFor=LID.PARTY),
                    dcc.Dropdown(id=LID.PARTY, clearable=False, style={"minWidth": "260px"}),
                    html.Label("As of (YYYY-MM-DD, empty: the latest action)", htmlFor=LID.AS_OF),
                    dcc.Input(id=LID.AS_OF, type="text", debounce=True, placeholder="YYYY-MM-DD"),
                ],
                className="ledger-controls",
            ),
            html.Div(id=LID.STATUS, role="status", className="note"),
            html.Div(id=LID.CHECK, className="note"),
            html.H3("Reporting rows"),
            _table(LID.TABLE),
            html.H3("Emissions balance: averaging and trajectory side by side"),
            _table(LID.COMPARE),
            dcc.Graph(id=LID.FIGURE, config={"displaylogo": False}, style={"height": "420px"}),
            html.Div(
                [
                    html.Button("Download CSV", id=LID.DL_CSV, n_clicks=0),
                    html.Button("Download Excel", id=LID.DL_XLSX, n_clicks=0),
                    html.Button("Download JSON", id=LID.DL_JSON, n_clicks=0),
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

    @app.callback(
        Output(LID.STORE, "data"),
        Output(LID.FILES, "children"),
        Input(LID.SOURCE, "value"),
        Input(LID.UP_LEDGER, "contents"),
        Input(LID.UP_PARTIES, "contents"),
        State(LID.UP_LEDGER, "filename"),
        State(LID.UP_PARTIES, "filename"),
    )
    def _store(source, ledger, parties, lname, pname):
        names = ", ".join(n for n in (lname, pname) if n)
        state = {
            "source": source,
            "ledger": ledger,
            "parties": parties,
            "ledger_name": lname,
            "parties_name": pname,
        }
        return state, (f"Uploaded: {names}" if names and source == "upload" else "")

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
    )
    def _show(state, iso3, as_of):
        try:
            v = views(state, iso3, as_of)
        except E.Article6Error as exc:
            return f"Refused: {exc}", "", [], [], [], [], go.Figure()
        rep = v["report"]
        m = rep.party.method_object()
        d = str(rep.as_of)
        status = (
            f"{rep.party.name} [{rep.party.iso3}], {rep.party.ndc_type.replace('_', '-')} NDC, "
            f"method {m.label_en}; {v['ledger'].layout} layout; as of "
            f"{d[:4]}-{d[4:6]}-{d[6:]}"
            if rep.as_of
            else "no actions"
        )
        if "indicative" in rep.kind:
            status += (
                "; averaging: the elapsed years' adjustments are indicative, the NDC year's "
                "is applied once, and no cumulative adjustment is defined"
            )
        cols = [{"name": "item", "id": "item"}] + [{"name": y, "id": y} for y in v["years"]]
        ccols = [{"name": ["", "year"], "id": "year"}, {"name": ["", "emissions"], "id": "emissions"}]
        for name, r in v["methods"].items():
            label = r.party.method_object().label_en
            ccols += [
                {"name": [label, "adjustment"], "id": f"{name}:adjustment"},
                {"name": [label, "emissions balance"], "id": f"{name}:balance"},
            ]
        return (status, check_text(v["check"], rep.unit), v["table"], cols, v["compare"], ccols, figure(v))

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
