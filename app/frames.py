"""The engine's results arranged as DataFrames for the tables and figures (selection, no arithmetic)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from article6.analyses.balance import balances
from article6.analyses.gap_reading import gap_readings
from article6.io.tables import (
    NOT_ADOPTED_MARK,
    adopted_column,
    paths_text,
    table3_text,
    table4_text,
)
from article6.model.evaluate import Result
from article6.model.usage import ROW_NAMES
from article6.schema.scenario import (
    BOUNDS,
    INPUT_NAMES,
    Scenario,
)

from . import i18n
from .options import clean_options, cli_command, cli_flags, comparison, default_options
from .scenarios import PAPER_ID, PAPER_VALUES, VIEW_CHOICES, builtin_doc, scenario_of

# --------------------------------------------------------------------------- results


def take_bound(result: Result, bound: str) -> Result:
    """The part of a two-bound result (:func:`article6.model.evaluate.evaluate_bounds`) a view shows.

    ``both`` returns ``result``; ``low`` or ``high`` its sample as a batch of one
    (selection only, the numbers are the engine's).
    """
    if bound == "both":
        return result
    s = BOUNDS.index(bound)
    return result.take(slice(s, s + 1))


@lru_cache(maxsize=1)
def _paper_cells() -> dict[tuple[str, str, str], str]:
    """The paper's printed text of every Table 3/4 cell, from ``paper_repro/paper_values.csv``."""
    if not PAPER_VALUES.exists():
        return {}
    df = pd.read_csv(PAPER_VALUES, comment="#", dtype={"table": str})
    out: dict[tuple[str, str, str], str] = {}
    for (tab, row, col), g in df.groupby(["table", "row", "column"], sort=False):
        parts = {
            p: f"{v:.{int(d)}f}" for p, v, d in zip(g["position"], g["paper"], g["decimals"], strict=True)
        }
        text = parts.get("single") or f"{parts.get('left', '?')}~{parts.get('right', '?')}"
        out[(str(tab), str(row), str(col))] = text
    return out


@lru_cache(maxsize=1)
def _paper_scenario() -> Scenario:
    return scenario_of(builtin_doc(PAPER_ID), PAPER_ID)


def is_paper_unchanged(scenario: Scenario) -> bool:
    """True when ``scenario``'s inputs equal the paper scenario's, as loaded from its file."""
    paper = _paper_scenario()
    if scenario.years != paper.years or scenario.unit != paper.unit:
        return False
    a, b = scenario.series(), paper.series()
    return all(
        np.array_equal(a[n].low, b[n].low) and np.array_equal(a[n].high, b[n].high) for n in INPUT_NAMES
    )


def table3_frame(result: Result, exact: bool, lang: str, paper: bool = False) -> pd.DataFrame:
    """Table 3 as text in the paper's layout (first column: the row label)."""
    text = table3_text(result, exact=exact)
    text.index = list(ROW_NAMES)
    out = {i18n.t("row", lang): [i18n.row_label(n, lang) for n in ROW_NAMES]}
    cells = _paper_cells() if paper else {}
    for col in text.columns:
        out[col] = text[col].tolist()
        if paper:
            out[f"{col} ({i18n.t('paper_printed', lang)})"] = [
                cells.get(("3", n, col), "") for n in ROW_NAMES
            ]
    return pd.DataFrame(out)


def table4_frame(result: Result, exact: bool, lang: str, paper: bool = False) -> pd.DataFrame:
    """Table 4 as text in the paper's layout (first column: the method)."""
    text = table4_text(result, exact=exact)
    names = list(result.methods)
    out = {i18n.t("method", lang): [i18n.method_label(n, lang) for n in names]}
    cells = _paper_cells() if paper else {}
    for key, col in zip(("need", "usage", "gap"), text.columns, strict=True):
        label = i18n.t(key, lang)
        out[label] = text[col].tolist()
        if paper:
            out[f"{label} ({i18n.t('paper_printed', lang)})"] = [cells.get(("4", n, key), "") for n in names]
    out[i18n.t("adopted_col", lang)] = adopted_marks(result, lang)
    return pd.DataFrame(out)


def adopted_marks(result: Result, lang: str) -> list[str]:
    """Per method: allowed by decision 2/CMA.3, or marked with a dagger.

    Engine: :func:`article6.io.tables.adopted_column`, whose English text
    ``compare --mark-adopted`` prints; Korean from :mod:`app.i18n`.
    """
    marks = adopted_column(result).tolist()
    if lang == "en":
        return marks
    return [i18n.t("not_adopted_cell" if m == NOT_ADOPTED_MARK else "adopted_cell", lang) for m in marks]


def paths_frame(
    gaps: dict[str, Any], bound: str, exact: bool, lang: str, options: dict[str, str]
) -> pd.DataFrame:
    """The trajectory method under each submitted path (engine: :func:`article6.model.paths.path_gaps`).

    One row per ``<path>/<netting>``, formatted by :func:`article6.io.tables.paths_text`;
    a single-bound view shows that bound's figure. The row of the options chosen
    is marked with a leading arrow.
    """
    shown = gaps if bound == "both" else {k: {b: g[bound] for b in BOUNDS} for k, g in gaps.items()}
    text = paths_text(shown, exact=exact)
    chosen = f"{options['path']}/{options['netting']}"
    labels = []
    for key in text.index:
        path, netting = key.split("/")
        label = f"{i18n.t('path_' + path, lang)} · {i18n.t('netting_' + netting, lang)}"
        labels.append(("▶ " if key == chosen else "") + label)
    out = {i18n.t("submitted_path", lang): labels}
    for key, col in zip(("need", "usage", "gap"), text.columns, strict=True):
        out[i18n.t(key, lang)] = text[col].tolist()
    return pd.DataFrame(out)


def bounds_of(bound: str) -> tuple[str, ...]:
    """The bounds a view shows, in the order of the result's samples."""
    return BOUNDS if bound == "both" else (bound,)


def annual_frame(scenario: Scenario, result: Result, bound: str) -> pd.DataFrame:
    """Annual rows per bound, long: columns bound, year, the seven Table 3 rows, net_overseas.

    ``net_overseas`` is the input ITMO_i^net (non-zero in T only, as in the paper).
    """
    rows = result.rows.as_dict()
    bounds, years = bounds_of(bound), list(scenario.years)
    data: dict[str, Any] = {
        "bound": [b for b in bounds for _ in years],
        "year": years * len(bounds),
    }
    for n in ROW_NAMES:  # (samples, years) laid out sample by sample, as the bound column
        data[n] = np.asarray(rows[n]).reshape(-1)
    data["net_overseas"] = np.concatenate([scenario.net_overseas.at(b) for b in bounds])
    return pd.DataFrame(data)


def methods_frame(result: Result, bound: str) -> pd.DataFrame:
    """Need, usage and gap per method and bound, long: method, bound, need, usage, gap."""
    recs = []
    for name, m in result.methods.items():
        for s, b in enumerate(bounds_of(bound)):
            recs.append(
                {
                    "method": name,
                    "bound": b,
                    "need": float(m.need[s]),
                    "usage": float(m.usage[s]),
                    "gap": float(m.gap[s]),
                }
            )
    return pd.DataFrame(recs)


def balance_frame(result: Result, bound: str) -> pd.DataFrame:
    """Accounting balance per method, bound and year (engine: :mod:`article6.analyses.balance`)."""
    recs = []
    for name, arr in balances(result.rows, [m.method for m in result.methods.values()]).items():
        for s, b in enumerate(bounds_of(bound)):
            for y, v in zip(result.years, arr[s], strict=True):
                recs.append({"method": name, "bound": b, "year": y, "balance": float(v)})
    return pd.DataFrame(recs)


# --------------------------------------------------------------------------- view models


class ViewModel:
    """Everything the recompute callback shows, as DataFrames and plain values.

    All numbers come from one call of :func:`article6.analyses.compare.compare` (with
    ``paths=True``), the function behind ``article6 compare``.
    """

    def __init__(
        self,
        doc: dict[str, Any],
        bound: str,
        exact: bool,
        lang: str,
        options: dict[str, str] | None = None,
    ):
        self.lang = lang if lang in i18n.LANGS else "en"
        self.options = clean_options(doc, options)
        cmp = comparison(doc, self.options, paths=True)
        self.scenario = cmp.scenario
        self.command = cli_command(self.scenario.id, cli_flags(doc, self.options))
        self.unit = self.scenario.unit
        result = take_bound(cmp.result, bound)
        paper = is_paper_unchanged(self.scenario) and self.options == default_options(doc)
        self.table3 = table3_frame(result, exact, self.lang, paper)
        self.table4 = table4_frame(result, exact, self.lang, paper)
        self.paths = paths_frame(cmp.path_gaps, bound, exact, self.lang, self.options)
        self.annual = annual_frame(self.scenario, result, bound)
        self.methods = methods_frame(result, bound)
        self.balance = balance_frame(result, bound)
        self.readings = gap_readings(result)
        self.exact = exact
        self.bound = bound
        self.comparison = cmp
        self.adopted = {n: bool(m.method.adopted_in_2_cma_3) for n, m in result.methods.items()}


def view_model(
    doc: dict[str, Any],
    bound: str,
    exact: bool,
    lang: str,
    options: dict[str, str] | None = None,
) -> ViewModel:
    """Build the :class:`ViewModel` of a validated document (default options: the file's)."""
    return ViewModel(doc, bound if bound in VIEW_CHOICES["bound"] else "both", exact, lang, options)
