"""One-at-a-time sensitivity (article6/analyses/sensitivity.py), against hand-worked numbers.

Paper scenario (kor-2018-roadmap), every other input at its low bound. With
ITMO_T^net only in T, the gaps reduce to (by eqs. 1, 2, 5, 10, 11-1):

  cumulative gap = -sum_{i<T} Traj_i x s x o
  averaging gap  = s x o x (10 Traj_T - sum_i Traj_i) + 9 x ITMO_T^net
  vintage gap = trajectory gap = 0

Low trajectory: sum_{i<T} = 3x671 + 3x648 + 3x622 = 5823, Traj_T = 574, sum = 6397.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from browser_support import browser_available

from article6.analyses.sensitivity import one_at_a_time, sensitivity_inputs
from article6.cli import main
from article6.cli.options import parse_vary


def _by_name(res):
    return {inp.name: k for k, inp in enumerate(res.inputs)}


def test_paper_inputs_include_ets_share_and_offset_limit(paper):
    names = [i.name for i in sensitivity_inputs(paper)]
    assert names == ["trajectory:2021-2023", "trajectory:2024-2026", "trajectory:2027-2029",
                     "trajectory:2030", "ets_share", "offset_limit", "sink", "net_overseas"]


def test_paper_deltas_by_hand(paper):
    res = one_at_a_time(paper, relative=0.1)
    k = _by_name(res)
    cum, avg = res.delta("cumulative"), res.delta("averaging")
    # ETS share 0.69 +-10%: ds = 0.138; cumulative -5823 x 0.138 x 0.05 = -40.1787
    assert cum[k["ets_share"]] == pytest.approx(-40.1787)
    # averaging 0.138 x 0.05 x (5740 - 6397) = -4.5333
    assert avg[k["ets_share"]] == pytest.approx(-4.5333)
    # offset limit 0.05 +-10%: do = 0.01; -5823 x 0.69 x 0.01 = -40.1787; 0.69 x 0.01 x -657
    assert cum[k["offset_limit"]] == pytest.approx(-40.1787)
    assert avg[k["offset_limit"]] == pytest.approx(-4.5333)
    # 2030 block 574 -> 608: cumulative unchanged; averaging 9 x 34 x 0.0345 = 10.557
    assert cum[k["trajectory:2030"]] == pytest.approx(0.0, abs=1e-9)
    assert avg[k["trajectory:2030"]] == pytest.approx(10.557)
    # 2021-2023 block 671 -> 673: -3 x 2 x 0.0345 = -0.207 for both
    assert cum[k["trajectory:2021-2023"]] == pytest.approx(-0.207)
    assert avg[k["trajectory:2021-2023"]] == pytest.approx(-0.207)
    # net overseas 16 +-10% (14.4 -> 17.6): averaging 9 x 3.2 = 28.8, cumulative 0
    assert avg[k["net_overseas"]] == pytest.approx(28.8)
    assert cum[k["net_overseas"]] == pytest.approx(0.0, abs=1e-9)
    # the sink never moves a gap; vintage and trajectory gaps never move
    for m in res.methods:
        assert res.delta(m)[k["sink"]] == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(res.delta("vintage"), 0.0, atol=1e-9)
    np.testing.assert_allclose(res.delta("trajectory"), 0.0, atol=1e-9)
    # baseline = the paper's low-bound gaps (Table 4): -200.8935 and 121.3335
    assert res.baseline["cumulative"] == pytest.approx(-200.8935)
    assert res.baseline["averaging"] == pytest.approx(121.3335)


def test_vary_overrides_and_mid_base(paper):
    res = one_at_a_time(paper, vary=parse_vary(["ets_share=0.6:0.8"]))
    k = _by_name(res)
    # cumulative: -5823 x 0.2 x 0.05 = -58.23
    assert res.delta("cumulative")[k["ets_share"]] == pytest.approx(-58.23)
    assert res.inputs[k["ets_share"]].origin == "vary"
    # base 'mid': other blocks at mid-range; ETS share effect uses mid trajectory
    # sum_{i<T} mid = 3 x (672 + 654.5 + 635) = 5884.5 -> -5884.5 x 0.138 x 0.05
    mid = one_at_a_time(paper, base="mid")
    assert mid.delta("cumulative")[k["ets_share"]] == pytest.approx(-5884.5 * 0.138 * 0.05)


def test_relative_zero_keeps_only_ranged(paper):
    names = [i.name for i in sensitivity_inputs(paper, relative=0.0)]
    assert names == ["trajectory:2021-2023", "trajectory:2024-2026", "trajectory:2027-2029",
                     "trajectory:2030"]


def test_anchor_inputs_named_by_anchor_year():
    from pathlib import Path

    from article6.schema.scenario import load_scenario

    s = load_scenario(Path(__file__).resolve().parents[1] / "tests/data/synthetic.toml")
    res = one_at_a_time(s, relative=0.0)
    k = _by_name(res)
    assert set(k) == {"trajectory:2025", "offset_limit"}
    # synthetic: anchor 2025 60 -> 80 moves 2022-2024 by 5, 10, 15 and 2025 by 20;
    # ITMO^ets = traj x 0.05 (low offset 0.1); cumulative gap = -sum_{i<T} ets
    #   -> d = -(5 + 10 + 15) x 0.05 = -1.5; averaging: 5 x 20 x 0.05 - (50 x 0.05) = 2.5
    assert res.delta("cumulative")[k["trajectory:2025"]] == pytest.approx(-1.5)
    assert res.delta("averaging")[k["trajectory:2025"]] == pytest.approx(2.5)


@pytest.mark.parametrize("bad", ["ets_share", "ets_share=1:0.5", "ets_share=a:b",
                                 "nothing=1:2", "ets_share=0.5:1.5", "sink=-1:3"])
def test_bad_vary_exit_2(paper_path, capsys, bad):
    status = main(["sensitivity", str(paper_path), "--vary", bad])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and "--vary" in err and "Traceback" not in err


def test_cli_json_html(paper_path, tmp_path, capsys):
    html = tmp_path / "t.html"
    status = main(["sensitivity", str(paper_path), "--json", "--html", str(html)])
    out, err = capsys.readouterr()
    assert status == 0
    doc = json.loads(out)
    names = [i["name"] for i in doc["inputs"]]
    assert "ets_share" in names and "offset_limit" in names
    ets = doc["inputs"][names.index("ets_share")]
    assert ets["methods"]["cumulative"]["delta"] == pytest.approx(-40.1787)
    text = html.read_text()
    assert "ETS share ETS_i^r" in text and "Offset limit Offset_i^r" in text
    assert not re.search(r"<script[^>]*\ssrc=", text)  # plotly.js is inside: it opens offline
    assert not list(tmp_path.glob("*.part"))


def _png_renderer() -> bool:
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return browser_available()


def test_png_is_made_or_refused(paper_path, tmp_path, capsys):
    """With kaleido and Chromium a PNG is written; without, exit 2 and no file at all."""
    html, png = tmp_path / "t.html", tmp_path / "t.png"
    status = main(["sensitivity", str(paper_path), "--html", str(html), "--png", str(png)])
    _, err = capsys.readouterr()
    if _png_renderer():
        assert status == 0, err
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert status == 2 and "--png" in err and "kaleido" in err and "Traceback" not in err
        assert not png.exists() and not html.exists()


def test_html_into_missing_directory_exit_2(paper_path, tmp_path, capsys):
    status = main(["sensitivity", str(paper_path), "--html", str(tmp_path / "no" / "t.html")])
    _, err = capsys.readouterr()
    assert status == 2 and "--html" in err
