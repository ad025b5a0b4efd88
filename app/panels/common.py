"""Building blocks every panel uses: translated labels, tables, graphs, the cached view.

A label made by :func:`label` is recorded in :data:`LABELS`; one callback
(:func:`register_labels`) rewrites every recorded label when the language changes,
so a panel only names the key of each string it shows.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from dash import Input, Output, dash_table, dcc, html, no_update

from .. import answers, frames, i18n
from ..ids import ID, VIEW_INPUTS, label_id

#: Every UI-string key shown through :func:`label`, in the order first used.
LABELS: dict[str, None] = {}

#: Graph options: no plotly logo, PNG export at twice the size, redraw with the window.
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def label(key: str, tag=html.Span, **kw):
    """Element ``tag`` showing UI string ``key`` (rewritten on a language change)."""
    LABELS[key] = None
    return tag(i18n.t(key), id=label_id(key), **kw)


def with_symbol(key: str, symbol: str, tag=html.Label, **kw):
    """A plain-words label with the paper's symbol beside it."""
    return tag([label(key), " ", html.Span(symbol, className="symbol")], **kw)


def button(key: str, bid: str, **kw):
    """A button whose text is UI string ``key``."""
    return html.Button(label(key), id=bid, n_clicks=0, **kw)


def table(tid: str, **extra):
    """A results table that scrolls sideways inside its own box on a narrow screen."""
    return dash_table.DataTable(
        id=tid,
        data=[],
        columns=[],
        style_table={"overflowX": "auto", "minWidth": "100%"},
        style_cell={
            "padding": "4px 8px",
            "fontFamily": "inherit",
            "whiteSpace": "normal",
            "height": "auto",
            "textAlign": "right",
            "minWidth": "4.5em",
        },
        style_cell_conditional=[{"if": {"column_index": 0}, "textAlign": "left", "minWidth": "9em"}],
        style_header={"fontWeight": "600", "backgroundColor": "#f3f3f3", "whiteSpace": "normal"},
        **extra,
    )


def graph(gid: str, height: int):
    """A figure that fills its column's width."""
    return dcc.Graph(id=gid, config=GRAPH_CONFIG, style={"height": f"{height}px", "width": "100%"})


def columns(df) -> list[dict[str, str]]:
    """DataTable columns of a DataFrame."""
    return [{"name": str(c), "id": str(c)} for c in df.columns]


@lru_cache(maxsize=256)
def _view(k: str) -> frames.ViewModel:
    _, doc, bound, exact, lang, options = json.loads(k)
    return frames.view_model(doc, bound, exact, lang, options)


def view(doc: dict[str, Any], options, bound, rounding, lang) -> frames.ViewModel:
    """The :class:`app.frames.ViewModel` of the page's state, computed once per question and process."""
    return _view(answers.key(doc, bound or "both", rounding == "exact", lang or "en", options))


def view_inputs() -> list[Input]:
    """The callback inputs every result panel redraws on (see :data:`app.ids.VIEW_INPUTS`)."""
    return [Input(i, "data" if str(i).endswith("store") else "value") for i in VIEW_INPUTS]


def register_view(app, panels) -> None:
    """One callback draws every panel shown from the page's view (one request per change).

    Each of ``panels`` has ``OUTPUTS`` (the Dash outputs it fills) and
    ``draw(v)``, which returns their values from the :class:`app.frames.ViewModel`
    ``v`` (a tuple when there are several). These panels all follow the same
    inputs (:func:`view_inputs`), so a change that redraws one redraws all, and
    one request carries them, answered once per question (:mod:`app.answers`).
    """
    outputs = [o for p in panels for o in p.OUTPUTS]

    @app.callback(*outputs, *view_inputs(), prevent_initial_call=True)
    def draw_view(doc, options, bound, rounding, lang):
        if not doc:
            return (no_update,) * len(outputs)
        v = view(doc, options, bound, rounding, lang)
        values: list = []
        for p in panels:
            got = p.draw(v)
            values += list(got) if len(p.OUTPUTS) > 1 else [got]
        return tuple(values)


def register_labels(app) -> None:
    """One callback: every label recorded so far follows the language switch."""
    keys = list(LABELS)

    @app.callback(*[Output(label_id(k), "children") for k in keys], Input(ID.LANG, "value"))
    def relabel(lang):
        return tuple(i18n.t(k, lang or "en") for k in keys)
