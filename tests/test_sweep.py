"""Sweeps: draws, designs, determinism, agreement with compare, files, resume, bad input."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from article6 import sweep as S
from article6.analyses.compare import compare_document
from article6.model.evaluate import evaluate, evaluate_bounds
from article6.model.methods import PAPER_METHODS
from article6.schema.scenario import Inputs, scenario_from_dict

ARTICLE6 = [sys.executable, "-m", "article6.cli"]


def run_cli(*args, **kw):
    return subprocess.run([*ARTICLE6, "sweep", *map(str, args)], capture_output=True, text=True,
                          timeout=kw.pop("timeout", 300), **kw)


@pytest.fixture
def wide(paper):
    """The paper's scenario with every input ranged (per-year sink ranges, a target-year range)."""
    doc = json.loads(json.dumps(dict(paper.raw)))
    doc["ets"] = {"share": {"low": 0.6, "high": 0.75}, "offset_limit": {"low": 0.03, "high": 0.05}}
    sink = {str(y): ({"low": 20.0, "high": 24.0} if y % 2 else 22.0) for y in paper.years}
    doc["ndc"]["sink"] = sink
    doc["ndc"]["net_overseas"] = {"low": 10.0, "high": 20.0}
    return scenario_from_dict(doc, source="wide")


@pytest.fixture
def wide_path(wide, tmp_path):
    import tomli_w

    p = tmp_path / "wide.toml"
    p.write_bytes(tomli_w.dumps(dict(wide.raw)).encode())
    return p


@pytest.fixture
def fixed_path(paper, tmp_path):
    """The paper's scenario with every range collapsed to its low end."""
    import tomli_w

    doc = json.loads(json.dumps(dict(paper.raw)))
    for b in doc["trajectory"]["blocks"]:
        b["high"] = b["low"]
    p = tmp_path / "fixed.toml"
    p.write_bytes(tomli_w.dumps(doc).encode())
    return p


# --------------------------------------------------------------------------- draws


def test_uniform_rows_do_not_depend_on_how_rows_are_split():
    whole = S.uniform_rows(7, 0, 2 * S.RNG_BLOCK + 123, 3)
    cuts = [0, 1, 999, S.RNG_BLOCK - 1, S.RNG_BLOCK + 5, 2 * S.RNG_BLOCK + 123]
    pairs = zip(cuts[:-1], cuts[1:], strict=True)
    pieces = np.vstack([S.uniform_rows(7, a, b, 3) for a, b in pairs])
    assert np.array_equal(whole, pieces)
    # block 1 is its own child stream of the seed, keyed by the block index
    g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(7, spawn_key=(0, 1))))
    assert np.array_equal(whole[S.RNG_BLOCK:S.RNG_BLOCK + 10], g.random((10, 3)))
    assert not np.array_equal(whole[:10], S.uniform_rows(8, 0, 10, 3))
    assert whole.min() >= 0.0 and whole.max() < 1.0


@pytest.mark.parametrize("n", [1, 2, 3, 17, 1000, 4097])
def test_lhs_permutation_is_a_bijection(n):
    perm = S.lhs_permutation(3, 0, n, np.arange(n))
    assert sorted(perm.tolist()) == list(range(n))
    if n > 100:  # and not the identity
        assert np.mean(perm == np.arange(n)) < 0.05


def test_lhs_hits_every_stratum_once_per_input(paper):
    n = 997
    plan = S.make_plan(paper, n, seed=5, design="lhs")
    u = np.vstack([S.unit_draws(plan, a, min(n, a + 100)) for a in range(0, n, 100)])
    for j in range(u.shape[1]):
        assert sorted(np.floor(u[:, j] * n).astype(int).tolist()) == list(range(n))
    df = S.sweep_frame(paper, n, seed=5, design="lhs")
    # 2021-2023 block: 671~673 (Table 2); each of the 997 strata of width 2/997 hit once
    v = np.sort(df["trajectory_2021"].to_numpy())
    k = np.arange(n)
    assert np.all((v >= 671 + 2 * k / n - 1e-9) & (v <= 671 + 2 * (k + 1) / n))


def test_grid_levels_and_exact_corners(paper):
    df = S.sweep_frame(paper, None, design="grid", grid_levels=3)
    assert len(df) == 3 ** 4
    assert sorted(set(df["trajectory_2030"])) == [574.0, 591.0, 608.0]  # low, (574+608)/2, high
    low = df[(df["trajectory_2021"] == 671) & (df["trajectory_2024"] == 648)
             & (df["trajectory_2027"] == 622) & (df["trajectory_2030"] == 574)]
    high = df[(df["trajectory_2021"] == 673) & (df["trajectory_2024"] == 661)
              & (df["trajectory_2027"] == 648) & (df["trajectory_2030"] == 608)]
    # cumulative need = ITMO_T^total = Trajectory_T x 0.69 x 0.05 + 16:
    # 574 x 0.0345 + 16 = 35.803 (low), 608 x 0.0345 + 16 = 36.976 (high)
    assert low["cumulative_need"].item() == pytest.approx(35.803, abs=1e-9)
    assert high["cumulative_need"].item() == pytest.approx(36.976, abs=1e-9)
    # averaging need = 10 x that (eq. 11-1)
    assert high["averaging_need"].item() == pytest.approx(369.76, abs=1e-8)


def test_grid_size_from_samples_and_the_limit(paper):
    assert S.make_plan(paper, 100, design="grid").samples == 3 ** 4  # 3^4 <= 100 < 4^4
    with pytest.raises(S.SweepError, match="625 points"):
        S.make_plan(paper, None, design="grid", grid_levels=5, max_points=600)
    assert S.make_plan(paper, None, design="grid", grid_levels=5, max_points=625).samples == 625


def test_vary_year_draws_each_year(paper):
    block = S.sweep_frame(paper, 50, seed=1)
    year = S.sweep_frame(paper, 50, seed=1, vary="year")
    assert (block["trajectory_2021"] == block["trajectory_2023"]).all()
    assert (year["trajectory_2021"] != year["trajectory_2023"]).all()
    assert year["trajectory_2022"].between(671, 673).all()


# --------------------------------------------------------------------------- agreement with compare


def test_every_drawn_input_is_a_column(wide):
    df = S.sweep_frame(wide, 10, seed=2)
    years = wide.years
    expected = {"sample", *(f"trajectory_{y}" for y in years), "ets_share", "offset_limit",
                "net_overseas", *(f"sink_{y}" for y in years),
                *(f"{m}_{k}" for m in PAPER_METHODS for k in ("need", "usage", "gap"))}
    assert set(df.columns) == expected
    assert df["sample"].tolist() == list(range(10))
    assert df["ets_share"].between(0.6, 0.75).all()
    assert (df["sink_2022"] == 22.0).all() and df["sink_2021"].between(20, 24).all()


@pytest.mark.parametrize("vary", ["block", "year"])
def test_rows_equal_compare_at_the_rows_inputs(wide, vary):
    df = S.sweep_frame(wide, 3000, seed=11, vary=vary)
    picks = np.random.default_rng(0).choice(len(df), 25, replace=False)
    for i in picks:
        row = df.iloc[i].to_dict()
        sc = scenario_from_dict(S.row_scenario_dict(wide, row), source="row")
        doc = compare_document(sc)
        for m in PAPER_METHODS:
            for k in ("need", "usage", "gap"):
                got = doc["bounds"]["low"]["methods"][m][k]
                assert doc["bounds"]["high"]["methods"][m][k] == got  # the row is one point
                assert row[f"{m}_{k}"] == pytest.approx(got, rel=1e-13, abs=1e-11), (i, m, k)


@pytest.mark.parametrize("scenario_name", ["paper", "wide"])
@pytest.mark.parametrize("vary", ["block", "year"])
def test_mean_gap_equals_gap_at_the_midpoint(scenario_name, vary, request):
    """The model is multilinear in independent inputs, so E[gap] = gap(E[inputs])."""
    sc = request.getfixturevalue(scenario_name)
    n = 20_000
    df = S.sweep_frame(sc, n, seed=3, vary=vary)
    mid = Inputs(**{k: ((s.low + s.high) / 2)[None, :] for k, s in sc.series().items()})
    at_mid = evaluate(mid, sc.years)
    for m in PAPER_METHODS:
        for k in ("gap", "need", "usage"):
            x = df[f"{m}_{k}"].to_numpy()
            target = float(getattr(at_mid.methods[m], k)[0])
            tol = 5 * x.std(ddof=1) / np.sqrt(n) + 1e-9 * max(1.0, abs(target))
            assert abs(x.mean() - target) <= tol, (m, k, x.mean(), target, tol)
    # and the test has teeth: a biased draw (every input at 60% of its range) is caught
    biased = Inputs(**{k: (0.4 * s.low + 0.6 * s.high)[None, :] for k, s in sc.series().items()})
    g = float(evaluate(biased, sc.years).methods["averaging"].gap[0])
    x = df["averaging_gap"].to_numpy()
    assert abs(x.mean() - g) > 5 * x.std(ddof=1) / np.sqrt(n)


def test_sweep_stays_within_the_corners_for_the_paper(paper):
    df = S.sweep_frame(paper, 5000, seed=4)
    b = evaluate_bounds(paper)
    for m in ("cumulative", "averaging"):
        lo, hi = sorted(float(v) for v in b.methods[m].need)
        assert df[f"{m}_need"].between(lo, hi).all()


# --------------------------------------------------------------------------- files and determinism


def test_same_seed_same_bytes_whatever_chunks_and_threads(paper, tmp_path):
    n = 2 * S.RNG_BLOCK + S.ROW_GROUP_ROWS // 3 + 7
    plan = S.make_plan(paper, n, seed=9, vary="year")
    S.run_sweep(plan, tmp_path / "a.parquet", log=lambda m: None)
    S.run_sweep(plan, tmp_path / "b.parquet", chunk_size=9_999, workers=2, log=lambda m: None)
    S.run_sweep(plan, tmp_path / "c.parquet", chunk_size=S.RNG_BLOCK + 1, log=lambda m: None)
    a = (tmp_path / "a.parquet").read_bytes()
    assert a == (tmp_path / "b.parquet").read_bytes() == (tmp_path / "c.parquet").read_bytes()
    assert pq.ParquetFile(tmp_path / "a.parquet").metadata.num_row_groups == 2
    frame = S.sweep_frame(paper, n, seed=9, vary="year")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a.parquet"), frame)
    assert not (tmp_path / "a.parquet.parts").exists()
    assert S.read_identity(tmp_path / "a.parquet")["seed"] == 9


def test_mc_is_a_prefix_of_a_longer_run_and_seeds_differ(paper):
    short = S.sweep_frame(paper, 100, seed=1)
    long = S.sweep_frame(paper, S.RNG_BLOCK + 10, seed=1)
    pd.testing.assert_frame_equal(short, long.iloc[:100])
    other = S.sweep_frame(paper, 100, seed=2)
    assert not np.array_equal(short["trajectory_2030"], other["trajectory_2030"])


def test_cli_json_summary(paper_path, tmp_path):
    out = tmp_path / "s.parquet"
    r = run_cli(paper_path, "--samples", 5000, "--seed", 1, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["samples"] == 5000 and set(doc["methods"]) == set(PAPER_METHODS)
    df = pd.read_parquet(out)
    for m in PAPER_METHODS:
        for k in ("gap", "need", "usage"):
            st = doc["methods"][m][k]
            assert list(st) == ["min", "p05", "p50", "p95", "max", "mean"]
            x = df[f"{m}_{k}"]
            assert st["min"] == x.min() and st["max"] == x.max()
            assert st["p50"] == pytest.approx(x.median(), rel=1e-12)
            assert st["p05"] == pytest.approx(x.quantile(0.05), rel=1e-12)
            assert st["min"] <= st["p05"] <= st["p50"] <= st["p95"] <= st["max"]
    # hand-worked: cumulative need lies between 35.803 and 36.976 (see the grid test)
    assert 35.803 - 1e-9 <= doc["methods"]["cumulative"]["need"]["min"]
    assert doc["methods"]["cumulative"]["need"]["max"] <= 36.976 + 1e-9
    assert "%|" not in r.stderr  # no progress bar when stderr is not a terminal


def test_cli_without_out_keeps_no_file(paper_path, tmp_path):
    r = run_cli(paper_path, "--samples", 100, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "cumulative" in r.stdout and list(tmp_path.iterdir()) == []


def test_plot_marks_the_corners(paper_path, paper, tmp_path):
    html = tmp_path / "gaps.html"
    r = run_cli(paper_path, "--samples", 2000, "--plot", html)
    assert r.returncode == 0, r.stderr
    text = html.read_text()
    b = evaluate_bounds(paper)
    for m in ("cumulative", "averaging"):
        for v in b.methods[m].gap:
            assert f"{float(v):.4g}" in text
    assert text.count(r'samples\u003cextra') == 4  # one histogram per method
    assert not re.search(r"<script[^>]*\ssrc=", text)  # plotly.js is inside: it opens offline


def test_nothing_ranged_evaluates_the_one_point(fixed_path, tmp_path):
    out = tmp_path / "one.parquet"
    r = run_cli(fixed_path, "--samples", 1000, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    assert "nothing" in r.stderr and "ranged" in r.stderr
    df = pd.read_parquet(out)
    assert len(df) == 1 and json.loads(r.stdout)["samples"] == 1
    assert df["cumulative_need"].item() == pytest.approx(35.803, abs=1e-9)  # see grid test


# --------------------------------------------------------------------------- interrupt and resume


def _parts(out: Path) -> list[Path]:
    d = out.with_name(out.name + ".parts")
    return sorted(d.glob("part-*.arrow")) if d.exists() else []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_kill_then_resume_gives_the_uninterrupted_bytes(paper_path, tmp_path, sig):
    n, chunk = 3_000_000, 30_000
    total = n // chunk
    ref = tmp_path / "ref.parquet"
    out = tmp_path / "cut.parquet"
    args = [paper_path, "--samples", n, "--seed", 4, "--vary", "year", "--chunk-size", chunk]
    # The sweep holds after 3 finished parts (ARTICLE6_SWEEP_HOLD_AFTER), so the cut comes
    # midway however busy the machine is: the test watches the files, it does not time them.
    env = {**os.environ, S.HOLD_ENV: "3"}
    # SIGINT back to its default in the child: a test run started in the background (where the
    # shell ignores SIGINT, and children inherit that) must still see Python's KeyboardInterrupt
    proc = subprocess.Popen([*ARTICLE6, "sweep", *map(str, args), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    while len(_parts(out)) < 3 and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, proc.communicate()[1]
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    done = _parts(out)
    assert 3 <= len(done) < total, f"the sweep was not cut midway ({len(done)} parts)"
    assert not out.exists()  # no half-written final file
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "--resume" in err and "Traceback" not in err
    for p in done:  # every finished chunk is intact and readable
        assert len(pd.read_feather(p)) == chunk
    # without --resume the leftover is refused, not overwritten
    r = run_cli(*args, "--out", out)
    assert r.returncode == 2 and "--resume" in r.stderr
    # a resume with other parameters is refused, naming the key
    r = run_cli(*[a if a != 4 else 5 for a in args], "--out", out, "--resume")
    assert r.returncode == 2 and "seed" in r.stderr
    r = run_cli(*args, "--out", out, "--resume")
    assert r.returncode == 0, r.stderr
    assert "resuming" in r.stderr
    assert not out.with_name(out.name + ".parts").exists()
    r = run_cli(*args, "--chunk-size", 250_000, "--out", ref)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == ref.read_bytes()


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("argv, key", [
    (["--samples", "0"], "--samples"),
    (["--samples", "-3"], "--samples"),
    (["--samples", "10", "--seed", "-1"], "--seed"),
    (["--samples", "10", "--chunk-size", "0"], "--chunk-size"),
    (["--design", "grid", "--grid-levels", "40"], "--max-points"),  # 40^4 = 2,560,000
    (["--design", "grid", "--grid-levels", "0"], "--grid-levels"),
    (["--design", "lhs"], "--samples"),
])
def test_bad_options_exit_2_with_one_line(paper_path, argv, key):
    r = run_cli(paper_path, *argv)
    assert r.returncode == 2
    assert key in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_grid_prints_its_size_before_starting(paper_path):
    r = run_cli(paper_path, "--design", "grid", "--grid-levels", "4")
    assert r.returncode == 0 and "256 points" in r.stderr  # 4^4
    r = run_cli(paper_path, "--design", "grid", "--grid-levels", "11", "--max-points", "20000")
    assert r.returncode == 0 and "14,641 points" in r.stderr  # 11^4


@pytest.mark.parametrize("where", ["missing-dir", "is-dir", "parent-is-file"])
def test_unwritable_output(paper_path, tmp_path, where):
    target = {"missing-dir": tmp_path / "nope" / "x.parquet", "is-dir": tmp_path,
              "parent-is-file": tmp_path / "f.txt" / "x.parquet"}[where]
    (tmp_path / "f.txt").write_text("x")
    r = run_cli(paper_path, "--samples", 10, "--out", target)
    assert r.returncode == 2 and "--out" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_unreachable_scheduler(paper_path, tmp_path):
    out = tmp_path / "x.parquet"
    r = run_cli(paper_path, "--samples", 10, "--engine", "dask", "--scheduler",
                "tcp://127.0.0.1:9", "--scheduler-timeout", "2", "--out", out)
    assert r.returncode == 2 and "scheduler" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_scenario_is_reported_by_the_sweep(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\n[scenario]\nid = "x"\nunit = "Mt CO2e"\nperiod = [2021, 2030]\n')
    r = run_cli(bad, "--samples", 10)
    assert r.returncode == 2 and "trajectory" in r.stderr and "Traceback" not in r.stderr
