"""The scenario's identity and a one-sentence reading of Table 4, computed from its numbers."""

from __future__ import annotations

from enum import StrEnum

from dash import Output, html, no_update

from article6.io.tables import format_range

from .. import i18n, scenarios
from .common import view, view_inputs


class ID(StrEnum):
    """Ids of the summary panel."""

    SCENARIO_INFO = "scenario-info"
    READING = "reading"


def layout():
    """Title, Party, period and unit, then the reading."""
    return html.Section(
        [
            html.Div(id=ID.SCENARIO_INFO, className="scenario-info"),
            html.P(id=ID.READING, className="reading"),
        ],
        className="summary",
    )


def reading_text(v, lang: str) -> str:
    """The reading of Table 4 in ``lang``: one clause per method (engine: article6.analyses.gap_reading)."""
    decimals = None if v.exact else 1
    clauses = []
    for r in v.readings:
        amount = format_range((r.low, r.high), decimals)
        clauses.append(
            i18n.t(f"reading_{r.kind}", lang).format(
                method=i18n.method_label(r.method, lang), amount=amount, unit=v.unit
            )
        )
    return i18n.t("reading_lead", lang) + " " + i18n.t("reading_join", lang).join(clauses) + "."


def info(v) -> list:
    """Scenario identity as plain text (uploaded titles are never rendered as HTML)."""
    sc = v.scenario
    title = scenarios.shown_title(sc, v.lang)
    return [
        html.H2(title, className="scenario-title"),
        html.P(f"{sc.party or '—'} · {sc.years[0]}–{sc.years[-1]} · {i18n.t('unit', v.lang)}: {sc.unit}"),
        html.Details(
            [html.Summary(i18n.t("sources", v.lang)), html.Ul([html.Li(s) for s in sc.sources])],
            className="sources",
        ),
    ]


def register(app) -> None:
    """Redraw on every change of the scenario, options or view."""

    @app.callback(
        Output(ID.SCENARIO_INFO, "children"),
        Output(ID.READING, "children"),
        *view_inputs(),
        prevent_initial_call=True,
    )
    def draw(doc, options, bound, rounding, lang):
        if not doc:
            return no_update, no_update
        v = view(doc, options, bound, rounding, lang)
        return info(v), reading_text(v, v.lang)
