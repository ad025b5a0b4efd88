"""One entry point for the whole model: inputs -> annual rows -> each method's need, usage, gap.

``compare``, ``reproduce``, ``sweep`` and the app all call :func:`evaluate`;
a single scenario is a batch of one (or of two: both bounds at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from article6.errors import OptionError
from article6.model.methods import CAMethod, default_methods
from article6.model.usage import UsageRows, usage_rows
from article6.schema.scenario import BOUNDS, Inputs, Scenario


@dataclass(frozen=True, eq=False)
class MethodResult:
    """(A) need, (B) usage and the gap A - B, each shaped (samples,) [unit]."""

    need: np.ndarray
    usage: np.ndarray
    gap: np.ndarray
    method: CAMethod | None = None

    def take(self, rows) -> MethodResult:
        """The samples ``rows`` (an index or slice) of this result, same method."""
        return replace(self, need=self.need[rows], usage=self.usage[rows], gap=self.gap[rows])


@dataclass(frozen=True, eq=False)
class Result:
    """The model's output for a batch: annual rows and per-method results."""

    years: tuple[int, ...]
    rows: UsageRows
    methods: dict[str, MethodResult]

    def take(self, samples) -> Result:
        """The samples ``samples`` (a slice or index array) of this batch; same methods."""
        rows = UsageRows(**{n: np.asarray(a)[samples] for n, a in self.rows.as_dict().items()})
        return Result(self.years, rows, {n: m.take(samples) for n, m in self.methods.items()})


def method_result(method: CAMethod, rows: UsageRows) -> MethodResult:
    """Evaluate one method: need (A), usage (B) and gap = A - B."""
    need = np.asarray(method.need(rows), dtype=float)
    usage = np.asarray(method.usage(rows), dtype=float)
    return MethodResult(need=need, usage=usage, gap=need - usage, method=method)


def with_stated_target(rows: UsageRows, target) -> UsageRows:
    """Return ``rows`` with ``NDC_T^e`` set to the stated target in the target year.

    Eq. (8-1) is an inequality, ``NDC_T^e <= NE_T^enet - ITMO_T^total``; the
    paper's Table 3 fills it at equality (the derived 536~570 Mt), its text uses
    the NDC as stated (536 Mt). With ``target`` the other years keep eq. (8) at
    equality. ``target`` is a number or an array broadcastable to (samples,)
    [unit].
    """
    ndc = np.array(rows.ndc_target, dtype=float, copy=True)
    ndc[..., -1] = np.broadcast_to(np.asarray(target, dtype=float), ndc.shape[:-1])
    return replace(rows, ndc_target=ndc)


def stated_target(scenario: Scenario) -> float:
    """``[ndc] target`` of ``scenario`` [unit]; :class:`OptionError` when it is absent."""
    if scenario.target is None:
        raise OptionError(
            scenario.path, "ndc.target", "a stated NDC target (asked for: NDC target 'stated')"
        )
    return float(scenario.target)


@dataclass(frozen=True)
class MethodOptions:
    """Options threaded through :func:`evaluate`; the defaults reproduce the paper.

    Attributes
    ----------
    ndc_target
        ``'derived'`` (eq. 8-1 at equality, the paper's Table 3) or
        ``'stated'`` (``stated_target`` in the target year; see
        :func:`article6.model.paths.with_stated_target`).
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
        return cls(ndc_target="stated", stated_target=stated_target(scenario))


def evaluate(
    inputs: Inputs, years: Iterable[int], methods: Iterable[CAMethod] | None = None,
    *, options: MethodOptions | None = None,
) -> Result:
    """Evaluate eqs. (1)-(12-1) for a batch of inputs shaped (samples, years).

    ``methods``: the method objects to evaluate (default: the default set,
    :func:`article6.model.methods.default_methods`). The result keeps each object.
    """
    rows = usage_rows(inputs)
    if options is not None and options.ndc_target == "stated":
        rows = with_stated_target(rows, options.stated_target)
    chosen = default_methods() if methods is None else list(methods)
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
