"""The `article6` command end to end: compare --json matches docs/commands.md to the key."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROWS = ["trajectory", "ets_offsets", "national_total", "sink", "national_net", "itmo_total",
        "ndc_target"]
METHODS = ["cumulative", "vintage", "averaging", "trajectory"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "article6.cli", *map(str, args)],
                          capture_output=True, text=True)


def test_compare_json_matches_contract(paper_path):
    proc = run("compare", paper_path, "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)  # exactly one JSON object
    assert {"scenario", "unit", "years", "bounds"} <= set(doc)
    assert doc["scenario"] == "kor-2018-roadmap" and doc["unit"] == "Mt CO2e"
    assert doc["years"] == list(range(2021, 2031))
    assert set(doc["bounds"]) == {"low", "high"}
    for bound in doc["bounds"].values():
        assert set(bound) == {"rows", "methods"}
        assert list(bound["rows"]) == ROWS
        assert all(len(v) == 10 and all(isinstance(x, float) for x in v)
                   for v in bound["rows"].values())
        assert set(METHODS) <= set(bound["methods"])
        for m in METHODS:
            assert {"need", "usage", "gap"} <= set(bound["methods"][m])
    low = doc["bounds"]["low"]["methods"]
    # unrounded: 10 x (571.803 - 536) = 358.03, not the printed 358.0
    assert low["averaging"]["need"] == pytest.approx(358.03, abs=1e-9)
    assert low["cumulative"]["gap"] == pytest.approx(35.803 - 236.6965, abs=1e-9)


def test_compare_json_in_kt_is_scaled(paper_path):
    mt = json.loads(run("compare", paper_path, "--json").stdout)
    kt = json.loads(run("compare", paper_path, "--json", "--unit", "kt CO2e").stdout)
    assert kt["unit"] == "kt CO2e"
    for b in ("low", "high"):
        for m in METHODS:
            for f in ("need", "usage", "gap"):
                assert kt["bounds"][b]["methods"][m][f] == pytest.approx(
                    1000 * mt["bounds"][b]["methods"][m][f], abs=1e-6)


def test_compare_prints_tables_in_paper_layout(paper_path):
    proc = run("compare", paper_path)
    assert proc.returncode == 0
    out = proc.stdout
    assert "Table 3" in out and "Table 4" in out
    assert "2021~2023" in out and "694.1~696.2" in out and "536~570" in out
    assert "-205.1~-200.9" in out  # ascending, as the paper prints it


def test_handmade_kt_scenario_runs_through_cli():
    path = Path(__file__).parent / "data" / "handmade_kt.toml"
    doc = json.loads(run("compare", path, "--json").stdout)
    assert doc["unit"] == "kt CO2e"
    assert doc["bounds"]["high"]["methods"]["averaging"]["gap"] == pytest.approx(4400.0)


def test_unknown_command_exit_2():
    proc = run("frobnicate")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
