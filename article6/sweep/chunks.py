"""One chunk of a sweep: draw, evaluate with the one engine, tabulate as Arrow.

No equation is written here: every number comes from :func:`article6.model.evaluate.evaluate`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from article6.model import paths as P
from article6.model.evaluate import MethodOptions, evaluate
from article6.model.methods import METHODS
from article6.schema.inputs import SCALAR_INPUTS
from article6.schema.scenario import Inputs, Scenario
from article6.sweep.draws import input_values, path_input_values, unit_draws
from article6.sweep.plan import DEFAULT_CHUNK, DEFAULT_MAX_POINTS, SUB_CHUNK, Plan, make_plan


def evaluate_values(plan: Plan, vals: dict[str, np.ndarray], n: int,
                    path_vals: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Run the engine on year values shaped ``(years, n)`` (or ``(years, 1)``).

    Calls :func:`article6.model.evaluate.evaluate` on sub-chunks of :data:`SUB_CHUNK`
    samples (passing transposed views, so no input is copied) and returns each
    output column (``<method>_need|usage|gap``) as an array of ``n`` [unit].
    With path choices, the same call also evaluates the path methods of
    :func:`article6.model.paths.sweep_path_methods` (``path_vals`` from
    :func:`path_input_values`).
    """
    outs = {c: np.empty(n) for c in plan.output_columns}
    names = plan.method_names
    options = (MethodOptions(ndc_target="stated", stated_target=plan.stated_target)
               if plan.ndc_target == "stated" else None)
    for a in range(0, n, SUB_CHUNK):
        b = min(n, a + SUB_CHUNK)
        inp = Inputs(**{k: (v[:, a:b] if v.shape[1] > 1 else v).T for k, v in vals.items()})
        if plan.paths:
            if plan.path_dims and not plan.dims:  # only path inputs drawn: one row per sample
                inp = replace(inp, trajectory=np.broadcast_to(inp.trajectory,
                                                              (b - a, len(plan.years))))
            res = evaluate(inp, plan.years, _chunk_methods(plan, path_vals or {}, a, b),
                           options=options)
        else:
            res = evaluate(inp, plan.years, [METHODS[m] for m in plan.methods], options=options)
        for m in names:
            r = res.methods[m]
            outs[f"{m}_need"][a:b] = r.need
            outs[f"{m}_usage"][a:b] = r.usage
            outs[f"{m}_gap"][a:b] = r.gap
    return outs


def _chunk_methods(plan: Plan, path_vals: dict[str, np.ndarray], a: int, b: int) -> list:
    """The paper's methods and the path-choice methods for rows ``a..b-1`` of a chunk."""

    def rows(v: np.ndarray) -> np.ndarray:
        return v[:, a:b] if v.shape[1] > 1 else v

    values: dict[str, np.ndarray] = {}
    if "linear_start" in path_vals:  # each row's own line (article6.model.paths.linear_between)
        values["linear"] = P.linear_between(rows(path_vals["linear_start"])[0],
                                            rows(path_vals["linear_end"])[0], len(plan.years))
    if "path" in path_vals:
        values["user"] = rows(path_vals["path"]).T
    methods = [METHODS[m] for m in plan.methods]
    for c, n in plan.paths:
        methods += P.sweep_path_methods((c,), (n,), values={c: values[c]} if c in values else None)
    return methods


def chunk_table(plan: Plan, start: int, stop: int) -> pa.Table:
    """Draw, evaluate and tabulate samples ``start..stop-1`` (one part of the file).

    The engine (:func:`article6.model.evaluate.evaluate`) is called on sub-chunks of
    :data:`SUB_CHUNK` rows, with arrays laid out year-major so that each
    year's column is contiguous (an Arrow column without a copy).
    """
    n = stop - start
    u = unit_draws(plan, start, stop)
    vals = input_values(plan, u)
    path_vals = path_input_values(plan, u) if plan.path_series else {}
    del u
    outs = evaluate_values(plan, vals, n, path_vals)
    arrays: list[Any] = [pa.array(np.arange(start, stop, dtype=np.int64))]
    for name, cols in plan.input_columns.items():
        v = vals[name] if name in vals else path_vals[name]
        if len(cols) == 1:  # one group over the period (or the target year): its value
            s = plan.series[name] if name in plan.series else plan.path_series[name]
            row = int(np.flatnonzero(s.basis[:, 0])[-1])
            arrays.append(pa.array(np.ascontiguousarray(v[row]) if v.shape[1] == n
                                   else np.full(n, v[row, 0])))  # a fixed linear end point
        else:
            arrays += [pa.array(np.full(n, v[i, 0]) if v.shape[1] == 1 else v[i])
                       for i in range(len(cols))]
    arrays += [pa.array(outs[c]) for c in plan.output_columns]
    return pa.Table.from_arrays(arrays, schema=plan.schema())


def sweep_table(plan: Plan, chunk_size: int = DEFAULT_CHUNK) -> pa.Table:
    """The whole sweep in memory as one Arrow table (for small runs)."""
    return pa.concat_tables(
        [chunk_table(plan, a, min(plan.samples, a + chunk_size))
         for a in range(0, plan.samples, chunk_size)]
    )


def sweep_frame(
    scenario: Scenario | str | Path,
    samples: int | None,
    *,
    seed: int = 0,
    design: str = "mc",
    vary: str = "block",
    grid_levels: int | None = None,
    max_points: int = DEFAULT_MAX_POINTS,
    **path_options: Any,
):
    """Run a small sweep in memory and return it as a pandas DataFrame.

    Same columns and the same numbers as the Parquet file of
    :func:`run_sweep` with the same parameters. ``path_options``:
    ``paths``, ``netting``, ``linear_start``, ``linear_end`` of :func:`make_plan`.
    """
    plan = make_plan(scenario, samples, seed=seed, design=design, vary=vary,
                     grid_levels=grid_levels, max_points=max_points, **path_options)
    return sweep_table(plan).to_pandas()


def row_scenario_dict(scenario: Scenario, row: dict[str, float]) -> dict[str, Any]:
    """A scenario document with the inputs of one sweep row (for ``compare``).

    The trajectory becomes a per-year ``values`` table; drawn inputs replace
    the file's ranges; inputs not in the row keep the scenario's (fixed) value.
    A drawn ``[path]`` (columns ``path_<year>``) replaces the ``[path]`` values.
    The drawn linear path (``linear_start``, ``linear_end``) has no scenario
    form; :func:`article6.model.paths.linear_between` rebuilds it from the row.
    """
    doc = json.loads(json.dumps(dict(scenario.raw), default=str))
    years = scenario.years
    doc["trajectory"] = {"values": {str(y): float(row[f"trajectory_{y}"]) for y in years}}
    for name, (tab, key) in SCALAR_INPUTS.items():
        if name in row:
            doc.setdefault(tab, {})[key] = float(row[name])
        elif f"{name}_{years[0]}" in row:
            doc.setdefault(tab, {})[key] = {str(y): float(row[f"{name}_{y}"]) for y in years}
    if f"path_{years[0]}" in row and isinstance(doc.get("path"), dict):
        doc["path"]["values"] = {str(y): float(row[f"path_{y}"]) for y in years}
    return doc
