"""The app's link carries the page's question: ``Question.given`` under ``ask``'s names.

For every built-in scenario (found by listing the folder), a scenario with a
``[path]`` table, and every combination of the page's options: the link's
choices are the ``given`` choices of the page's question that differ from the
defaults, the equivalent command's flags are the same choices as flags, the
Excel download records them, and asking ``ask`` again with the link's choices
gives the same resolved question. Links written before (``path=``) still open
on the same options, and are written back under the new names.
"""

from __future__ import annotations

import base64
import io
import itertools
from urllib.parse import parse_qs

import openpyxl
import pytest
from article6.app import links, scenarios
from article6.app import options as app_options
from article6.app.downloads import download

from article6.model.question import CHOICES, ask
from article6.resources import scenario_dir

BUILTIN = sorted(p.stem for p in scenario_dir().glob("*.toml"))


def _with_path(doc: dict, netting: str) -> dict:
    out = dict(doc)
    out["path"] = {"values": {str(y): 600.0 for y in range(doc["scenario"]["period"][0],
                                                          doc["scenario"]["period"][1] + 1)},
                   "netting": netting, "sources": ["test"]}
    return out


def _docs():
    for sid in BUILTIN:
        yield sid, scenarios.builtin_doc(sid)
    paper = scenarios.builtin_doc(scenarios.PAPER_ID)
    yield "with-path-budget", _with_path(paper, "budget")


def _every_option(doc):
    allowed = app_options.option_choices(doc)
    for values in itertools.product(*(allowed[k] for k in ("path", "netting", "ndc_target"))):
        yield dict(zip(("path", "netting", "ndc_target"), values, strict=True))


def _query(q: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(q.lstrip("?")).items()}


def _state(sid, doc, opts):
    state = links.default_state() if sid not in BUILTIN else links.default_state(sid)
    if sid not in BUILTIN:
        state = {**state, "scenario": None, "base": doc, "controls": scenarios.controls_from_doc(doc)}
    state["options"] = opts
    return state


def test_the_link_is_the_questions_given_choices():
    cases = 0
    for sid, doc in _docs():
        for opts in _every_option(doc):
            if opts["ndc_target"] == "stated" and "target" not in doc.get("ndc", {}):
                continue
            q = app_options.question(doc, opts)
            chosen = app_options.given_choices(q.given)
            query = _query(links.encode_query(_state(sid, doc, opts)))
            carried = {k: v for k, v in query.items() if k in CHOICES}
            assert carried == chosen, (sid, opts)
            assert "path" not in query  # the old name is no longer written
            # the equivalent command: the same choices as flags
            assert app_options.cli_flags(doc, opts) == app_options.flags(chosen)
            # asking again with the link's choices resolves to the same question
            again = ask(scenarios.scenario_of(doc), **carried)
            assert (again.trajectory_path, again.netting, again.ndc_target, again.method_set) == (
                q.trajectory_path, q.netting, q.ndc_target, q.method_set)
            # and the link opens on the same options
            assert links.decode_query(links.encode_query(_state(sid, doc, opts)))["options"] == \
                app_options.clean_options(doc, opts)
            cases += 1
    assert cases > 20


def test_the_excel_download_records_the_same_choices():
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    opts = {"path": "linear", "netting": "budget", "ndc_target": "stated"}
    q = app_options.question(doc, opts)
    got = download("xlsx", doc, opts)
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(got["content"])))
    meta = {r[0]: r[1] for r in wb["scenario"].iter_rows(min_row=2, values_only=True)}
    link = _query(links.encode_query(_state(scenarios.PAPER_ID, doc, opts)))
    given = {k: v for k, v in link.items() if k in CHOICES}
    assert dict(p.split("=") for p in meta["choices given"].split("&")) == given
    assert meta["command flags"] == " ".join(app_options.flags(app_options.given_choices(q.given)))
    assert (meta["trajectory_path"], meta["netting"], meta["ndc_target"]) == (
        q.trajectory_path, q.netting, q.ndc_target)


@pytest.mark.parametrize("old, new", [
    ("?path=roadmap", "?trajectory_path=roadmap"),
    ("?path=linear&netting=budget&ndc_target=stated",
     "?trajectory_path=linear&netting=budget&ndc_target=stated"),
    ("?ndc_target=stated", "?ndc_target=stated"),
    ("?path=derived&netting=budget", "?netting=budget"),
])
def test_old_links_keep_working(old, new):
    before = links.decode_query(old)
    after = links.decode_query(new)
    assert before["options"] == after["options"]
    # written back under the question's names
    query = _query(links.encode_query(before))
    assert "path" not in query
    assert {k: v for k, v in query.items() if k in CHOICES} == _query(new)


def test_an_old_link_with_a_bad_value_names_its_key():
    from article6 import errors as E

    with pytest.raises(E.OptionError) as info:
        links.decode_query("?trajectory_path=zigzag")
    assert info.value.key == "trajectory_path"
    with pytest.raises(E.OptionError) as info:
        links.decode_query("?path=zigzag")
    assert info.value.key == "path"
