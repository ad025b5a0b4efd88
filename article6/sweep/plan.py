"""The sweep's plan: options checked once, the drawn dimensions and the file's identity.

A :class:`Plan` fixes everything that determines a sweep's numbers; its
:meth:`Plan.identity` is written into the manifest, into every part's record
and into the final file's metadata.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from article6 import __version__
from article6.errors import SweepChoiceError, SweepError
from article6.model import paths as P
from article6.model.evaluate import stated_target
from article6.model.methods import METHOD_SETS, PAPER_METHODS
from article6.model.question import Question
from article6.schema.scenario import INPUT_NAMES, Scenario, Series, load_scenario

#: Samples per RNG block: block ``b`` draws rows ``[b x RNG_BLOCK, (b+1) x RNG_BLOCK)``.
RNG_BLOCK = 65_536
#: Rows per Parquet row group in the final file (fixed, so bytes do not depend on chunking).
ROW_GROUP_ROWS = 131_072
#: Default samples per chunk (unit of work, of a part file and of a progress step).
DEFAULT_CHUNK = 131_072
#: Rows per engine call inside a chunk: small enough for the arrays to stay in cache.
SUB_CHUNK = 8_192
#: Default refusal limit for grid designs (``--max-points``).
DEFAULT_MAX_POINTS = 1_000_000
DESIGNS = ("mc", "lhs", "grid")
VARY = ("block", "year")
ENGINES = ("numpy", "dask")
#: Parquet settings of the final file (also used by the benchmark's baseline write).
PARQUET_OPTIONS: dict[str, Any] = {"compression": "snappy", "use_dictionary": False}
_META_KEY = b"article6.sweep"

# Spawn-key prefixes of the seed's child streams.
_KEY_BLOCK = 0
_KEY_LHS = 1
_KEY_PATH = 2
#: Path choices a sweep accepts (``--paths``); ``all`` = every choice the scenario allows.
PATH_CHOICES = P.PATH_CHOICES
#: ``--netting``: ``both`` adds annual and budget columns for every path.
NETTING_CHOICES = ("annual", "budget", "both")


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Dimension:
    """One drawn number: group ``group`` of input ``name``, within ``[low, high]``."""

    name: str
    group: int
    low: float
    high: float


@dataclass(frozen=True, eq=False)
class Plan:
    """Everything that fixes a sweep's numbers (picklable, sent to dask workers).

    Attributes
    ----------
    scenario_id, unit, years
        From the scenario; emissions are in ``unit``.
    series
        The input series by name (``INPUT_NAMES``), the trajectory made
        per-year when ``vary == "year"``.
    dims
        The ranged groups, in ``INPUT_NAMES`` then group order: the columns of ``u``.
    samples
        Number of samples N (``levels ** d`` for a grid; 1 when nothing is ranged).
    """

    scenario_id: str
    unit: str
    years: tuple[int, ...]
    series: dict[str, Series]
    dims: tuple[Dimension, ...]
    design: str
    vary: str
    seed: int
    samples: int
    levels: int | None
    scenario_doc: dict[str, Any] = field(default_factory=dict, repr=False)
    paths: tuple[tuple[str, str], ...] = ()
    path_series: dict[str, Series] = field(default_factory=dict)
    path_dims: tuple[Dimension, ...] = ()
    ndc_target: str = "derived"
    stated_target: float | None = None
    methods: tuple[str, ...] = PAPER_METHODS

    @property
    def all_dims(self) -> tuple[Dimension, ...]:
        """Every drawn number: the scenario's ``dims``, then the path inputs' ``path_dims``."""
        return self.dims + self.path_dims

    @property
    def path_methods(self) -> list[str]:
        """Names of the path-choice methods (``trajectory_<path>[_budget]``), column order."""
        return [P.path_method_name(c, n) for c, n in self.paths]

    @property
    def method_names(self) -> list[str]:
        """The default set's methods (the paper's four), then the path-choice methods."""
        return list(self.methods) + self.path_methods

    @property
    def input_columns(self) -> dict[str, list[str]]:
        """Parquet columns holding each input: ``trajectory_<year>`` always, others if ranged."""
        cols: dict[str, list[str]] = {"trajectory": [f"trajectory_{y}" for y in self.years]}
        for name in INPUT_NAMES[1:]:
            s = self.series[name]
            if not s.ranged:
                continue
            if s.basis.shape[1] == 1:
                cols[name] = [name]
            else:
                cols[name] = [f"{name}_{y}" for y in self.years]
        for name, s in self.path_series.items():
            if name == "path":  # a [path] table: its drawn years only
                if s.ranged:
                    cols[name] = [f"path_{y}" for y in self.years]
            else:  # linear_start, linear_end: always, they define each row's line
                cols[name] = [name]
        return cols

    @property
    def output_columns(self) -> list[str]:
        """``<method>_need``, ``<method>_usage``, ``<method>_gap`` for each method."""
        return [f"{m}_{k}" for m in self.method_names for k in ("need", "usage", "gap")]

    def schema(self) -> pa.Schema:
        """Arrow schema of a part and of the final file, with the plan as metadata."""
        names = ["sample"] + [c for cs in self.input_columns.values() for c in cs]
        names += self.output_columns
        fields = [pa.field("sample", pa.int64(), nullable=False)]
        fields += [pa.field(n, pa.float64(), nullable=False) for n in names[1:]]
        return pa.schema(fields, metadata={_META_KEY: json.dumps(self.identity(), sort_keys=True)})

    def identity(self) -> dict[str, Any]:
        """The parameters that determine the result (manifest and file metadata).

        A sweep without path choices has no ``paths`` key (its metadata is
        what it was before path sweeps existed).
        """
        out = {
            "article6": __version__,
            "scenario": self.scenario_id,
            "scenario_doc": self.scenario_doc,
            "unit": self.unit,
            "years": list(self.years),
            "design": self.design,
            "vary": self.vary,
            "seed": self.seed,
            "samples": self.samples,
            "grid_levels": self.levels,
            "dims": [[d.name, d.group, d.low, d.high] for d in self.dims],
            "rng_block": RNG_BLOCK,
            "row_group_rows": ROW_GROUP_ROWS,
        }
        if tuple(self.methods) != PAPER_METHODS:  # absent by default, as the NDC_T choice
            out["methods"] = list(self.methods)
        if self.ndc_target != "derived":  # absent by default: default files keep their bytes
            out["ndc_target"] = {"mode": self.ndc_target, "stated": self.stated_target}
        if self.paths:
            out["paths"] = {
                "choices": [[c, n] for c, n in self.paths],
                "methods": self.path_methods,
                "inputs": {k: [s.group_low.tolist(), s.group_high.tolist()]
                           for k, s in self.path_series.items()},
                "dims": [[d.name, d.group, d.low, d.high] for d in self.path_dims],
                "stream": _KEY_PATH,
            }
        return out


def make_plan(
    scenario: Scenario | str | Path,
    samples: int | None,
    *,
    seed: int = 0,
    design: str = "mc",
    vary: str = "block",
    grid_levels: int | None = None,
    max_points: int = DEFAULT_MAX_POINTS,
    paths: str | Sequence[str] | None = None,
    netting: str | None = None,
    linear_start: tuple[float, float] | str | None = None,
    linear_end: tuple[float, float] | str | None = None,
    ndc_target: str = "derived",
) -> Plan:
    """Check the options and fix the sweep's dimensions and size.

    For ``grid``, the number of levels is ``grid_levels`` or, when only
    ``samples`` is given, the largest ``k >= 2`` with ``k^d <= samples``.

    Parameters
    ----------
    paths
        Path choices of :mod:`article6.model.paths` to add as methods, a sequence or
        a comma-separated string (``all``: derived, roadmap, linear, and user
        when the scenario has a ``[path]``). ``None``: the paper's four only.
    netting
        ``annual``, ``budget`` or ``both``; default ``annual`` (``user``: the
        ``[path]`` table's ``netting``).
    linear_start, linear_end
        ``(low, high)`` [scenario unit]: the linear path
        runs from a drawn start (first year) to a drawn end (year T) instead
        of ``NE_1^enet -> NDC_T^e``. Both or neither; needs ``linear`` in ``paths``.
    ndc_target
        ``derived`` (eq. 8-1 at equality, the paper's Table 3) or ``stated``
        (the scenario's ``[ndc] target`` as NDC_T^e, as ``compare --ndc-target
        stated``; it moves every method's target-year need and the linear path's end).

    Raises
    ------
    SweepError
        For N <= 0, an unknown design or vary mode, a negative seed, a grid
        of more than ``max_points`` points, an unknown path, a range with
        LOW > HIGH, or path options that do not go together.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if design not in DESIGNS:
        raise SweepChoiceError("design", "one of " + ", ".join(DESIGNS), design)
    if vary not in VARY:
        raise SweepChoiceError("vary", "one of " + ", ".join(VARY), vary)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SweepChoiceError("seed", "a whole number >= 0", seed)
    if samples is not None and (isinstance(samples, bool) or int(samples) != samples
                                or samples <= 0):
        raise SweepChoiceError("samples", "a whole number of samples > 0", samples)
    if design != "grid" and samples is None:
        raise SweepChoiceError("samples", f"a number of samples for design '{design}'")
    if ndc_target not in ("derived", "stated"):
        raise SweepChoiceError("ndc_target", "one of derived, stated", ndc_target)
    stated = None
    if ndc_target == "stated":
        stated = float(stated_target(sc))
    series = dict(sc.series())
    if vary == "year":
        series["trajectory"] = series["trajectory"].per_year()
    dims = tuple(
        Dimension(name, int(g), float(s.group_low[g]), float(s.group_high[g]))
        for name, s in series.items() for g in s.ranged_groups
    )
    pairs, path_series = _path_plan(sc, paths, netting, linear_start, linear_end)
    path_dims = tuple(
        Dimension(name, int(g), float(s.group_low[g]), float(s.group_high[g]))
        for name, s in path_series.items() for g in s.ranged_groups
    )
    d = len(dims) + len(path_dims)
    levels = None
    if d == 0:
        n = 1
    elif design == "grid":
        if grid_levels is not None:
            if isinstance(grid_levels, bool) or int(grid_levels) != grid_levels or grid_levels < 1:
                raise SweepChoiceError("grid_levels", "a whole number >= 1", grid_levels)
            levels = int(grid_levels)
        else:
            levels = _levels_for(int(samples or 0), d)
        n = levels ** d
        if n > max_points:
            raise SweepChoiceError(
                "max_points",
                f"at most {max_points:,} points (raise max_points to allow more)",
                f"{levels} levels ^ {d} inputs = {n:,} points",
            )
    else:
        n = int(samples)
    return Plan(
        scenario_id=sc.id, unit=sc.unit, years=tuple(sc.years), series=series, dims=dims,
        design=design, vary=vary, seed=int(seed), samples=n, levels=levels,
        scenario_doc=json.loads(json.dumps(dict(sc.raw), default=str)),
        paths=pairs, path_series=path_series, path_dims=path_dims,
        ndc_target=ndc_target, stated_target=stated, methods=tuple(METHOD_SETS["paper"]),
    )


def question_plan(question: Question, samples: int | None, *, seed: int = 0, design: str = "mc",
                  vary: str = "block", grid_levels: int | None = None,
                  max_points: int = DEFAULT_MAX_POINTS,
                  paths: str | Sequence[str] | None = None, netting: str | None = None,
                  linear_start: tuple[float, float] | None = None,
                  linear_end: tuple[float, float] | None = None) -> Plan:
    """The plan of a sweep that asks ``question`` at every sample of its scenario's ranges.

    The sweep takes the question's NDC_T choice, and, when its submitted path
    or netting is not the paper's, adds the trajectory method under that
    choice as a path method (``trajectory_<path>[_budget]``). ``paths`` (e.g.
    ``"all"``) adds those path choices instead, each with ``netting``
    (``annual``, ``budget`` or ``both``), else the netting the question was
    asked with, else each path's own default (the ``[path]`` table's for
    ``user``, ``annual`` for the others, as :func:`article6.model.question.ask`
    resolves them). ``linear_start``/``linear_end`` draw the linear path's ends.
    """
    extra: dict[str, Any] = {"linear_start": linear_start, "linear_end": linear_end}
    if paths is not None:
        extra |= {"paths": paths, "netting": netting or question.given.get("netting")}
    elif netting is not None:
        raise SweepChoiceError("netting", "path choices with it (e.g. paths 'linear')", netting)
    elif (question.trajectory_path, question.netting) != ("derived", "annual"):
        extra |= {"paths": [question.trajectory_path], "netting": question.netting}
    return make_plan(question.scenario, samples, seed=seed, design=design, vary=vary,
                     grid_levels=grid_levels, max_points=max_points,
                     ndc_target=question.ndc_target, **extra)


def check_range(value: tuple[float, float] | list[float], choice: str) -> tuple[float, float]:
    """``(low, high)`` as two finite floats with ``0 <= low <= high`` [scenario unit].

    Raises
    ------
    SweepChoiceError
        Naming ``choice`` and what was expected.
    """
    expected = "(low, high), two finite numbers >= 0 with low <= high (scenario unit)"
    try:
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError):
        raise SweepChoiceError(choice, expected, value) from None
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo < 0 or hi < 0 or lo > hi:
        raise SweepChoiceError(choice, expected, value)
    return lo, hi


def _path_plan(sc: Scenario, paths, netting, linear_start, linear_end):
    """Check the path options: ``((choice, netting), ...)`` and the path inputs' series."""
    if paths is None:
        for key, v in (("netting", netting), ("linear_start", linear_start),
                       ("linear_end", linear_end)):
            if v is not None:
                raise SweepChoiceError(key, "path choices with it (e.g. paths 'linear')")
        return (), {}
    names = [p.strip() for p in paths.split(",")] if isinstance(paths, str) else list(paths)
    if not names or "" in names:
        raise SweepChoiceError("paths", "names from " + ", ".join(PATH_CHOICES)
                         + " (or all), comma-separated", paths)
    user = P.user_path_bounds(sc)
    if names == ["all"]:
        names = [c for c in PATH_CHOICES if c != "user" or user is not None]
    choices: list[str] = []
    for c in names:
        if c not in PATH_CHOICES:
            raise SweepChoiceError("paths", "names from " + ", ".join(PATH_CHOICES)
                             + " (or all), comma-separated", c)
        if c not in choices:
            choices.append(c)
    if netting is not None and netting not in NETTING_CHOICES:
        raise SweepChoiceError("netting", "one of " + ", ".join(NETTING_CHOICES), netting)
    if (linear_start is None) != (linear_end is None):
        raise SweepChoiceError("linear_end" if linear_end is None else "linear_start",
                               "both ends of the linear path (linear_start and linear_end)")
    series: dict[str, Series] = {}
    if linear_start is not None:
        if "linear" not in choices:
            raise SweepChoiceError("linear_start", "'linear' among the path choices", paths)
        for key, v in (("linear_start", linear_start), ("linear_end", linear_end)):
            lo, hi = check_range(v, key)
            series[key] = Series.from_groups([(0,)], np.array([lo]), np.array([hi]), 1, "range")
    if "user" in choices:
        if user is None:
            raise SweepError(sc.path, "path",
                             "a [path] table with per-year values (asked for: path 'user')")
        lo, hi, _ = user
        n = len(sc.years)
        series["path"] = Series.from_groups([(i,) for i in range(n)], lo, hi, n, "per-year")

    def nettings(c: str) -> tuple[str, ...]:
        if netting == "both":
            return P.NETTING
        if netting is not None:
            return (netting,)
        return (user[2],) if c == "user" else ("annual",)

    return tuple((c, n) for c in choices for n in nettings(c)), series


def _levels_for(samples: int, d: int) -> int:
    """Largest ``k >= 2`` with ``k ** d <= samples`` (at least 2: both corners)."""
    k = max(2, int(round(samples ** (1.0 / d))))
    while k > 2 and k ** d > samples:
        k -= 1
    return k
