"""Results as plain data: the ``compare --json`` document (docs/commands.md).

Pure re-shaping, no arithmetic beyond the unit factor applied at this edge.
:func:`compare` runs the whole comparison (methods, options, path gaps, costs)
and builds the document; the command line and the app's JSON download both
call it, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from article6.methods import METHODS
from article6.model import Result, evaluate_bounds
from article6.scenario import BOUNDS, Scenario
from article6.units import conversion_factor


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
        A result of :func:`article6.model.evaluate_bounds` already computed for
        this scenario (optional; evaluated here otherwise).
    costs
        A :class:`article6.costs.CostResult` for ``result`` (optional): adds a
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
                "adopted_in_2_cma_3": bool(METHODS[name].adopted_in_2_cma_3)
                if name in METHODS else None,
            }
            if costs is not None and name in costs.methods:
                methods[name]["costs"] = costs.as_json(name, b)
        bounds[bound] = {"rows": rows, "methods": methods}
    from article6.anchors import interpolated_years

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


@dataclass(frozen=True, eq=False)
class Comparison:
    """Everything ``article6 compare`` shows for one scenario."""

    scenario: Scenario
    methods: list
    result: Result
    path_gaps: Any
    costs: Any
    document: dict[str, Any]


def compare(
    scenario: Scenario, *, methods: str = "paper", trajectory_path: str | None = None,
    netting: str | None = None, ndc_target: str = "derived", paths: bool = False,
    price: str | None = None, discount_rate: float | None = None, base_year: int | None = None,
) -> Comparison:
    """Evaluate ``scenario`` at both bounds with the chosen options and build the JSON document.

    The document is :func:`compare_document`'s, plus the choices made when they
    differ from the paper's (``trajectory_path``, ``trajectory_netting``,
    ``ndc_target_mode``) and the per-path gaps when ``paths`` is true.
    """
    from article6.adopted import method_set
    from article6.costs import scenario_costs
    from article6.model import MethodOptions
    from article6.paths import path_gaps

    chosen_methods = method_set(scenario, methods, trajectory_path, netting)
    result = evaluate_bounds(scenario, chosen_methods,
                             options=MethodOptions.for_scenario(scenario, ndc_target))
    gaps = path_gaps(scenario, ndc_target) if paths else None
    costs = scenario_costs(scenario, result, price, discount_rate, base_year)
    doc = compare_document(scenario, result=result, costs=costs)
    traj = next((m for m in chosen_methods if m.name == "trajectory"), None)
    chosen = {"trajectory_path": getattr(traj, "path", "derived"),
              "trajectory_netting": getattr(traj, "netting", "annual"),
              "ndc_target_mode": ndc_target}
    if chosen != PAPER_CHOICES or trajectory_path or paths:
        doc.update(chosen)  # the default document stays exactly compare_document's
    if gaps is not None:
        doc["trajectory_paths"] = gaps
    return Comparison(scenario, chosen_methods, result, gaps, costs, doc)
