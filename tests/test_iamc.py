"""IAMC export and import (article6/io/iamc.py, article6 export)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from article6.cli import main
from article6.io.iamc import IAMC_COLUMNS, ROW_VARIABLES, scenario_dict_from_iamc, to_iamc, write_csv
from article6.model.evaluate import evaluate_bounds
from article6.schema.scenario import load_scenario, scenario_from_dict

ROOT = Path(__file__).resolve().parents[1]
SYN = ROOT / "tests" / "data" / "synthetic.toml"
KOR23 = ROOT / "data" / "scenarios" / "kor-2023-plan.toml"


def _same_results(a, b):
    ra, rb = evaluate_bounds(a), evaluate_bounds(b)
    assert a.years == b.years
    for k, v in ra.rows.as_dict().items():
        np.testing.assert_array_equal(v, rb.rows.as_dict()[k], err_msg=k)
    for m in ra.methods:
        for part in ("need", "usage", "gap"):
            np.testing.assert_array_equal(getattr(ra.methods[m], part),
                                          getattr(rb.methods[m], part))


def test_layout_and_hand_values():
    s = load_scenario(SYN)
    df = to_iamc(s)
    assert list(df.columns[:5]) == list(IAMC_COLUMNS)
    assert list(df.columns[5:]) == [2021, 2022, 2023, 2024, 2025]
    assert set(df["scenario"]) == {"synthetic|low", "synthetic|high"}
    row = df[(df.scenario == "synthetic|low") & (df.variable == "ITMO|Usage|Total")].iloc[0]
    # hand-worked in tests/data/synthetic.toml
    assert [row[y] for y in range(2021, 2026)] == pytest.approx([5, 4.5, 4, 3.5, 13])
    assert row["unit"] == "Mt CO2e/yr"
    need = df[(df.scenario == "synthetic|high") & (df.variable == "ITMO|Need|Averaging")].iloc[0]
    assert np.isnan(need[2021]) and need[2025] == pytest.approx(90.0)  # 5 x 18
    gap = df[(df.scenario == "synthetic|low") & (df.variable == "ITMO|Gap|Cumulative")].iloc[0]
    assert gap[2025] == pytest.approx(-17.0)  # 13 - 30


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("path", [SYN, KOR23, ROOT / "data/scenarios/kor-2018-roadmap.toml"])
def test_round_trip_through_cli(tmp_path, capsys, path, suffix):
    out = tmp_path / f"x{suffix}"
    opt = "--iamc" if suffix == ".csv" else "--excel"
    assert main(["export", str(path), opt, str(out)]) == 0
    new = tmp_path / "new.toml"
    assert main(["export", "--import-iamc", str(out), "--out", str(new)]) == 0
    capsys.readouterr()
    _same_results(load_scenario(path), load_scenario(new))


def test_import_trajectory_only_with_base(tmp_path):
    # a file with only a trajectory, in kt CO2e/yr, imported onto the paper scenario
    years = list(range(2021, 2031))
    traj = [660_000.0] * 9 + [580_000.0]
    row = ["natmodel", "ref", "KOR", ROW_VARIABLES["trajectory"], "kt CO2e/yr", *traj]
    df = pd.DataFrame([row],
                      columns=list(IAMC_COLUMNS) + years)
    f = tmp_path / "t.csv"
    df.to_csv(f, index=False)
    base = load_scenario(ROOT / "data/scenarios/kor-2018-roadmap.toml")
    doc = scenario_dict_from_iamc(f, base=base.raw, new_id="imported")
    s = scenario_from_dict(doc, "t")
    assert s.unit == "Mt CO2e" and s.ets_share.low[0] == 0.69
    np.testing.assert_allclose(s.trajectory.low, [660.0] * 9 + [580.0])
    # vintage need = ITMO_T^total = 580 x 0.69 x 0.05 + 16 = 36.01
    r = evaluate_bounds(s)
    assert r.methods["vintage"].need[0] == pytest.approx(36.01)


def test_reads_pyam_capitalised_columns(tmp_path):
    s = load_scenario(SYN)
    df = to_iamc(s).rename(columns={c: c.capitalize() for c in IAMC_COLUMNS})
    f = tmp_path / "cap.csv"
    df.to_csv(f, index=False)
    _same_results(s, scenario_from_dict(scenario_dict_from_iamc(f), "x"))


def _bad(tmp_path, mutate) -> Path:
    df = to_iamc(load_scenario(SYN))
    mutate(df)
    f = tmp_path / "bad.csv"
    write_csv(df, f)
    return f


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d.loc.__setitem__((0, "variable"), "Emissions|CO2|Foo"), "Emissions|CO2|Foo"),
        (lambda d: d.loc.__setitem__((0, "unit"), "Mt apples/yr"), "Mt apples/yr"),
        (lambda d: d.loc.__setitem__((8, "unit"), "percent-ish"), "percent-ish"),
        (lambda d: d.loc.__setitem__((d.index[-1], "unit"), "dollars"), "dollars"),
        (lambda d: d.__setitem__("scenario", ["a|low", "b|low"] * (len(d) // 2)), "exactly one"),
    ],
)
def test_bad_iamc_exit_2(tmp_path, capsys, mutate, words):
    f = _bad(tmp_path, mutate)
    out_toml = tmp_path / "out.toml"
    status = main(["export", "--import-iamc", str(f), "--out", str(out_toml)])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and words in err and str(f) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out_toml.exists()


def test_missing_input_without_base_exit_2(tmp_path, capsys):
    f = _bad(tmp_path, lambda d: d.drop(d[d.variable == "Share|ETS Coverage"].index, inplace=True))
    status = main(["export", "--import-iamc", str(f), "--out", str(tmp_path / "o.toml")])
    _, err = capsys.readouterr()
    assert status == 2 and "Share|ETS Coverage" in err and "--base" in err


def test_export_options_exit_2(tmp_path, capsys):
    assert main(["export", str(SYN)]) == 2
    assert main(["export", "--import-iamc", str(tmp_path / "x.csv")]) == 2
    assert main(["export", str(SYN), "--iamc", str(tmp_path / "no" / "x.csv")]) == 2
    capsys.readouterr()


def test_cost_variables_when_priced(tmp_path, capsys):
    f = tmp_path / "c.csv"
    assert main(["export", str(SYN), "--iamc", str(f)]) == 0
    capsys.readouterr()
    df = pd.read_csv(f)
    row = df[(df.scenario == "synthetic|low") & (df.variable == "Cost|ITMO|Gap|Averaging")].iloc[0]
    assert row["unit"] == "USD" and row["2025"] == pytest.approx(535e6)  # tests/test_costs.py
    # written TOML of an import is valid TOML and names the file among its sources
    new = tmp_path / "n.toml"
    assert main(["export", "--import-iamc", str(f), "--out", str(new)]) == 0
    capsys.readouterr()
    doc = tomllib.loads(new.read_text())
    assert any("c.csv" in s for s in doc["scenario"]["sources"])


def test_pyam_reads_the_export(tmp_path):
    pyam = pytest.importorskip("pyam")
    s = load_scenario(SYN)
    f, x = tmp_path / "p.csv", tmp_path / "p.xlsx"
    assert main(["export", str(SYN), "--iamc", str(f), "--excel", str(x)]) == 0
    for path in (f, x):
        df = pyam.IamDataFrame(path)
        assert set(df.scenario) == {"synthetic|low", "synthetic|high"}
        ts = df.filter(scenario="synthetic|low", variable="ITMO|Usage|Total").timeseries()
        assert list(ts.iloc[0].values) == pytest.approx([5, 4.5, 4, 3.5, 13])
    # and what pyam writes comes back in
    back = tmp_path / "back.csv"
    pyam.IamDataFrame(f).to_csv(back)
    _same_results(s, scenario_from_dict(scenario_dict_from_iamc(back), "x"))
