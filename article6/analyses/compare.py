"""The answer to a question, and the answer as plain data.

:func:`evaluate` turns a :class:`~article6.model.question.Question` into an :class:`Analysis`.

:func:`evaluate` runs the whole comparison once (the methods the question
resolved, both bounds, the path gaps, the costs); the :class:`Analysis` keeps
the method objects it evaluated and gives the ``compare --json`` document
(docs/commands.md, :func:`compare_document`) and a tidy long table
(:meth:`Analysis.to_frame`). The command line, the app's panels and its
downloads all read it, so they cannot drift apart. Pure re-shaping here: no
arithmetic beyond the unit factor applied at this edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from article6.analyses.costs import CostResult, method_costs
from article6.model.evaluate import Result, evaluate_bounds
from article6.model.paths import path_gaps as trajectory_path_gaps
from article6.model.question import Question, ask
from article6.schema.anchors import interpolated_years
from article6.schema.scenario import BOUNDS, Scenario
from article6.schema.units import conversion_factor


def _floats(a: np.ndarray, factor: float) -> list[float]:
    return [float(x) * factor + 0.0 for x in np.asarray(a)]


def compare_document(
    scenario: Scenario, unit: str | None = None, result: Result | None = None,
    costs: Any = None,
) -> dict[str, Any]:
    """Build the JSON object of ``article6 compare --json`` for ``scenario``.

    Parameters
    ----------
    scenario
        The scenario to evaluate at both bounds.
    unit
        Output unit (default: the scenario's own).
    result
        A result of :func:`article6.model.evaluate.evaluate_bounds` already computed for
        this scenario (optional; evaluated here otherwise).
    costs
        A :class:`article6.analyses.costs.CostResult` for ``result`` (optional): adds a
        ``costs`` object to each method and a top-level ``price`` object.
    """
    out_unit = unit or scenario.unit
    f = conversion_factor(scenario.unit, out_unit)
    r = evaluate_bounds(scenario) if result is None else result
    bounds: dict[str, Any] = {}
    for b, bound in enumerate(BOUNDS):
        rows = {name: _floats(arr[b], f) for name, arr in r.rows.as_dict().items()}
        methods = {}
        for name, m in r.methods.items():
            methods[name] = {
                "need": float(m.need[b]) * f + 0.0,
                "usage": float(m.usage[b]) * f + 0.0,
                "gap": float(m.gap[b]) * f + 0.0,
                "adopted_in_2_cma_3": bool(m.method.adopted_in_2_cma_3)
                if m.method is not None else None,
            }
            if costs is not None and name in costs.methods:
                methods[name]["costs"] = costs.as_json(name, b)
        bounds[bound] = {"rows": rows, "methods": methods}
    doc_extra: dict[str, Any] = {
        "trajectory_interpolated_years": interpolated_years(scenario.years, scenario.trajectory)
    }
    if costs is not None:
        doc_extra["price"] = costs.price_json()
    return {
        "scenario": scenario.id,
        "title": scenario.title,
        "unit": out_unit,
        "years": list(scenario.years),
        "bounds": bounds,
    } | doc_extra


#: The defaults of :func:`compare`: the paper's choices (Table 3 and 4).
PAPER_CHOICES = {"trajectory_path": "derived", "trajectory_netting": "annual",
                 "ndc_target_mode": "derived"}

#: Columns of :meth:`Analysis.to_frame`.
FRAME_COLUMNS = ("scenario", "bound", "method", "quantity", "value", "unit")


@dataclass(frozen=True, eq=False)
class Analysis:
    """The answer to one :class:`~article6.model.question.Question`, evaluated once.

    Attributes
    ----------
    question
        The question asked.
    result
        The model at both bounds (sample 0 ``low``, 1 ``high``); each
        method's result keeps the method object evaluated (``.method``).
    path_gaps
        The trajectory method under every path choice (when ``question.paths``).
    costs
        The costs of each method (when the question has a price).
    """

    question: Question
    result: Result
    path_gaps: Any = None
    costs: CostResult | None = None

    @property
    def scenario(self) -> Scenario:
        """The scenario, in the question's unit."""
        return self.question.scenario

    @property
    def methods(self) -> list:
        """The method objects evaluated, in order."""
        return [m.method for m in self.result.methods.values()]

    @cached_property
    def document(self) -> dict[str, Any]:
        """The ``compare --json`` object.

        :func:`compare_document`'s, plus the choices made when they differ from
        the paper's (``trajectory_path``, ``trajectory_netting``,
        ``ndc_target_mode``) and the per-path gaps when asked for.
        """
        q = self.question
        doc = compare_document(self.scenario, result=self.result, costs=self.costs)
        chosen = {"trajectory_path": q.trajectory_path, "trajectory_netting": q.netting,
                  "ndc_target_mode": q.ndc_target}
        if chosen != PAPER_CHOICES or q.given.get("trajectory_path") or q.paths:
            doc.update(chosen)  # the default document stays exactly compare_document's
        if self.path_gaps is not None:
            doc["trajectory_paths"] = self.path_gaps
        return doc

    def to_frame(self) -> pd.DataFrame:
        """Each method's need, usage and gap (and costs) as a tidy long table.

        Columns :data:`FRAME_COLUMNS`: ``scenario, bound, method, quantity, value,
        unit``; quantities ``need``, ``usage``, ``gap`` in the question's unit,
        and with a price ``cost_need``, ``cost_usage``, ``cost_gap`` (and
        ``*_discounted``) in its currency. Values are the document's.
        """
        doc = self.document
        recs = []
        for bound, body in doc["bounds"].items():
            for name, res in body["methods"].items():
                for k in ("need", "usage", "gap"):
                    recs.append((doc["scenario"], bound, name, k, res[k], doc["unit"]))
                cost = res.get("costs")
                for k in ("need", "usage", "gap", "need_discounted", "usage_discounted",
                          "gap_discounted"):
                    if cost is not None:
                        recs.append((doc["scenario"], bound, name, f"cost_{k}", cost[k],
                                     cost["currency"]))
        return pd.DataFrame(recs, columns=list(FRAME_COLUMNS))


#: Kept importable: the name of the answer before it was a question's.
Comparison = Analysis


def evaluate(question: Question | Scenario | str | Path, **choices: Any) -> Analysis:
    """Answer ``question`` (or ``ask(scenario, **choices)``): every output's one evaluation.

    Evaluates the question's methods at both bounds with its NDC_T choice,
    the path gaps when asked for, and the costs of exactly the methods
    evaluated when the question has a price.
    """
    q = question if isinstance(question, Question) else ask(question, **choices)
    if choices and isinstance(question, Question):
        q = question.replace(**choices)
    result = evaluate_bounds(q.scenario, q.methods, options=q.options)
    gaps = trajectory_path_gaps(q.scenario, q.ndc_target) if q.paths else None
    costs = None if q.price is None else method_costs(
        result, q.unit, q.price, q.discount_rate, q.base_year)
    return Analysis(q, result, gaps, costs)


def compare(scenario: Scenario | str | Path, **choices: Any) -> Analysis:
    """Evaluate ``scenario`` at both bounds with the chosen options (:func:`ask`'s keywords).

    The keyword ``price`` is a price file, a preset name or a
    :class:`~article6.schema.prices.PricePath`.
    """
    return evaluate(ask(scenario, **choices))
