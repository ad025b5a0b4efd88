"""The bad-input corpus: one tiny file per error class, each refused with a message naming file and key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from article6 import errors as E
from article6.schema.scenario import load_scenario

BAD = Path(__file__).parent / "bad_inputs"

# file stem -> (error class, key the message must name)
CASES = {
    "not_toml": (E.TomlSyntaxError, "(file)"),
    "not_utf8": (E.TomlSyntaxError, "(file)"),
    "missing_id": (E.MissingKeyError, "scenario.id"),
    "missing_trajectory": (E.MissingKeyError, "trajectory"),
    "unknown_section": (E.UnknownKeyError, "etss"),
    "unknown_key": (E.UnknownKeyError, "ets.sahre"),
    "year_outside_period": (E.YearError, "trajectory.values.2031"),
    "year_missing": (E.YearError, "trajectory.values"),
    "period_reversed": (E.YearError, "scenario.period"),
    "blocks_gap": (E.YearError, "trajectory.blocks"),
    "blocks_overlap": (E.YearError, "trajectory.blocks[1]"),
    "negative_emission": (E.NegativeEmissionError, "ndc.sink"),
    "negative_trajectory": (E.NegativeEmissionError, "trajectory.values.2022"),
    "share_above_one": (E.ShareRangeError, "ets.share"),
    "range_low_above_high": (E.RangeOrderError, "ets.offset_limit"),
    "nan_value": (E.NonFiniteError, "ndc.sink"),
    "infinite_value": (E.NonFiniteError, "trajectory.values.2022"),
    "unknown_unit": (E.UnitError, "scenario.unit"),
    "non_co2e_unit": (E.UnitError, "scenario.unit"),
    "bad_id": (E.TypeMismatchError, "scenario.id"),
    "text_for_number": (E.TypeMismatchError, "ets.share"),
    "two_trajectory_forms": (E.MissingKeyError, "trajectory"),
    "wrong_schema": (E.TypeMismatchError, "schema"),
}


def test_corpus_is_complete():
    assert {p.stem for p in BAD.glob("*.toml")} == set(CASES)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_each_bad_file_raises_its_own_class(stem):
    cls, key = CASES[stem]
    path = BAD / f"{stem}.toml"
    with pytest.raises(cls) as info:
        load_scenario(path)
    msg = str(info.value)
    assert str(path) in msg
    assert f": {key}" in msg
    assert "expected" in msg
    assert type(info.value) is cls  # the most specific class, not a parent


@pytest.mark.parametrize("stem", ["not_toml", "share_above_one", "unknown_unit", "year_missing"])
def test_cli_refuses_with_exit_2_and_one_line(stem):
    path = BAD / f"{stem}.toml"
    proc = subprocess.run(
        [sys.executable, "-m", "article6.cli", "compare", str(path), "--json"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and CASES[stem][1] in lines[0]


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(E.ScenarioError, match="existing scenario file"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(E.ScenarioError, match="not a directory"):
        load_scenario(tmp_path)


def test_oversized_file_refused_before_parsing(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 1_100_000)
    with pytest.raises(E.TomlSyntaxError, match="at most"):
        load_scenario(big)


def test_bad_unit_option_exit_2(paper_path):
    proc = subprocess.run(
        [sys.executable, "-m", "article6.cli", "compare", str(paper_path), "--unit", "m"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2 and "--unit" in proc.stderr and "Traceback" not in proc.stderr
