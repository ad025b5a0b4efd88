"""The print view: on paper (A4), the results with the inputs, the page's choices and the sources.

On screen this panel is one button that opens the browser's print dialog (where
"Save as PDF" makes a PDF) and, where the server has Chromium, a button that
downloads the print view as an A4 PDF made on the server (:mod:`app.pdf`). In
print, the controls are hidden (see ``@media print`` in ``assets/style.css``) and
this panel's summary is shown instead:
the inputs as ranges, the choices, the equivalent command, every source and the link.
"""

from __future__ import annotations

import base64
from enum import StrEnum

from dash import Input, Output, State, dcc, html, no_update

from article6.io.tables import format_range
from article6.schema.scenario import INPUT_NAMES

from .. import i18n, pdf, scenarios
from ..ids import ID as PAGE
from .common import button, label, view, view_inputs
from .share import ID as SHARE
from .summary import info, reading_text


class ID(StrEnum):
    """Ids of the report panel."""

    PRINT = "print-button"
    SUMMARY = "print-summary"
    LINK = "print-link"
    PDF = "pdf-button"
    PDF_DOWNLOAD = "pdf-download"
    PDF_NOTE = "pdf-note"


TEXT = {
    "print": {"en": "Print or save as PDF", "ko": "인쇄 또는 PDF로 저장"},
    "report": {"en": "Report", "ko": "보고서"},
    "report_inputs": {"en": "Inputs (low~high over the period)", "ko": "입력값 (기간 중 하한~상한)"},
    "report_choices": {"en": "Choices", "ko": "선택"},
    "report_command": {"en": "Same numbers on the command line", "ko": "같은 수치를 내는 명령"},
    "report_sources": {"en": "Sources", "ko": "출처"},
    "report_bound": {"en": "bounds shown", "ko": "표시 범위"},
    "report_rounding": {"en": "numbers", "ko": "수치"},
    "in_trajectory": {"en": "emissions path", "ko": "배출경로"},
    "in_ets_share": {"en": "ETS share", "ko": "ETS 비중"},
    "in_offset_limit": {"en": "offset limit", "ko": "국외 상쇄 한도"},
    "in_sink": {"en": "sinks per year", "ko": "연간 흡수원"},
    "in_net_overseas": {"en": "net overseas ITMOs", "ko": "순 국외감축분"},
}
i18n.TEXT.update(TEXT)
SYMBOLS = {
    "trajectory": "Trajectory_i^e",
    "ets_share": "ETS_i^r",
    "offset_limit": "Offset_i^r",
    "sink": "Sink_i^e",
    "net_overseas": "ITMO_T^net",
}


def layout():
    """The print button (screen) and the summary (print only)."""
    return html.Section(
        [
            html.Div(
                [
                    button("print", ID.PRINT, className="secondary"),
                    " ",
                    button("pdf", ID.PDF, className="secondary", disabled=pdf.chromium() is None),
                    dcc.Download(id=ID.PDF_DOWNLOAD),
                    # always in the layout (its label follows the language), shown without Chromium
                    label("pdf_none", html.P, className="note", hidden=pdf.chromium() is not None),
                    html.P(id=ID.PDF_NOTE, className="note", role="status"),
                ],
                className="no-print",
            ),
            html.Div(id=PAGE.PRINT_DONE, style={"display": "none"}),
            html.Div(
                [html.Div(id=ID.SUMMARY), html.P(id=ID.LINK, className="report-link")],
                className="print-only",
            ),
        ],
        className="panel report",
    )


def summary(v, link: str | None = None) -> list:
    """The report's text: inputs, choices, command, ``link`` if given, sources (plain text only).

    On the page the link follows the summary (:data:`ID.LINK`, written in the browser
    from the share link), so the summary itself is the same for every delegate.
    """
    lang = v.lang
    sc = v.scenario
    series = sc.series()
    decimals = None if v.exact else 3
    inputs = [
        html.Li(
            [
                i18n.t(f"in_{n}", lang),
                " ",
                html.Span(SYMBOLS[n], className="symbol"),
                f": {format_range((float(series[n].low.min()), float(series[n].high.max())), decimals)}",
            ]
        )
        for n in INPUT_NAMES
    ]
    opts = v.options
    choices = [
        f"{i18n.t('report_bound', lang)}: {i18n.t(v.bound, lang)}",
        f"{i18n.t('report_rounding', lang)}: {i18n.t('exact' if v.exact else 'paper_rounding', lang)}",
        f"{i18n.t('path_choice', lang)}: {i18n.t('path_' + opts['path'], lang)}",
        f"{i18n.t('netting_choice', lang)}: {i18n.t('netting_' + opts['netting'], lang)}",
        f"{i18n.t('ndc_target_choice', lang)}: {i18n.t('ndc_' + opts['ndc_target'], lang)}",
    ]
    return [
        html.H2(i18n.t("report", lang)),
        html.P(f"{scenarios.shown_title(sc, lang)} · {sc.party} · {sc.years[0]}–{sc.years[-1]} · {sc.unit}"),
        html.H3(i18n.t("report_inputs", lang)),
        html.Ul(inputs),
        html.H3(i18n.t("report_choices", lang)),
        html.Ul([html.Li(c) for c in choices]),
        html.H3(i18n.t("report_command", lang)),
        html.Code(v.command),
        *([html.P(link, className="report-link")] if link else []),
        html.H3(i18n.t("report_sources", lang)),
        html.Ul([html.Li(s) for s in sc.sources]),
    ]


#: What :func:`draw` fills (drawn with the other view panels, :func:`app.panels.common.register_view`).
OUTPUTS = (Output(ID.SUMMARY, "children"),)


def draw(v):
    """The report's text."""
    return summary(v)


def register(app) -> None:
    """The print dialog, the PDF made on the server; the link follows the share link (in the browser)."""
    app.clientside_callback(
        "function(n){ if (n) { window.print(); } return ''; }",
        Output(PAGE.PRINT_DONE, "children"),
        Input(ID.PRINT, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ID.PDF_DOWNLOAD, "data"),
        Output(ID.PDF_NOTE, "children"),
        Input(ID.PDF, "n_clicks"),
        *[State(i.component_id, i.component_property) for i in view_inputs()],
        State(SHARE.SHARE_LINK, "value"),
        prevent_initial_call=True,
    )
    def make_pdf(n_clicks, doc, options, bound, rounding, lang, link):
        if not n_clicks or not doc:
            return no_update, no_update
        v = view(doc, options, bound, rounding, lang)
        try:
            data = pdf.html_to_pdf(
                pdf.report_html(v, info(v)[:2], reading_text(v, v.lang), summary(v, link))
            )
        except pdf.PdfError as exc:
            return no_update, f"{i18n.t('pdf_failed', v.lang)} {exc.text(v.lang)}"
        name = f"{v.scenario.id}-report.pdf"
        return {"content": base64.b64encode(data).decode("ascii"), "filename": name, "base64": True}, ""

    app.clientside_callback(
        "function(link){ return link || ''; }",
        Output(ID.LINK, "children"),
        Input(SHARE.SHARE_LINK, "value"),
    )
