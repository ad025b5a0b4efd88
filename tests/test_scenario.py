"""Scenario files: every value form, bounds, groups, units, and the paper's data."""

from __future__ import annotations

import numpy as np
import pytest

from article6.schema.scenario import parse_scenario

HEAD = """schema = 1
[scenario]
id = "t"
unit = "Mt CO2e"
period = [2021, 2024]
"""


def test_paper_scenario(paper):
    assert paper.years == tuple(range(2021, 2031))
    assert paper.target_year == 2030 and paper.n_years == 10
    np.testing.assert_array_equal(paper.trajectory.low, [671] * 3 + [648] * 3 + [622] * 3 + [574])
    np.testing.assert_array_equal(paper.trajectory.high, [673] * 3 + [661] * 3 + [648] * 3 + [608])
    assert paper.trajectory.basis.shape == (10, 4)  # one group per block
    # ITMO_T^net only in the target year
    np.testing.assert_array_equal(paper.net_overseas.low, [0] * 9 + [16])
    assert paper.ets_share.low[0] == 0.69 and paper.offset_limit.high[-1] == 0.05
    assert paper.ranged_inputs() == ["trajectory"]
    assert paper.sources and paper.target == 536.0


def test_value_forms():
    sc = parse_scenario(HEAD + """
[trajectory]
values = { 2021 = 10, 2022 = { low = 8, high = 9 }, 2023 = 7, 2024 = 6 }
[ets]
share = { low = 0.5, high = 0.6 }
offset_limit = { 2021 = 0.1, 2022 = 0.1, 2023 = { low = 0.0, high = 0.2 }, 2024 = 0.1 }
[ndc]
sink = 1.5
net_overseas = { low = 1, high = 2 }
""")
    np.testing.assert_array_equal(sc.trajectory.low, [10, 8, 7, 6])
    np.testing.assert_array_equal(sc.trajectory.high, [10, 9, 7, 6])
    assert sc.trajectory.form == "per-year" and sc.trajectory.basis.shape == (4, 4)
    np.testing.assert_array_equal(sc.ets_share.low, [0.5] * 4)
    assert sc.ets_share.basis.shape == (4, 1)  # one draw for the whole period
    np.testing.assert_array_equal(sc.offset_limit.high, [0.1, 0.1, 0.2, 0.1])
    np.testing.assert_array_equal(sc.sink.low, [1.5] * 4)
    np.testing.assert_array_equal(sc.net_overseas.high, [0, 0, 0, 2])
    assert set(sc.ranged_inputs()) == {"trajectory", "ets_share", "offset_limit", "net_overseas"}
    both = sc.bounds_inputs()
    assert both.trajectory.shape == (2, 4)


def test_per_year_net_overseas_is_used_each_year():
    sc = parse_scenario(HEAD + """
[trajectory]
values = { 2021 = 10, 2022 = 9, 2023 = 8, 2024 = 7 }
[ndc]
net_overseas = { 2021 = 1, 2022 = 0, 2023 = 0, 2024 = 2 }
""")
    np.testing.assert_array_equal(sc.net_overseas.low, [1, 0, 0, 2])


def test_blocks_with_value_and_per_year_vary():
    sc = parse_scenario(HEAD + """
[trajectory]
blocks = [ { from = 2021, to = 2022, value = 5 }, { from = 2023, to = 2024, low = 3, high = 4 } ]
""")
    np.testing.assert_array_equal(sc.trajectory.low, [5, 5, 3, 3])
    py = sc.trajectory.per_year()
    np.testing.assert_array_equal(py.low, sc.trajectory.low)
    np.testing.assert_array_equal(py.ranged_groups, [2, 3])


def test_anchors_interpolate_linearly():
    sc = parse_scenario(HEAD + """
[trajectory]
anchors = { 2021 = 100, 2024 = { low = 70, high = 76 } }
""")
    # low: 100, 90, 80, 70; high: 100, 92, 84, 76
    np.testing.assert_allclose(sc.trajectory.low, [100, 90, 80, 70])
    np.testing.assert_allclose(sc.trajectory.high, [100, 92, 84, 76])
    from article6.schema.anchors import interpolated_years

    assert interpolated_years(sc.years, sc.trajectory) == [2022, 2023]


def test_unit_conversion_scales_emissions_not_shares(paper):
    kt = paper.in_unit("kt CO2e")
    np.testing.assert_allclose(kt.trajectory.low, paper.trajectory.low * 1000)
    np.testing.assert_array_equal(kt.ets_share.low, paper.ets_share.low)
    assert kt.target == 536000.0 and kt.unit == "kt CO2e"


def test_scenario_is_frozen(paper):
    with pytest.raises(AttributeError):
        paper.id = "x"
    with pytest.raises(ValueError):
        paper.trajectory.group_low[0] = 1.0
