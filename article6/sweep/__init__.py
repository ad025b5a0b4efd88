"""Batch sweeps over a scenario's ranges: designs, chunks, engines, Parquet streaming.

A sweep evaluates the model (:func:`article6.model.evaluate.evaluate`, eqs. 1-12-1) at
many points of the box the scenario's ranges span. Every *ranged group* of
every input series (:meth:`article6.schema.scenario.Scenario.series`) is one
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
    :mod:`article6.model.paths` (``derived``, ``roadmap``, ``linear``, ``user``),
    annual and/or budget netting, as columns
    ``trajectory_<path>[_budget]_need|usage|gap`` next to the paper's four
    methods, all from one :func:`article6.model.evaluate.evaluate` call per sub-chunk.
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
    ``pyarrow.ipc`` or ``pandas.read_feather``) with a record of its SHA-256
    and identity, next to a ``manifest.json`` of the parameters
    (:mod:`article6.sweep.store`). The final Parquet file is assembled from
    the parts in order and moved into place only when complete; then the
    parts are removed. ``resume=True`` validates the manifest, verifies every
    part, computes the missing or damaged chunks only, and assembles the same
    bytes. One run at a time holds ``<out>.lock``.

Modules
    :mod:`~article6.sweep.plan` (options, dimensions, identity),
    :mod:`~article6.sweep.draws` (uniform, LHS and grid points),
    :mod:`~article6.sweep.chunks` (one chunk through the engine),
    :mod:`~article6.sweep.store` (files, records, lock, disk space),
    :mod:`~article6.sweep.run` (engines and the run),
    :mod:`~article6.sweep.summary` (statistics of a finished file).
"""

from article6.errors import SweepError
from article6.sweep.chunks import (
    chunk_table,
    evaluate_values,
    row_scenario_dict,
    sweep_frame,
    sweep_table,
)
from article6.sweep.draws import (
    input_values,
    lhs_permutation,
    path_input_values,
    uniform_rows,
    unit_draws,
)
from article6.sweep.plan import (
    DEFAULT_CHUNK,
    DEFAULT_MAX_POINTS,
    DESIGNS,
    ENGINES,
    NETTING_CHOICES,
    PARQUET_OPTIONS,
    PATH_CHOICES,
    RNG_BLOCK,
    ROW_GROUP_ROWS,
    SUB_CHUNK,
    VARY,
    Dimension,
    Plan,
    check_range,
    make_plan,
    question_plan,
)
from article6.sweep.run import HOLD_ENV, SweepReport, connect_dask, run_sweep, write_part
from article6.sweep.store import MANIFEST_FORMAT
from article6.sweep.summary import STATS, read_identity, summarize

__all__ = [
    "DEFAULT_CHUNK", "DEFAULT_MAX_POINTS", "DESIGNS", "ENGINES", "HOLD_ENV", "MANIFEST_FORMAT",
    "NETTING_CHOICES", "PARQUET_OPTIONS", "PATH_CHOICES", "RNG_BLOCK", "ROW_GROUP_ROWS", "STATS",
    "SUB_CHUNK", "VARY",
    "Dimension", "Plan", "SweepError", "SweepReport", "chunk_table", "connect_dask", "evaluate_values",
    "input_values", "lhs_permutation", "make_plan", "check_range", "question_plan", "path_input_values",
    "read_identity", "row_scenario_dict", "run_sweep", "summarize", "sweep_frame", "sweep_table",
    "uniform_rows", "unit_draws", "write_part",
]
