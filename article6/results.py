"""Results as plain data: the ``compare --json`` document (CONTRACT section 2).

Pure re-shaping, no arithmetic beyond the unit factor applied at this edge.
The app's JSON download and the command line both use :func:`compare_document`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

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
            from article6.methods import METHODS

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
