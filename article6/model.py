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


@dataclass(frozen=True)
class MethodOptions:
    """Options threaded through :func:`evaluate`; the defaults reproduce the paper.

    Attributes
    ----------
    ndc_target
        ``'derived'`` (eq. 8-1 at equality, the paper's Table 3) or
        ``'stated'`` (``stated_target`` in the target year; see
        :func:`article6.paths.with_stated_target`).
    stated_target
        NDC_T^e as stated [unit], a number or an array broadcastable to (samples,).
    """

    ndc_target: str = "derived"
    stated_target: object = None

    @classmethod
    def for_scenario(cls, scenario: Scenario, ndc_target: str = "derived") -> MethodOptions:
        """Options for ``scenario``; ``'stated'`` takes its ``[ndc] target``."""
        if ndc_target == "derived":
            return cls()
        from article6.paths import stated_target

        return cls(ndc_target="stated", stated_target=stated_target(scenario))


def evaluate(
    inputs: Inputs, years: Iterable[int], methods: Iterable[CAMethod] | None = None,
    *, options: MethodOptions | None = None,
) -> Result:
    """Evaluate eqs. (1)-(12-1) for a batch of inputs shaped (samples, years)."""
    rows = usage_rows(inputs)
    if options is not None and options.ndc_target == "stated":
        from article6.paths import with_stated_target

        rows = with_stated_target(rows, options.stated_target)
    chosen = [METHODS[n] for n in PAPER_METHODS] if methods is None else list(methods)
    return Result(
        years=tuple(years), rows=rows, methods={m.name: method_result(m, rows) for m in chosen}
    )


def evaluate_bounds(
    scenario: Scenario, methods: Iterable[CAMethod] | None = None,
    *, options: MethodOptions | None = None,
) -> Result:
    """Evaluate a scenario at both bounds in one pass: sample 0 is ``low``, 1 is ``high``."""
    return evaluate(scenario.bounds_inputs(), scenario.years, methods, options=options)


def bound_index(bound: str) -> int:
    """Row of ``bound`` in the result of :func:`evaluate_bounds`."""
    return BOUNDS.index(bound)
