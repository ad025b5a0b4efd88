"""One-at-a-time sensitivity of each method's gap (A - B) to each input.

Every *input* is one group of a scenario series (:class:`article6.schema.scenario.Series`):
the whole series for a number or a range (``ets_share``, ``offset_limit``,
``sink``, ``net_overseas``), one block of a block trajectory
(``trajectory:2021-2023``), one anchor of an anchored trajectory
(``trajectory:2023``), one year of a per-year table (``sink:2025``).

For input ``k`` moving from ``x_k^lo`` to ``x_k^hi`` with every other input at
the *base* (its low bound, or with ``base='mid'`` the middle of its range), the
sensitivity of method ``m`` is

``Delta_k^m = gap^m(x_k^hi, base) - gap^m(x_k^lo, base)``  [scenario unit]

where ``gap^m = need^m - usage^m`` comes from :func:`article6.model.evaluate.evaluate`
(eqs. 1-12-1); nothing is recomputed here.

The analysis answers a :class:`article6.model.question.Question`: its methods (the
paper's, those of decision 2/CMA.3, any registered method), the trajectory
method's submitted path and netting, the NDC_T choice and the unit are the
question's, so with ``base='low'`` the baseline is ``compare --json``'s low
bound for the same question. A submitted path given in the scenario's
``[path]`` is a choice, not an input: it stays at the base (its low bound, or
the middle of its range).

Where the interval comes from:

* ``range``: the input's own ``[low, high]`` in the scenario;
* ``vary``: ``--vary NAME=LOW:HIGH`` (overrides the scenario);
* ``perturbed``: an input the scenario gives as a plain number moves by
  ``x (1 -/+ relative)`` (default ``relative = 0.1``, i.e. +-10 %), clipped to
  [0, 1] for shares and to >= 0 for emissions. Plain zeros stay out (a
  relative move of zero is zero). ``relative = 0`` turns this off.

All ``2K + 1`` evaluations (the base, then low and high of each input) run as
one batch of shape ``(2K + 1, years)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from article6.errors import OptionError
from article6.model.evaluate import evaluate
from article6.model.paths import SubmittedTrajectory
from article6.model.question import Question, ask
from article6.schema.inputs import INPUTS
from article6.schema.scenario import INPUT_NAMES, Inputs, Scenario

SHARES = ("ets_share", "offset_limit")

#: Readable labels of the series (article6/schema/inputs.py).
SERIES_LABELS = {s.name: s.label for s in INPUTS}


@dataclass(frozen=True)
class SensInput:
    """One input of the one-at-a-time analysis.

    Attributes
    ----------
    name
        ``series`` or ``series:years`` (e.g. ``trajectory:2021-2023``).
    series, group
        Which group of which scenario series moves.
    low, high
        The interval it moves over [scenario unit, or 1 for shares].
    origin
        ``range``, ``vary`` or ``perturbed``.
    """

    name: str
    series: str
    group: int
    low: float
    high: float
    origin: str

    @property
    def label(self) -> str:
        """Label for tables and charts, e.g. ``'Trajectory_i^e 2021-2023'``."""
        head, _, tail = self.name.partition(":")
        return f"{SERIES_LABELS.get(head, head)} {tail}".strip()


@dataclass(frozen=True, eq=False)
class Sensitivity:
    """Result: per method, the gap at each input's low and high end, and at the base."""

    scenario: str
    unit: str
    base: str
    relative: float
    inputs: tuple[SensInput, ...]
    baseline: dict[str, float]
    gap_low: dict[str, np.ndarray]
    gap_high: dict[str, np.ndarray]
    labels: dict[str, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)

    def label(self, method: str) -> str:
        """The method's English label (its own ``label_en``)."""
        return self.labels.get(method, method)

    def delta(self, method: str) -> np.ndarray:
        """``Delta_k`` for ``method``, shape (inputs,) [unit]."""
        return self.gap_high[method] - self.gap_low[method]

    @property
    def methods(self) -> list[str]:
        """Method names, in the model's order."""
        return list(self.baseline)


def group_label(years: tuple[int, ...], series, j: int) -> str:
    """Years a group stands for: ``'2021-2023'``, ``'2030'`` or an anchor year."""
    col = np.asarray(series.basis)[:, j]
    if series.form == "anchors":
        idx = np.flatnonzero(col == 1.0)
    else:
        idx = np.flatnonzero(col > 0)
    ys = [years[i] for i in idx]
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}-{ys[-1]}"


def sensitivity_inputs(
    scenario: Scenario, relative: float = 0.1, vary: dict[str, tuple[float, float]] | None = None,
) -> list[SensInput]:
    """The inputs of the analysis with their intervals (module docstring)."""
    if not (0.0 <= relative < 1.0):
        raise OptionError("--relative", "--relative", "a fraction in [0, 1), e.g. 0.1", relative)
    vary = dict(vary or {})
    out: list[SensInput] = []
    names: list[str] = []
    for sname in INPUT_NAMES:
        s = getattr(scenario, sname)
        n_groups = len(s.group_low)
        for j in range(n_groups):
            name = sname if n_groups == 1 else f"{sname}:{group_label(scenario.years, s, j)}"
            names.append(name)
            lo, hi = float(s.group_low[j]), float(s.group_high[j])
            if name in vary:
                lo, hi = vary.pop(name)
                _check_bounds(sname, name, lo, hi)
                origin = "vary"
            elif lo != hi:
                origin = "range"
            elif relative > 0 and lo != 0.0:
                lo, hi = lo * (1 - relative), lo * (1 + relative)
                if sname in SHARES:
                    hi = min(hi, 1.0)
                origin = "perturbed"
            else:
                continue
            out.append(SensInput(name, sname, j, lo, hi, origin))
    if vary:
        raise OptionError("--vary", f"--vary {sorted(vary)[0]}",
                          "an input name: " + ", ".join(names))
    return out


def _check_bounds(sname: str, name: str, lo: float, hi: float) -> None:
    if sname in SHARES and not (0.0 <= lo <= hi <= 1.0):
        raise OptionError("--vary", f"--vary {name}", "a share interval within [0, 1]", (lo, hi))
    if lo < 0:
        raise OptionError("--vary", f"--vary {name}", "an emission quantity >= 0", (lo, hi))


def one_at_a_time(
    question: Question | Scenario, relative: float = 0.1, base: str = "low",
    vary: dict[str, tuple[float, float]] | None = None,
) -> Sensitivity:
    """Run the one-at-a-time analysis for ``question`` in one batch.

    Parameters
    ----------
    question
        The question (:func:`article6.model.question.ask`): scenario in the output
        unit, methods, submitted path and NDC_T choice. A bare scenario is
        asked with the defaults (the paper's choices).
    relative
        Relative move of inputs given as plain numbers (0.1 = +-10 %).
    base
        ``'low'`` (every other input at its low bound, the paper's first
        column) or ``'mid'`` (at the middle of its range).
    vary
        ``{name: (low, high)}`` intervals that replace the scenario's.
    """
    if base not in ("low", "mid"):
        raise OptionError("--base", "--base", "'low' or 'mid'", base)
    q = question if isinstance(question, Question) else ask(question)
    scenario = q.scenario
    inputs = sensitivity_inputs(scenario, relative, vary)
    k = len(inputs)
    arrays = {}
    for sname in INPUT_NAMES:
        s = getattr(scenario, sname)
        g0 = s.group_low if base == "low" else (s.group_low + s.group_high) / 2.0
        groups = np.tile(np.asarray(g0, dtype=float), (2 * k + 1, 1))
        for i, inp in enumerate(inputs):
            if inp.series == sname:
                groups[1 + 2 * i, inp.group] = inp.low
                groups[2 + 2 * i, inp.group] = inp.high
        arrays[sname] = groups @ np.asarray(s.basis).T
    # a submitted path is a choice, not an input: held at the base (paths.SubmittedTrajectory.held_at)
    methods = [m.held_at(base) if isinstance(m, SubmittedTrajectory) else m for m in q.methods]
    result = evaluate(Inputs(**arrays), scenario.years, methods, options=q.options)
    return Sensitivity(
        scenario=scenario.id, unit=scenario.unit, base=base, relative=relative,
        inputs=tuple(inputs),
        baseline={m: float(r.gap[0]) for m, r in result.methods.items()},
        gap_low={m: r.gap[1::2].copy() for m, r in result.methods.items()},
        gap_high={m: r.gap[2::2].copy() for m, r in result.methods.items()},
        labels={m.name: m.label_en for m in q.methods},
        choices={"method_set": q.method_set, "trajectory_path": q.trajectory_path,
                 "trajectory_netting": q.netting, "ndc_target_mode": q.ndc_target},
    )


# --------------------------------------------------------------------------- presentation


def table(res: Sensitivity):
    """One row per input: interval, origin and ``Delta gap`` per method (a DataFrame)."""
    import pandas as pd

    data = {
        "input": [i.name for i in res.inputs],
        "low": [i.low for i in res.inputs],
        "high": [i.high for i in res.inputs],
        "origin": [i.origin for i in res.inputs],
    }
    for m in res.methods:
        data[f"d_gap_{m}"] = [float(x) + 0.0 for x in res.delta(m)]
    return pd.DataFrame(data)


def document(res: Sensitivity) -> dict:
    """The ``sensitivity --json`` object."""
    return {
        "scenario": res.scenario,
        "unit": res.unit,
        "base": res.base,
        "relative": res.relative,
        "baseline_gap": res.baseline,
        **res.choices,
        "inputs": [
            {
                "name": i.name, "label": i.label, "low": i.low, "high": i.high, "origin": i.origin,
                "methods": {
                    m: {
                        "gap_at_low": float(res.gap_low[m][k]) + 0.0,
                        "gap_at_high": float(res.gap_high[m][k]) + 0.0,
                        "delta": float(res.delta(m)[k]) + 0.0,
                    }
                    for m in res.methods
                },
            }
            for k, i in enumerate(res.inputs)
        ],
    }


def _clean(x: np.ndarray, scale: float) -> np.ndarray:
    """Presentation only: round-off below ``1e-9 x scale`` shown as zero."""
    x = np.asarray(x, dtype=float)
    return np.where(np.abs(x) < 1e-9 * scale, 0.0, x)


def tornado_figure(res: Sensitivity, title: str | None = None):
    """A plotly tornado chart: one panel per method, bars from gap(low) to gap(high).

    Bars are sorted by ``|Delta|`` (largest on top); the dashed line is the
    gap with every input at the base. Every input is shown, also those that
    do not move a method's gap (zero-width bars), so the panels compare.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    methods = res.methods
    cols = 2
    rows = (len(methods) + cols - 1) // cols
    names = [res.label(m) for m in methods]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=names, horizontal_spacing=0.28,
                        vertical_spacing=0.16)
    for n, m in enumerate(methods):
        r, c = n // cols + 1, n % cols + 1
        lo_all, hi_all = res.gap_low[m], res.gap_high[m]
        scale = max(1.0, float(np.max(np.abs(np.concatenate([lo_all, hi_all]))))) \
            if len(lo_all) else 1.0
        d = _clean(res.delta(m), scale)
        base0 = float(_clean(np.array([res.baseline[m]]), scale)[0])
        order = np.argsort(np.abs(d), kind="stable")
        labels = [res.inputs[k].label for k in order]
        lo = _clean(lo_all[order], scale)
        fig.add_trace(
            go.Bar(
                y=labels, x=d[order], base=lo, orientation="h", name=names[n],
                marker_color=["#b2182b" if x > 0 else "#2166ac" for x in d[order]],
                text=[f"{x:+.3g}" for x in d[order]], textposition="outside", cliponaxis=False,
                hovertemplate="%{y}<br>gap %{base:.4g} -> %{x:+.4g}<extra></extra>",
                showlegend=False,
            ),
            row=r, col=c,
        )
        ends = np.concatenate([lo, lo + d[order], [base0]])
        span = float(np.ptp(ends)) or max(1.0, abs(base0) * 0.1)
        fig.update_xaxes(range=[float(ends.min()) - 0.2 * span, float(ends.max()) + 0.2 * span],
                         title_text=f"gap A-B [{res.unit}]", row=r, col=c)
        fig.add_vline(x=base0, line_dash="dash", line_color="gray", row=r, col=c)
    fig.update_layout(
        title=title or (f"One-at-a-time sensitivity of the gap A-B: {res.scenario} "
                        f"(others at {res.base}; plain inputs +-{res.relative:.0%})"),
        height=360 * rows + 120, width=1300, template="plotly_white",
        margin={"l": 40, "r": 40, "t": 110, "b": 60},
    )
    return fig
