"""Serving a room: cached answers equal fresh ones, several workers give the same numbers, no errors.

Correctness only, never timing: the speed is measured by benchmarks/bench_load.py.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from article6.app import answers, memo, scenarios
from article6.app.main import create_app
from article6.app.options import comparison, default_options, question
from article6.app.panels import distribution
from article6.app.panels.common import view
from article6.app.panels.distribution import ID as DIST
from article6.app.serve import BROKER_ENV, broker_url
from served import UPDATE, clean_env, get, post, serve, view_body

from article6.analyses.sensitivity import one_at_a_time
from article6.errors import OptionError
from article6.resources import builtin_scenarios

BUILTIN = sorted(builtin_scenarios())


def _deps(client) -> list[dict]:
    return json.loads(client.get("/_dash-dependencies").data)


def _numbers(reply: bytes) -> dict:
    """The Table 4 rows and Table 3 rows of a view reply."""
    resp = json.loads(reply)["response"]
    return {"table4": resp["table4"]["data"], "table3": resp["table3"]["data"],
            "paths": resp["paths-table"]["data"]}


@pytest.fixture(scope="module")
def apps():
    return create_app(None, background=False), create_app(None, background=False, remember=False)


@pytest.mark.parametrize("sid", BUILTIN)
def test_the_cached_answer_is_the_engines_for_every_builtin_scenario(sid):
    doc = scenarios.builtin_doc(sid)
    opts = default_options(doc)
    answers.clear()
    first = answers.compared(doc, opts)
    assert first.document == comparison(doc, opts, paths=True).document
    # asked again, even through an equal copy of the document, it is the same answer object
    assert answers.compared(json.loads(json.dumps(doc)), dict(opts)) is first
    other = json.loads(json.dumps(doc))
    other["scenario"]["title"] += " (another)"
    assert answers.compared(other, opts) is not first


def test_cached_sensitivity_and_distribution_equal_fresh_ones():
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    answers.clear()
    cached = answers.sensitivity(doc, None, 0.1, "low")
    fresh = one_at_a_time(question(doc, None), relative=0.1, base="low")
    assert [i.name for i in cached.inputs] == [i.name for i in fresh.inputs]
    for m in fresh.methods:
        assert list(cached.delta(m)) == list(fresh.delta(m))
    quick, names, unit, ranged = distribution.quick_distribution(doc)
    full, names2, unit2, ranged2 = distribution.distribution(doc, distribution.QUICK_SAMPLES)
    assert quick.equals(full) and names == names2 and unit == unit2 and ranged == ranged2


def test_the_view_of_an_equal_question_is_shared_by_every_panel():
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    a = view(doc, None, "both", "paper", "en")
    assert view(json.loads(json.dumps(doc)), None, "both", "paper", "en") is a
    assert view(doc, None, "low", "paper", "en") is not a


@pytest.mark.parametrize("share", [0.5, 0.69])
def test_a_remembered_reply_is_byte_for_byte_the_fresh_one(apps, share):
    cached, plain = apps
    c, p = cached.server.test_client(), plain.server.test_client()
    body = view_body(_deps(c), share)
    before = cached.memo.hits
    first = c.post(UPDATE, data=body, content_type="application/json")
    again = c.post(UPDATE, data=body, content_type="application/json")
    fresh = p.post(UPDATE, data=body, content_type="application/json")
    assert first.status_code == again.status_code == fresh.status_code == 200
    assert again.data == first.data == fresh.data
    assert cached.memo.hits == before + 1
    # the security headers are on a remembered reply too
    assert again.headers["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in again.headers


def test_another_question_is_not_answered_from_the_memo(apps):
    cached, _ = apps
    c = cached.server.test_client()
    deps = _deps(c)
    a = c.post(UPDATE, data=view_body(deps, 0.55), content_type="application/json")
    b = c.post(UPDATE, data=view_body(deps, 0.56), content_type="application/json")
    assert _numbers(a.data)["table4"] != _numbers(b.data)["table4"]
    ko = c.post(UPDATE, data=view_body(deps, 0.55, lang="ko"), content_type="application/json")
    assert "누적방식" in json.dumps(_numbers(ko.data), ensure_ascii=False)
    assert "누적방식" not in json.dumps(_numbers(a.data), ensure_ascii=False)


def test_background_callbacks_are_never_remembered():
    app = create_app(None)
    skip = memo.background_outputs(app)
    assert any(f"{DIST.DIST_FIG}.figure" in out for out in skip)
    assert all(v.get("background") for k, v in app.callback_map.items() if k in skip)


def test_the_memo_stays_within_its_bounds():
    m = memo.Memo(max_items=3, max_bytes=100)
    for k in range(5):
        m.put(bytes([k]), 200, b"x" * 10, "application/json")
    assert len(m) == 3 and m.get(bytes([0])) is None and m.get(bytes([4])) is not None
    m.put(b"big", 200, b"y" * 95, "application/json")
    assert len(m) == 1 and m.get(bytes([4])) is None
    assert m.get(b"big")[1] == b"y" * 95


def test_broker_urls():
    assert broker_url(None, environ={}) is None
    assert broker_url(None, environ={BROKER_ENV: "redis://h:1/0"}) == "redis://h:1/0"
    assert broker_url("redis://a:2/0", environ={BROKER_ENV: "redis://h:1/0"}) == "redis://a:2/0"
    with pytest.raises(OptionError, match="--celery-broker"):
        broker_url("http://example.invalid/")


@pytest.mark.parametrize("args, key", [(["--workers", "0"], "--workers"),
                                       (["--workers", "1000"], "--workers"),
                                       (["--celery-broker", "amqp://x"], "--celery-broker")])
def test_bad_serving_options_exit_2_naming_the_option(args, key):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "article6.cli", "app", *args],
                          capture_output=True, text=True, env=clean_env(), timeout=120)
    assert done.returncode == 2, done.stderr
    assert key in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_one_and_two_workers_give_the_same_numbers_and_no_errors_under_load():
    shares = [0.5, 0.6, 0.65, 0.69]
    with serve("--workers", "1") as one, serve("--workers", "2", "--threads", "2") as two:
        deps = json.loads(get(one + "/_dash-dependencies")[1])
        assert deps == json.loads(get(two + "/_dash-dependencies")[1])
        for share in shares:
            s1, r1 = post(one + UPDATE, view_body(deps, share))
            s2, r2 = post(two + UPDATE, view_body(deps, share))
            assert s1 == s2 == 200
            assert _numbers(r1) == _numbers(r2)
        # a short burst from 16 threads, every reply the one the single process gave
        expected = {s: _numbers(post(one + UPDATE, view_body(deps, s))[1]) for s in shares}
        jobs = [shares[k % len(shares)] for k in range(64)]
        with ThreadPoolExecutor(16) as pool:
            got = list(pool.map(lambda s: (s, post(two + UPDATE, view_body(deps, s))), jobs))
        assert all(status == 200 for _, (status, _) in got)
        assert all(_numbers(reply) == expected[s] for s, (_, reply) in got)


def test_a_fresh_worker_serves_every_script_of_the_page_before_showing_it():
    import re

    page = create_app(None, background=False).server.test_client().get("/").data.decode()
    scripts = re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', page)
    assert len(scripts) >= 5
    for _ in range(3):  # fresh servers: the first requests reach workers that have shown no page
        with serve("--workers", "2", "--threads", "4", untouched=True) as url:
            with ThreadPoolExecutor(16) as pool:
                codes = list(pool.map(lambda s: get(url + s)[0], scripts * 4))
            assert codes == [200] * len(codes)


def test_one_process_holds_a_room_of_open_connections():
    import socket

    # 200 delegates' browsers keep connections open; waitress stopped accepting at 100 by default
    with serve("--workers", "1", "--threads", "2") as url:
        port = int(url.rsplit(":", 1)[1])
        held = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(150)]
        try:
            last = held[-1]
            last.sendall(b"GET /_dash-dependencies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert last.recv(12).startswith(b"HTTP/1.1 200")
        finally:
            for s in held:
                s.close()
