"""Uniform draws, Latin-hypercube strata and grid levels, mapped to the inputs' year values.

Random numbers are drawn in fixed RNG blocks (:data:`article6.sweep.plan.RNG_BLOCK`)
so a row's numbers never depend on chunking, engine or workers.
"""

from __future__ import annotations

import numpy as np

from article6.schema.scenario import Series
from article6.sweep.plan import _KEY_BLOCK, _KEY_LHS, _KEY_PATH, RNG_BLOCK, Plan


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
