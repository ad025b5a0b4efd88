"""One entry point for the whole model: inputs -> annual rows -> each method's need, usage, gap.

``compare``, ``reproduce``, ``sweep`` and the app all call :func:`evaluate`;
a single scenario is a batch of one (or of two: both bounds at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from article6.methods import METHODS, PAPER_METHODS, CAMethod
from article6.scenario import BOUNDS, Inputs, Scenario
from article6.usage import UsageRows, usage_rows


@dataclass(frozen=True, eq=False)
class MethodResult:
    """(A) need, (B) usage and the gap A - B, each shaped (samples,) [unit]."""

    need: np.ndarray
    usage: np.ndarray
    gap: np.ndarray


@dataclass(frozen=True, eq=False)
class Result:
    """The model's output for a batch: annual rows and per-method results."""

    years: tuple[int, ...]
    rows: UsageRows
    methods: dict[str, MethodResult]


def method_result(method: CAMethod, rows: UsageRows) -> MethodResult:
    """Evaluate one method: need (A), usage (B) and gap = A - B."""
    need = np.asarray(method.need(rows), dtype=float)
    usage = np.asarray(method.usage(rows), dtype=float)
    return MethodResult(need=need, usage=usage, gap=need - usage)


def evaluate(
    inputs: Inputs, years: Iterable[int], methods: Iterable[CAMethod] | None = None
) -> Result:
    """Evaluate eqs. (1)-(12-1) for a batch of inputs shaped (samples, years)."""
    rows = usage_rows(inputs)
    chosen = [METHODS[n] for n in PAPER_METHODS] if methods is None else list(methods)
    return Result(
        years=tuple(years), rows=rows, methods={m.name: method_result(m, rows) for m in chosen}
    )


def evaluate_bounds(scenario: Scenario, methods: Iterable[CAMethod] | None = None) -> Result:
    """Evaluate a scenario at both bounds in one pass: sample 0 is ``low``, 1 is ``high``."""
    return evaluate(scenario.bounds_inputs(), scenario.years, methods)


def bound_index(bound: str) -> int:
    """Row of ``bound`` in the result of :func:`evaluate_bounds`."""
    return BOUNDS.index(bound)
