"""Costs of each CA method at a price path (article6/analyses/costs.py), checked by hand.

The synthetic scenario (tests/data/synthetic.toml) has, worked by hand:

low bound   ITMO_i^total = 5, 4.5, 4, 3.5, 13  (Mt)   price 10, 10, 20, 20, 30 USD/t
high bound  ITMO_i^total = 10, 9.5, 9, 8.5, 18 (Mt)   price 10, 10, 20, 20, 50 USD/t
target-year need (eq. 10) = 13 (low), 18 (high); n = 5.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from article6.analyses import costs as C
from article6.cli import main
from article6.errors import OptionError, PriceError
from article6.model.evaluate import evaluate_bounds
from article6.schema.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SYN = ROOT / "tests" / "data" / "synthetic.toml"
M = 1e6  # t per Mt


@pytest.fixture
def syn():
    return load_scenario(SYN)


def _costs(s, **kw):
    r = evaluate_bounds(s)
    return C.method_costs(r, s.unit, C.scenario_price(s), **kw)


def test_synthetic_costs_by_hand(syn):
    c = _costs(syn).methods
    # vintage: need and usage both 13 Mt at P_T: low 13 x 30, high 18 x 50 [M USD]
    np.testing.assert_allclose(c["vintage"].need, [390 * M, 900 * M])
    np.testing.assert_allclose(c["vintage"].gap, [0, 0], atol=1e-6)
    # cumulative usage bought as used: low 5x10 + 4.5x10 + 4x20 + 3.5x20 + 13x30 = 635
    #                                  high 10x10 + 9.5x10 + 9x20 + 8.5x20 + 18x50 = 1445
    np.testing.assert_allclose(c["cumulative"].need, [390 * M, 900 * M])
    np.testing.assert_allclose(c["cumulative"].usage, [635 * M, 1445 * M])
    np.testing.assert_allclose(c["cumulative"].gap, [-245 * M, -545 * M])
    # averaging: (A)/n = 13 (18) each year; 13 x (10+10+20+20+30) = 1170, 18 x 110 = 1980
    np.testing.assert_allclose(c["averaging"].need, [1170 * M, 1980 * M])
    np.testing.assert_allclose(c["averaging"].gap, [535 * M, 535 * M])
    # trajectory: each year's need NE^enet - NDC = ITMO_i^total at P_i -> same as usage
    np.testing.assert_allclose(c["trajectory"].need, [635 * M, 1445 * M])
    np.testing.assert_allclose(c["trajectory"].gap, [0, 0], atol=1e-3)


def test_discounting_by_hand(syn):
    c = _costs(syn, discount_rate=0.1, base_year=2021).methods
    # vintage: everything in 2025, four years after the base year
    np.testing.assert_allclose(c["vintage"].need_pv, [390 * M / 1.1**4, 900 * M / 1.1**4])
    # cumulative usage, low: 50 + 45/1.1 + 80/1.21 + 70/1.331 + 390/1.4641
    low = 50 + 45 / 1.1 + 80 / 1.21 + 70 / 1.331 + 390 / 1.4641
    np.testing.assert_allclose(c["cumulative"].usage_pv[0], low * M)
    np.testing.assert_allclose(c["cumulative"].gap_pv[0], (390 / 1.4641 - low) * M)
    # discounting to the target year itself leaves target-year purchases at face value
    c2 = _costs(syn, discount_rate=0.1, base_year=2025).methods
    np.testing.assert_allclose(c2["vintage"].need_pv, c2["vintage"].need)


def test_zero_rate_present_value_equals_cost(syn):
    c = _costs(syn, discount_rate=0.0).methods
    for m in c.values():
        np.testing.assert_allclose(m.need_pv, m.need)
        np.testing.assert_allclose(m.gap_pv, m.gap)


def test_schedules_sum_to_need_and_usage(paper):
    r = evaluate_bounds(paper)
    for name, m in r.methods.items():
        q_need, q_usage = C.schedules(name, r)
        assert q_need.shape == q_usage.shape == (2, len(paper.years))
        np.testing.assert_allclose(q_need.sum(axis=-1), m.need)
        np.testing.assert_allclose(q_usage.sum(axis=-1), m.usage)


def test_flat_price_gap_cost_is_gap_times_price(paper):
    # independent property: with one price in every year, timing does not matter
    r = evaluate_bounds(paper)
    price = C.parse_price({"currency": "USD", "flat": 20.0}, paper.years)
    c = C.method_costs(r, paper.unit, price)
    for name, m in r.methods.items():
        np.testing.assert_allclose(c.methods[name].gap, m.gap * M * 20.0, atol=1e-2)
        np.testing.assert_allclose(c.methods[name].need, m.need * M * 20.0)


def test_cost_does_not_depend_on_output_unit(paper):
    price = C.load_price("kau-2015-2019", paper.years)
    a = C.method_costs(evaluate_bounds(paper), paper.unit, price)
    kt = paper.in_unit("kt CO2e")
    b = C.method_costs(evaluate_bounds(kt), kt.unit, price)
    for name in a.methods:
        np.testing.assert_allclose(a.methods[name].need, b.methods[name].need)


def test_kau_preset_is_the_band_of_the_two_reference_points():
    p = C.load_price("kau-2015-2019", (2021, 2022))
    assert p.currency == "KRW"
    assert p.reference_points == (("2015-01-12", 8640.0), ("2019-12-31", 40900.0))
    assert list(p.low) == [8640.0, 8640.0] and list(p.high) == [40900.0, 40900.0]


def test_paper_cumulative_need_cost_at_kau_band(paper):
    # cumulative need 35.803 Mt (low) at 8,640 KRW/t = 309,337,920,000 KRW
    price = C.load_price("kau-2015-2019", paper.years)
    c = C.method_costs(evaluate_bounds(paper), paper.unit, price)
    np.testing.assert_allclose(c.methods["cumulative"].need[0], 35.803 * M * 8640, rtol=1e-9)
    np.testing.assert_allclose(c.methods["cumulative"].need[1], 36.976 * M * 40900, rtol=1e-9)


# ----------------------------------------------------------------- command line


def _run(argv, capsys):
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_compare_json_gains_costs_and_keeps_keys(capsys, paper_path):
    s0, out0, _ = _run(["compare", str(paper_path), "--json"], capsys)
    s1, out1, _ = _run(["compare", str(paper_path), "--json", "--price", "kau-2015-2019",
                        "--discount-rate", "0.045"], capsys)
    assert s0 == s1 == 0
    d0, d1 = json.loads(out0), json.loads(out1)
    assert "price" not in d0
    for b in ("low", "high"):
        for name, m0 in d0["bounds"][b]["methods"].items():
            m1 = d1["bounds"][b]["methods"][name]
            assert {k: v for k, v in m1.items() if k != "costs"} == m0
            assert "costs" not in m0
    c = d1["bounds"]["low"]["methods"]["vintage"]["costs"]
    assert c["currency"] == "KRW"
    assert c["need"] == pytest.approx(35.803e6 * 8640)
    assert c["need_discounted"] == pytest.approx(35.803e6 * 8640 / 1.045**9)
    assert d1["price"]["discount_rate"] == 0.045 and d1["price"]["base_year"] == 2021


def test_compare_text_shows_costs_and_interpolated_years(capsys):
    s, out, _ = _run(["compare", str(ROOT / "data/scenarios/kor-2023-plan.toml")], capsys)
    assert s == 0
    assert ("interpolated linearly between anchor years in "
            "2022, 2024, 2025, 2026, 2027, 2028, 2029") in out
    assert "Cost of need (A)" in out and "KRW" in out


def _scenario_with_price(tmp_path, price_toml: str) -> Path:
    text = SYN.read_text().split("[price]")[0] + "[price]\n" + price_toml
    p = tmp_path / "s.toml"
    p.write_text(text)
    return p


@pytest.mark.parametrize(
    ("price", "key"),
    [
        ('currency = "USD"\nflat = -1\n', "price.flat"),
        ('currency = "USD"\nvalues = { 2021 = 1, 2022 = 1, 2023 = 1, 2024 = 1 }\n', "price.values"),
        ('currency = "USD"\nvalues = { 2021 = 1, 2022 = 1, 2023 = 1, 2024 = 1, '
         '2025 = { low = 3, high = -2 } }\n',
         "price.values.2025.high"),
        ('currency = "dollars"\nflat = 1\n', "price.currency"),
        ('flat = 1\n', "price.currency"),
        ('currency = "USD"\nflat = { low = 5, high = 1 }\n', "price.flat"),
        ('currency = "USD"\n', "price"),
    ],
)
def test_bad_price_in_scenario_exit_2(tmp_path, capsys, price, key):
    path = _scenario_with_price(tmp_path, price)
    status, out, err = _run(["compare", str(path)], capsys)
    assert status == 2 and out == ""
    assert str(path) in err and f": {key}: expected" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_currency_mismatch_exit_2(tmp_path, capsys):
    # the synthetic scenario is priced in USD; the KAU preset is in KRW
    status, out, err = _run(["compare", str(SYN), "--price", "kau-2015-2019"], capsys)
    assert status == 2 and out == ""
    assert "price.currency" in err and "'USD'" in err and "'KRW'" in err


def test_price_file_missing_year_exit_2(tmp_path, capsys, paper_path):
    f = tmp_path / "p.toml"
    f.write_text('[price]\ncurrency = "KRW"\nvalues = { 2021 = 1000 }\n')
    status, out, err = _run(["compare", str(paper_path), "--price", str(f)], capsys)
    assert status == 2 and out == ""
    assert "price.values" in err and "missing [2022" in err


def test_unknown_preset_and_bad_rate_exit_2(capsys, paper_path):
    status, _, err = _run(["compare", str(paper_path), "--price", "no-such-preset"], capsys)
    assert status == 2 and "kau-2015-2019" in err
    status, _, err = _run(["compare", str(paper_path), "--price", "kau-2015-2019",
                           "--discount-rate", "-0.1"], capsys)
    assert status == 2 and "--discount-rate" in err
    status, _, err = _run(["compare", str(paper_path), "--discount-rate", "0.03"], capsys)
    assert status == 2 and "--price" in err


def test_parse_price_errors_are_price_errors():
    with pytest.raises(PriceError):
        C.parse_price({"currency": "KRW", "values": {"2019": 1}}, (2021,))
    with pytest.raises(OptionError):
        C.check_rate(1.5)
