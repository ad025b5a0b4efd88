"""Submitted trajectory paths, the stated target and the path sweeps (article6/model/paths.py).

Hand-made case used throughout (3 years, T = 3rd year), worked out here:

    Trajectory = [100, 90, 80], ETS share 0.5, offset limit 0.1 -> ITMO^ets = [5, 4.5, 4]
    Sink = 4.5 every year, ITMO_T^net = 3 in T only
    NE^enet   = Trajectory + ITMO^ets - Sink = [100.5, 90, 79.5]
    ITMO^total = ITMO^ets + net             = [5, 4.5, 7]      (usage B = 16.5)
    NDC_i (eq. 8 at equality) = NE - ITMO   = [95.5, 85.5, 72.5]
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from article6 import errors as E
from article6.cli import main
from article6.model.evaluate import MethodOptions, evaluate, evaluate_bounds
from article6.model.methods import METHODS
from article6.model.paths import (
    SubmittedTrajectory,
    linear_between,
    linear_paths,
    path_gaps,
    path_need,
    trajectory_for,
    user_path_bounds,
    with_stated_target,
)
from article6.model.usage import usage_rows
from article6.schema.scenario import Inputs, scenario_from_dict

YEARS = (2021, 2022, 2023)


def small_inputs():
    return Inputs(
        trajectory=np.array([[100.0, 90.0, 80.0]]), ets_share=0.5, offset_limit=0.1,
        sink=4.5, net_overseas=np.array([[0.0, 0.0, 3.0]]),
    )


def need(method, rows):
    return float(method.need(rows)[0])


def test_small_case_rows_as_worked_out():
    rows = usage_rows(small_inputs())
    np.testing.assert_allclose(rows.national_net[0], [100.5, 90.0, 79.5])
    np.testing.assert_allclose(rows.ndc_target[0], [95.5, 85.5, 72.5])


def test_derived_path_is_the_papers_trajectory_method_bit_for_bit(paper):
    r = evaluate_bounds(paper, [SubmittedTrajectory()])
    ref = evaluate_bounds(paper)
    assert np.array_equal(r.methods["trajectory"].need, ref.methods["trajectory"].need)
    assert np.array_equal(r.methods["trajectory"].gap, ref.methods["trajectory"].gap)


def test_derived_path_equals_trajectory_minus_sink_less_net_in_target_year(paper):
    # NDC_i = NE_i^enet - ITMO_i^total = (Traj + ets - Sink) - (ets + net_i) = Traj - Sink - net_i,
    # net_i = ITMO_T^net in T only. Paper: 2021 low 671 - 22 = 649; 2030 low 574 - 22 - 16 = 536,
    # high 608 - 22 - 16 = 570 (Table 3 prints 649~651 ... 536~570).
    rows = evaluate_bounds(paper).rows
    path = SubmittedTrajectory().path_values(rows)
    expected = rows.trajectory - rows.sink
    expected = expected.copy()
    expected[:, -1] -= 16.0
    np.testing.assert_allclose(path, expected, atol=1e-9)
    np.testing.assert_allclose(path[:, 0], [649.0, 651.0], atol=1e-9)
    np.testing.assert_allclose(path[:, -1], [536.0, 570.0], atol=1e-9)


def test_roadmap_path_surplus_not_credited_vs_budget():
    rows = usage_rows(small_inputs())
    # excess vs roadmap [100, 90, 80]: [0.5, 0, -0.5]
    # annual: 0.5 + 0 + 0 = 0.5 (the -0.5 surplus is not credited); budget: max(0, 0) = 0
    assert need(SubmittedTrajectory(path="roadmap"), rows) == pytest.approx(0.5)
    assert need(SubmittedTrajectory(path="roadmap", netting="budget"), rows) == pytest.approx(0.0)


def test_years_below_path_need_nothing_each_year():
    rows = usage_rows(small_inputs())
    m = SubmittedTrajectory(path="roadmap")
    np.testing.assert_allclose(m.annual_need(rows)[0], [0.5, 0.0, 0.0])


def test_linear_path_from_first_net_to_ndc_t():
    rows = usage_rows(small_inputs())
    m = SubmittedTrajectory(path="linear")
    # line 100.5 -> 72.5: [100.5, 86.5, 72.5]; excess [0, 3.5, 7] -> need 10.5, gap 10.5 - 16.5 = -6
    np.testing.assert_allclose(m.path_values(rows)[0], [100.5, 86.5, 72.5])
    r = evaluate(small_inputs(), YEARS, [m])
    assert float(r.methods["trajectory"].need[0]) == pytest.approx(10.5)
    assert float(r.methods["trajectory"].gap[0]) == pytest.approx(-6.0)


def test_user_path_annual_and_budget():
    rows = usage_rows(small_inputs())
    user = np.array([101.0, 89.0, 80.0])
    # excess [-0.5, 1, -0.5]: annual 1.0; budget max(0, 0.0) = 0
    assert need(SubmittedTrajectory(path="user", values=user), rows) == pytest.approx(1.0)
    assert need(SubmittedTrajectory(path="user", values=user, netting="budget"), rows) == pytest.approx(0.0)


def test_budget_never_exceeds_annual_property():
    rng = np.random.default_rng(7)
    rows = usage_rows(Inputs(
        trajectory=rng.uniform(50, 150, (200, 6)), ets_share=0.6, offset_limit=0.05,
        sink=rng.uniform(0, 20, (200, 1)), net_overseas=np.zeros((200, 6)),
    ))
    paths = rng.uniform(40, 160, (200, 6))
    a = path_need(rows, paths, "annual")
    b = path_need(rows, paths, "budget")
    assert np.all(b <= a + 1e-9) and np.all(b >= 0)


def test_stated_target_replaces_only_t():
    rows = with_stated_target(usage_rows(small_inputs()), 70.0)
    np.testing.assert_allclose(rows.ndc_target[0], [95.5, 85.5, 70.0])
    # derived path now ends at 70: need = 5 + 4.5 + (79.5 - 70) = 19
    assert need(SubmittedTrajectory(), rows) == pytest.approx(19.0)
    # linear to 70: [100.5, 85.25, 70]; excess [0, 4.75, 9.5] = 14.25
    assert need(SubmittedTrajectory(path="linear"), rows) == pytest.approx(14.25)


def test_stated_target_on_paper_cumulative(paper):
    # cumulative need high with NDC_T = 536: 608 + 608*0.69*0.05 - 22 - 536 = 70.976 (derived: 36.976)
    r = evaluate_bounds(paper, options=MethodOptions.for_scenario(paper, "stated"))
    np.testing.assert_allclose(r.methods["cumulative"].need, [35.803, 70.976], atol=1e-9)


def test_linear_between_and_linear_paths():
    np.testing.assert_allclose(linear_between([10.0], [4.0], 4), [[10, 8, 6, 4]])
    draws = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.25]])
    # start 100..110, end 50..70: [100 -> 50], [110 -> 70], [105 -> 55] with midpoints 75, 90, 80
    got = linear_paths(100.0, 110.0, 50.0, 70.0, draws, 3)
    np.testing.assert_allclose(got, [[100, 75, 50], [110, 90, 70], [105, 80, 55]])
    with pytest.raises(ValueError):
        linear_paths(100.0, 110.0, 50.0, 70.0, np.array([[0.5, 1.5]]), 3)
    with pytest.raises(ValueError):
        linear_paths(110.0, 100.0, 50.0, 70.0, draws, 3)


def test_linear_paths_feed_the_method_batch():
    # two samples of the small case, two drawn paths: each sample gets its own path
    inputs = Inputs(trajectory=np.array([[100.0, 90.0, 80.0]] * 2), ets_share=0.5,
                    offset_limit=0.1, sink=4.5, net_overseas=np.array([[0.0, 0.0, 3.0]] * 2))
    paths = linear_paths(100.5, 100.5, 72.5, 79.5, np.array([[0.0, 0.0], [0.0, 1.0]]), 3)
    r = evaluate(inputs, YEARS, [SubmittedTrajectory(path="user", values=paths)])
    # sample 0: line to 72.5 -> need 10.5 (above); sample 1: line 100.5 -> 90 -> 79.5 equals NE -> 0
    np.testing.assert_allclose(r.methods["trajectory"].need, [10.5, 0.0], atol=1e-12)


def _with_path(paper, path_tab):
    doc = dict(paper.raw)
    doc["path"] = path_tab
    return scenario_from_dict(doc, source="mem.toml")


def test_path_table_in_scenario(paper):
    vals = {str(y): 650.0 for y in paper.years}
    vals["2030"] = {"low": 536.0, "high": 570.0}
    s = _with_path(paper, {"values": vals, "netting": "budget", "sources": ["assumption"]})
    lo, hi, netting = user_path_bounds(s)
    assert netting == "budget" and lo[-1] == 536.0 and hi[-1] == 570.0
    m = trajectory_for(s)  # a [path] is used when present
    assert m.path == "user" and m.netting == "budget"
    # unit conversion: the [path] follows the scenario into kt
    lo_kt, _, _ = user_path_bounds(s.in_unit("kt CO2e"))
    assert lo_kt[0] == pytest.approx(650_000.0)


@pytest.mark.parametrize("tab, key", [
    ({"values": {"2021": 1.0}}, "path.values"),
    ({"netting": "annual"}, "path.values"),
    ({"values": {}, "netting": "weekly"}, "path.netting"),
    ({"vals": 1}, "path.vals"),
])
def test_bad_path_table(paper, tab, key):
    # refused when the scenario is loaded, before any command chooses a path
    with pytest.raises(E.ScenarioError) as exc:
        _with_path(paper, tab)
    assert key in str(exc.value)


def test_user_path_without_table_is_refused(paper):
    with pytest.raises(E.OptionError, match="path"):
        trajectory_for(paper, "user")


def test_path_gaps_paper_by_hand(paper):
    g = path_gaps(paper)
    # roadmap, low bound: excess_i = 0.0345 x Traj_i - 22:
    #   2021-23: 671 x 0.0345 - 22 = 1.1495 (x3); 2024-26: 0.356 (x3); 2027-29: -0.541 (x3); 2030: -2.197
    # annual = 3 x 1.1495 + 3 x 0.356 = 4.5165; budget = 4.5165 - 1.623 - 2.197 = 0.6965
    assert g["roadmap/annual"]["low"]["need"] == pytest.approx(4.5165)
    assert g["roadmap/budget"]["low"]["need"] == pytest.approx(0.6965)
    # budget gap = sum(ets - sink) - (sum(ets) + 16) = -(10 x 22) - 16 = -236 at both bounds
    assert g["roadmap/budget"]["high"]["gap"] == pytest.approx(-236.0)
    assert g["derived/annual"]["low"]["gap"] == pytest.approx(0.0, abs=1e-9)


def test_compare_json_default_unchanged_and_path_flags(paper_path, capsys):
    assert main(["compare", str(paper_path), "--json"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert main(["compare", str(paper_path), "--json", "--trajectory-path", "derived"]) == 0
    derived = json.loads(capsys.readouterr().out)
    assert default["bounds"] == derived["bounds"]
    assert derived["trajectory_path"] == "derived" and derived["ndc_target_mode"] == "derived"
    assert "trajectory_paths" not in default and "trajectory_path" not in default
    assert main(["compare", str(paper_path), "--json", "--trajectory-path", "roadmap",
                 "--netting", "budget", "--paths"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["bounds"]["low"]["methods"]["trajectory"]["gap"] == pytest.approx(-236.0)
    assert doc["bounds"]["low"]["methods"]["cumulative"] == default["bounds"]["low"]["methods"]["cumulative"]
    assert set(doc["trajectory_paths"]) == {
        f"{p}/{n}" for p in ("derived", "roadmap", "linear") for n in ("annual", "budget")
    }


def test_compare_text_paths_and_mark(paper_path, capsys):
    assert main(["compare", str(paper_path), "--paths", "--mark-adopted"]) == 0
    out = capsys.readouterr().out
    assert "roadmap/budget" in out and "-236.0" in out
    assert "† not in 2/CMA.3" in out


def test_compare_stated_without_target_refused(tmp_path, paper_path, capsys):
    text = paper_path.read_text().replace("target = 536.0", "")
    f = tmp_path / "s.toml"
    f.write_text(text)
    assert main(["compare", str(f), "--ndc-target", "stated"]) == 2
    assert "ndc.target" in capsys.readouterr().err


def test_paper_trajectory_registry_untouched():
    assert METHODS["trajectory"].adopted_in_2_cma_3 is True


def test_sweep_path_methods_names_and_values():
    from article6.model.paths import sweep_path_methods

    inputs = small_inputs()
    lines = linear_paths(100.5, 100.5, 72.5, 72.5, np.array([[0.3, 0.9]]), 3)
    ms = sweep_path_methods(nettings=("annual", "budget"), linear_values=lines)
    assert [m.name for m in ms] == [
        "trajectory_derived", "trajectory_derived_budget", "trajectory_roadmap",
        "trajectory_roadmap_budget", "trajectory_linear", "trajectory_linear_budget",
        "trajectory_linear_range", "trajectory_linear_range_budget",
    ]
    r = evaluate(inputs, YEARS, ms)
    # worked out above: roadmap annual 0.5 / budget 0; linear 10.5; a drawn line equal to the
    # linear path (start and end ranges are single points) gives the same 10.5
    assert float(r.methods["trajectory_roadmap"].need[0]) == pytest.approx(0.5)
    assert float(r.methods["trajectory_roadmap_budget"].need[0]) == pytest.approx(0.0)
    assert float(r.methods["trajectory_linear_range"].need[0]) == pytest.approx(10.5)
    assert float(r.methods["trajectory_derived"].gap[0]) == pytest.approx(0.0)
