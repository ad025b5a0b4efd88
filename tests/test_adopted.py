"""Methods of decision 2/CMA.3, annex, para 7 (article6/model/adopted.py), on hand-made cases."""

from __future__ import annotations

import json

import numpy as np
import pytest

from article6.cli import main
from article6.model import adopted as A
from article6.model.evaluate import evaluate, evaluate_bounds
from article6.model.methods import METHODS
from article6.schema.scenario import Inputs

YEARS5 = (2021, 2022, 2023, 2024, 2025)


def five_year_inputs():
    """Single-year NDC (T = 2025), worked out:

    Trajectory [100, 98, 96, 94, 92], ETS 0.5 x offset 0.1 -> ITMO^ets [5, 4.9, 4.8, 4.7, 4.6]
    Sink 0, ITMO_T^net = 2 in T
    NE^enet = [105, 102.9, 100.8, 98.7, 96.6]; ITMO^total = [5, 4.9, 4.8, 4.7, 6.6]
    NDC_T = 96.6 - 6.6 = 90, so the NDC-year shortfall NE_T - NDC_T = 6.6
    """
    return Inputs(trajectory=np.array([[100.0, 98.0, 96.0, 94.0, 92.0]]), ets_share=0.5,
                  offset_limit=0.1, sink=0.0, net_overseas=np.array([[0, 0, 0, 0, 2.0]]))


def test_all_adopted_methods_registered_and_cite_the_paragraph():
    for name in A.ADOPTED_METHODS:
        m = METHODS[name]
        assert m.adopted_in_2_cma_3 is True
        assert "2/CMA.3" in m.wording
        assert "decision 2/CMA.3, annex, para 7" in type(m).__doc__


def test_averaging_fewer_elapsed_years_than_period():
    # e = 3 of 5 years: average of the first 3 years' ITMOs = (5 + 4.9 + 4.8) / 3 = 4.9
    # need A = 3 x 6.6 = 19.8; usage B = 14.7; gap = 5.1 = 3 x (6.6 - 4.9)
    r = evaluate(five_year_inputs(), YEARS5, [A.SingleYearAveraging(elapsed_years=3)])
    m = r.methods["single_year_averaging"]
    assert float(m.need[0]) == pytest.approx(19.8)
    assert float(m.usage[0]) == pytest.approx(14.7)
    assert float(m.gap[0]) == pytest.approx(5.1)


def test_averaging_all_years_elapsed():
    # e = n = 5: need 5 x 6.6 = 33; usage 5 + 4.9 + 4.8 + 4.7 + 6.6 = 26; gap 7
    r = evaluate(five_year_inputs(), YEARS5, [A.SingleYearAveraging()])
    m = r.methods["single_year_averaging"]
    assert (float(m.need[0]), float(m.usage[0])) == (pytest.approx(33.0), pytest.approx(26.0))


def test_averaging_adjustments_indicative_and_ndc_year():
    # net transfers (acquirer): -ITMO^total = [-5, -4.9, -4.8, -4.7, -6.6], cumulative -26
    # e = 3: avg = -26 / 3 in 2021-2023 (indicative) and in the NDC year 2025; 2024 has no adjustment
    net = -np.array([[5.0, 4.9, 4.8, 4.7, 6.6]])
    m = A.SingleYearAveraging(elapsed_years=3)
    adj = m.adjustments(net)
    np.testing.assert_allclose(adj, [[-26 / 3, -26 / 3, -26 / 3, np.nan, -26 / 3]])
    assert m.indicative(5).tolist() == [True, True, True, False, False]
    # the applied (NDC-year) adjustment plus nothing else: never more than the cumulative amount
    assert adj[0, -1] * m.indicative(5).sum() == pytest.approx(net.sum())
    # e = 5: avg = -26 / 5 = -5.2 every year; their sum equals the total net transfers
    adj5 = A.SingleYearAveraging().adjustments(net)
    np.testing.assert_allclose(adj5, [[-5.2] * 5])
    assert adj5.sum() == pytest.approx(net.sum())


def test_elapsed_years_readings():
    assert A.elapsed_years(YEARS5, None) == 5
    assert A.elapsed_years(YEARS5, 2023) == 3
    assert A.elapsed_years(YEARS5, 2027) == 5
    assert A.elapsed_years(YEARS5, 2019) == 1
    with pytest.raises(ValueError):
        A.SingleYearAveraging(elapsed_years=0)


def test_full_period_averaging_is_the_papers(paper):
    r = evaluate_bounds(paper, [METHODS["averaging"], A.SingleYearAveraging()])
    np.testing.assert_allclose(r.methods["single_year_averaging"].need, r.methods["averaging"].need)
    np.testing.assert_allclose(r.methods["single_year_averaging"].usage, r.methods["averaging"].usage)


def three_year_no_itmos():
    """NE^enet = Trajectory = [11, 9, 7.5] (no ETS offsets, no sink, no net ITMOs): usage 0."""
    return Inputs(trajectory=np.array([[11.0, 9.0, 7.5]]), ets_share=0.0, offset_limit=0.0,
                  sink=0.0, net_overseas=0.0)


def test_multi_year_budget_nets_years():
    # NDC path [10, 9, 8], budget 27; emissions 27.5 -> budget need 0.5
    # annual targets: 1 + 0 + 0 (2023 is 0.5 below its target, not credited) = 1
    path = np.array([10.0, 9.0, 8.0])
    r = evaluate(three_year_no_itmos(), (2021, 2022, 2023), [
        A.MultiYearBudget(path="user", values=path), A.MultiYear(path="user", values=path),
        A.SingleYearBudget(path="user", values=path),
    ])
    assert float(r.methods["multi_year_budget"].need[0]) == pytest.approx(0.5)
    assert float(r.methods["multi_year"].need[0]) == pytest.approx(1.0)
    assert float(r.methods["single_year_budget"].gap[0]) == pytest.approx(0.5)


def test_trajectory_adjustments_and_cumulative():
    net = np.array([[2.0, -1.0, -3.0]])
    adj = A.SingleYearTrajectory().adjustments(net)
    np.testing.assert_allclose(adj, net)
    # running sums: 2, 1, -2 (the end-of-period cumulative adjustment is -2)
    np.testing.assert_allclose(A.cumulative_adjustment(adj), [[2.0, 1.0, -2.0]])
    np.testing.assert_allclose(A.emissions_balance([[10, 10, 10]], adj), [[12, 9, 7]])


def test_adopted_trajectory_with_derived_path_matches_paper(paper):
    r = evaluate_bounds(paper, [METHODS["trajectory"], METHODS["single_year_trajectory"]])
    np.testing.assert_allclose(r.methods["single_year_trajectory"].need,
                               r.methods["trajectory"].need)


def test_compare_methods_all_marks_adopted(paper_path, capsys):
    assert main(["compare", str(paper_path), "--json", "--methods", "all"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ms = doc["bounds"]["low"]["methods"]
    assert ms["cumulative"]["adopted_in_2_cma_3"] is False
    assert ms["vintage"]["adopted_in_2_cma_3"] is False
    for name in ("averaging", "trajectory") + A.ADOPTED_METHODS:
        assert ms[name]["adopted_in_2_cma_3"] is True
