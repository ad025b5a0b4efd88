"""What each method costs at an ITMO price: the engine's costs for the page's scenario and choices.

The price is the scenario's own ``[price]`` or a preset (``data/prices``); the
discount rate and base year default to the price's. Numbers answer the page's
question (:func:`app.options.question`) asked again with the price chosen here,
as ``article6 compare --price`` does; the table is :func:`article6.analyses.costs.cost_table`.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from dash import Input, Output, dcc, html, no_update

from article6.analyses.compare import evaluate
from article6.analyses.costs import cost_table, money_scale
from article6.errors import InputError
from article6.resources import price_dir

from .. import i18n
from ..ids import ID as PAGE
from ..options import question
from .common import columns, label, table, view_inputs


class ID(StrEnum):
    """Ids of the costs panel."""

    PRICE = "cost-price"
    RATE = "cost-rate"
    BASE_YEAR = "cost-base-year"
    TABLE = "cost-table"
    NOTE = "cost-note"


#: The scenario's own price (its ``[price]`` section).
OWN = "scenario"
TEXT = {
    "costs": {"en": "Costs at an ITMO price", "ko": "ITMO 가격에 따른 비용"},
    "costs_help": {
        "en": "Each method's need (A) and usage (B) bought at the price path, each in the "
        "years the method implies; the cost of the gap is A minus B. Discounted values are "
        "present values at the base year.",
        "ko": "방식별 필요량 (A)과 사용량 (B)을 해당 방식이 뜻하는 연도에 가격 경로로 산 비용; "
        "차이의 비용은 A에서 B를 뺀 값. 할인 값은 기준연도의 현재가치입니다.",
    },
    "cost_price": {"en": "Price", "ko": "가격"},
    "cost_rate": {
        "en": "Discount rate (0 to 1, empty: the price's)",
        "ko": "할인율 (0-1, 비우면 가격 파일 값)",
    },
    "cost_base_year": {"en": "Base year (empty: the price's)", "ko": "기준연도 (비우면 가격 파일 값)"},
    "cost_own": {"en": "the scenario's own price", "ko": "시나리오의 가격"},
    "cost_none": {
        "en": "This scenario has no price; choose a preset.",
        "ko": "이 시나리오에는 가격이 없습니다; 미리 정한 가격을 고르세요.",
    },
    "cost_need": {"en": "cost of need (A)", "ko": "필요량 (A) 비용"},
    "cost_usage": {"en": "cost of usage (B)", "ko": "사용량 (B) 비용"},
    "cost_gap": {"en": "cost of the gap (A-B)", "ko": "차이 (A-B) 비용"},
    "cost_need_pv": {"en": "discounted: A", "ko": "할인: A"},
    "cost_usage_pv": {"en": "discounted: B", "ko": "할인: B"},
    "cost_gap_pv": {"en": "discounted: A-B", "ko": "할인: A-B"},
    "cost_note": {
        "en": "Price {low}~{high} {currency} per {per}; discount rate {rate}, base year {base}.",
        "ko": "가격 {low}~{high} {currency} ({per}당); 할인율 {rate}, 기준연도 {base}.",
    },
}
i18n.TEXT.update(TEXT)
_COLS = ("need", "usage", "gap", "need_pv", "usage_pv", "gap_pv")
#: Display scales of the engine's money_scale, in Korean.
_SCALE_KO = {"": "", "k": "천", "m": "백만", "bn": "십억", "tn": "조"}


#: Titles of the price presets in both languages (the file name otherwise).
PRESET_TITLES = {
    "kau-2015-2019": {
        "en": "Korean allowance prices 2015-2019 (a band, not a forecast)",
        "ko": "한국 배출권 가격 2015-2019 (범위이며 전망이 아님)",
    },
}


def preset_title(name: str, lang: str) -> str:
    """The picker's words for price preset ``name``."""
    return PRESET_TITLES.get(name, {}).get(lang, name)


def presets() -> list[str]:
    """Names of the price presets (``data/prices/*.toml``)."""
    return sorted(p.stem for p in price_dir().glob("*.toml"))


def layout():
    """Price choice, discount rate, base year, the table and a note on the price."""
    return html.Section(
        [
            label("costs", html.H2),
            label("costs_help", html.P, className="note"),
            html.Div(
                [
                    html.Div(
                        [
                            label("cost_price", html.Label, className="control-label"),
                            dcc.RadioItems(id=ID.PRICE, value=OWN, options=[], inline=True),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            label("cost_rate", html.Label, className="control-label"),
                            dcc.Input(id=ID.RATE, type="number", step="any", min=0, max=1, debounce=True),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            label("cost_base_year", html.Label, className="control-label"),
                            dcc.Input(id=ID.BASE_YEAR, type="number", step=1, debounce=True),
                        ],
                        className="control",
                    ),
                ],
                className="analysis-controls",
            ),
            table(ID.TABLE),
            html.P(id=ID.NOTE, className="note"),
        ],
        className="panel",
    )


def headers(costs, lang: str) -> list[str]:
    """Column headers in ``lang`` with the currency and the display scale of the table."""
    allv = np.concatenate([getattr(c, k) for c in costs.methods.values() for k in _COLS])
    _, scale = money_scale(allv)
    shown = _SCALE_KO.get(scale, scale) if lang == "ko" else scale
    cur = f"{shown} {costs.price.currency}".strip()
    return [f"{i18n.t('cost_' + k, lang)} [{cur}]" for k in _COLS]


def register(app) -> None:
    """The table follows the scenario, the page's choices and the price controls."""

    @app.callback(
        Output(ID.PRICE, "options"),
        Output(ID.PRICE, "value"),
        Input(PAGE.DOC, "data"),
        Input(PAGE.LANG, "value"),
        Input(ID.PRICE, "value"),
    )
    def price_options(doc, lang, value):
        own = bool(doc and "price" in doc)
        opts = [{"label": i18n.t("cost_own", lang or "en"), "value": OWN, "disabled": not own}]
        opts += [{"label": preset_title(name, lang or "en"), "value": name} for name in presets()]
        if value == OWN and not own and presets():
            value = presets()[0]
        return opts, value

    @app.callback(
        Output(ID.TABLE, "data"),
        Output(ID.TABLE, "columns"),
        Output(ID.NOTE, "children"),
        *view_inputs(),
        Input(ID.PRICE, "value"),
        Input(ID.RATE, "value"),
        Input(ID.BASE_YEAR, "value"),
    )
    def draw(doc, options, _bound, rounding, lang, price, rate, base_year):
        lang = lang or "en"
        if not doc:
            return no_update, no_update, no_update
        if price == OWN and "price" not in doc:
            return [], [], i18n.t("cost_none", lang)
        try:
            # the page's question, with the price chosen here (article6.model.question.ask)
            cmp = evaluate(
                question(doc, options).replace(
                    price=None if price == OWN else price, discount_rate=rate, base_year=base_year
                )
            )
        except InputError as exc:
            return [], [], i18n.error_text(exc, lang)
        costs = cmp.costs
        text = cost_table(costs, exact=rounding == "exact")
        heads = headers(costs, lang)
        frame = text.copy()
        frame.columns = heads
        frame.insert(0, i18n.t("method", lang), [i18n.method_label(n, lang) for n in costs.methods])
        p = costs.price
        note = i18n.t("cost_note", lang).format(
            low=f"{float(np.min(p.low)):,.0f}",
            high=f"{float(np.max(p.high)):,.0f}",
            currency=p.currency,
            per=p.per,
            rate=f"{costs.discount_rate:.1%}",
            base=costs.base_year,
        )
        return frame.to_dict("records"), columns(frame), note
