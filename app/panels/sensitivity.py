"""One-at-a-time sensitivity of each method's gap: which input moves it most.

Each ranged input moves over its range (a plain number by +-``relative``) with
every other input at its base; the engine (:func:`article6.analyses.sensitivity.one_at_a_time`,
the function behind ``article6 sensitivity``) evaluates all of them in one batch,
for the page's question (:func:`app.options.question`): its methods, submitted
path and NDC target, as ``article6 sensitivity`` with the page's flags.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd
from dash import Input, Output, dcc, html, no_update

from article6.analyses.sensitivity import Sensitivity, one_at_a_time
from article6.errors import InputError
from article6.io.tables import format_range

from .. import figures, i18n
from ..ids import ID as PAGE
from ..options import question
from .common import columns, graph, label, table


class ID(StrEnum):
    """Ids of the sensitivity panel."""

    RELATIVE = "sens-relative"
    BASE = "sens-base"
    METHOD = "sens-method"
    TABLE = "sens-table"
    FIG = "sens-figure"
    NOTE = "sens-note"


TEXT = {
    "sensitivity": {"en": "Which input moves the gap most", "ko": "차이를 가장 크게 움직이는 입력값"},
    "sens_help": {
        "en": "Each input moves over its range, one at a time, with the others at their base; "
        "the bar spans the gap at the two ends. Inputs given as a single number move by the "
        "percentage chosen. Computed with the page's choices: its methods, submitted path and NDC "
        "target.",
        "ko": "각 입력값을 하나씩 범위 전체로 움직이고 나머지는 기준값에 둡니다; 막대는 양 끝에서의 "
        "차이를 잇습니다. 하나의 값으로 주어진 입력은 고른 비율만큼 움직입니다. 이 페이지에서 고른 "
        "방식, 제출 경로, NDC 목표로 계산합니다.",
    },
    "sens_relative": {"en": "Move single numbers by (%)", "ko": "단일 값의 변동 폭 (%)"},
    "sens_base": {"en": "Other inputs at", "ko": "나머지 입력값"},
    "sens_base_low": {"en": "their low end", "ko": "하한"},
    "sens_base_mid": {"en": "the middle of their range", "ko": "범위의 중간"},
    "sens_method": {"en": "Method in the chart", "ko": "그림의 방식"},
    "sens_input": {"en": "input", "ko": "입력값"},
    "sens_interval": {"en": "moved over", "ko": "변동 범위"},
    "sens_delta": {"en": "change of the gap", "ko": "차이의 변화"},
    "sens_trajectory": {"en": "emissions path", "ko": "배출경로"},
    "sens_ets_share": {"en": "ETS share", "ko": "ETS 비중"},
    "sens_offset_limit": {"en": "offset limit", "ko": "국외 상쇄 한도"},
    "sens_sink": {"en": "sinks", "ko": "흡수원"},
    "sens_net_overseas": {"en": "net overseas ITMOs", "ko": "순 국외감축분"},
    "sens_none": {
        "en": "No input moves: every input is a single zero or the percentage is 0.",
        "ko": "움직이는 입력값이 없습니다: 모두 0이거나 변동 폭이 0입니다.",
    },
}
i18n.TEXT.update(TEXT)


def input_label(name: str, lang: str) -> str:
    """An input of the analysis in words (``trajectory:2021-2023`` -> ``emissions path 2021-2023``)."""
    head, _, tail = name.partition(":")
    return f"{i18n.t('sens_' + head, lang)} {tail}".strip()


def analysis(doc, options, relative_percent, base) -> Sensitivity:
    """The analysis of the page's question (``article6 sensitivity`` with the page's flags).

    ``relative_percent``: the move of single numbers in percent (the control's unit).
    """
    return one_at_a_time(question(doc, options), relative=(relative_percent or 0) / 100.0,
                         base=base or "low")


def layout():
    """Controls, the chart for one method and the table for all."""
    return html.Section(
        [
            label("sensitivity", html.H2),
            label("sens_help", html.P, className="note"),
            html.Div(
                [
                    html.Div(
                        [
                            label("sens_relative", html.Label, className="control-label"),
                            dcc.Input(id=ID.RELATIVE, type="number", value=10, min=0, max=99, debounce=True),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            label("sens_base", html.Label, className="control-label"),
                            dcc.RadioItems(id=ID.BASE, value="low", options=[], inline=True),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            label("sens_method", html.Label, className="control-label"),
                            dcc.RadioItems(id=ID.METHOD, value="averaging", options=[], inline=True),
                        ],
                        className="control",
                    ),
                ],
                className="analysis-controls",
            ),
            graph(ID.FIG, 360),
            table(ID.TABLE),
            html.P(id=ID.NOTE, className="note"),
        ],
        className="panel",
    )


def register(app) -> None:
    """The analysis follows the scenario and its own controls."""

    @app.callback(
        Output(ID.BASE, "options"),
        Input(PAGE.LANG, "value"),
    )
    def choices(lang):
        lang = lang or "en"
        return [{"label": i18n.t(f"sens_base_{b}", lang), "value": b} for b in ("low", "mid")]

    @app.callback(
        Output(ID.FIG, "figure"),
        Output(ID.TABLE, "data"),
        Output(ID.TABLE, "columns"),
        Output(ID.NOTE, "children"),
        Output(ID.METHOD, "options"),
        Input(PAGE.DOC, "data"),
        Input(PAGE.OPTIONS, "data"),
        Input(PAGE.LANG, "value"),
        Input(PAGE.ROUNDING, "value"),
        Input(ID.RELATIVE, "value"),
        Input(ID.BASE, "value"),
        Input(ID.METHOD, "value"),
    )
    def draw(doc, options, lang, rounding, relative, base, method):
        lang = lang or "en"
        if not doc:
            return no_update, no_update, no_update, no_update, no_update
        try:
            res = analysis(doc, options, relative, base)
        except InputError as exc:
            return {}, [], [], i18n.error_text(exc, lang), []
        picks = [{"label": i18n.method_label(n, lang), "value": n} for n in res.methods]
        if not res.inputs:
            return {}, [], [], i18n.t("sens_none", lang), picks
        decimals = None if rounding == "exact" else 2
        names = [input_label(i.name, lang) for i in res.inputs]
        data = {
            i18n.t("sens_input", lang): names,
            i18n.t("sens_interval", lang): [format_range((i.low, i.high), decimals) for i in res.inputs],
        }
        for m in res.methods:
            head = f"{i18n.t('sens_delta', lang)}: {i18n.method_label(m, lang)}"
            data[head] = [format_range((float(d), float(d)), decimals) for d in res.delta(m)]
        frame = pd.DataFrame(data)
        chosen = method if method in res.methods else res.methods[0]
        fig = figures.tornado_figure(
            names,
            res.gap_low[chosen],
            res.gap_high[chosen],
            res.delta(chosen),
            res.baseline[chosen],
            res.unit,
            lang,
        )
        return fig, frame.to_dict("records"), columns(frame), "", picks
