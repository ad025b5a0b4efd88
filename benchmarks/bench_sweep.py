"""Speed and memory of `article6 sweep`, each as a ratio against a baseline taken in this run.

    .venv/bin/python benchmarks/bench_sweep.py            # full run (~2 minutes on 2 cores)
    .venv/bin/python benchmarks/bench_sweep.py --quick    # smaller sizes, for a smoke test

Figures printed (targets set for the batch engine):
1. engine evaluation of N samples / numpy.copyto of the same trajectory array   (<= 3)
2. whole sweep (draw, evaluate, write Parquet) / (numpy draw + pyarrow write)   (<= 1.5)
3. sweep throughput / per-sample pandas loop throughput (loop on a subset)      (>= 10,000)
4. peak resident memory of a 10,000,000-sample `article6 sweep` process         (< 1 GiB)
5. dask engine (2-worker LocalCluster) / numpy engine, 10,000,000 samples       (<= 1.5)

Every timing is the best of a few repeats, in seconds of wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from article6 import sweep as S
from article6.schema.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "data" / "scenarios" / "kor-2018-roadmap.toml"


def best(f, repeat=3, setup=None):
    t_best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        t = time.perf_counter()
        f()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return (f"{model or platform.processor()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, numpy {np.__version__}, "
            f"pyarrow {pa.__version__}")


# ------------------------------------------------------------------ 1. engine vs copyto


def bench_engine(plan, n):
    u = S.unit_draws(plan, 0, n)
    vals = S.input_values(plan, u)
    del u
    traj = vals["trajectory"]
    dst = np.empty_like(traj)
    t_copy = best(lambda: np.copyto(dst, traj), 5)
    t_eval = best(lambda: S.evaluate_values(plan, vals, n), 3)
    return t_eval, t_copy


# ------------------------------------------------------------------ 2. whole sweep vs floor


def bench_sweep(plan, n, tmp: Path):
    out = tmp / "sweep.parquet"
    t_sweep = best(lambda: S.run_sweep(plan, out, overwrite=True, log=lambda m: None), 2,
                   setup=lambda: out.unlink(missing_ok=True))
    d = len(plan.dims)
    t_draw = best(lambda: np.random.default_rng(1).random((n, d)), 3)
    # a table of the same shape: same columns, random float64 (no arithmetic)
    schema = pq.read_schema(out)
    rng = np.random.default_rng(2)
    cols = [pa.array(np.arange(n, dtype=np.int64))]
    cols += [pa.array(rng.random(n)) for _ in schema.names[1:]]
    table = pa.Table.from_arrays(cols, schema=schema)
    base = tmp / "baseline.parquet"
    t_write = best(lambda: pq.write_table(table, base, row_group_size=S.ROW_GROUP_ROWS,
                                          **S.PARQUET_OPTIONS), 2,
                   setup=lambda: base.unlink(missing_ok=True))
    return t_sweep, t_draw, t_write


# ------------------------------------------------------------------ 3. per-sample pandas loop


def pandas_loop(scenario, df_inputs: pd.DataFrame) -> pd.DataFrame:
    """The straightforward way: one small DataFrame per sample, eqs. (2)-(12) in pandas.

    This is the baseline of figure 3 and deliberately a separate, naive
    implementation; its results are checked against the engine's below.
    """
    years = list(scenario.years)
    share = float(scenario.ets_share.low[0])
    limit = float(scenario.offset_limit.low[0])
    sink = float(scenario.sink.low[0])
    net = float(scenario.net_overseas.low[-1])
    out = []
    for _, row in df_inputs.iterrows():
        t = pd.DataFrame(index=years)
        t["trajectory"] = [row[f"trajectory_{y}"] for y in years]
        t["ets_offsets"] = t["trajectory"] * share * limit                  # eq. (5)
        t["national_total"] = t["trajectory"] + t["ets_offsets"]            # eq. (7)
        t["national_net"] = t["national_total"] - sink                     # eq. (6)
        t["net_overseas"] = 0.0
        t.loc[years[-1], "net_overseas"] = net
        t["itmo_total"] = t["ets_offsets"] + t["net_overseas"]              # eq. (2)
        t["ndc_target"] = t["national_net"] - t["itmo_total"]               # eq. (8)
        need_t = t["national_net"].iloc[-1] - t["ndc_target"].iloc[-1]      # eq. (10)
        total = t["itmo_total"].sum()                                       # eq. (1)
        r = {
            "cumulative_need": need_t, "cumulative_usage": total,
            "vintage_need": need_t, "vintage_usage": t["itmo_total"].iloc[-1],
            "averaging_need": len(years) * need_t, "averaging_usage": total,
            "trajectory_need": (t["national_net"] - t["ndc_target"]).sum(),
            "trajectory_usage": total,
        }
        for m in ("cumulative", "vintage", "averaging", "trajectory"):
            r[f"{m}_gap"] = r[f"{m}_need"] - r[f"{m}_usage"]
        out.append(r)
    return pd.DataFrame(out)


def bench_loop(scenario, plan, n_loop, t_sweep, n_sweep):
    """Throughput ratios: (whole sweep, draw + evaluate) / pandas loop, and the loop's time."""
    df = S.sweep_table(plan if plan.samples == n_loop else
                       S.make_plan(scenario, n_loop, seed=plan.seed)).to_pandas()
    t = time.perf_counter()
    loop = pandas_loop(scenario, df)
    t_loop = time.perf_counter() - t
    for c in loop.columns:  # the baseline computes the same numbers
        np.testing.assert_allclose(loop[c].to_numpy(), df[c].to_numpy(), rtol=1e-12, atol=1e-9)
    n = plan.samples
    t_eval = best(lambda: S.evaluate_values(plan, S.input_values(plan, S.unit_draws(plan, 0, n)),
                                            n), 2)
    loop_rate = n_loop / t_loop
    return (n_sweep / t_sweep) / loop_rate, (n / t_eval) / loop_rate, t_loop


# ------------------------------------------------------------------ 4. peak RSS, 5. dask


def bench_rss(n, tmp: Path):
    code = (
        "import resource, sys\n"
        "from article6.cli import main\n"
        f"rc = main(['sweep', {str(PAPER)!r}, '--samples', '{n}', '--out', "
        f"{str(tmp / 'big.parquet')!r}, '--json'])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    kib = int(r.stderr.strip().splitlines()[-1])
    assert json.loads(r.stdout)["samples"] == n
    (tmp / "big.parquet").unlink()
    return kib * 1024, wall


def bench_dask(plan, tmp: Path):
    t_np = best(lambda: S.run_sweep(plan, tmp / "np.parquet", overwrite=True, log=lambda m: None), 1)
    t = time.perf_counter()
    client, cluster = S.connect_dask(None, 2)
    t_start = time.perf_counter() - t
    try:
        t_dask = best(lambda: S.run_sweep(plan, tmp / "dask.parquet", engine="dask",
                                          client=client, log=lambda m: None), 1)
    finally:
        client.close()
        cluster.close()
    same = (tmp / "np.parquet").read_bytes() == (tmp / "dask.parquet").read_bytes()
    return t_np, t_dask, t_start, same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (smoke test)")
    args = ap.parse_args()
    n_mid = 200_000 if args.quick else 2_000_000
    n_big = 1_000_000 if args.quick else 10_000_000
    n_loop = 200 if args.quick else 2_000
    sc = load_scenario(PAPER)
    plan = S.make_plan(sc, n_mid, seed=1)
    big = S.make_plan(sc, n_big, seed=1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    print(f"machine: {machine()}")
    print(f"scenario: {sc.id}, {len(plan.dims)} ranged inputs, design mc, vary block; "
          f"chunk {S.DEFAULT_CHUNK:,}, sub-chunk {S.SUB_CHUNK:,}, row group {S.ROW_GROUP_ROWS:,}")
    try:
        t_eval, t_copy = bench_engine(plan, n_mid)
        print(f"1. engine evaluation / numpy.copyto, N={n_mid:,}: {t_eval / t_copy:.2f} "
              f"(target <= 3; {t_eval:.3f} s vs {t_copy:.4f} s)")
        t_sweep, t_draw, t_write = bench_sweep(plan, n_mid, tmp)
        print(f"2. whole sweep / (draw + Parquet write), N={n_mid:,}: "
              f"{t_sweep / (t_draw + t_write):.2f} (target <= 1.5; {t_sweep:.3f} s vs "
              f"{t_draw:.3f} + {t_write:.3f} s)")
        ratio, ratio_eval, t_loop = bench_loop(sc, plan, n_loop, t_sweep, n_mid)
        print(f"3. throughput / per-sample pandas loop ({n_loop:,} samples, {t_loop:.2f} s, "
              f"{n_loop / t_loop:,.0f}/s; target >= 10,000x): draw + evaluate "
              f"{ratio_eval:,.0f}x, whole sweep with Parquet {ratio:,.0f}x")
        rss, wall = bench_rss(n_big, tmp)
        print(f"4. peak RSS of `article6 sweep --samples {n_big:,} --out F --json`: "
              f"{rss / 2**20:,.0f} MiB = {rss / 2**30:.2f} GiB (target < 1 GiB; {wall:.1f} s)")
        t_np, t_dask, t_start, same = bench_dask(big, tmp)
        print(f"5. dask 2-worker LocalCluster / numpy, N={n_big:,}: {t_dask / t_np:.2f} "
              f"(target <= 1.5; {t_dask:.2f} s vs {t_np:.2f} s; cluster start-up "
              f"{t_start:.1f} s more, {(t_dask + t_start) / t_np:.2f} with it); "
              f"identical bytes: {same}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
