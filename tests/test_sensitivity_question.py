"""The sensitivity analysis answers the same question as ``compare``.

``article6 sensitivity`` builds its question with the flags of ``compare``
(one ``ask``), so with the other inputs at their low bound its baseline gap is
``compare --json``'s low-bound gap for every method, over every built-in
scenario and every choice of methods, submitted path and NDC target. The
app's panel gives the command's numbers for the page's choices, and a method
registered in a test appears in the analysis with nothing else changed.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
import tomli_w
from article6.app.options import cli_flags, default_options
from article6.app.panels.sensitivity import analysis
from article6.app.scenarios import builtin_doc
from test_other_method import NAME, HalfAndHalf

from article6.analyses.compare import evaluate
from article6.analyses.sensitivity import one_at_a_time
from article6.cli import main
from article6.model.methods import METHOD_SETS, register, unregister
from article6.model.paths import PATH_CHOICES
from article6.model.question import ask
from article6.resources import scenario_dir

BUILTIN = sorted(p.stem for p in scenario_dir().glob("*.toml"))
PATHS = [None, *(p for p in PATH_CHOICES if p != "user")]
CHOICES = list(itertools.product(tuple(METHOD_SETS), PATHS, ("derived", "stated")))


def _run(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _flags(methods, path, target, netting=None) -> list[str]:
    out = ["--methods", methods, "--ndc-target", target]
    if path is not None:
        out += ["--trajectory-path", path]
    if netting is not None:
        out += ["--netting", netting]
    return out


def _assert_baseline_is_compare(sens: dict, cmp: dict) -> None:
    low = cmp["bounds"]["low"]["methods"]
    assert list(sens["baseline_gap"]) == list(low)
    for m, body in low.items():
        assert sens["baseline_gap"][m] == pytest.approx(body["gap"], rel=1e-12, abs=1e-9), m
    assert sens["unit"] == cmp["unit"]


@pytest.mark.parametrize("sid", BUILTIN)
def test_baseline_equals_compare_for_every_choice(sid, capsys):
    assert BUILTIN, "no built-in scenario found"
    for methods, path, target in CHOICES:
        flags = _flags(methods, path, target)
        cmp = _run(capsys, "compare", sid, "--json", *flags)
        sens = _run(capsys, "sensitivity", sid, "--json", *flags)
        _assert_baseline_is_compare(sens, cmp)
        assert sens["ndc_target_mode"] == target and sens["method_set"] == methods


@pytest.mark.parametrize("sid", BUILTIN)
def test_unit_and_netting_follow_the_question(sid, capsys):
    flags = ["--unit", "kt CO2e", "--trajectory-path", "roadmap", "--netting", "budget"]
    cmp = _run(capsys, "compare", sid, "--json", *flags)
    sens = _run(capsys, "sensitivity", sid, "--json", *flags)
    _assert_baseline_is_compare(sens, cmp)
    assert sens["unit"] == "kt CO2e" and sens["trajectory_netting"] == "budget"
    mt = _run(capsys, "sensitivity", sid, "--json", "--trajectory-path", "roadmap",
              "--netting", "budget")
    for k, inp in enumerate(sens["inputs"]):
        for m, body in inp["methods"].items():
            assert body["delta"] == pytest.approx(
                1000.0 * mt["inputs"][k]["methods"][m]["delta"], rel=1e-9, abs=1e-6)


def test_a_submitted_path_stays_at_its_base(tmp_path, paper, capsys):
    """A ``[path]`` with a range: the baseline is compare's low bound; the path never moves."""
    doc = dict(paper.raw)
    vals = {str(y): 640.0 for y in paper.years}
    vals["2030"] = {"low": 536.0, "high": 570.0}
    doc["path"] = {"values": vals, "netting": "annual", "sources": ["test"]}
    f = tmp_path / "with-path.toml"
    f.write_text(tomli_w.dumps(doc), encoding="utf-8")
    for methods, netting in itertools.product(tuple(METHOD_SETS), (None, "budget")):
        flags = _flags(methods, None, "derived", netting)
        cmp = _run(capsys, "compare", str(f), "--json", *flags)
        sens = _run(capsys, "sensitivity", str(f), "--json", *flags)
        assert sens["trajectory_path"] == "user"
        _assert_baseline_is_compare(sens, cmp)
    # at mid the path is the middle of its range: the trajectory gap of the mid question
    q = ask(f)
    mid = one_at_a_time(q, base="mid")
    low = one_at_a_time(q, base="low")
    assert mid.baseline["trajectory"] != pytest.approx(low.baseline["trajectory"])


def _app_cases():
    for sid in BUILTIN:
        doc = builtin_doc(sid)
        for path, target in itertools.product(PATHS[1:], ("derived", "stated")):
            opts = default_options(doc) | {"path": path, "ndc_target": target}
            yield sid, doc, opts


def test_app_panel_equals_the_command(capsys):
    cases = list(_app_cases())
    assert cases
    for (sid, doc, opts), (relative, base) in zip(
            cases, itertools.cycle([(10, "low"), (20, "mid"), (0, "low")]), strict=False):
        res = analysis(doc, opts, relative, base)
        cli = _run(capsys, "sensitivity", sid, "--json", "--relative", str(relative / 100),
                   "--base", base, *cli_flags(doc, opts))
        assert res.methods == list(cli["baseline_gap"])
        assert [i.name for i in res.inputs] == [i["name"] for i in cli["inputs"]]
        for m in res.methods:
            assert res.baseline[m] == pytest.approx(cli["baseline_gap"][m], abs=1e-9)
            np.testing.assert_allclose(
                res.delta(m), [i["methods"][m]["delta"] for i in cli["inputs"]], atol=1e-9)


def test_a_registered_method_appears_without_other_changes(paper, capsys):
    register(HalfAndHalf(), sets=("paper", "all"))
    try:
        res = one_at_a_time(ask(paper))
        assert NAME in res.methods and res.label(NAME) == "Half and half (test)"
        np.testing.assert_allclose(res.delta(NAME), res.gap_high[NAME] - res.gap_low[NAME])
        low_gap = evaluate(ask(paper)).document["bounds"]["low"]["methods"][NAME]["gap"]
        assert res.baseline[NAME] == pytest.approx(low_gap)
        sens = _run(capsys, "sensitivity", "kor-2018-roadmap", "--json")
        assert NAME in sens["baseline_gap"]
        assert all(NAME in inp["methods"] for inp in sens["inputs"])
        app = analysis(builtin_doc("kor-2018-roadmap"), None, 10, "low")
        assert NAME in app.methods
    finally:
        unregister(NAME)
