"""What each method means: for and against, in the project's own words (paper 4.2, 4.3, 5)."""

from __future__ import annotations

from enum import StrEnum

from dash import Input, Output, html

from article6.model.methods import METHODS

from .. import i18n
from ..ids import ID as PAGE
from .common import label


class ID(StrEnum):
    """Ids of the methods panel."""

    PROS_CONS = "pros-cons"


#: For and against each paper method, summarising Park & Oh (2020) sections 4.2, 4.3 and 5

def cards(lang: str) -> list:
    """One card per method with its status under decision 2/CMA.3."""
    out = []
    for name, m in METHODS.items():
        text = m.texts.get(lang)
        if text is None:
            continue
        ok = m.adopted_in_2_cma_3
        status = i18n.t("adopted" if ok else "not_adopted", lang)
        out.append(
            html.Div(
                [
                    html.H3(
                        [
                            i18n.method_label(name, lang),
                            html.Span(
                                f" ({status})" if ok else f" († {status})",
                                className="adopted" if ok else "not-adopted",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.Strong(i18n.t("pros", lang) + ": "),
                            html.Ul([html.Li(x) for x in text["pros"]]),
                        ]
                    ),
                    html.Div(
                        [
                            html.Strong(i18n.t("cons", lang) + ": "),
                            html.Ul([html.Li(x) for x in text["cons"]]),
                        ]
                    ),
                ],
                className=f"method-card {name}" + ("" if ok else " not-adopted-card"),
            )
        )
    return out


def layout():
    """The heading and the cards."""
    return html.Section(
        [label("pros_cons", html.H2), html.Div(id=ID.PROS_CONS, className="pros-cons")],
        className="panel",
    )


def register(app) -> None:
    """The cards follow the language."""

    @app.callback(Output(ID.PROS_CONS, "children"), Input(PAGE.LANG, "value"))
    def draw(lang):
        return cards(lang or "en")
