"""Sweeps over the submitted trajectory path (``article6 sweep --paths ...``).

Checks that every path column of a sweep row equals the trajectory method of
``article6.model.paths`` / ``compare`` evaluated at that row's inputs, that the files
are deterministic with the path columns, that the drawn linear end points lie
in their ranges, that the linear gap spreads while ``derived`` stays at 0, and
that bad path options are refused with exit status 2.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from article6 import sweep as S
from article6.cli import main
from article6.cli.options import parse_range
from article6.errors import OptionError, SweepChoiceError, SweepError
from article6.model.evaluate import evaluate_bounds
from article6.model.methods import PAPER_METHODS
from article6.model.paths import path_gaps, trajectory_for
from article6.schema.scenario import scenario_from_dict

ARTICLE6 = [sys.executable, "-m", "article6.cli"]
KINDS = ("need", "usage", "gap")


def run_cli(*args, **kw):
    return subprocess.run([*ARTICLE6, "sweep", *map(str, args)], capture_output=True, text=True,
                          timeout=kw.pop("timeout", 300), **kw)


def doc_of(sc) -> dict:
    return json.loads(json.dumps(dict(sc.raw)))


@pytest.fixture
def ranged_path(paper):
    """The paper's scenario plus a [path] table with ranged years and budget netting."""
    doc = doc_of(paper)
    vals = {str(y): 640.0 - 10.0 * k for k, y in enumerate(paper.years)}
    vals["2025"] = {"low": 600.0, "high": 620.0}
    vals["2030"] = {"low": 536.0, "high": 570.0}
    doc["path"] = {"values": vals, "netting": "budget", "sources": ["assumption (test)"]}
    return scenario_from_dict(doc, source="ranged-path")


@pytest.fixture
def fixed(paper):
    """The paper's scenario with every range at its low end (nothing drawn but path inputs)."""
    doc = doc_of(paper)
    for b in doc["trajectory"]["blocks"]:
        b["high"] = b["low"]
    return scenario_from_dict(doc, source="fixed")


def hand_line(start: float, end: float, n: int) -> list[float]:
    """Straight line start -> end over n years, worked out here (not via article6.model.paths)."""
    return [start + (end - start) * k / (n - 1) for k in range(n)]


def point_result(sc, path, netting):
    """The trajectory method for ``path``/``netting`` at the scenario's (single) point."""
    r = evaluate_bounds(sc, [trajectory_for(sc, path, netting)]).methods["trajectory"]
    assert r.gap[0] == r.gap[1]  # a row's scenario is one point: both bounds agree
    return {"need": float(r.need[0]), "usage": float(r.usage[0]), "gap": float(r.gap[0])}


def close(a, b):
    return a == pytest.approx(b, rel=1e-12, abs=1e-9)


# --------------------------------------------------------------------------- rows = compare


def test_rows_equal_the_paths_module_at_the_rows_inputs(ranged_path):
    sc = ranged_path
    df = S.sweep_frame(sc, 2000, seed=5, paths="all", netting="both",
                       linear_start=(640, 660), linear_end=(520, 570))
    n = len(sc.years)
    for i in np.random.default_rng(1).choice(len(df), 12, replace=False):
        row = df.iloc[i].to_dict()
        doc = S.row_scenario_dict(sc, row)
        assert doc["path"]["values"]["2025"] == row["path_2025"]
        one = scenario_from_dict(doc, source="row")
        gaps = path_gaps(one)  # what `compare --paths` prints, at this row's inputs
        for p in ("derived", "roadmap", "user"):
            for net in ("annual", "budget"):
                name = f"trajectory_{p}" + ("_budget" if net == "budget" else "")
                for k in KINDS:
                    assert gaps[f"{p}/{net}"]["high"][k] == gaps[f"{p}/{net}"]["low"][k]
                    assert close(row[f"{name}_{k}"], gaps[f"{p}/{net}"]["low"][k]), (i, name, k)
        # the drawn line, rebuilt by hand and submitted as a user [path]
        doc["path"] = {"values": dict(zip(map(str, sc.years),
                                          hand_line(row["linear_start"], row["linear_end"], n),
                                          strict=True))}
        line = scenario_from_dict(doc, source="row-line")
        for net in ("annual", "budget"):
            want = point_result(line, "user", net)
            name = "trajectory_linear" + ("_budget" if net == "budget" else "")
            for k in KINDS:
                assert close(row[f"{name}_{k}"], want[k]), (i, name, k)


def test_default_linear_equals_compare_trajectory_path_linear(paper, paper_path, tmp_path,
                                                              capsys):
    df = S.sweep_frame(paper, 500, seed=8, paths="linear,roadmap", netting="budget")
    assert [c for c in df.columns if c.startswith("trajectory_") and c.endswith("_gap")] == [
        "trajectory_gap", "trajectory_linear_budget_gap", "trajectory_roadmap_budget_gap"]
    import tomli_w

    for i in (0, 123, 499):
        row = df.iloc[i].to_dict()
        f = tmp_path / f"row{i}.toml"
        f.write_bytes(tomli_w.dumps(S.row_scenario_dict(paper, row)).encode())
        for p in ("linear", "roadmap"):
            assert main(["compare", str(f), "--json", "--trajectory-path", p,
                         "--netting", "budget"]) == 0
            got = json.loads(capsys.readouterr().out)["bounds"]["low"]["methods"]["trajectory"]
            for k in KINDS:
                assert close(row[f"trajectory_{p}_budget_{k}"], got[k]), (i, p, k)


def test_paper_columns_unchanged_by_path_options(paper):
    # path inputs come from their own random stream, so mc and lhs inputs do not move
    for design in ("mc", "lhs"):
        base = S.sweep_frame(paper, 3000, seed=2, design=design)
        more = S.sweep_frame(paper, 3000, seed=2, design=design, paths="derived,linear",
                             linear_start=(600, 700), linear_end=(500, 600))
        pd.testing.assert_frame_equal(base, more[base.columns])
    # and the paper's own trajectory method is the derived/annual path column
    assert (more["trajectory_gap"] == more["trajectory_derived_gap"]).all()


# --------------------------------------------------------------------------- draws and spread


def test_linear_draws_lie_in_their_ranges_and_fill_them(paper):
    df = S.sweep_frame(paper, 20_000, seed=3, paths="linear",
                       linear_start=(640, 660), linear_end=(520, 570))
    s, e = df["linear_start"], df["linear_end"]
    assert s.between(640, 660).all() and e.between(520, 570).all()
    # uniform on the range: the mean is the midpoint within 5 standard errors (20/sqrt(12)/sqrt(N))
    assert abs(s.mean() - 650) < 5 * (20 / 12 ** 0.5) / 20_000 ** 0.5
    assert abs(e.mean() - 545) < 5 * (50 / 12 ** 0.5) / 20_000 ** 0.5
    assert s.min() < 640.1 and s.max() > 659.9
    assert abs(np.corrcoef(s, e)[0, 1]) < 0.05  # drawn independently of each other
    # the documented stream: block 0 of SeedSequence(seed, spawn_key=(2, 0)), two numbers a row
    g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(3, spawn_key=(2, 0))))
    u = g.random((10, 2))
    np.testing.assert_allclose(s[:10], 640 + 20 * u[:, 0], rtol=1e-15)
    np.testing.assert_allclose(e[:10], 520 + 50 * u[:, 1], rtol=1e-15)
    for col in ("trajectory_2021", "trajectory_2030"):  # and of the scenario's inputs
        assert abs(np.corrcoef(s, df[col])[0, 1]) < 0.05
        assert abs(np.corrcoef(e, df[col])[0, 1]) < 0.05
    # LHS: every one of the N strata of each end point hit once
    lhs = S.sweep_frame(paper, 1000, seed=3, design="lhs", paths="linear",
                        linear_start=(640, 660), linear_end=(520, 570))
    strata = np.floor((lhs["linear_end"] - 520) / 50 * 1000).astype(int)
    assert sorted(strata) == list(range(1000))
    # grid: two levels of each of 4 + 2 dimensions, corners exact
    g = S.sweep_frame(paper, None, design="grid", grid_levels=2, paths="linear",
                      linear_start=(640, 660), linear_end=(520, 570))
    assert len(g) == 2 ** 6
    assert set(g["linear_start"]) == {640.0, 660.0} and set(g["linear_end"]) == {520.0, 570.0}


def test_linear_gap_spreads_with_the_end_points_while_derived_stays_zero(fixed):
    # Fixed inputs (paper, low bound): NE_i = 1.0345 x Traj_i - 22 =
    #   672.15 (2021-23), 648.36 (2024-26), 621.46 (2027-29), 571.80 (2030).
    # Line start -> end, start in [640, 655], end in [520, 570]; line_k = start (1 - k/9) +
    # end k/9. Every year's NE is above it even at the top corner (655, 570): 2021 672.15 > 655;
    # 2024 648.36 > 655 x 2/3 + 570/3 = 626.7; 2027 621.46 > 655/3 + 570 x 2/3 = 598.3;
    # 2029 621.46 > 579.4; 2030 571.8 > 570. So nothing is clipped and
    # need = sum_i NE_i - 5 x start - 5 x end   (sum_k (1 - k/9) = sum_k k/9 = 5):
    # the gap falls 5 Mt per Mt of either end point.
    df = S.sweep_frame(fixed, 5000, seed=4, paths="derived,linear", netting="both",
                       linear_start=(640, 655), linear_end=(520, 570))
    moved = 5 * df["linear_start"] + 5 * df["linear_end"]
    for col in ("trajectory_linear_gap", "trajectory_linear_budget_gap"):
        gap = df[col].to_numpy()
        assert np.ptp(gap + moved) < 1e-9
        assert np.ptp(gap) == pytest.approx(np.ptp(moved), rel=1e-9)
        assert np.ptp(gap) > 0.95 * 5 * (15 + 50)  # nearly the whole 325 Mt range is hit
    for col in ("trajectory_derived_gap", "trajectory_derived_budget_gap", "trajectory_gap"):
        assert np.abs(df[col]).max() < 1e-9
    # without the end-point ranges nothing is drawn here: the default line gives one point
    one = S.sweep_frame(fixed, 10, seed=4, paths="linear")
    assert np.ptp(one["trajectory_linear_gap"]) == 0.0


# --------------------------------------------------------------------------- determinism


def test_same_bytes_whatever_chunk_size_and_threads_with_paths(ranged_path, tmp_path):
    n = S.RNG_BLOCK + 4_321
    plan = S.make_plan(ranged_path, n, seed=13, design="lhs", paths="all", netting="both",
                       linear_start=(640, 660), linear_end=(520, 570))
    S.run_sweep(plan, tmp_path / "a.parquet", log=lambda m: None)
    S.run_sweep(plan, tmp_path / "b.parquet", chunk_size=7_777, workers=2, log=lambda m: None)
    S.run_sweep(plan, tmp_path / "c.parquet", chunk_size=S.RNG_BLOCK - 1, log=lambda m: None)
    a = (tmp_path / "a.parquet").read_bytes()
    assert a == (tmp_path / "b.parquet").read_bytes() == (tmp_path / "c.parquet").read_bytes()
    df = pd.read_parquet(tmp_path / "a.parquet")
    pd.testing.assert_frame_equal(df, S.sweep_table(plan, chunk_size=999).to_pandas())
    names = {c for c in df.columns if c.startswith("trajectory_") and c.endswith("_gap")}
    names.discard("trajectory_gap")  # the paper's own trajectory method
    assert names == {f"trajectory_{p}{s}_gap" for p in ("derived", "roadmap", "linear", "user")
                     for s in ("", "_budget")}
    ident = S.read_identity(tmp_path / "a.parquet")
    assert ident["paths"]["inputs"]["linear_end"] == [[520.0], [570.0]]
    # the seed matters for the path draws too
    other = S.make_plan(ranged_path, 100, seed=14, paths="linear",
                        linear_start=(640, 660), linear_end=(520, 570))
    assert not np.array_equal(S.sweep_table(other).column("linear_end").to_numpy(),
                              df["linear_end"].to_numpy()[:100])


@pytest.mark.cluster
def test_dask_gives_the_numpy_bytes_with_paths(paper, tmp_path):
    plan = S.make_plan(paper, 20_000, seed=6, paths="derived,linear", netting="both",
                       linear_start=(640, 660), linear_end=(520, 570))
    S.run_sweep(plan, tmp_path / "numpy.parquet", log=lambda m: None)
    S.run_sweep(plan, tmp_path / "dask.parquet", engine="dask", workers=2, chunk_size=6_000,
                log=lambda m: None)
    assert (tmp_path / "numpy.parquet").read_bytes() == (tmp_path / "dask.parquet").read_bytes()


def _interrupted(plan, out, chunk=1_000):
    """Leave ``out``.parts/ as an interrupted run of ``plan`` would: manifest and part 0."""
    parts = out.with_name(out.name + ".parts")
    parts.mkdir()
    (parts / "manifest.json").write_text(json.dumps({
        "format": S.MANIFEST_FORMAT, "identity": plan.identity(), "chunk_size": chunk,
        "chunks": -(-plan.samples // chunk), "token": "test"}))
    S.write_part(plan, parts, 0, 0, min(chunk, plan.samples))
    return parts


@pytest.mark.parametrize("first, then", [
    ([], ["--paths", "linear"]),                                   # paths added on resume
    (["--paths", "linear"], []),                                   # paths dropped on resume
    (["--paths", "linear", "--linear-start", "640:660", "--linear-end", "520:570"],
     ["--paths", "linear", "--linear-start", "640:660", "--linear-end", "520:560"]),
    (["--paths", "linear"], ["--paths", "linear", "--netting", "budget"]),
])
def test_resume_refuses_other_path_options(paper, paper_path, tmp_path, first, then):
    out = tmp_path / "s.parquet"
    kw = dict(zip(["paths", "linear_start", "linear_end"], first[1::2], strict=False))
    kw = {k: (v if k == "paths" else parse_range(v, k)) for k, v in kw.items()}
    plan = S.make_plan(paper, 3000, seed=4, **kw)
    _interrupted(plan, out)
    r = run_cli(paper_path, "--samples", 3000, "--seed", 4, *then, "--out", out, "--resume")
    assert r.returncode == 2 and "paths" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_resume_with_the_same_path_options_gives_the_same_bytes(paper, paper_path, tmp_path):
    flags = ["--paths", "derived,linear", "--netting", "both",
             "--linear-start", "640:660", "--linear-end", "520:570"]
    out, ref = tmp_path / "s.parquet", tmp_path / "ref.parquet"
    plan = S.make_plan(paper, 3000, seed=4, paths="derived,linear", netting="both",
                       linear_start=(640, 660), linear_end=(520, 570))
    _interrupted(plan, out)
    r = run_cli(paper_path, "--samples", 3000, "--seed", 4, *flags, "--out", out, "--resume")
    assert r.returncode == 0 and "resuming: 1 of 3" in r.stderr, r.stderr
    r = run_cli(paper_path, "--samples", 3000, "--seed", 4, *flags, "--out", ref)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == ref.read_bytes()


# --------------------------------------------------------------------------- CLI


def test_cli_json_has_the_path_methods_next_to_the_papers(paper_path, tmp_path):
    out = tmp_path / "s.parquet"
    r = run_cli(paper_path, "--samples", 4000, "--seed", 7, "--paths", "derived,roadmap,linear",
                "--netting", "both", "--linear-start", "640:660", "--linear-end", "520:570",
                "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    names = [f"trajectory_{p}{s}" for p in ("derived", "roadmap", "linear")
             for s in ("", "_budget")]
    assert list(doc["methods"]) == [*PAPER_METHODS, *names]
    assert doc["paths"]["linear_start"] == [640.0, 660.0]
    assert doc["paths"]["methods"]["trajectory_roadmap_budget"] == {"path": "roadmap",
                                                                     "netting": "budget"}
    df = pd.read_parquet(out)
    for m in names:
        for k in KINDS:
            x = df[f"{m}_{k}"]
            assert doc["methods"][m][k]["min"] == x.min() and doc["methods"][m][k]["max"] == x.max()
            assert doc["methods"][m][k]["p50"] == pytest.approx(x.median(), rel=1e-12)
    # the paper's four are the same numbers as without --paths (same seed)
    r0 = run_cli(paper_path, "--samples", 4000, "--seed", 7, "--json")
    assert json.loads(r0.stdout)["methods"] == {m: doc["methods"][m] for m in PAPER_METHODS}
    # roadmap/budget: gap = -(10 x 22) - 16 = -236 in every sample (see tests/test_paths.py)
    assert doc["methods"]["trajectory_roadmap_budget"]["gap"]["min"] == pytest.approx(-236.0)
    assert doc["methods"]["trajectory_roadmap_budget"]["gap"]["max"] == pytest.approx(-236.0)
    assert pq.ParquetFile(out).metadata.num_rows == 4000


def test_cli_text_lists_the_path_methods(paper_path):
    r = run_cli(paper_path, "--samples", 200, "--paths", "roadmap")
    assert r.returncode == 0, r.stderr
    assert "trajectory_roadmap" in r.stdout and "cumulative" in r.stdout


def test_user_path_takes_the_tables_netting(ranged_path, tmp_path):
    import tomli_w

    f = tmp_path / "p.toml"
    f.write_bytes(tomli_w.dumps(dict(ranged_path.raw)).encode())
    r = run_cli(f, "--samples", 300, "--paths", "user", "--json")
    assert r.returncode == 0, r.stderr
    assert list(json.loads(r.stdout)["methods"])[-1] == "trajectory_user_budget"
    r = run_cli(f, "--samples", 300, "--paths", "user", "--netting", "annual", "--json")
    assert list(json.loads(r.stdout)["methods"])[-1] == "trajectory_user"


@pytest.mark.parametrize("argv, key", [
    (["--paths", "derived,straight"], "--paths"),
    (["--paths", ""], "--paths"),
    (["--paths", "derived,,linear"], "--paths"),
    (["--paths", "user"], "path"),
    (["--paths", "linear", "--linear-start", "660:640", "--linear-end", "520:570"],
     "--linear-start"),
    (["--paths", "linear", "--linear-start", "640:660", "--linear-end", "570:520"],
     "--linear-end"),
    (["--paths", "linear", "--linear-start", "abc", "--linear-end", "520:570"], "--linear-start"),
    (["--paths", "linear", "--linear-start", "1:2:3", "--linear-end", "520:570"],
     "--linear-start"),
    (["--paths", "linear", "--linear-start", "nan:1", "--linear-end", "520:570"],
     "--linear-start"),
    (["--paths", "linear", "--linear-start", "640:660"], "--linear-end"),
    (["--paths", "roadmap", "--linear-start", "640:660", "--linear-end", "520:570"],
     "--linear-start"),
    (["--netting", "budget"], "--netting"),
    (["--linear-start", "640:660", "--linear-end", "520:570"], "--linear-start"),
])
def test_bad_path_options_exit_2_with_one_line(paper_path, tmp_path, argv, key):
    out = tmp_path / "x.parquet"
    r = run_cli(paper_path, "--samples", 10, *argv, "--out", out)
    assert r.returncode == 2, r.stderr
    assert key in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_parse_range_reads_the_syntax_and_the_sweep_checks_the_numbers():
    assert parse_range("640:660", "--x") == (640.0, 660.0)
    assert parse_range("650", "--x") == (650.0, 650.0)
    assert parse_range(None, "--x") is None
    for bad in ("a:b", "", "1:2:3"):
        with pytest.raises(OptionError, match="--x"):
            parse_range(bad, "--x")
    assert S.check_range((1, 2), "linear_start") == (1.0, 2.0)
    for bad in ((2, 1), (-1, 2), (float("inf"), float("inf")), ("a", "b"), 3):
        with pytest.raises(SweepChoiceError, match="linear_start") as info:
            S.check_range(bad, "linear_start")
        assert info.value.choice == "linear_start"


def test_the_command_line_names_the_flag_the_engine_names_the_choice(tmp_path):
    r = subprocess.run([sys.executable, "-m", "article6.cli", "sweep", "kor-2018-roadmap", "-n", "10",
                        "--paths", "linear", "--linear-start", "660:640", "--linear-end", "500:510"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "--linear-start: expected (low, high)" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_plot_adds_a_histogram_per_path_method(tmp_path, paper_path):
    from article6.io.figures import gap_histograms
    from article6.model.evaluate import evaluate_bounds
    from article6.schema.scenario import load_scenario
    from article6.sweep import make_plan, run_sweep

    sc = load_scenario(paper_path)
    out = tmp_path / "p.parquet"
    run_sweep(make_plan(sc, 500, seed=3, paths="roadmap,linear"), out)
    fig = gap_histograms(out, evaluate_bounds(sc), sc.unit)
    titles = [a.text for a in fig.layout.annotations if "bound" not in a.text]
    assert titles[4:] == ["trajectory roadmap", "trajectory linear"]
    assert len(fig.data) == 6


def test_stated_ndc_target_rows_equal_compare(paper, tmp_path):
    """--ndc-target stated: every method's numbers equal compare(..., ndc_target='stated')."""
    from article6.analyses.compare import compare
    from article6.schema.scenario import scenario_from_dict

    plan = S.make_plan(paper, 300, seed=5, ndc_target="stated", paths="linear")
    df = S.sweep_table(plan).to_pandas()
    derived = S.sweep_table(S.make_plan(paper, 300, seed=5, paths="linear")).to_pandas()
    # same draws; the stated 536 only lowers NDC_T where the derived one was above it
    pd.testing.assert_series_equal(df["trajectory_2030"], derived["trajectory_2030"])
    assert (df["cumulative_need"] >= derived["cumulative_need"] - 1e-9).all()
    for i in (0, 137, 299):
        row = df.iloc[i].to_dict()
        sc = scenario_from_dict(S.row_scenario_dict(paper, row), "(row)")
        doc = compare(sc, ndc_target="stated", paths=False).document["bounds"]["low"]["methods"]
        for m in ("cumulative", "vintage", "averaging", "trajectory"):
            assert row[f"{m}_gap"] == pytest.approx(doc[m]["gap"], abs=1e-9)
        lin = compare(sc, ndc_target="stated", trajectory_path="linear").document
        assert row["trajectory_linear_gap"] == pytest.approx(
            lin["bounds"]["low"]["methods"]["trajectory"]["gap"], abs=1e-9)
    # cumulative need with the stated target: NE_T^enet - 536 (hand: 571.803 - 536 = 35.803 at
    # the low corner, and the 2030 net emissions of each row minus 536 in general)
    net_2030 = df["trajectory_2030"] * (1 + 0.69 * 0.05) - 22.0
    np.testing.assert_allclose(df["cumulative_need"], net_2030 - 536.0, atol=1e-9)


def test_stated_target_changes_identity_only_when_chosen(paper):
    assert "ndc_target" not in S.make_plan(paper, 10).identity()
    assert S.make_plan(paper, 10, ndc_target="stated").identity()["ndc_target"] == {
        "mode": "stated", "stated": 536.0}
    with pytest.raises(SweepError):
        S.make_plan(paper, 10, ndc_target="declared")
