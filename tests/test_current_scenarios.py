"""The current Korean scenarios, the template and the synthetic test scenario."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from article6.cli import main
from article6.model.evaluate import evaluate_bounds
from article6.schema.anchors import interpolated_years
from article6.schema.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "scenarios"
NDC21, PLAN23 = DATA / "kor-2021-ndc.toml", DATA / "kor-2023-plan.toml"

# (file, international reductions, CCUS) as the sources print them
FACTS = [(NDC21, 33.5, 10.3), (PLAN23, 37.5, 11.2)]


@pytest.mark.parametrize(("path", "intl", "ccus"), FACTS)
def test_2030_trajectory_is_derived_from_sourced_figures(path, intl, ccus):
    s = load_scenario(path)
    assert s.target == 436.6 and s.sink.low[-1] == 26.7 and s.net_overseas.low[-1] == intl
    # low: target + sinks + international; high: CCUS not delivered
    assert s.trajectory.low[-1] == pytest.approx(436.6 + 26.7 + intl)
    assert s.trajectory.high[-1] - s.trajectory.low[-1] == pytest.approx(ccus)
    # the model's NDC_T^e at the low bound is then exactly the stated target
    r = evaluate_bounds(s)
    assert r.rows.ndc_target[0, -1] == pytest.approx(436.6)
    # 2018 base year: 436.6 is -40 % of 727.6 (to the 0.1 Mt the NDC prints)
    assert 727.6 * 0.6 == pytest.approx(436.6, abs=0.05)


@pytest.mark.parametrize(("path", "intl", "ccus"), FACTS)
def test_2021_low_anchor_is_the_straight_line_from_2018(path, intl, ccus):
    s = load_scenario(path)
    t2030 = 436.6 + 26.7 + intl
    assert s.trajectory.low[0] == pytest.approx(727.6 + 3 / 12 * (t2030 - 727.6), abs=0.05)


def test_2023_anchor_is_the_plans_annual_target():
    s = load_scenario(PLAN23)
    i = s.years.index(2023)
    assert s.trajectory.low[i] == 633.9
    assert s.trajectory.high[i] == pytest.approx(633.9 + 26.7)
    assert interpolated_years(s.years, s.trajectory) == [2022, 2024, 2025, 2026, 2027, 2028, 2029]
    assert interpolated_years(load_scenario(NDC21).years, load_scenario(NDC21).trajectory) == \
        list(range(2022, 2030))


def test_vintage_need_by_hand():
    # ITMO_T^total = Traj_T x ETS x Offset + ITMO_T^net
    r = evaluate_bounds(load_scenario(NDC21))
    np.testing.assert_allclose(r.methods["vintage"].need,
                               [496.8 * 0.69 * 0.025 + 33.5, 507.1 * 0.735 * 0.05 + 33.5])
    r = evaluate_bounds(load_scenario(PLAN23))
    np.testing.assert_allclose(r.methods["vintage"].need,
                               [500.8 * 0.69 * 0.025 + 37.5, 512.0 * 0.735 * 0.05 + 37.5])


@pytest.mark.parametrize("path", [NDC21, PLAN23])
def test_unsourced_figures_are_marked(path):
    text = path.read_text(encoding="utf-8")
    s = load_scenario(path)
    # the current-period ETS share and offset limit are assumptions, given as ranges
    assert s.ets_share.ranged and s.offset_limit.ranged
    # the comment block right above each of these lines names an ASSUMPTION
    lines = text.splitlines()
    for key in ("share", "offset_limit", "sink", "2021", "2030", "reference_points"):
        i = next(j for j, ln in enumerate(lines) if re.match(rf"{key} = ", ln))
        block = []
        while i > 0 and lines[i - 1].startswith("#"):
            i -= 1
            block.append(lines[i])
        assert any("ASSUMPTION" in ln for ln in block), key
    assert text.count("# ASSUMPTION") >= 5
    for k in ("trajectory_2021", "trajectory_2030", "ets_share", "offset_limit", "sink", "price"):
        assert k in s.raw["assumptions"]
    assert s.sources and all(s.sources)


def test_compare_kor_2023_plan_runs(capsys):
    assert main(["compare", str(PLAN23)]) == 0
    out = capsys.readouterr().out
    assert "Table 4" in out and "interpolated" in out and "Cost of need (A)" in out
    assert main(["compare", str(PLAN23), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["trajectory_interpolated_years"] == [2022, 2024, 2025, 2026, 2027, 2028, 2029]
    assert doc["price"]["currency"] == "KRW"


def test_template_loads_and_runs(capsys):
    assert main(["compare", str(ROOT / "data" / "templates" / "scenario.toml")]) == 0
    capsys.readouterr()


def test_synthetic_by_hand():
    r = evaluate_bounds(load_scenario(ROOT / "tests" / "data" / "synthetic.toml"))
    np.testing.assert_allclose(r.rows.itmo_total, [[5, 4.5, 4, 3.5, 13], [10, 9.5, 9, 8.5, 18]])
    np.testing.assert_allclose(r.methods["cumulative"].gap, [-17, -37])
    np.testing.assert_allclose(r.methods["averaging"].need, [65, 90])
    np.testing.assert_allclose(r.methods["averaging"].gap, [35, 35])
