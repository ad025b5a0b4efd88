"""Outputs checked against each other, over every built-in scenario and every choice (hypothesis).

Each property compares two outputs of the same question, or an output with
the method object's own schedule; none compares with a stored number.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import numpy as np
import pytest
import tomli_w
from article6.app.downloads import compare_json, download
from article6.app.options import cli_flags
from article6.app.panels.distribution import distribution
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article6 import errors as E
from article6.analyses.compare import evaluate
from article6.cli import main
from article6.model.methods import METHOD_SETS
from article6.model.paths import PATH_CHOICES
from article6.model.question import ask
from article6.resources import scenario_dir
from article6.schema.path_table import NETTING
from article6.schema.prices import PRICE_DIR
from article6.schema.scenario import load_scenario, scenario_from_dict
from article6.schema.units import conversion_factor

SCENARIOS = sorted(p.stem for p in scenario_dir().glob("*.toml"))
PRESETS = sorted(p.stem for p in PRICE_DIR.glob("*.toml"))
UNITS = (None, "kt CO2e", "Gt CO2e", "t CO2e")
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _user_path(sc):
    """``sc`` with a ``[path]`` table (a straight line 5 % under its low trajectory), so
    ``user`` is a choice too."""
    doc = json.loads(json.dumps(dict(sc.raw), default=str))
    low = sc.in_unit(sc.file_unit).trajectory.low
    doc["path"] = {"values": {str(y): float(v) * 0.95 for y, v in zip(sc.years, low, strict=True)}}
    return scenario_from_dict(doc, source=sc.path)


@st.composite
def questions(draw):
    """A scenario (built in, or built in with a ``[path]``) and every choice of :func:`ask`."""
    sc = load_scenario(draw(st.sampled_from(SCENARIOS)))
    if draw(st.booleans()):
        sc = _user_path(sc)
    paths = [c for c in PATH_CHOICES if c != "user" or sc.user_path is not None]
    priced = draw(st.sampled_from([None, *PRESETS]))
    has_price = priced is not None or sc.price is not None
    choices = {
        "methods": draw(st.sampled_from(list(METHOD_SETS))),
        "trajectory_path": draw(st.sampled_from([None, *paths])),
        "netting": draw(st.sampled_from([None, *NETTING])),
        "ndc_target": draw(st.sampled_from(["derived"] + (["stated"] if sc.target else []))),
        "price": priced,
        "unit": draw(st.sampled_from(UNITS)),
        "discount_rate": draw(st.sampled_from([None, 0.0, 0.03, 0.1])) if has_price else None,
        "base_year": draw(st.sampled_from([None, sc.years[0], sc.years[-1]])) if has_price else None,
    }
    return sc, choices


@SETTINGS
@given(questions())
def test_schedules_sum_to_need_and_usage_and_costs_price_them(q):
    sc, choices = q
    answer = evaluate(ask(sc, **choices))
    rows = answer.result.rows
    for name, m in answer.result.methods.items():
        q_need, q_usage = m.method.annual_need(rows), m.method.annual_usage(rows)
        scale = 1.0 + float(np.max(np.abs(rows.national_net)))
        np.testing.assert_allclose(q_need.sum(axis=-1), m.need, atol=1e-9 * scale, err_msg=name)
        np.testing.assert_allclose(q_usage.sum(axis=-1), m.usage, atol=1e-9 * scale, err_msg=name)
        if answer.costs is None:
            continue
        c = answer.costs
        f = conversion_factor(answer.question.unit, c.price.per)
        p = c.price.bounds()
        d = (1.0 + c.discount_rate) ** -(np.asarray(answer.result.years, float) - c.base_year)
        cost = c.methods[name]
        # the cost is the price times the method's own schedule, undiscounted and discounted
        np.testing.assert_allclose(cost.need, (q_need * f * p).sum(axis=-1), rtol=1e-12)
        np.testing.assert_allclose(cost.usage, (q_usage * f * p).sum(axis=-1), rtol=1e-12)
        np.testing.assert_allclose(cost.need_pv, (q_need * f * p * d).sum(axis=-1), rtol=1e-12)
        np.testing.assert_allclose(cost.gap, cost.need - cost.usage)
        # with one price in every year of a bound and no discounting, the cost of the gap
        # is the gap priced: its sign follows the gap
        if np.all(p == p[:, :1]):
            np.testing.assert_allclose(cost.gap, m.gap * f * p[:, 0],
                                       atol=1e-9 * scale * f * float(p.max()))


@SETTINGS
@given(questions())
def test_balance_view_adds_up_to_the_counted_usage(q):
    from article6.analyses.balance import accounting_balance, adjustments

    sc, choices = q
    answer = evaluate(ask(sc, **choices))
    rows = answer.result.rows
    for name, m in answer.result.methods.items():
        ca = adjustments(m.method, rows)
        assert ca.shape == rows.national_net.shape
        np.testing.assert_allclose(ca.sum(axis=-1), m.usage, rtol=1e-12, atol=1e-9, err_msg=name)
        np.testing.assert_allclose(accounting_balance(m.method, rows), rows.national_net - ca)


def _flat(sc):
    """``sc`` with every input at its low bound: a scenario without ranges."""
    doc = json.loads(json.dumps(dict(sc.raw), default=str))
    flat = sc.in_unit(sc.file_unit)
    doc["trajectory"] = {"values": {str(y): float(v) for y, v in zip(sc.years, flat.trajectory.low,
                                                                   strict=True)}}
    doc.setdefault("ets", {})
    doc["ets"]["share"] = {str(y): float(v) for y, v in zip(sc.years, flat.ets_share.low, strict=True)}
    doc["ets"]["offset_limit"] = {str(y): float(v)
                                  for y, v in zip(sc.years, flat.offset_limit.low, strict=True)}
    doc.setdefault("ndc", {})
    doc["ndc"]["sink"] = {str(y): float(v) for y, v in zip(sc.years, flat.sink.low, strict=True)}
    doc["ndc"]["net_overseas"] = float(flat.net_overseas.low[-1])
    out = scenario_from_dict(doc, source=sc.path)
    assert not out.ranged_inputs()
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SCENARIOS), st.sampled_from(["derived", "roadmap", "linear"]),
       st.sampled_from(NETTING), st.sampled_from(["derived", "stated"]))
def test_app_distribution_without_ranges_equals_compare(sid, path, netting, ndc_target):
    sc = _flat(load_scenario(sid))
    doc = json.loads(json.dumps(dict(sc.raw), default=str))
    opts = {"path": path, "netting": netting, "ndc_target": ndc_target}
    frame, names, unit, ranged = distribution(doc, samples=3, options=opts)
    assert not ranged and unit == sc.unit
    answer = evaluate(ask(sc, trajectory_path=path, netting=netting, ndc_target=ndc_target))
    doc_methods = answer.document["bounds"]["low"]["methods"]
    chosen = (path, netting) != ("derived", "annual")
    for name in doc_methods:
        if chosen and name == "trajectory":  # the sweep keeps the paper's column; see below
            continue
        np.testing.assert_allclose(frame[f"{name}_gap"], doc_methods[name]["gap"], atol=1e-9)
    if chosen:  # the chosen path is a column of its own
        col = f"trajectory_{path}" + ("_budget" if netting == "budget" else "")
        np.testing.assert_allclose(frame[f"{col}_gap"], doc_methods["trajectory"]["gap"],
                                   atol=1e-9)


def _cli_json(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return status, out.getvalue()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SCENARIOS), st.sampled_from(["derived", "roadmap", "linear"]),
       st.sampled_from(NETTING), st.sampled_from(["derived", "stated"]))
def test_every_download_equals_the_command_line(sid, path, netting, ndc_target):
    sc = load_scenario(sid)
    doc = json.loads(json.dumps(dict(sc.raw), default=str))
    opts = {"path": path, "netting": netting, "ndc_target": ndc_target}
    with tempfile.TemporaryDirectory() as tmp:
        toml = Path(tmp) / f"{sc.id}.toml"
        toml.write_text(download("toml", doc, opts)["content"], encoding="utf-8")
        status, text = _cli_json(["compare", str(toml), "--json", *cli_flags(doc, opts)])
    assert status == 0
    cli_doc, app_doc = json.loads(text), json.loads(compare_json(doc, opts))
    for d in (cli_doc, app_doc):  # where the price came from: the file, or the app's edit
        d.get("price", {}).pop("source", None)
    assert app_doc == cli_doc
    again = json.loads(download("json", doc, opts)["content"])
    again.get("price", {}).pop("source", None)
    assert again == app_doc
    csv = download("csv", doc, opts)["content"]
    # every per-method number of the CSV is the command line's
    import pandas as pd

    frame = pd.read_csv(io.StringIO(csv))
    for bound, body in cli_doc["bounds"].items():
        for name, m in body["methods"].items():
            for k in ("need", "usage", "gap"):
                got = frame[(frame.bound == bound) & (frame.variable == f"{name}_{k}")]["value"]
                assert len(got) == 1 and got.iloc[0] == pytest.approx(m[k], abs=1e-9)


#: Ways to spoil one key of a scenario file: (section, key, value).
SPOILS = [
    ("path", "netting", "weekly"), ("path", "values", "none"), ("price", "currency", "krw"),
    ("price", "flat", -5), ("ets", "share", 1.5), ("ndc", "sink", -1.0),
    ("scenario", "unit", "furlongs"), ("trajectory", "values", {"2021": 1.0}),
    ("ndc", "target", "high"), ("assumptions", "note", "bell\u0007"),
    ("ets", "offset_limit", 0.04),  # a good value: every command accepts it
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SCENARIOS), st.sampled_from(SPOILS))
def test_every_command_accepts_or_refuses_a_file_alike(sid, spoil):
    section, key, value = spoil
    doc = dict(load_scenario(sid).raw)
    doc[section] = dict(doc.get(section, {})) | {key: value}
    if section == "trajectory":
        doc["trajectory"] = {key: value}
    if section == "path" and "values" not in doc["path"]:
        doc["path"]["values"] = {str(y): 500.0 for y in load_scenario(sid).years}
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "s.toml"
        f.write_text(tomli_w.dumps(doc), encoding="utf-8")
        outcomes = {}
        for cmd in (["compare", str(f), "--json"], ["sweep", str(f), "--samples", "4", "--json"],
                    ["sensitivity", str(f), "--json"],
                    ["export", str(f), "--iamc", str(Path(tmp) / "out.csv")]):
            status, _ = _cli_json(cmd)
            outcomes[cmd[0]] = status
        try:
            scenario_from_dict(doc, source=str(f))
            expected = 0
        except E.InputError:
            expected = 2
    assert set(outcomes.values()) == {expected}, outcomes
