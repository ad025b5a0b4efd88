"""The four CA methods, eqs. (10)-(12-1): hand-made numbers and properties (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from test_usage import small_inputs

from article6.model.evaluate import evaluate
from article6.model.methods import METHODS, PAPER_METHODS, CAMethod, register
from article6.schema.scenario import Inputs

YEARS3 = (2021, 2022, 2023)


def test_handmade_methods():
    # rows of test_usage.small_inputs: NE^enet = 103, 92.5, 82; ITMO = 5, 4.5, 7; NDC = 98, 88, 75
    r = evaluate(small_inputs(), YEARS3)
    m = r.methods
    # cumulative: A = NE_T^enet - NDC_T = 82 - 75 = 7 (eq. 10); B = 5 + 4.5 + 7 = 16.5 (eq. 1)
    assert (m["cumulative"].need[0], m["cumulative"].usage[0]) == pytest.approx((7.0, 16.5))
    assert m["cumulative"].gap[0] == pytest.approx(-9.5)
    # vintage: A = 7 (eq. 11 = 10); B = ITMO_T = 7
    assert (m["vintage"].need[0], m["vintage"].usage[0], m["vintage"].gap[0]) == pytest.approx((7, 7, 0))
    # averaging: A = 3 x 7 = 21 (eq. 11-1, n = 3); B = 16.5; gap 4.5
    assert (m["averaging"].need[0], m["averaging"].gap[0]) == pytest.approx((21.0, 4.5))
    # trajectory: A = sum_i (NE_i^enet - NDC_i) = 5 + 4.5 + 7 = 16.5 (eq. 12); gap 0
    assert (m["trajectory"].need[0], m["trajectory"].gap[0]) == pytest.approx((16.5, 0.0))


def test_registry_order_and_protocol():
    assert tuple(METHODS)[:4] == PAPER_METHODS
    for name in PAPER_METHODS:
        assert isinstance(METHODS[name], CAMethod)
        assert METHODS[name].name == name
        assert METHODS[name].label_ko  # the paper's Korean term
    with pytest.raises(TypeError):
        register(object())


def test_other_method_is_one_new_class():
    class HalfTarget:
        name, label_en, label_ko, equations = "half", "Half", "절반", "(test)"
        wording, adopted_in_2_cma_3 = "test-only", False

        def need(self, rows):
            return rows.itmo_total[..., -1] / 2

        def usage(self, rows):
            return rows.itmo_total[..., -1]

    r = evaluate(small_inputs(), YEARS3, methods=[HalfTarget()])
    assert r.methods["half"].gap[0] == pytest.approx(3.5 - 7.0)


# ---------------------------------------------------------------- properties

finite = dict(allow_nan=False, allow_infinity=False)


@st.composite
def batches(draw):
    s = draw(st.integers(1, 6))
    y = draw(st.integers(1, 12))
    traj = draw(hnp.arrays(float, (s, y), elements=st.floats(0, 2000, **finite)))
    share = draw(hnp.arrays(float, (s, 1), elements=st.floats(0, 1, **finite)))
    offset = draw(hnp.arrays(float, (s, 1), elements=st.floats(0, 1, **finite)))
    sink = draw(hnp.arrays(float, (s, y), elements=st.floats(0, 100, **finite)))
    net = np.zeros((s, y))
    net[:, -1] = draw(hnp.arrays(float, (s,), elements=st.floats(0, 100, **finite)))
    return Inputs(traj, share, offset, sink, net), tuple(range(2021, 2021 + y))


@settings(max_examples=150, deadline=None)
@given(batches())
def test_averaging_is_period_length_times_cumulative(b):
    inputs, years = b
    m = evaluate(inputs, years).methods
    np.testing.assert_allclose(m["averaging"].need, len(years) * m["cumulative"].need, rtol=1e-12)


@settings(max_examples=150, deadline=None)
@given(batches())
def test_vintage_need_equals_cumulative_need(b):
    inputs, years = b
    m = evaluate(inputs, years).methods
    np.testing.assert_array_equal(m["vintage"].need, m["cumulative"].need)


@settings(max_examples=150, deadline=None)
@given(batches())
def test_trajectory_need_equals_usage_on_the_derived_path(b):
    inputs, years = b
    m = evaluate(inputs, years).methods["trajectory"]
    scale = 1.0 + np.abs(m.usage)
    assert np.all(np.abs(m.need - m.usage) <= 1e-9 * scale)


@settings(max_examples=100, deadline=None)
@given(batches(), st.floats(1e-3, 1e3))
def test_results_scale_linearly_with_units(b, k):
    inputs, years = b
    scaled = Inputs(inputs.trajectory * k, inputs.ets_share, inputs.offset_limit,
                    inputs.sink * k, inputs.net_overseas * k)
    r1, rk = evaluate(inputs, years), evaluate(scaled, years)
    for name in PAPER_METHODS:
        for f in ("need", "usage", "gap"):
            a, c = getattr(r1.methods[name], f), getattr(rk.methods[name], f)
            np.testing.assert_allclose(c, a * k, rtol=1e-9, atol=1e-9 * k * (1 + np.abs(a).max()))


@settings(max_examples=100, deadline=None)
@given(batches(), st.floats(0, 50), st.floats(0, 0.5), st.floats(0, 0.5), st.floats(0, 20))
def test_low_bound_below_high_bound(b, dtraj, dshare, doff, dnet):
    """Need and usage are non-decreasing in trajectory, shares and ITMO_T^net (the model is monotone)."""
    lo, years = b
    hi = Inputs(lo.trajectory + dtraj, np.minimum(lo.ets_share + dshare, 1.0),
                np.minimum(lo.offset_limit + doff, 1.0), lo.sink,
                lo.net_overseas + np.eye(1, len(years), len(years) - 1) * dnet)
    rl, rh = evaluate(lo, years), evaluate(hi, years)
    for name in PAPER_METHODS:
        for f in ("need", "usage"):
            a, c = getattr(rl.methods[name], f), getattr(rh.methods[name], f)
            assert np.all(a <= c + 1e-9 * (1 + np.abs(c)))
