"""Plotly figures as plain dicts, built from the DataFrames of :mod:`app.logic`.

Plain dicts (not ``go.Figure``) keep a recompute fast: no validation pass per
trace. The figures only place numbers the engine computed; intervals (low-high)
are drawn as segments between the two engine values, never as differences.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import i18n

#: One colour per method (colour-blind safe, Okabe-Ito).
METHOD_COLOURS = {
    "cumulative": "#D55E00",
    "vintage": "#0072B2",
    "averaging": "#CC79A7",
    "trajectory": "#009E73",
}
_OTHER = "#555555"
_FONT = {
    "family": "system-ui, NanumGothic, 'Noto Sans KR', 'Malgun Gothic', sans-serif",
    "size": 13,
}


def _colour(method: str) -> str:
    return METHOD_COLOURS.get(method, _OTHER)


def _layout(title: str, **kw) -> dict[str, Any]:
    """Common layout: the legend above the plot (clear of the axis titles), margins that fit a phone.

    ``title`` is the figure's accessible name only: the page shows it as a heading above
    the figure, where it wraps instead of overlapping the legend.
    """
    base = {
        "meta": {"title": title},
        "font": _FONT,
        "margin": {"l": 60, "r": 20, "t": 10, "b": 50},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "modebar": {"orientation": "v"},
    }
    base.update(kw)
    return base


#: Horizontal domains of side-by-side panels (fixed layout, not computed).
_DOMAINS = {1: [[0.0, 1.0]], 2: [[0.0, 0.46], [0.56, 1.0]]}
#: Vertical domains of stacked panels (one per bound shown, low on top).
_ROWS = {1: [[0.0, 1.0]], 2: [[0.6, 1.0], [0.0, 0.4]]}


def _groups(df: pd.DataFrame, keys: list[str], cols: list[str]) -> dict[Any, dict[str, list]]:
    """Column lists per group, in first-seen order: ``{key: {col: [values...]}}``.

    One pass over plain lists (a pandas groupby per recompute costs more than
    the figure itself); a single key column gives plain keys, several give tuples.
    """
    out: dict[Any, dict[str, list]] = {}
    key_lists = [df[k].tolist() for k in keys]
    value_lists = [df[c].tolist() for c in cols]
    for i, key in enumerate(zip(*key_lists, strict=True)):
        g = out.setdefault(key[0] if len(keys) == 1 else key, {c: [] for c in cols})
        for c, values in zip(cols, value_lists, strict=True):
            g[c].append(values[i])
    return out


def use_figure(annual: pd.DataFrame, unit: str, lang: str) -> dict[str, Any]:
    """Annual ITMO use: ETS offsets and net overseas stacked, with emissions lines.

    One panel per bound shown. Bars (left axis): ``ets_offsets`` (ITMO_i^ets) and
    the input ``net_overseas`` (ITMO_i^net). Lines (right axis): trajectory,
    national net emissions (NE_i^enet) and the derived NDC path (NDC_i^e).
    """
    data: list[dict[str, Any]] = []
    layout = _layout(i18n.t("use_fig", lang), barmode="stack")
    lines = (
        ("trajectory", "trajectory_line", "#444444", "solid"),
        ("national_net", "national_net_line", "#E69F00", "dash"),
        ("ndc_target", "ndc_line", "#009E73", "dot"),
    )
    cols = ["year", "ets_offsets", "net_overseas", *(c for c, *_ in lines)]
    by_bound = _groups(annual, ["bound"], cols)
    bounds = list(by_bound)
    for k, (b, dom) in enumerate(zip(bounds, _ROWS[len(bounds)], strict=True)):
        f = by_bound[b]
        xa, ya, yb = (f"x{k + 1}" if k else "x"), f"y{2 * k + 1}" if k else "y", f"y{2 * k + 2}"
        first = k == 0
        for col, key, colour in (
            ("ets_offsets", "ets_offsets", "#56B4E9"),
            ("net_overseas", "net_overseas_bar", "#0072B2"),
        ):
            data.append(
                {
                    "type": "bar",
                    "x": f["year"],
                    "y": f[col],
                    "name": i18n.t(key, lang),
                    "marker": {"color": colour},
                    "xaxis": xa,
                    "yaxis": ya,
                    "legendgroup": col,
                    "showlegend": first,
                }
            )
        for col, key, colour, dash in lines:
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": f["year"],
                    "y": f[col],
                    "name": i18n.t(key, lang),
                    "line": {"color": colour, "dash": dash},
                    "xaxis": xa,
                    "yaxis": yb,
                    "legendgroup": col,
                    "showlegend": first,
                }
            )
        sfx = "" if k == 0 else str(k + 1)
        bound_title = i18n.t(f"{b}_bound", lang) if len(bounds) > 1 else ""
        layout[f"xaxis{sfx}"] = {"anchor": ya, "dtick": 1, "title": {"text": bound_title}}
        layout[f"yaxis{'' if k == 0 else 2 * k + 1}"] = {
            "anchor": xa,
            "domain": dom,
            "title": {"text": f"{i18n.t('itmo_axis', lang)} [{unit}]"},
            "rangemode": "tozero",
            "gridcolor": "#eee",
            "automargin": True,
        }
        layout[f"yaxis{2 * k + 2}"] = {
            "anchor": xa,
            "overlaying": ya,
            "side": "right",
            "title": {"text": f"{i18n.t('emissions_axis', lang)} [{unit}]"},
            "showgrid": False,
            "automargin": True,
            "tickmode": "auto",
            "nticks": 6,
        }
    layout["margin"] = {"l": 10, "r": 10, "t": 10, "b": 40}
    return {"data": data, "layout": layout}


def _interval_trace(
    labels: list[str],
    lows: list[float],
    highs: list[float],
    name: str,
    colour: str,
    xaxis: str,
    yaxis: str,
    symbol: str,
    width: int = 6,
    size: int = 11,
    opacity: float = 1.0,
) -> dict[str, Any]:
    """Low-high segments, one per label; ``width``, ``size`` and ``opacity`` set how it is drawn."""
    xs: list[Any] = []
    ys: list[Any] = []
    for lab, lo, hi in zip(labels, lows, highs, strict=True):
        xs += [lo, hi, None]
        ys += [lab, lab, None]
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "x": xs,
        "y": ys,
        "name": name,
        "line": {"color": colour, "width": width},
        "marker": {"size": size, "symbol": symbol, "line": {"color": colour, "width": 2}},
        "opacity": opacity,
        "xaxis": xaxis,
        "yaxis": yaxis,
    }


def methods_figure(methods: pd.DataFrame, adopted: dict[str, bool], unit: str, lang: str) -> dict[str, Any]:
    """Need (A) and usage (B) per method, and the gap A - B, each as a low-high interval.

    Methods not available under decision 2/CMA.3 carry an asterisk.
    """
    names = list(dict.fromkeys(methods["method"]))

    def label(n: str) -> str:
        return i18n.method_label(n, lang) + ("" if adopted.get(n, True) else " *")

    groups = _groups(methods, ["method"], ["need", "usage", "gap"])

    def ends(col: str) -> tuple[list[float], list[float]]:
        """First and last bound shown (low and high, or the one bound twice)."""
        return (
            [float(groups[n][col][0]) for n in names],
            [float(groups[n][col][-1]) for n in names],
        )

    data = []
    (d1, d2) = _DOMAINS[2]
    # need: a wide translucent band; usage: a thin line on top, so both show where they coincide
    styles = (
        ("need", "#D55E00", "circle", {"width": 14, "size": 16, "opacity": 0.45}),
        ("usage", "#0072B2", "diamond", {"width": 3, "size": 9, "opacity": 1.0}),
    )
    for key, colour, symbol, style in styles:
        lo, hi = ends(key)
        data.append(
            _interval_trace(
                [label(n) for n in names], lo, hi, i18n.t(key, lang), colour, "x", "y", symbol, **style
            )
        )
    lo, hi = ends("gap")
    data.append(
        _interval_trace(
            [label(n) for n in names], lo, hi, i18n.t("gap", lang), "#333333", "x2", "y2", "square"
        )
    )
    cats = [label(n) for n in reversed(names)]
    layout = _layout(
        i18n.t("methods_fig", lang),
        xaxis={
            "domain": d1,
            "anchor": "y",
            "title": {"text": unit},
            "gridcolor": "#eee",
            "rangemode": "tozero",
        },
        yaxis={"anchor": "x", "categoryorder": "array", "categoryarray": cats, "automargin": True},
        margin={"l": 10, "r": 20, "t": 10, "b": 80},
        xaxis2={
            "domain": d2,
            "anchor": "y2",
            "title": {"text": f"{i18n.t('gap', lang)} [{unit}]"},
            "zeroline": True,
            "zerolinecolor": "#000",
            "zerolinewidth": 2,
            "gridcolor": "#eee",
        },
        yaxis2={
            "anchor": "x2",
            "categoryorder": "array",
            "categoryarray": cats,
            "showticklabels": False,
        },
    )
    return {"data": data, "layout": layout}


def balance_figure(balance: pd.DataFrame, annual: pd.DataFrame, unit: str, lang: str) -> dict[str, Any]:
    """Emissions after the adjustment, per method and year, with the national net emissions.

    With both bounds shown, the low bound is drawn dotted and the high bound solid.
    """
    data = []
    by_bound = _groups(annual, ["bound"], ["year", "national_net"])
    by_pair = _groups(balance, ["bound", "method"], ["year", "balance"])
    bounds = list(dict.fromkeys(b for b, _ in by_pair))
    methods = list(dict.fromkeys(m for _, m in by_pair))
    for b in bounds:
        dash = "dot" if (b == "low" and len(bounds) > 1) else "solid"
        suffix = f" ({i18n.t(b, lang)})" if len(bounds) > 1 else ""
        a = by_bound[b]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": a["year"],
                "y": a["national_net"],
                "name": i18n.t("national_net_line", lang) + suffix,
                "line": {"color": "#999999", "dash": dash, "width": 2},
            }
        )
        for m in methods:
            f = by_pair[(b, m)]
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": f["year"],
                    "y": f["balance"],
                    "name": i18n.method_label(m, lang) + suffix,
                    "line": {"color": _colour(m), "dash": dash},
                    "legendgroup": m,
                }
            )
    layout = _layout(
        i18n.t("balance_fig", lang),
        xaxis={"dtick": 1, "title": {"text": i18n.t("year", lang)}},
        yaxis={"title": {"text": unit}, "gridcolor": "#eee"},
    )
    return {"data": data, "layout": layout}


def distribution_figure(
    frame: pd.DataFrame | None, methods: list[str], unit: str, lang: str, note: str = ""
) -> dict[str, Any]:
    """Box plot of each method's gap over the sweep samples (``<method>_gap`` columns)."""
    data = []
    if frame is not None:
        for m in methods:
            col = f"{m}_gap"
            if col in frame:
                data.append(
                    {
                        "type": "box",
                        "y": list(frame[col]),
                        "name": i18n.method_label(m, lang),
                        "marker": {"color": _colour(m)},
                        "boxpoints": False,
                        "boxmean": True,
                    }
                )
    title = i18n.t("dist_fig", lang) + (f" ({note})" if note else "")
    layout = _layout(
        title,
        yaxis={
            "title": {"text": f"{i18n.t('gap', lang)} [{unit}]"},
            "zeroline": True,
            "zerolinecolor": "#000",
            "gridcolor": "#eee",
        },
        showlegend=False,
    )
    return {"data": data, "layout": layout}


def tornado_figure(
    inputs: list[str], gap_low, gap_high, deltas, baseline: float, unit: str, lang: str
) -> dict[str, Any]:
    """One bar per input from the gap at its low end to the gap at its high end (engine values).

    Bars are drawn as segments between the two engine values, largest span on top
    (the order follows the engine's ``|Delta|``); the dashed line is the gap with
    every input at the base.
    """
    pairs = sorted(
        zip(inputs, [float(x) for x in gap_low], [float(x) for x in gap_high], deltas, strict=True),
        key=lambda t: abs(float(t[3])),
    )
    xs: list[Any] = []
    ys: list[Any] = []
    for name, lo, hi, _ in pairs:
        xs += [lo, hi, None]
        ys += [name, name, None]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": xs,
            "y": ys,
            "line": {"color": "#0072B2", "width": 12},
            "marker": {"size": 6, "color": "#003f63"},
            "name": i18n.t("gap", lang),
            "showlegend": False,
        }
    ]
    layout = _layout(
        i18n.t("gap", lang),
        xaxis={"title": {"text": f"{i18n.t('gap', lang)} [{unit}]"}, "gridcolor": "#eee"},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": [p[0] for p in pairs]},
        margin={"l": 10, "r": 20, "t": 10, "b": 50},
        shapes=[
            {
                "type": "line",
                "x0": baseline,
                "x1": baseline,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dash", "color": "#888"},
            }
        ],
    )
    return {"data": data, "layout": layout}


def side_gap_figure(panels: list[tuple[str, pd.DataFrame]], unit: str, lang: str) -> dict[str, Any]:
    """The gap A - B per method for each scenario, one panel each on a common scale.

    ``panels``: ``(title, methods frame)`` per scenario (:func:`app.frames.methods_frame`).
    """
    n = len(panels)
    gap = 0.06
    width = (1.0 - gap * (n - 1)) / n
    data: list[dict[str, Any]] = []
    layout = _layout(i18n.t("gap", lang), margin={"l": 10, "r": 10, "t": 30, "b": 50})
    cats = None
    notes = []
    for k, (title, frame) in enumerate(panels):
        names = list(dict.fromkeys(frame["method"]))
        groups = _groups(frame, ["method"], ["gap"])
        labels = [i18n.method_label(m, lang) for m in names]
        cats = cats or list(reversed(labels))
        lows = [float(groups[m]["gap"][0]) for m in names]
        highs = [float(groups[m]["gap"][-1]) for m in names]
        xa, ya = ("x", "y") if k == 0 else (f"x{k + 1}", f"y{k + 1}")
        trace = _interval_trace(labels, lows, highs, title, "#333333", xa, ya, "square")
        trace["showlegend"] = False
        data.append(trace)
        sfx = "" if k == 0 else str(k + 1)
        dom = [k * (width + gap), k * (width + gap) + width]
        layout[f"xaxis{sfx}"] = {
            "domain": dom,
            "anchor": ya,
            "zeroline": True,
            "zerolinecolor": "#000",
            "gridcolor": "#eee",
            "title": {"text": f"[{unit}]"},
            **({} if k == 0 else {"matches": "x"}),
        }
        layout[f"yaxis{sfx}"] = {
            "anchor": xa,
            "categoryorder": "array",
            "categoryarray": cats,
            "automargin": True,
            "showticklabels": k == 0,
        }
        notes.append(
            {
                "text": title if len(title) <= 40 else title[:39] + "…",
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": dom[0],
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "font": {"size": 11},
            }
        )
    layout["annotations"] = notes
    return {"data": data, "layout": layout}
