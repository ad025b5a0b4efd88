"""Accounting balance per method (article6.analyses.balance), against hand-worked numbers."""

from __future__ import annotations

import numpy as np
import pytest

from article6.analyses.balance import accounting_balance, adjustments, balances
from article6.model.methods import METHODS
from article6.model.usage import usage_rows
from article6.schema.scenario import Inputs


@pytest.fixture
def rows():
    # 3 years, trajectory 100, 90, 80; ETS share 0.5; offset limit 0.1; sink 10;
    # net overseas 5 in T only. By hand:
    #   ets_offsets = traj x 0.05       = 5, 4.5, 4
    #   national_net = traj + ets - 10  = 95, 84.5, 74
    #   itmo_total = ets + net          = 5, 4.5, 9     (sum 18.5, mean 6.1666...)
    #   ndc_target = net - itmo         = 90, 80, 65
    inputs = Inputs(
        trajectory=np.array([[100.0, 90.0, 80.0]]),
        ets_share=np.array([[0.5]]),
        offset_limit=np.array([[0.1]]),
        sink=np.array([[10.0]]),
        net_overseas=np.array([[0.0, 0.0, 5.0]]),
    )
    return usage_rows(inputs)


def test_cumulative_puts_the_whole_period_in_t(rows):
    # 74 - 18.5 = 55.5 in T; untouched before
    np.testing.assert_allclose(accounting_balance("cumulative", rows), [[95.0, 84.5, 55.5]])


def test_vintage_only_t(rows):
    # 74 - 9 = 65 in T
    np.testing.assert_allclose(accounting_balance("vintage", rows), [[95.0, 84.5, 65.0]])


def test_averaging_every_year(rows):
    m = 18.5 / 3
    np.testing.assert_allclose(accounting_balance("averaging", rows), [[95 - m, 84.5 - m, 74 - m]])


def test_trajectory_each_years_own_use_equals_ndc_path(rows):
    np.testing.assert_allclose(accounting_balance("trajectory", rows), [[90.0, 80.0, 65.0]])


def test_adjustments_sum_to_the_methods_usage(paper):
    # independent property: over the period each schedule applies exactly what
    # the method counts as usage (B); both bounds at once
    r = usage_rows(paper.bounds_inputs())
    for name in METHODS:  # every registered method carries its schedule
        np.testing.assert_allclose(adjustments(name, r).sum(axis=-1), METHODS[name].usage(r))


def test_paper_cumulative_jump_in_2030(paper):
    r = usage_rows(paper.bounds_inputs())
    b = balances(r)
    # low bound, 2030: NE_T^enet = 574 + 574 x 0.69 x 0.05 - 22 = 571.803;
    # the period's use is 236.6965 (Table 4), so the balance is 335.1065
    assert b["cumulative"][0, -1] == pytest.approx(335.1065)
    # before T nothing is adjusted: 2021 low = 671 + 23.1495 - 22 = 672.1495
    assert b["cumulative"][0, 0] == pytest.approx(672.1495)
    assert set(b) == {"cumulative", "vintage", "averaging", "trajectory"}


def test_unknown_method_has_no_schedule(rows):
    with pytest.raises(KeyError):
        adjustments("other", rows)
    assert balances(rows, ["other", "vintage"]).keys() == {"vintage"}
