"""Batch sweeps over a scenario's ranges: designs, chunks, engines, Parquet streaming.

A sweep evaluates the model (:func:`article6.model.evaluate`, eqs. 1-12-1) at
many points of the box the scenario's ranges span. Every *ranged group* of
every input series (:meth:`article6.scenario.Scenario.series`) is one
dimension of the unit cube; a sample ``u`` in ``[0, 1]^d`` maps to

``value_group = group_low + u x (group_high - group_low)``  and
``value_year = basis @ value_group``  [scenario unit, or 1 for shares],

so a block of the trajectory is drawn once per sample (``vary="block"``) or
every year independently (``vary="year"``, :meth:`Series.per_year`). Inputs
given as plain numbers stay fixed. No equation of the model is written here.

Determinism
    Random numbers are drawn in fixed *RNG blocks* of :data:`RNG_BLOCK`
    samples; block ``b`` uses its own stream
    ``PCG64(SeedSequence(seed, spawn_key=(0, b)))`` and sample ``i`` is row
    ``i mod RNG_BLOCK`` of it. The user's chunk size, the engine and the
    number of workers only decide who computes which rows, so the numbers
    (and, because the Parquet file is written in row groups of a fixed
    :data:`ROW_GROUP_ROWS`, the file's bytes) do not depend on them. An ``mc``
    sweep of N samples is the first N rows of any longer one with the same seed.

Designs
    ``mc``   independent uniform draws.
    ``lhs``  Latin hypercube: in every dimension the N strata ``[k/N, (k+1)/N)``
             are each hit once. The stratum of sample ``i`` in dimension ``j``
             is ``pi_j(i)``, a pseudo-random permutation of ``0..N-1``
             computed per index (a keyed Feistel network with cycle walking),
             so no O(N) permutation is ever held in memory.
    ``grid`` every combination of ``k`` levels ``0, 1/(k-1), ..., 1`` per
             dimension (``k = 1``: the midpoint); ``k^d`` points, corners exact.

Path choice
    ``paths`` adds the trajectory method under submitted-path choices of
    :mod:`article6.paths` (``derived``, ``roadmap``, ``linear``, ``user``),
    annual and/or budget netting, as columns
    ``trajectory_<path>[_budget]_need|usage|gap`` next to the paper's four
    methods, all from one :func:`article6.model.evaluate` call per sub-chunk.
    ``linear_start`` / ``linear_end`` (ranges in the scenario's unit) make the
    linear path's end points *path inputs*, drawn per sample like every
    ranged input, and a ranged ``[path]`` table is drawn per year. Path
    inputs are extra dimensions of the design, after the scenario's: for
    ``mc`` and ``lhs`` their uniform numbers come from a separate child
    stream ``SeedSequence(seed, spawn_key=(2, b))``, so adding them leaves
    every input column (and the paper's four methods) of the same seed
    unchanged; a ``grid`` enumerates all dimensions together.

Streaming and resume
    Chunk ``c`` (rows ``[c x chunk, (c+1) x chunk)``) is evaluated and written
    atomically as ``<out>.parts/part-<c>.arrow`` (Arrow IPC, readable with
    ``pyarrow.ipc`` or ``pandas.read_feather``), next to a ``manifest.json``
    of the parameters. The final Parquet file is assembled from the parts in
    order, written to a temporary file in the parts directory and moved into
    place with :func:`os.replace`; then the parts directory is removed. An
    interrupted sweep keeps every finished part; ``resume=True`` checks the
    manifest, computes the missing chunks only, and assembles the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from article6 import __version__
from article6 import paths as P
from article6.errors import OutputError, SweepError
from article6.methods import METHODS, PAPER_METHODS
from article6.model import MethodOptions, evaluate
from article6.question import Question
from article6.scenario import INPUT_NAMES, Inputs, Scenario, Series, load_scenario

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
MANIFEST_FORMAT = 1
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
        """The paper's four methods, then the path-choice methods."""
        return list(PAPER_METHODS) + self.path_methods

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
        Path choices of :mod:`article6.paths` to add as methods, a sequence or
        a comma-separated string (``all``: derived, roadmap, linear, and user
        when the scenario has a ``[path]``). ``None``: the paper's four only.
    netting
        ``annual``, ``budget`` or ``both``; default ``annual`` (``user``: the
        ``[path]`` table's ``netting``).
    linear_start, linear_end
        ``(low, high)`` or ``"LOW:HIGH"`` [scenario unit]: the linear path
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
        raise SweepError("--design", "design", "one of " + ", ".join(DESIGNS), design)
    if vary not in VARY:
        raise SweepError("--vary", "vary", "one of " + ", ".join(VARY), vary)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SweepError("--seed", "seed", "a whole number >= 0", seed)
    if samples is not None and (isinstance(samples, bool) or int(samples) != samples
                                or samples <= 0):
        raise SweepError("--samples", "samples", "a whole number of samples > 0", samples)
    if design != "grid" and samples is None:
        raise SweepError("--samples", "samples", f"a number of samples for design '{design}'")
    if ndc_target not in ("derived", "stated"):
        raise SweepError("--ndc-target", "ndc_target", "one of derived, stated", ndc_target)
    stated = None
    if ndc_target == "stated":
        from article6.paths import stated_target

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
                raise SweepError("--grid-levels", "grid_levels", "a whole number >= 1", grid_levels)
            levels = int(grid_levels)
        else:
            levels = _levels_for(int(samples or 0), d)
        n = levels ** d
        if n > max_points:
            raise SweepError(
                "--max-points", "grid",
                f"at most {max_points:,} points (raise --max-points to allow more)",
                f"{levels} levels ^ {d} inputs = {n:,} points",
            )
    else:
        n = int(samples)
    return Plan(
        scenario_id=sc.id, unit=sc.unit, years=tuple(sc.years), series=series, dims=dims,
        design=design, vary=vary, seed=int(seed), samples=n, levels=levels,
        scenario_doc=json.loads(json.dumps(dict(sc.raw), default=str)),
        paths=pairs, path_series=path_series, path_dims=path_dims,
        ndc_target=ndc_target, stated_target=stated,
    )


def question_plan(question: Question, samples: int | None, *, seed: int = 0, design: str = "mc",
                  vary: str = "block", grid_levels: int | None = None,
                  max_points: int = DEFAULT_MAX_POINTS) -> Plan:
    """The plan of a sweep that asks ``question`` at every sample of its scenario's ranges.

    The sweep takes the question's NDC_T choice, and, when its submitted path
    or netting is not the paper's, adds the trajectory method under that
    choice as a path method (``trajectory_<path>[_budget]``).
    """
    extra: dict[str, Any] = {}
    if (question.trajectory_path, question.netting) != ("derived", "annual"):
        extra = {"paths": [question.trajectory_path], "netting": question.netting}
    return make_plan(question.scenario, samples, seed=seed, design=design, vary=vary,
                     grid_levels=grid_levels, max_points=max_points,
                     ndc_target=question.ndc_target, **extra)


def parse_range(text: str | tuple[float, float] | list[float], flag: str) -> tuple[float, float]:
    """``"LOW:HIGH"`` (or one number, a point) as ``(low, high)``, finite, ``0 <= low <= high``.

    Raises
    ------
    SweepError
        Naming ``flag`` and what was expected.
    """
    expected = "LOW:HIGH, two finite numbers >= 0 with LOW <= HIGH (scenario unit)"
    if isinstance(text, str):
        bits = text.split(":")
        if len(bits) == 1:
            bits = bits * 2
        if len(bits) != 2:
            raise SweepError(flag, flag.lstrip("-"), expected, text)
        try:
            lo, hi = float(bits[0]), float(bits[1])
        except ValueError:
            raise SweepError(flag, flag.lstrip("-"), expected, text) from None
    else:
        try:
            lo, hi = (float(v) for v in text)
        except (TypeError, ValueError):
            raise SweepError(flag, flag.lstrip("-"), expected, text) from None
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo < 0 or hi < 0:
        raise SweepError(flag, flag.lstrip("-"), expected, text)
    if lo > hi:
        raise SweepError(flag, flag.lstrip("-"), "LOW:HIGH with LOW <= HIGH", text)
    return lo, hi


def _path_plan(sc: Scenario, paths, netting, linear_start, linear_end):
    """Check the path options: ``((choice, netting), ...)`` and the path inputs' series."""
    if paths is None:
        for flag, v in (("--netting", netting), ("--linear-start", linear_start),
                        ("--linear-end", linear_end)):
            if v is not None:
                raise SweepError(flag, flag.lstrip("-"), "--paths with it (e.g. --paths linear)")
        return (), {}
    names = [p.strip() for p in paths.split(",")] if isinstance(paths, str) else list(paths)
    if not names or "" in names:
        raise SweepError("--paths", "paths", "names from " + ", ".join(PATH_CHOICES)
                         + " (or all), comma-separated", paths)
    user = P.user_path_bounds(sc)
    if names == ["all"]:
        names = [c for c in PATH_CHOICES if c != "user" or user is not None]
    choices: list[str] = []
    for c in names:
        if c not in PATH_CHOICES:
            raise SweepError("--paths", "paths", "names from " + ", ".join(PATH_CHOICES)
                             + " (or all), comma-separated", c)
        if c not in choices:
            choices.append(c)
    if netting is not None and netting not in NETTING_CHOICES:
        raise SweepError("--netting", "netting", "one of " + ", ".join(NETTING_CHOICES), netting)
    if (linear_start is None) != (linear_end is None):
        raise SweepError("--linear-start" if linear_end is None else "--linear-end",
                         "linear", "both --linear-start and --linear-end")
    series: dict[str, Series] = {}
    if linear_start is not None:
        if "linear" not in choices:
            raise SweepError("--linear-start", "linear-start", "'linear' in --paths", paths)
        for key, flag, v in (("linear_start", "--linear-start", linear_start),
                             ("linear_end", "--linear-end", linear_end)):
            lo, hi = parse_range(v, flag)
            series[key] = Series.from_groups([(0,)], np.array([lo]), np.array([hi]), 1, "range")
    if "user" in choices:
        if user is None:
            raise SweepError(sc.path, "path",
                             "a [path] table with per-year values for --paths user")
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


# --------------------------------------------------------------------------- draws


def _stream(seed: int, key: tuple[int, ...]) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def uniform_rows(seed: int, start: int, stop: int, d: int, key: int = _KEY_BLOCK) -> np.ndarray:
    """Uniform numbers in [0, 1) for samples ``start..stop-1``, shape ``(stop-start, d)``.

    Row ``i`` is row ``i mod RNG_BLOCK`` of block ``i // RNG_BLOCK``'s stream
    ``SeedSequence(seed, spawn_key=(key, block))``, whatever ``start`` and
    ``stop`` are. Each float64 consumes exactly one 64-bit output of PCG64,
    so a block's stream is advanced by ``offset x d`` to reach a row without
    drawing the rows before it. ``key`` is ``0`` for the scenario's inputs and
    ``2`` for path inputs.
    """
    out = np.empty((stop - start, d))
    if d == 0:
        return out
    pos = start
    while pos < stop:
        b = pos // RNG_BLOCK
        end = min(stop, (b + 1) * RNG_BLOCK)
        g = _stream(seed, (key, b))
        g.bit_generator.advance((pos - b * RNG_BLOCK) * d)
        g.random(out=out[pos - start:end - start])
        pos = end
    return out


_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(x: np.ndarray, key: np.uint64) -> np.ndarray:
    """A 64-bit mixing function (splitmix64 finaliser) of ``x + key``; uint64 wraps."""
    z = x + key
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def lhs_permutation(seed: int, dim: int, n: int, idx: np.ndarray) -> np.ndarray:
    """``pi_dim(idx)``: a keyed pseudo-random permutation of ``0..n-1``, per index.

    A 4-round balanced Feistel network on ``2h`` bits (``4^h >= n``) is a
    bijection of ``0..4^h-1``; applying it again to values ``>= n`` ("cycle
    walking") restricts it to a bijection of ``0..n-1``.
    """
    idx = np.asarray(idx, dtype=np.uint64)
    if n <= 1:
        return np.zeros_like(idx)
    h = max(1, ((n - 1).bit_length() + 1) // 2)
    mask = np.uint64((1 << h) - 1)
    keys = np.random.SeedSequence(seed, spawn_key=(_KEY_LHS, dim)).generate_state(4, np.uint64)

    def feistel(x: np.ndarray) -> np.ndarray:
        left, right = x >> np.uint64(h), x & mask
        for k in keys:
            left, right = right, left ^ (_mix(right, k) & mask)
        return (left << np.uint64(h)) | right

    out = feistel(idx)
    bad = out >= np.uint64(n)
    while bad.any():
        out[bad] = feistel(out[bad])
        bad = out >= np.uint64(n)
    return out


def unit_draws(plan: Plan, start: int, stop: int) -> np.ndarray:
    """Points of the unit cube for samples ``start..stop-1``, shape ``(stop-start, d)``.

    Columns: the scenario's dimensions (``plan.dims``), then the path inputs'
    (``plan.path_dims``), whose mc/lhs numbers come from their own stream.
    """
    d = len(plan.all_dims)
    if d == 0:
        return np.empty((stop - start, 0))
    if plan.design == "grid":
        k = int(plan.levels or 1)
        idx = np.arange(start, stop, dtype=np.int64)
        u = np.empty((stop - start, d))
        for j in range(d - 1, -1, -1):  # the last dimension varies fastest
            digit = idx % k
            idx //= k
            u[:, j] = 0.5 if k == 1 else digit / (k - 1)
        return u
    u = uniform_rows(plan.seed, start, stop, len(plan.dims))
    if plan.path_dims:
        u = np.hstack([u, uniform_rows(plan.seed, start, stop, len(plan.path_dims), _KEY_PATH)])
    if plan.design == "lhs":
        idx = np.arange(start, stop, dtype=np.uint64)
        n = plan.samples
        for j in range(d):
            strata = lhs_permutation(plan.seed, j, n, idx).astype(np.float64)
            u[:, j] = (strata + u[:, j]) / n
    return u


def input_values(plan: Plan, u: np.ndarray) -> dict[str, np.ndarray]:
    """Map unit-cube points to year values of every input, each shaped ``(years, n)``.

    ``value_group = group_low + u x (group_high - group_low)`` for ranged groups
    (``group_high`` itself where ``u == 1``, so grid corners are exact), the
    fixed value elsewhere; then ``value_year = basis @ value_group`` computed
    group by group in a fixed order (an elementwise sum, so the result of a row
    never depends on how many rows are computed together). Fixed series come
    out as ``(years, 1)``.
    """
    return _series_values(plan.series, u, 0, plan.design == "grid")


def path_input_values(plan: Plan, u: np.ndarray) -> dict[str, np.ndarray]:
    """Year values of the path inputs, mapped as :func:`input_values` maps the scenario's.

    ``linear_start`` and ``linear_end`` come out shaped ``(1, n)``, ``path``
    ``(years, n)`` (fixed ones with one column), from the columns of ``u``
    after the scenario's.
    """
    return _series_values(plan.path_series, u, len(plan.dims), plan.design == "grid")


def _series_values(series: dict[str, Series], u: np.ndarray, col: int,
                   grid: bool) -> dict[str, np.ndarray]:
    n = u.shape[0]
    out: dict[str, np.ndarray] = {}
    for name, s in series.items():
        ranged = s.ranged_groups
        if len(ranged) == 0:
            out[name] = np.asarray(s.low, dtype=float)[:, None]
            continue
        g = np.empty((s.basis.shape[1], n))
        g[:] = np.asarray(s.group_low)[:, None]
        for grp in ranged:
            lo, hi = float(s.group_low[grp]), float(s.group_high[grp])
            v = g[grp]
            np.multiply(u[:, col], hi - lo, out=v)
            v += lo
            if grid:
                np.copyto(v, hi, where=u[:, col] >= 1.0)
            col += 1
        years = np.zeros((s.basis.shape[0], n))
        for grp in range(s.basis.shape[1]):
            w = s.basis[:, grp]
            for y in np.flatnonzero(w):
                if w[y] == 1.0:
                    years[y] += g[grp]
                else:
                    years[y] += w[y] * g[grp]
        out[name] = years
    return out


# --------------------------------------------------------------------------- evaluation


def evaluate_values(plan: Plan, vals: dict[str, np.ndarray], n: int,
                    path_vals: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Run the engine on year values shaped ``(years, n)`` (or ``(years, 1)``).

    Calls :func:`article6.model.evaluate` on sub-chunks of :data:`SUB_CHUNK`
    samples (passing transposed views, so no input is copied) and returns each
    output column (``<method>_need|usage|gap``) as an array of ``n`` [unit].
    With path choices, the same call also evaluates the path methods of
    :func:`article6.paths.sweep_path_methods` (``path_vals`` from
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
            res = evaluate(inp, plan.years, options=options)
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
    if "linear_start" in path_vals:  # each row's own line (article6.paths.linear_between)
        values["linear"] = P.linear_between(rows(path_vals["linear_start"])[0],
                                            rows(path_vals["linear_end"])[0], len(plan.years))
    if "path" in path_vals:
        values["user"] = rows(path_vals["path"]).T
    methods = [METHODS[m] for m in PAPER_METHODS]
    for c, n in plan.paths:
        methods += P.sweep_path_methods((c,), (n,), values={c: values[c]} if c in values else None)
    return methods


def chunk_table(plan: Plan, start: int, stop: int) -> pa.Table:
    """Draw, evaluate and tabulate samples ``start..stop-1`` (one part of the file).

    The engine (:func:`article6.model.evaluate`) is called on sub-chunks of
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
    form; :func:`article6.paths.linear_between` rebuilds it from the row.
    """
    doc = json.loads(json.dumps(dict(scenario.raw), default=str))
    years = scenario.years
    doc["trajectory"] = {"values": {str(y): float(row[f"trajectory_{y}"]) for y in years}}
    where = {"ets_share": ("ets", "share"), "offset_limit": ("ets", "offset_limit"),
             "sink": ("ndc", "sink"), "net_overseas": ("ndc", "net_overseas")}
    for name, (tab, key) in where.items():
        if name in row:
            doc.setdefault(tab, {})[key] = float(row[name])
        elif f"{name}_{years[0]}" in row:
            doc.setdefault(tab, {})[key] = {str(y): float(row[f"{name}_{y}"]) for y in years}
    if f"path_{years[0]}" in row and isinstance(doc.get("path"), dict):
        doc["path"]["values"] = {str(y): float(row[f"path_{y}"]) for y in years}
    return doc


# --------------------------------------------------------------------------- files


def _parts_dir(out: Path) -> Path:
    return out.with_name(out.name + ".parts")


def _part_path(parts: Path, index: int) -> Path:
    return parts / f"part-{index:08d}.arrow"


def write_part(plan: Plan, parts: Path, index: int, start: int, stop: int) -> int:
    """Compute chunk ``index`` and write it atomically as an Arrow IPC file; return its rows."""
    table = chunk_table(plan, start, stop)
    final = _part_path(parts, index)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with ipc.new_file(str(tmp), table.schema) as w:
        w.write_table(table)
    os.replace(tmp, final)
    return table.num_rows


def _part_ok(path: Path, rows: int) -> bool:
    try:
        with pa.memory_map(str(path)) as src:
            return ipc.open_file(src).read_all().num_rows == rows
    except (OSError, pa.ArrowInvalid):
        return False


class _RowGroupWriter:
    """Write tables to Parquet in row groups of exactly ``rows`` rows (the last may be short)."""

    def __init__(self, path: Path, schema: pa.Schema, rows: int):
        self.writer = pq.ParquetWriter(str(path), schema, **PARQUET_OPTIONS)
        self.rows = rows
        self.pending: list[pa.Table] = []
        self.count = 0

    def add(self, table: pa.Table) -> None:
        self.pending.append(table)
        self.count += table.num_rows
        if self.count >= self.rows:
            t = pa.concat_tables(self.pending)
            done = (self.count // self.rows) * self.rows
            for a in range(0, done, self.rows):
                self._write(t.slice(a, self.rows))
            self.pending = [t.slice(done)] if done < self.count else []
            self.count -= done

    def _write(self, t: pa.Table) -> None:
        # one contiguous chunk per column: page boundaries then never depend on chunking
        self.writer.write_table(t.combine_chunks(), row_group_size=self.rows)

    def close(self) -> None:
        if self.count:
            self._write(pa.concat_tables(self.pending))
        self.pending = []
        self.writer.close()


def _check_output(out: Path) -> None:
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise OutputError(out, "--out", "a file path, not a directory")
    if not parent.is_dir():
        raise OutputError(out, "--out",
                          f"a file in an existing directory ({parent} does not exist)")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(out, "--out", f"a writable directory ({parent} is not writable)")


# --------------------------------------------------------------------------- engines


def _dask_part(plan: Plan, parts: str, token: str, index: int, start: int, stop: int):
    """Run on a dask worker: write the part if the parts directory is shared, else return it."""
    p = Path(parts)
    try:
        shared = json.loads((p / "manifest.json").read_text()).get("token") == token
    except (OSError, ValueError):
        shared = False
    if shared:
        return ("written", write_part(plan, p, index, start, stop))
    table = chunk_table(plan, start, stop)
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, table.schema) as w:
        w.write_table(table)
    return ("table", sink.getvalue().to_pybytes())


def connect_dask(scheduler: str | None, workers: int | None, timeout: float = 10.0):
    """A dask ``Client``: to ``scheduler``, or to a new ``LocalCluster`` of processes.

    Raises
    ------
    SweepError
        When dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SweepError("--engine", "engine", "dask installed (pip install 'article6[dask]')",
                         "dask") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise SweepError(
                "--scheduler", "scheduler",
                f"a reachable dask scheduler (no answer within {timeout:g} s: "
                f"{type(exc).__name__})", scheduler,
            ) from None
    cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                           dashboard_address=None, scheduler_kwargs={"dashboard": False})
    return Client(cluster), cluster


# --------------------------------------------------------------------------- the run


@dataclass
class SweepReport:
    """What a finished sweep produced."""

    plan: Plan
    out: Path
    chunks: int
    computed: int
    resumed: int


def _chunks(plan: Plan, chunk_size: int) -> list[tuple[int, int]]:
    return [(a, min(plan.samples, a + chunk_size)) for a in range(0, plan.samples, chunk_size)]


def run_sweep(
    plan: Plan,
    out: str | Path,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: str = "numpy",
    scheduler: str | None = None,
    workers: int | None = None,
    resume: bool = False,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    client: Any = None,
    scheduler_timeout: float = 10.0,
) -> SweepReport:
    """Run ``plan`` chunk by chunk and write the final Parquet file ``out`` atomically.

    Parameters
    ----------
    chunk_size
        Samples per chunk (a part file). Does not change the result. On resume
        the chunk size of the interrupted run is kept.
    engine
        ``numpy`` (threads in this process; ``workers`` threads, default 1,
        overlapping the Parquet encoding) or ``dask`` (a distributed client:
        ``client`` if given, else ``scheduler``, else a local cluster of
        ``workers`` processes, default 2).
    resume
        Complete an interrupted sweep from ``<out>.parts/``; its manifest must
        match ``plan``.
    progress
        Show a tqdm bar (default: when standard error is a terminal).
    """
    log = log or (lambda msg: print(msg, file=sys.stderr))
    out = Path(out)
    if engine not in ENGINES:
        raise SweepError("--engine", "engine", "one of " + ", ".join(ENGINES), engine)
    if isinstance(chunk_size, bool) or int(chunk_size) != chunk_size or chunk_size <= 0:
        raise SweepError("--chunk-size", "chunk_size", "a whole number of samples > 0", chunk_size)
    if workers is not None and workers <= 0:
        raise SweepError("--workers", "workers", "a whole number > 0", workers)
    _check_output(out)
    parts = _parts_dir(out)
    identity = plan.identity()

    resumed: set[int] = set()
    if parts.exists():
        if not resume:
            raise SweepError(
                parts, "(directory)",
                "no unfinished sweep here: pass --resume to complete it, or remove the directory",
            )
        manifest = _read_manifest(parts)
        stored = manifest.get("identity", {})
        for key in [*identity, *(k for k in stored if k not in identity)]:
            value = identity.get(key)
            if stored.get(key) != value:
                raise SweepError(parts / "manifest.json", key,
                                 f"the same value in this run to resume ({value!r})",
                                 stored.get(key))
        chunk_size = int(manifest["chunk_size"])
        for i, (a, b) in enumerate(_chunks(plan, chunk_size)):
            if _part_path(parts, i).exists() and _part_ok(_part_path(parts, i), b - a):
                resumed.add(i)
        log(f"resuming: {len(resumed)} of {len(_chunks(plan, chunk_size))} chunks already done")
    elif resume:
        log(f"nothing to resume at {parts}; starting the sweep")

    chunks = _chunks(plan, chunk_size)
    owned_client = None
    cluster = None
    if engine == "dask" and client is None:
        client, cluster = connect_dask(scheduler, workers, scheduler_timeout)
        owned_client = client

    token = os.urandom(8).hex()
    try:
        try:
            parts.mkdir(exist_ok=True)
            _write_json_atomic(parts / "manifest.json", {
                "format": MANIFEST_FORMAT, "identity": identity, "chunk_size": chunk_size,
                "chunks": len(chunks), "token": token,
            })
        except OSError as exc:
            raise OutputError(out, "--out", f"a writable location ({exc.strerror})") from None
        todo = [i for i in range(len(chunks)) if i not in resumed]
        if engine == "numpy":
            work = _numpy_work(plan, parts, chunks, todo, workers or 1)
        else:
            work = _dask_work(plan, parts, chunks, todo, client, token)
        _assemble(plan, out, parts, chunks, _Producer(work), progress)
    finally:
        if owned_client is not None:
            owned_client.close()
        if cluster is not None:
            cluster.close()
    shutil.rmtree(parts, ignore_errors=True)
    return SweepReport(plan=plan, out=out, chunks=len(chunks), computed=len(todo),
                       resumed=len(resumed))


def _read_manifest(parts: Path) -> dict[str, Any]:
    try:
        m = json.loads((parts / "manifest.json").read_text())
    except (OSError, ValueError):
        raise SweepError(parts / "manifest.json", "(file)",
                         "the manifest of an interrupted sweep (remove the directory to start over)"
                         ) from None
    if m.get("format") != MANIFEST_FORMAT:
        raise SweepError(parts / "manifest.json", "format", str(MANIFEST_FORMAT), m.get("format"))
    return m


def _write_json_atomic(path: Path, doc: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(doc, indent=1, sort_keys=True))
    os.replace(tmp, path)


class _Producer(threading.Thread):
    """Computes the missing parts in the background; the assembler waits on each in turn.

    Parts live on disk, so the producer may run ahead of the (in-order)
    assembly without holding memory; only the chunks in flight are in memory.
    """

    def __init__(self, work: Callable[[_Producer], None]):
        super().__init__(name="article6-sweep-producer", daemon=True)
        self.work = work
        self.done: set[int] = set()
        self.cond = threading.Condition()
        self.error: BaseException | None = None
        self.finished = False
        self.cancelled = False

    def run(self) -> None:
        try:
            self.work(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            self.error = exc
        finally:
            with self.cond:
                self.finished = True
                self.cond.notify_all()

    def mark(self, index: int) -> None:
        with self.cond:
            self.done.add(index)
            self.cond.notify_all()

    def wait_for(self, index: int) -> None:
        with self.cond:
            while index not in self.done:
                if self.error is not None:
                    raise self.error
                if self.finished:
                    raise RuntimeError(f"sweep chunk {index} was never computed")
                self.cond.wait(0.5)

    def stop(self) -> None:
        self.cancelled = True


#: For interruption tests: after this many finished parts the numpy engine stops computing
#: and waits until the process is interrupted, so a test can kill a sweep midway by watching
#: its part files instead of by timing (which a busy machine would upset).
HOLD_ENV = "ARTICLE6_SWEEP_HOLD_AFTER"


def _hold_after() -> int | None:
    text = os.environ.get(HOLD_ENV, "")
    return int(text) if text.isdigit() else None


def _hold(prod: _Producer) -> None:
    """Wait, computing nothing more, until the sweep is cancelled or the process killed."""
    while not prod.cancelled:
        time.sleep(0.05)


def _numpy_work(plan, parts, chunks, todo, threads):
    """Compute ``todo`` with ``threads`` threads, ``threads + 1`` chunks in flight at most."""
    hold = _hold_after()

    def work(prod: _Producer) -> None:
        pending = list(todo)
        finished = 0
        with ThreadPoolExecutor(max_workers=threads) as pool:
            running: dict[Any, int] = {}
            try:
                while (pending or running) and not prod.cancelled:
                    while pending and len(running) < threads + 1:
                        i = pending.pop(0)
                        running[pool.submit(write_part, plan, parts, i, *chunks[i])] = i
                    done, _ = wait(list(running), timeout=0.5, return_when=FIRST_COMPLETED)
                    for f in done:
                        f.result()
                        prod.mark(running.pop(f))
                        finished += 1
                    if hold is not None and finished >= hold:
                        _hold(prod)
            finally:
                for f in running:
                    f.cancel()

    return work


def _dask_work(plan, parts, chunks, todo, client, token):
    """Compute ``todo`` on the dask cluster, two chunks per worker in flight."""

    def work(prod: _Producer) -> None:
        from distributed import as_completed

        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        pending = list(todo)
        plan_future = client.scatter(plan, broadcast=True)
        inflight = as_completed()
        index_of: dict[Any, int] = {}

        def submit(i: int) -> None:
            f = client.submit(_dask_part, plan_future, str(parts), token, i, *chunks[i],
                              key=f"article6-sweep-{token}-{i}", pure=False)
            index_of[f] = i
            inflight.add(f)

        for _ in range(min(len(pending), 2 * nworkers)):
            submit(pending.pop(0))
        try:
            for f in inflight:
                i = index_of.pop(f)
                kind, payload = f.result()
                f.release()
                if kind == "table":
                    final = _part_path(parts, i)
                    tmp = final.with_name(f".{final.name}.tmp")
                    tmp.write_bytes(payload)
                    os.replace(tmp, final)
                prod.mark(i)
                if prod.cancelled:
                    break
                if pending:
                    submit(pending.pop(0))
        finally:
            for f in index_of:
                f.cancel()

    return work


def _assemble(plan, out, parts, chunks, producer: _Producer, progress) -> None:
    """Write the final file from the parts, in order, as they become available."""
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=plan.samples, unit="sample", unit_scale=True, file=sys.stderr,
                   desc="sweep")
    ready = {i for i in range(len(chunks)) if _part_path(parts, i).exists()}
    fd, tmp_name = tempfile.mkstemp(prefix=".final-", suffix=".parquet.tmp", dir=parts)
    os.close(fd)
    tmp = Path(tmp_name)
    writer = _RowGroupWriter(tmp, plan.schema(), ROW_GROUP_ROWS)
    producer.start()
    try:
        for i in range(len(chunks)):
            if i not in ready:
                producer.wait_for(i)
            with pa.memory_map(str(_part_path(parts, i))) as src:
                writer.add(ipc.open_file(src).read_all())
            if bar is not None:
                bar.update(chunks[i][1] - chunks[i][0])
        producer.join()
        if producer.error is not None:
            raise producer.error
        writer.close()
        os.replace(tmp, out)
    except BaseException:
        producer.stop()
        producer.join(timeout=30)
        try:
            writer.writer.close()
        except Exception:  # noqa: BLE001 - already failing; keep the first error
            pass
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if bar is not None:
            bar.close()


# --------------------------------------------------------------------------- summaries


STATS = ("min", "p05", "p50", "p95", "max", "mean")


def _stats(x: np.ndarray) -> dict[str, float]:
    q = np.quantile(x, [0.05, 0.5, 0.95])
    return {"min": float(x.min()), "p05": float(q[0]), "p50": float(q[1]),
            "p95": float(q[2]), "max": float(x.max()), "mean": float(np.mean(x))}


def summarize(path: str | Path) -> dict[str, Any]:
    """The summary of a sweep file (docs/commands.md): per method, stats of gap, need and usage.

    Methods: the paper's four, then the path-choice methods the file's
    metadata lists. Reads one column at a time (memory ~ 16 bytes x N).
    """
    pf = pq.ParquetFile(str(path))
    meta = pf.schema_arrow.metadata or {}
    ident = json.loads(meta[_META_KEY]) if _META_KEY in meta else {}
    methods: dict[str, Any] = {}
    for m in [*PAPER_METHODS, *ident.get("paths", {}).get("methods", [])]:
        methods[m] = {k: _stats(pf.read(columns=[f"{m}_{k}"]).column(0).to_numpy())
                      for k in ("gap", "need", "usage")}
    return {"samples": pf.metadata.num_rows, "methods": methods}


def read_identity(path: str | Path) -> dict[str, Any]:
    """The parameters stored in a sweep file's metadata (see :meth:`Plan.identity`)."""
    meta = pq.read_schema(str(path)).metadata or {}
    return json.loads(meta[_META_KEY])
