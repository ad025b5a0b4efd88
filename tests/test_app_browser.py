"""The app in a real headless Chromium (dash.testing's ``dash_duo``): the paper's view, edits, links.

Without Chromium these tests skip with a message saying how to get it; with
``ARTICLE6_REQUIRE_BROWSER=1`` (``.ci/run``) they fail instead. Every test
ends with no browser console errors.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from app_browser_helpers import (
    TIMEOUT,
    set_number,
    shot,
    start,
    table4_cell,
    upload,
)
from article6.app import scenarios
from article6.app.ids import ID as PAGE
from article6.app.panels.charts import ID as CHARTS
from article6.app.panels.distribution import FULL_SAMPLES, QUICK_SAMPLES
from article6.app.panels.distribution import ID as DIST
from article6.app.panels.inputs import ID as INPUTS
from article6.app.panels.methods import ID as METHODS
from article6.app.panels.share import ID as SHARE
from article6.app.panels.summary import ID as SUMMARY
from article6.app.panels.table3 import ID as T3
from article6.app.panels.table4 import ID as T4
from browser_support import require_browser
from dash.testing.wait import until

from article6.analyses.compare import compare
from article6.analyses.gap_reading import gap_readings
from article6.io.tables import format_range
from article6.model.evaluate import evaluate_bounds

pytestmark = pytest.mark.browser


@pytest.fixture
def duo(dash_duo):
    require_browser()
    return start(dash_duo)


def test_page_loads_with_the_papers_table4(duo):
    # the paper's Table 4 as printed (p. 172), independent of the engine
    assert table4_cell(duo, "Cumulative", "need (A)") == "35.8~37.0"
    assert table4_cell(duo, "Cumulative", "usage (B)") == "236.7~242.1"
    assert table4_cell(duo, "Cumulative", "gap (A-B)") == "-205.1~-200.9"
    assert table4_cell(duo, "Vintage", "gap (A-B)") == "0.0"
    # the printed values stand beside the cells while the paper scenario is unchanged
    assert table4_cell(duo, "Averaging", "need (A) (paper)") == "358.0~370.0"
    duo.wait_for_contains_text(f"#{T3.TABLE3}", "671~673", timeout=TIMEOUT)
    duo.wait_for_element(f"#{CHARTS.BALANCE_FIG} .main-svg", timeout=TIMEOUT)
    # need, usage and gap are explained next to Table 4
    terms = duo.find_element(f"#{T4.TERMS}").text
    assert "need (A)" in terms and "usage (B)" in terms and "gap (A-B)" in terms
    shot(duo, "main")
    shot(duo, "figures-use", CHARTS.USE_FIG)
    shot(duo, "figures-methods", CHARTS.METHODS_FIG)
    shot(duo, "figures-balance", CHARTS.BALANCE_FIG)
    assert duo.get_logs() == []


def test_the_reading_is_computed_from_the_engines_numbers(duo):
    ref = evaluate_bounds(scenarios.scenario_of(scenarios.builtin_doc(scenarios.PAPER_ID)))
    text = duo.find_element(f"#{SUMMARY.READING}").text
    for r in gap_readings(ref):
        assert r.kind in ("more", "fewer", "equal")
        name = {"cumulative": "Cumulative", "vintage": "Vintage", "averaging": "Averaging",
                "trajectory": "Trajectory"}[r.method]
        clause = next(c for c in text.split(";") if name in c)
        if r.kind == "equal":
            assert "exactly" in clause
        else:
            assert format_range((r.low, r.high), 1) in clause and r.kind in clause
    # the paper's averaging method needs more than is used; cumulative fewer (Table 4 signs)
    assert "Averaging method this Party needs" in text and "more" in text
    assert duo.get_logs() == []


def test_ets_share_changes_the_averaging_gap_to_the_engines_value(duo):
    before = table4_cell(duo, "Averaging", "gap (A-B)")
    set_number(duo, INPUTS.ETS_SHARE_LOW, "0.5")
    set_number(duo, INPUTS.ETS_SHARE_HIGH, "0.5")
    # the engine's value for the same inputs, formatted as the paper prints
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    doc["ets"]["share"] = 0.5
    r = evaluate_bounds(scenarios.scenario_of(doc))
    expected = format_range(
        (float(r.methods["averaging"].gap[0]), float(r.methods["averaging"].gap[1])), 1
    )
    assert expected != before
    until(lambda: table4_cell(duo, "Averaging", "gap (A-B)") == expected, timeout=TIMEOUT)
    # the paper's printed values are no longer shown: the scenario is not the paper's
    assert table4_cell(duo, "Averaging", "need (A) (paper)") is None
    # an out-of-range share is refused at the control, with the engine's reason
    set_number(duo, INPUTS.ETS_SHARE_HIGH, "1.5")
    duo.wait_for_contains_text("#feedback-ets_share", "[0, 1]", timeout=TIMEOUT)
    assert table4_cell(duo, "Averaging", "gap (A-B)") == expected
    assert duo.get_logs() == []


def test_bad_upload_shows_its_message_and_keeps_the_state(duo, tmp_path, paper_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        paper_path.read_text(encoding="utf-8").replace("share = 0.69", "share = 1.5"),
        encoding="utf-8",
    )
    upload(duo, bad)
    duo.wait_for_contains_text(f"#{INPUTS.MESSAGE}", "bad.toml: ets.share", timeout=TIMEOUT)
    assert "[0, 1]" in duo.find_element(f"#{INPUTS.MESSAGE}").text
    assert table4_cell(duo, "Cumulative", "need (A)") == "35.8~37.0"
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"title = '\xe9'\n")
    upload(duo, latin)
    duo.wait_for_contains_text(f"#{INPUTS.MESSAGE}", "UTF-8", timeout=TIMEOUT)
    shot(duo, "bad-upload", INPUTS.MESSAGE)
    assert duo.get_logs() == []


def test_uploaded_title_is_shown_as_text(duo, tmp_path, paper_path):
    title = "<script>window.__pwned = 1</script><b>bold</b> Korea"
    f = tmp_path / "mine.toml"
    f.write_text(
        paper_path.read_text(encoding="utf-8").replace(
            'title = "Korea, 2018 revised 2030 roadmap (Park & Oh 2020, Table 2)"',
            f'title = "{title}"',
        ),
        encoding="utf-8",
    )
    upload(duo, f)
    duo.wait_for_contains_text(f"#{SUMMARY.SCENARIO_INFO}", "window.__pwned", timeout=TIMEOUT)
    h2 = duo.find_element(f"#{SUMMARY.SCENARIO_INFO} h2")
    assert h2.text == title
    assert duo.driver.execute_script("return window.__pwned === undefined;")
    assert duo.driver.find_elements("css selector", f"#{SUMMARY.SCENARIO_INFO} b") == []
    assert duo.get_logs() == []


def test_shared_url_restores_the_view(duo):
    set_number(duo, INPUTS.SINK_LOW, "20")
    duo.find_element(f"#{PAGE.BOUND} input[value=high]").click()
    duo.find_element(f"#{PAGE.ROUNDING} input[value=exact]").click()
    duo.find_element(f"#{PAGE.LANG} input[value=ko]").click()
    duo.wait_for_contains_text(f"#{T4.TABLE4}", "누적방식", timeout=TIMEOUT)
    until(
        lambda: "sink=20~22" in duo.find_element(f"#{SHARE.SHARE_LINK}").get_attribute("value"),
        timeout=TIMEOUT,
    )
    link = duo.find_element(f"#{SHARE.SHARE_LINK}").get_attribute("value")
    # the link starts with the address the browser reached the app by
    assert link.startswith(duo.server_url.rstrip("/") + "/?")
    cell = table4_cell(duo, "평균방식", "차이 (A-B)")
    shot(duo, "main-korean")
    # a fresh page from the link alone
    duo.driver.get("about:blank")
    duo.driver.get(link)
    duo.wait_for_contains_text(f"#{T4.TABLE4}", "누적방식", timeout=TIMEOUT)
    until(lambda: table4_cell(duo, "평균방식", "차이 (A-B)") == cell, timeout=TIMEOUT)
    assert duo.find_element(f"#{INPUTS.SINK_LOW}").get_attribute("value") == "20"
    assert duo.find_element(f"#{PAGE.BOUND} input[value=high]").is_selected()
    assert "bound=high" in urlsplit(duo.driver.current_url).query
    assert duo.get_logs() == []


def test_distribution_is_drawn_on_load_and_in_full_in_the_background(duo):
    duo.wait_for_contains_text(f"#{DIST.DIST_STATUS}", f"N = {QUICK_SAMPLES:,}", timeout=TIMEOUT)
    duo.wait_for_element(f"#{DIST.DIST_FIG} .boxlayer", timeout=TIMEOUT)
    duo.find_element(f"#{DIST.DIST_RUN}").click()
    duo.wait_for_contains_text(f"#{DIST.DIST_STATUS}", f"N = {FULL_SAMPLES:,}", timeout=60)
    duo.wait_for_element(f"#{DIST.DIST_FIG} .boxlayer", timeout=TIMEOUT)
    shot(duo, "distribution", DIST.DIST_FIG)
    assert duo.get_logs() == []


def test_path_choice_moves_the_trajectory_gap_to_the_engines_value(duo):
    # the paper's construction: derived NDC path, need = usage, gap 0 (footnote 13)
    assert table4_cell(duo, "Trajectory", "gap (A-B)") == "0.0"
    # decision 2/CMA.3 marks, in Table 4 and on the method cards
    assert table4_cell(duo, "Cumulative", "2/CMA.3") == "† not in 2/CMA.3"
    assert table4_cell(duo, "Averaging", "2/CMA.3") == "allowed (para 7)"
    card = duo.find_element(f"#{METHODS.PROS_CONS} .method-card.vintage h3").text
    assert "†" in card and "2/CMA.3" in card
    duo.find_element(f"#{INPUTS.TRAJ_PATH} input[value=roadmap]").click()
    paper_sc = scenarios.scenario_of(scenarios.builtin_doc(scenarios.PAPER_ID))
    gap = compare(paper_sc, trajectory_path="roadmap").result.methods["trajectory"].gap
    expected = format_range((float(gap[0]), float(gap[1])), 1)
    assert expected != "0.0"
    until(lambda: table4_cell(duo, "Trajectory", "gap (A-B)") == expected, timeout=TIMEOUT)
    # the choice is in the link, marked in the paths table, and named as a command flag
    until(
        lambda: "path=roadmap" in duo.find_element(f"#{SHARE.SHARE_LINK}").get_attribute("value"),
        timeout=TIMEOUT,
    )
    duo.wait_for_contains_text(f"#{T4.PATHS_TABLE}", "▶ roadmap emissions path", timeout=TIMEOUT)
    assert duo.find_element(f"#{T4.CLI_LINE}").text.endswith("--trajectory-path roadmap")
    shot(duo, "paths", T4.PATHS_TABLE)
    shot(duo, "options", INPUTS.OPTIONS_PANEL)
    # the stated target for NDC_T moves the high end, as compare --ndc-target stated
    duo.find_element(f"#{INPUTS.NDC_TARGET} input[value=stated]").click()
    ref = compare(paper_sc, trajectory_path="roadmap", ndc_target="stated")
    stated = ref.result.methods["averaging"].gap
    expected = format_range((float(stated[0]), float(stated[1])), 1)
    until(lambda: table4_cell(duo, "Averaging", "gap (A-B)") == expected, timeout=TIMEOUT)
    assert duo.find_element(f"#{T4.CLI_LINE}").text.endswith(
        "--trajectory-path roadmap --ndc-target stated"
    )
    until(
        lambda: "ndc_target=stated"
        in duo.find_element(f"#{SHARE.SHARE_LINK}").get_attribute("value"),
        timeout=TIMEOUT,
    )
    link = duo.find_element(f"#{SHARE.SHARE_LINK}").get_attribute("value")
    duo.driver.get("about:blank")
    duo.driver.get(link)
    duo.wait_for_contains_text(f"#{T4.PATHS_TABLE}", "▶ roadmap emissions path", timeout=TIMEOUT)
    until(lambda: table4_cell(duo, "Averaging", "gap (A-B)") == expected, timeout=TIMEOUT)
    assert duo.find_element(f"#{INPUTS.TRAJ_PATH} input[value=roadmap]").is_selected()
    assert duo.find_element(f"#{INPUTS.NDC_TARGET} input[value=stated]").is_selected()
    assert duo.get_logs() == []
