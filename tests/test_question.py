"""One question, one answer: choices resolved once, and every output reading the same answer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tomli_w
from article6.app.options import comparison
from article6.app.panels.distribution import distribution
from article6.app.scenarios import builtin_doc

import article6
from article6 import errors as E
from article6.analyses.compare import FRAME_COLUMNS, evaluate
from article6.model.question import ask
from article6.resources import scenario_dir
from article6.schema.scenario import load_scenario

SCENARIOS = sorted(p.stem for p in scenario_dir().glob("*.toml"))
PRICE = "kau-2015-2019"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "article6", *map(str, args)],
                          capture_output=True, text=True)


# ------------------------------------------------------------------ costs follow the evaluated method


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("path", ["roadmap", "linear"])
def test_costs_lie_between_quantity_times_lowest_and_highest_price(scenario, path):
    proc = cli("compare", scenario, "--price", PRICE, "--trajectory-path", path, "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    p_lo = min(min(doc["price"]["low"]), min(doc["price"]["high"])) * 1e6  # KRW per Mt
    p_hi = max(max(doc["price"]["low"]), max(doc["price"]["high"])) * 1e6
    for bound in ("low", "high"):
        for name, m in doc["bounds"][bound]["methods"].items():
            c = m["costs"]
            for q in ("need", "usage"):
                assert m[q] * p_lo * (1 - 1e-12) <= c[q] <= m[q] * p_hi * (1 + 1e-12) + 1e-6, \
                    (scenario, path, bound, name, q)
            if abs(m["gap"]) > 1e-9:
                assert c["gap"] != 0 and np.sign(c["gap"]) == np.sign(m["gap"]), (bound, name)


def test_trajectory_cost_is_its_own_need_not_the_derived_paths(paper):
    q = ask(paper, trajectory_path="roadmap", price=PRICE)
    a = evaluate(q)
    traj = a.result.methods["trajectory"]
    assert traj.method.path == "roadmap"
    # the price is flat within a bound: cost of need = need x price x 1e6 (KRW per t, Mt)
    expect = traj.need * a.costs.price.bounds()[:, 0] * 1e6
    np.testing.assert_allclose(a.costs.methods["trajectory"].need, expect, rtol=1e-12)
    derived = evaluate(ask(paper, price=PRICE))
    assert not np.allclose(a.costs.methods["trajectory"].need,
                           derived.costs.methods["trajectory"].need)


# ------------------------------------------------------------------ every section validated at load


def _bad(tmp_path: Path, section: str, table: dict) -> Path:
    doc = dict(load_scenario("kor-2018-roadmap").raw)
    doc[section] = table
    out = tmp_path / f"bad-{section}.toml"
    out.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return out


BAD_SECTIONS = [
    ("path", {"values": {str(y): 600.0 for y in range(2021, 2031)}, "netting": "weekly"},
     "path.netting"),
    ("path", {"netting": "annual"}, "path.values"),
    ("price", {"currency": "won", "flat": 10000}, "price.currency"),
    ("price", {"currency": "KRW", "flat": -1}, "price.flat"),
    ("assumptions", {"sink": "line\u0007"}, "assumptions.sink"),
]


@pytest.mark.parametrize("section, table, key", BAD_SECTIONS)
@pytest.mark.parametrize("command", [
    ["compare"], ["sweep", "--samples", "10"], ["sensitivity"], ["export", "--iamc", "OUT"],
])
def test_every_command_refuses_a_bad_section_alike(tmp_path, section, table, key, command):
    bad = _bad(tmp_path, section, table)
    args = [a if a != "OUT" else tmp_path / "out.csv" for a in command]
    proc = cli(args[0], bad, *args[1:])
    assert proc.returncode == 2, (command, proc.stdout)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and key in lines[0] and str(bad) in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.csv").exists()


# ------------------------------------------------------------------ the question


def test_ask_resolves_the_defaults_from_the_scenario(paper):
    q = ask(paper)
    assert (q.trajectory_path, q.netting, q.ndc_target) == ("derived", "annual", "derived")
    assert q.price is None and q.discount_rate is None and q.is_paper_default()
    doc = dict(paper.raw) | {"path": {"values": {str(y): 600.0 for y in paper.years},
                                      "netting": "budget"}}
    from article6.schema.scenario import scenario_from_dict

    with_path = scenario_from_dict(doc)
    q2 = ask(with_path)
    assert (q2.trajectory_path, q2.netting) == ("user", "budget")
    assert ask(with_path, netting="annual").netting == "annual"


@pytest.mark.parametrize("choice, value, flag", [
    ("methods", "some", "--methods"), ("trajectory_path", "zigzag", "--trajectory-path"),
    ("netting", "weekly", "--netting"), ("ndc_target", "guessed", "--ndc-target"),
])
def test_ask_refuses_choices_not_offered(paper, choice, value, flag):
    with pytest.raises(E.ChoiceError, match=choice) as info:
        ask(paper, **{choice: value})
    assert info.value.choice == choice and flag not in str(info.value)
    assert info.value.message(flag).startswith(f"{flag}: expected one of ")


def test_discount_rate_without_price_is_refused(paper):
    with pytest.raises(E.ChoiceError, match="price") as info:
        ask(paper, discount_rate=0.03)
    assert info.value.choice == "price"


def test_question_replace_keeps_the_other_choices(paper):
    q = ask(paper, trajectory_path="roadmap", price=PRICE)
    r = q.replace(ndc_target="stated")
    assert r.trajectory_path == "roadmap" and r.price is not None and r.ndc_target == "stated"
    assert q.ndc_target == "derived"  # the first question is unchanged


def test_unit_choice_converts_every_quantity(paper):
    mt = evaluate(ask(paper))
    kt = evaluate(ask(paper, unit="kt CO2e"))
    assert kt.question.unit == "kt CO2e"
    for name in mt.result.methods:
        np.testing.assert_allclose(kt.result.methods[name].gap, mt.result.methods[name].gap * 1e3,
                                   rtol=1e-12, atol=1e-6)


# ------------------------------------------------------------------ the package root API


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_root_api_compare_to_frame_matches_the_document(scenario):
    answer = article6.compare(article6.load_scenario(scenario), price=PRICE)
    frame = answer.to_frame()
    assert tuple(frame.columns) == FRAME_COLUMNS
    doc = answer.document
    for rec in frame.itertuples(index=False):
        m = doc["bounds"][rec.bound]["methods"][rec.method]
        if rec.quantity.startswith("cost_"):
            assert rec.value == m["costs"][rec.quantity.removeprefix("cost_")]
            assert rec.unit == m["costs"]["currency"]
        else:
            assert rec.value == m[rec.quantity] and rec.unit == doc["unit"]
    n_methods = len(doc["bounds"]["low"]["methods"])
    assert len(frame) == 2 * n_methods * 9


def test_root_evaluate_takes_a_question_or_a_scenario(paper):
    a = article6.evaluate(paper, ndc_target="stated")
    b = article6.evaluate(article6.ask(paper, ndc_target="stated"))
    assert a.document == b.document


def test_scenario_replace_is_a_new_validated_scenario(paper):
    other = paper.replace(ets_share={"low": 0.6, "high": 0.7}, target=530.0)
    assert other is not paper
    assert paper.ets_share.low[0] == 0.69 and paper.target == 536.0  # unchanged
    assert other.ets_share.low[0] == 0.6 and other.ets_share.high[0] == 0.7
    assert other.target == 530.0
    # the answer moves as the file would: compare the replaced scenario with a file saying so
    doc = dict(paper.raw)
    doc["ets"] = dict(doc["ets"]) | {"share": {"low": 0.6, "high": 0.7}}
    doc["ndc"] = dict(doc["ndc"]) | {"target": 530.0}
    from article6.schema.scenario import scenario_from_dict

    same = scenario_from_dict(doc, source=paper.path)
    assert article6.compare(other).document == article6.compare(same).document


def test_scenario_replace_refuses_bad_values_naming_the_key(paper):
    with pytest.raises(E.ShareRangeError, match="ets.share"):
        paper.replace(ets_share=1.5)
    with pytest.raises(E.UnknownKeyError, match="ets_sahre"):
        paper.replace(ets_sahre=0.5)


def test_scenario_replace_in_another_unit_takes_values_in_that_unit(paper):
    kt = paper.in_unit("kt CO2e").replace(sink=22_000.0)
    assert kt.unit == "kt CO2e" and kt.sink.low[0] == pytest.approx(22_000.0)
    np.testing.assert_allclose(kt.trajectory.low, paper.trajectory.low * 1e3)


# ------------------------------------------------------------------ the app asks the same question


def test_app_distribution_keeps_the_stated_ndc_target():
    doc = builtin_doc("kor-2018-roadmap")
    for key in ("trajectory",):
        doc[key] = {"values": {str(y): 600.0 for y in range(2021, 2031)}}  # no ranges left
    opts = {"path": "derived", "netting": "annual", "ndc_target": "stated"}
    frame, names, _, _ = distribution(doc, samples=5, options=opts)
    answer = comparison(doc, opts)
    for name in names:
        for bound in ("low", "high"):
            np.testing.assert_allclose(frame[f"{name}_gap"],
                                       answer.document["bounds"][bound]["methods"][name]["gap"])
