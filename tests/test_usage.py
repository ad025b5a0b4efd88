"""Eqs. (1)-(9) on hand-made numbers, and the kt scenario worked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from article6.model import usage
from article6.model.evaluate import evaluate_bounds
from article6.schema.scenario import Inputs, load_scenario

HANDMADE = Path(__file__).parent / "data" / "handmade_kt.toml"


def small_inputs():
    # 3 years; trajectory 100, 90, 80; ETS share 0.5; offset 0.1; sink 2; ITMO_T^net 3 in T only
    return Inputs(
        trajectory=np.array([[100.0, 90.0, 80.0]]), ets_share=np.array([[0.5]]),
        offset_limit=np.array([[0.1]]), sink=np.array([[2.0]]),
        net_overseas=np.array([[0.0, 0.0, 3.0]]),
    )


def test_eq4_allocation():
    # 100 x 0.5 = 50
    assert usage.allocation(np.array([100.0]), 0.5)[0] == 50.0


def test_eq3_eq5_ets_offsets():
    # Allocation x Offset = 100 x 0.5 x 0.1 = 5
    assert usage.ets_offsets(100.0, 0.5, 0.1) == pytest.approx(5.0)


def test_eq7_eq6_eq2_eq8_eq1():
    rows = usage.usage_rows(small_inputs())
    # ITMO^ets = 5, 4.5, 4
    np.testing.assert_allclose(rows.ets_offsets, [[5.0, 4.5, 4.0]])
    # NE^et = trajectory + ITMO^ets = 105, 94.5, 84          (eq. 7)
    np.testing.assert_allclose(rows.national_total, [[105.0, 94.5, 84.0]])
    # NE^enet = NE^et - sink = 103, 92.5, 82                  (eq. 6 / 6-1)
    np.testing.assert_allclose(rows.national_net, [[103.0, 92.5, 82.0]])
    # ITMO^total = ITMO^ets + ITMO_T^net = 5, 4.5, 7          (eq. 2)
    np.testing.assert_allclose(rows.itmo_total, [[5.0, 4.5, 7.0]])
    # NDC_i = NE^enet - ITMO^total = 98, 88, 75               (eq. 8 at equality)
    np.testing.assert_allclose(rows.ndc_target, [[98.0, 88.0, 75.0]])
    # eq. 1: 5 + 4.5 + 7 = 16.5
    np.testing.assert_allclose(usage.period_total(rows.itmo_total), [16.5])
    # eq. 9: NDC_i <= NE^et - Sink - ITMO^total holds with equality
    np.testing.assert_allclose(rows.ndc_target, rows.national_total - rows.sink - rows.itmo_total)
    assert rows.sink.shape == (1, 3)


def test_batch_shape_and_no_cross_talk():
    rng = np.random.default_rng(1)
    traj = rng.uniform(10, 100, size=(5, 4))
    inp = Inputs(traj, rng.uniform(0, 1, (5, 1)), rng.uniform(0, 1, (5, 1)), 1.0,
                 np.array([0, 0, 0, 2.0]))
    rows = usage.usage_rows(inp)
    assert rows.itmo_total.shape == (5, 4)
    for s in range(5):
        one = usage.usage_rows(Inputs(traj[s:s + 1], inp.ets_share[s:s + 1],
                                      inp.offset_limit[s:s + 1], 1.0, np.array([0, 0, 0, 2.0])))
        np.testing.assert_array_equal(one.ndc_target[0], rows.ndc_target[s])


# Hand-worked answers for tests/data/handmade_kt.toml (kt CO2e):
# low : traj 100000, 90000, 80000; share .5,.5,.4; offset .1 -> ets 5000, 4500, 3200
#       NE_et 105000, 94500, 83200; net 103000, 92500, 81200; ITMO 5000, 4500, 6200
#       NDC 98000, 88000, 75000; cumulative need 81200-75000 = 6200; usage 15700
# high: traj 100000, 92000, 80000; share .5 -> ets 5000, 4600, 4000
#       NE_et 105000, 96600, 84000; net 103000, 94600, 82000; ITMO 5000, 4600, 7000
#       NDC 98000, 90000, 75000; cumulative need 7000; usage 16600
HAND = {
    "low": {"cumulative": (6200, 15700, -9500), "vintage": (6200, 6200, 0),
            "averaging": (18600, 15700, 2900), "trajectory": (15700, 15700, 0),
            "ndc_target": [98000, 88000, 75000], "national_net": [103000, 92500, 81200]},
    "high": {"cumulative": (7000, 16600, -9600), "vintage": (7000, 7000, 0),
             "averaging": (21000, 16600, 4400), "trajectory": (16600, 16600, 0),
             "ndc_target": [98000, 90000, 75000], "national_net": [103000, 94600, 82000]},
}


@pytest.mark.parametrize("unit, factor", [("kt CO2e", 1.0), ("Mt CO2e", 1e-3), ("t CO2e", 1e3)])
def test_handmade_kt_scenario_by_hand(unit, factor):
    sc = load_scenario(HANDMADE).in_unit(unit)
    res = evaluate_bounds(sc)
    for b, bound in enumerate(("low", "high")):
        hand = HAND[bound]
        for m in ("cumulative", "vintage", "averaging", "trajectory"):
            got = res.methods[m]
            want = np.array(hand[m]) * factor
            assert got.need[b] == pytest.approx(want[0], abs=1e-9 * factor)
            assert got.usage[b] == pytest.approx(want[1], abs=1e-9 * factor)
            assert got.gap[b] == pytest.approx(want[2], abs=1e-8 * factor)
        np.testing.assert_allclose(res.rows.ndc_target[b], np.array(hand["ndc_target"]) * factor)
        np.testing.assert_allclose(res.rows.national_net[b], np.array(hand["national_net"]) * factor)
