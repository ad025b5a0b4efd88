"""Every shipped scenario through every command-line view, and the views agree.

The scenarios are found by listing the package's data (so a new file is tested
without touching this test); each goes through ``compare``, ``compare --json``,
``sweep``, ``sensitivity`` and ``export``, by id and by path.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from article6.cli import main
from article6.resources import builtin_scenarios, scenario_dir, template_path
from article6.schema.scenario import load_scenario

BUILTIN = builtin_scenarios()
IDS = sorted(BUILTIN)


def _run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_listing_is_the_folder_and_not_the_template():
    assert IDS == sorted(p.stem for p in scenario_dir().glob("*.toml"))
    assert len(IDS) >= 3
    assert template_path().is_file() and template_path().parent != scenario_dir()
    assert "template" not in IDS


@pytest.mark.parametrize("sid", IDS)
def test_file_id_matches_its_name(sid):
    s = load_scenario(BUILTIN[sid].path)
    assert s.id == sid
    assert (s.party, s.title) == (BUILTIN[sid].party, BUILTIN[sid].title)
    assert (s.years[0], s.years[-1]) == BUILTIN[sid].period


def test_scenarios_command_lists_them(capsys):
    status, out, _ = _run(capsys, "scenarios", "--json")
    assert status == 0
    listed = json.loads(out)["scenarios"]
    assert [s["id"] for s in listed] == IDS
    status, out, _ = _run(capsys, "scenarios")
    assert status == 0 and all(sid in out for sid in IDS)


@pytest.mark.parametrize("sid", IDS)
def test_compare_by_id_equals_compare_by_path(sid, capsys):
    path = BUILTIN[sid].path
    for extra in ([], ["--json"], ["--exact"]):
        a = _run(capsys, "compare", sid, *extra)
        b = _run(capsys, "compare", path, *extra)
        assert a[0] == b[0] == 0, a[2]
        if extra == ["--json"]:
            assert json.loads(a[1]) == json.loads(b[1])
        else:
            assert a[1] == b[1]


@pytest.mark.parametrize("sid", IDS)
def test_compare_json_is_consistent(sid, capsys):
    status, out, _ = _run(capsys, "compare", sid, "--json")
    assert status == 0
    doc = json.loads(out)  # strict JSON: no NaN or Infinity tokens
    assert "NaN" not in out and "Infinity" not in out
    n = len(doc["years"])
    for bound in ("low", "high"):
        b = doc["bounds"][bound]
        assert all(len(v) == n for v in b["rows"].values())
        for m, r in b["methods"].items():
            assert math.isclose(r["gap"], r["need"] - r["usage"], abs_tol=1e-9), (bound, m)
    assert set(doc["bounds"]["low"]["methods"]) >= {"cumulative", "vintage", "averaging", "trajectory"}


@pytest.mark.parametrize("sid", IDS)
def test_sweep_rows_lie_between_the_bounds(sid, capsys, tmp_path):
    status, out, _ = _run(capsys, "compare", sid, "--json")
    doc = json.loads(out)
    parquet = tmp_path / "s.parquet"
    status, out, err = _run(capsys, "sweep", sid, "--samples", 300, "--seed", 1, "--out", parquet,
                            "--json")
    assert status == 0, err
    summary = json.loads(out)
    frame = pd.read_parquet(parquet)
    assert len(frame) == summary["samples"] == 300
    for m in doc["bounds"]["low"]["methods"]:
        need, usage, gap = (frame[f"{m}_{q}"].to_numpy() for q in ("need", "usage", "gap"))
        np.testing.assert_allclose(gap, need - usage, atol=1e-9)
        assert summary["methods"][m]["gap"]["min"] == pytest.approx(gap.min())
    # usage and need are monotone in every input of the paper's model for the cumulative and
    # vintage methods: every draw lies within the two bounds of compare
    for m in ("cumulative", "vintage"):
        lo, hi = (doc["bounds"][b]["methods"][m]["need"] for b in ("low", "high"))
        col = frame[f"{m}_need"]
        assert col.min() >= min(lo, hi) - 1e-9 and col.max() <= max(lo, hi) + 1e-9


@pytest.mark.parametrize("sid", IDS)
def test_sensitivity_baseline_is_compare(sid, capsys):
    status, out, _ = _run(capsys, "compare", sid, "--json")
    low = json.loads(out)["bounds"]["low"]["methods"]
    status, out, err = _run(capsys, "sensitivity", sid, "--json", "--base", "low")
    assert status == 0, err
    doc = json.loads(out)
    for m, gap in doc["baseline_gap"].items():
        assert gap == pytest.approx(low[m]["gap"], abs=1e-9)


@pytest.mark.parametrize("sid", IDS)
def test_export_round_trip(sid, capsys, tmp_path):
    csv = tmp_path / "x.csv"
    status, _, err = _run(capsys, "export", sid, "--iamc", csv)
    assert status == 0, err
    new = tmp_path / "new.toml"
    status, _, err = _run(capsys, "export", "--import-iamc", csv, "--out", new, "--base", sid)
    assert status == 0, err
    a = _run(capsys, "compare", sid, "--json")[1]
    b = _run(capsys, "compare", new, "--json")[1]
    da, db = json.loads(a), json.loads(b)
    assert da["bounds"] == db["bounds"]


def test_an_unknown_id_is_refused_naming_the_ids(capsys):
    status, out, err = _run(capsys, "compare", "no-such-scenario")
    assert status == 2 and out == ""
    assert "no-such-scenario" in err and all(sid in err for sid in IDS)
    assert "Traceback" not in err
