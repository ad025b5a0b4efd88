"""The new-scenario form: any Party from a blank start, the result shown as the form is filled.

Each field is named in plain words with the paper's symbol beside it and its
range. Every change builds a document (:func:`app.blank.blank_doc`); the
engine validates it, and a valid one becomes the page's scenario (through the
inputs panel's store), so Table 4 follows the form. The scenario download then
gives the form's state as a scenario file.
"""

from __future__ import annotations

from enum import StrEnum

from dash import Input, Output, State, dash_table, dcc, html, no_update

from article6.errors import InputError

from .. import blank, i18n
from ..ids import ID as PAGE
from ..scenarios import scenario_of
from .common import button, label, with_symbol
from .inputs import ID as INPUTS
from .inputs import SYMBOLS


class ID(StrEnum):
    """Ids of the new-scenario form."""

    FORM = "new-scenario"
    PARTY = "ns-party"
    TITLE = "ns-title"
    FIRST = "ns-first"
    LAST = "ns-last"
    UNIT = "ns-unit"
    ANCHORS = "ns-anchors"
    ADD_YEAR = "ns-add-year"
    ETS_SHARE_LOW = "ns-ets_share-low"
    ETS_SHARE_HIGH = "ns-ets_share-high"
    OFFSET_LIMIT_LOW = "ns-offset_limit-low"
    OFFSET_LIMIT_HIGH = "ns-offset_limit-high"
    SINK_LOW = "ns-sink-low"
    SINK_HIGH = "ns-sink-high"
    NET_OVERSEAS_LOW = "ns-net_overseas-low"
    NET_OVERSEAS_HIGH = "ns-net_overseas-high"
    TARGET = "ns-target"
    STATUS = "ns-status"


PAIRS = {
    "ets_share": (ID.ETS_SHARE_LOW, ID.ETS_SHARE_HIGH),
    "offset_limit": (ID.OFFSET_LIMIT_LOW, ID.OFFSET_LIMIT_HIGH),
    "sink": (ID.SINK_LOW, ID.SINK_HIGH),
    "net_overseas": (ID.NET_OVERSEAS_LOW, ID.NET_OVERSEAS_HIGH),
}
#: Starting values of the form: the period of the Paris Agreement's first NDCs, no ETS.
START = {"first": 2021, "last": 2030, "unit": "Mt CO2e", "pair": 0}


#: The form's words (English and Korean).
TEXT = {
    "ns_open": {"en": "New scenario for any Party (blank form)", "ko": "새 시나리오 (빈 양식, 모든 당사국)"},
    "ns_intro": {
        "en": "Fill in the fields; Table 4 follows as soon as the figures make a valid scenario. "
        "Give a range as low and high, or the same number twice. The scenario file download "
        "saves the form.",
        "ko": "항목을 채우면 유효한 시나리오가 되는 즉시 표 4가 바뀝니다. 범위는 하한과 상한으로, "
        "하나의 값은 두 칸에 같은 수로 입력합니다. 시나리오 파일 내려받기로 양식을 저장합니다.",
    },
    "ns_party": {"en": "Party", "ko": "당사국"},
    "ns_party_range": {
        "en": "Three-letter ISO 3166 code, e.g. GHA for Ghana, CHE for Switzerland.",
        "ko": "ISO 3166 세 글자 코드, 예: 가나 GHA, 스위스 CHE.",
    },
    "ns_title": {"en": "Title", "ko": "제목"},
    "ns_title_range": {
        "en": "Shown above the results and in the downloads.",
        "ko": "결과 위와 내려받은 파일에 표시됩니다.",
    },
    "ns_period": {
        "en": "NDC implementation period (first and last year)",
        "ko": "NDC 이행기간 (시작과 끝 연도)",
    },
    "ns_period_range": {
        "en": "The last year is the target year T; years 1900 to 2200.",
        "ko": "끝 연도가 목표연도 T입니다; 1900-2200년.",
    },
    "ns_unit": {"en": "Unit of every emission figure", "ko": "모든 배출량 수치의 단위"},
    "ns_unit_range": {"en": "A mass of CO2-equivalent.", "ko": "CO2 환산 질량."},
    "ns_trajectory": {
        "en": "Emissions after domestic reductions, sinks excluded, at some years",
        "ko": "국내 감축 후 배출량 (흡수원 제외), 일부 연도",
    },
    "ns_trajectory_help": {
        "en": "The first and the last year are required; years in between are interpolated "
        "on a straight line. Emissions are 0 or more.",
        "ko": "시작 연도와 끝 연도는 필수이며, 그 사이 연도는 직선으로 보간합니다. 배출량은 0 이상.",
    },
    "ns_add_year": {"en": "Add a year", "ko": "연도 추가"},
    "ns_ets_share": {"en": "Share of emissions covered by emissions trading", "ko": "배출권거래제 포괄 비중"},
    "ns_ets_share_help": {
        "en": "From 0 to 1; 0 for a Party without emissions trading (no ETS offsets).",
        "ko": "0에서 1; 배출권거래제가 없으면 0 (ETS 국외 상쇄 없음).",
    },
    "ns_offset_limit": {
        "en": "Share of allowances that may be overseas offsets",
        "ko": "국외 상쇄로 채울 수 있는 배출권 비율",
    },
    "ns_offset_limit_help": {"en": "From 0 to 1.", "ko": "0에서 1."},
    "ns_sink": {"en": "Removals by sinks, per year", "ko": "연간 흡수원 흡수량"},
    "ns_sink_help": {"en": "0 or more, counted in every year.", "ko": "0 이상, 매년 계산."},
    "ns_net_overseas": {"en": "Net ITMOs from abroad in the target year", "ko": "목표연도 순 국외감축분"},
    "ns_net_overseas_help": {
        "en": "ITMOs acquired minus ITMOs transferred. Negative for a Party that transfers "
        "more than it acquires: in the paper's model its ITMO use in the target year "
        "(eq. 2) falls by that amount, and its derived NDC emissions for that year (eq. 8) rise by it.",
        "ko": "취득한 ITMO에서 이전한 ITMO를 뺀 값. 이전이 취득보다 많은 당사국은 음수: 논문 "
        "모형에서 목표연도 ITMO 사용량 (식 2)이 그만큼 줄고, 그해 도출한 NDC 배출량 (식 8)은 "
        "그만큼 높아집니다.",
    },
    "ns_target": {
        "en": "Stated NDC target in the target year (optional)",
        "ko": "목표연도 공식 NDC 목표 (선택)",
    },
    "ns_target_range": {
        "en": "0 or more; used only when the NDC target option is 'stated'.",
        "ko": "0 이상; NDC 목표 선택이 '공식 목표'일 때만 씁니다.",
    },
    "ns_source": {"en": "new scenario", "ko": "새 시나리오"},
}
for _name in PAIRS:
    TEXT[f"ns_{_name}_low_word"] = {"en": "low", "ko": "하한"}
    TEXT[f"ns_{_name}_high_word"] = {"en": "high", "ko": "상한"}
i18n.TEXT.update(TEXT)


def _num(cid: str, value=None, **kw):
    return dcc.Input(id=cid, type="number", step="any", debounce=True, value=value, className="num", **kw)


def _field(key: str, control, symbol: str | None = None):
    head = (
        with_symbol(key, symbol, className="control-label")
        if symbol
        else label(key, html.Label, className="control-label")
    )
    return html.Div([head, control, label(f"{key}_range", html.P, className="help")], className="control")


def _pair(name: str):
    lo, hi = PAIRS[name]
    words = (
        label(f"ns_{name}_low_word", className="bound-word"),
        label(f"ns_{name}_high_word", className="bound-word"),
    )
    control = html.Div(
        [words[0], _num(lo, START["pair"]), words[1], _num(hi, START["pair"])], className="pair"
    )
    return html.Div(
        [
            with_symbol(f"ns_{name}", SYMBOLS[name], className="control-label"),
            control,
            label(f"ns_{name}_help", html.P, className="help"),
        ],
        className="control",
    )


def anchor_columns(lang: str) -> list[dict]:
    """Columns of the anchor table (year, low, high) in ``lang``."""
    return [
        {"name": i18n.t(k, lang), "id": c, "type": "numeric"}
        for c, k in (("year", "year"), ("low", "col_low"), ("high", "col_high"))
    ]


def layout():
    """The form, folded until asked for."""
    return html.Details(
        [
            html.Summary(label("ns_open"), className="ns-summary"),
            label("ns_intro", html.P, className="help"),
            _field(
                "ns_party",
                dcc.Input(
                    id=ID.PARTY, type="text", maxLength=3, debounce=True, placeholder="GHA", className="text"
                ),
            ),
            _field("ns_title", dcc.Input(id=ID.TITLE, type="text", debounce=True, className="text wide")),
            html.Div(
                [
                    label("ns_period", html.Label, className="control-label"),
                    html.Div(
                        [
                            _num(ID.FIRST, START["first"], min=1900, max=2200),
                            html.Span("–", className="tilde"),
                            _num(ID.LAST, START["last"], min=1900, max=2200),
                        ],
                        className="pair",
                    ),
                    label("ns_period_range", html.P, className="help"),
                ],
                className="control",
            ),
            _field(
                "ns_unit",
                dcc.Dropdown(
                    id=ID.UNIT,
                    options=[{"label": u, "value": u} for u in blank.UNITS],
                    value=START["unit"],
                    clearable=False,
                    searchable=False,
                ),
            ),
            html.Div(
                [
                    with_symbol("ns_trajectory", SYMBOLS["trajectory"], className="control-label"),
                    label("ns_trajectory_help", html.P, className="help"),
                    dash_table.DataTable(
                        id=ID.ANCHORS,
                        columns=anchor_columns("en"),
                        data=[
                            {"year": START["first"], "low": None, "high": None},
                            {"year": START["last"], "low": None, "high": None},
                        ],
                        editable=True,
                        row_deletable=True,
                        style_cell={"padding": "2px 6px", "fontFamily": "inherit", "textAlign": "right"},
                    ),
                    button("ns_add_year", ID.ADD_YEAR, className="secondary"),
                ],
                className="control",
            ),
            *[_pair(n) for n in PAIRS],
            _field("ns_target", _num(ID.TARGET), SYMBOLS["target"]),
            html.Div(id=ID.STATUS, className="message", role="status"),
        ],
        id=ID.FORM,
        className="new-scenario",
    )


def register(app) -> None:
    """Every change of the form rebuilds the scenario; a valid one becomes the page's."""

    @app.callback(
        Output(INPUTS.NEW_DOC, "data"),
        Output(ID.STATUS, "children"),
        Input(ID.PARTY, "value"),
        Input(ID.TITLE, "value"),
        Input(ID.FIRST, "value"),
        Input(ID.LAST, "value"),
        Input(ID.UNIT, "value"),
        Input(ID.ANCHORS, "data"),
        *[Input(i, "value") for pair in PAIRS.values() for i in pair],
        Input(ID.TARGET, "value"),
        State(PAGE.LANG, "value"),
        prevent_initial_call=True,
    )
    def build(party, title, first, last, unit, anchors, *rest):
        values, target, lang = rest[:-2], rest[-2], rest[-1] or "en"
        fields = {
            "party": party,
            "title": title,
            "first": first,
            "last": last,
            "unit": unit,
            "anchors": anchors,
            "target": target,
        }
        for k, name in enumerate(PAIRS):
            fields[name] = [values[2 * k], values[2 * k + 1]]
        doc = blank.blank_doc(fields)
        try:
            scenario_of(doc, i18n.t("ns_source", lang))
        except InputError as exc:
            return no_update, i18n.error_text(exc, lang)
        return doc, ""

    @app.callback(
        Output(ID.ANCHORS, "data"),
        Input(ID.ADD_YEAR, "n_clicks"),
        State(ID.ANCHORS, "data"),
        prevent_initial_call=True,
    )
    def add_year(_n, rows):
        return [*(rows or []), {"year": None, "low": None, "high": None}]

    @app.callback(Output(ID.ANCHORS, "columns"), Input(PAGE.LANG, "value"))
    def relabel(lang):
        return anchor_columns(lang or "en")
