"""The app in a real headless Chromium (dash.testing's ``dash_duo``).

Without Chromium these tests skip with a message saying how to get it; with
``ARTICLE6_REQUIRE_BROWSER=1`` (``.ci/run``) they fail instead. Screenshots of
the main views go to ``docs/screenshots/`` (linked from the README).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from article6.app import logic
from article6.app.ids import ID
from browser_support import require_browser
from dash.testing.wait import until

from article6.model import evaluate_bounds
from article6.results import compare
from article6.tables import format_range

pytestmark = pytest.mark.browser

# Screenshots go to docs/screenshots/ (linked from the README) when ARTICLE6_SCREENSHOTS=1
# (`make screenshots`); otherwise to a temporary folder, so a test run leaves the tree clean.
SHOTS = (
    Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    if os.environ.get("ARTICLE6_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "article6-screenshots"
)
TIMEOUT = 20


@pytest.fixture
def duo(dash_duo):
    require_browser()
    from article6.app.main import create_app

    dash_duo.start_server(create_app(None))
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.wait_for_contains_text(f"#{ID.TABLE4}", "Cumulative", timeout=TIMEOUT)
    return dash_duo


def shot(duo, name: str, element_id: str | None = None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if element_id:
        el = duo.find_element(f"#{element_id}")
        duo.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", el)
        el.screenshot(str(SHOTS / f"{name}.png"))
    else:
        duo.driver.execute_script("window.scrollTo(0, 0);")
        duo.driver.save_screenshot(str(SHOTS / f"{name}.png"))


def table4_cell(duo, method: str, column: str) -> str:
    """Text of Table 4's cell in row ``method`` under header ``column``."""
    return duo.driver.execute_script(
        """
        const t = document.getElementById(arguments[0]);
        const heads = [...t.querySelectorAll('th')].map(h => h.innerText.trim());
        const col = heads.indexOf(arguments[2]);
        for (const tr of t.querySelectorAll('tr')) {
          const cells = [...tr.querySelectorAll('td')].map(c => c.innerText.trim());
          if (cells[0] === arguments[1]) return cells[col];
        }
        return null;
        """,
        ID.TABLE4,
        method,
        column,
    )


def set_number(duo, element_id: str, value: str) -> None:
    from selenium.webdriver.common.keys import Keys

    el = duo.find_element(f"#{element_id}")
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.DELETE)
    el.send_keys(value, Keys.ENTER)


def test_page_loads_with_the_papers_table4(duo):
    # the paper's Table 4 as printed (p. 172), independent of the engine
    assert table4_cell(duo, "Cumulative", "need (A)") == "35.8~37.0"
    assert table4_cell(duo, "Cumulative", "usage (B)") == "236.7~242.1"
    assert table4_cell(duo, "Cumulative", "gap (A-B)") == "-205.1~-200.9"
    assert table4_cell(duo, "Vintage", "gap (A-B)") == "0.0"
    # the printed values stand beside the cells while the paper scenario is unchanged
    assert table4_cell(duo, "Averaging", "need (A) (paper)") == "358.0~370.0"
    duo.wait_for_contains_text(f"#{ID.TABLE3}", "671~673", timeout=TIMEOUT)
    duo.wait_for_element(f"#{ID.BALANCE_FIG} .main-svg", timeout=TIMEOUT)
    shot(duo, "main")
    shot(duo, "figures-use", ID.USE_FIG)
    shot(duo, "figures-methods", ID.METHODS_FIG)
    shot(duo, "figures-balance", ID.BALANCE_FIG)
    assert duo.get_logs() == []


def test_ets_share_changes_the_averaging_gap_to_the_engines_value(duo):
    before = table4_cell(duo, "Averaging", "gap (A-B)")
    set_number(duo, ID.ETS_SHARE_LOW, "0.5")
    set_number(duo, ID.ETS_SHARE_HIGH, "0.5")
    # the engine's value for the same inputs, formatted as the paper prints
    doc = logic.builtin_doc(logic.PAPER_ID)
    doc["ets"]["share"] = 0.5
    r = evaluate_bounds(logic.scenario_of(doc))
    expected = format_range(
        (float(r.methods["averaging"].gap[0]), float(r.methods["averaging"].gap[1])), 1
    )
    assert expected != before
    until(lambda: table4_cell(duo, "Averaging", "gap (A-B)") == expected, timeout=TIMEOUT)
    # the paper's printed values are no longer shown: the scenario is not the paper's
    assert table4_cell(duo, "Averaging", "need (A) (paper)") is None
    # an out-of-range share is refused at the control, with the engine's reason
    set_number(duo, ID.ETS_SHARE_HIGH, "1.5")
    duo.wait_for_contains_text("#feedback-ets_share", "[0, 1]", timeout=TIMEOUT)
    assert table4_cell(duo, "Averaging", "gap (A-B)") == expected
    assert duo.get_logs() == []


def _upload(duo, path: Path) -> None:
    duo.find_element(f"#{ID.UPLOAD} input[type=file]").send_keys(str(path))


def test_bad_upload_shows_its_message_and_keeps_the_state(duo, tmp_path, paper_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        paper_path.read_text(encoding="utf-8").replace("share = 0.69", "share = 1.5"),
        encoding="utf-8",
    )
    _upload(duo, bad)
    duo.wait_for_contains_text(f"#{ID.MESSAGE}", "bad.toml: ets.share", timeout=TIMEOUT)
    assert "[0, 1]" in duo.find_element(f"#{ID.MESSAGE}").text
    assert table4_cell(duo, "Cumulative", "need (A)") == "35.8~37.0"
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"title = '\xe9'\n")
    _upload(duo, latin)
    duo.wait_for_contains_text(f"#{ID.MESSAGE}", "UTF-8", timeout=TIMEOUT)
    shot(duo, "bad-upload", "message")
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
    _upload(duo, f)
    duo.wait_for_contains_text(f"#{ID.SCENARIO_INFO}", "window.__pwned", timeout=TIMEOUT)
    h2 = duo.find_element(f"#{ID.SCENARIO_INFO} h2")
    assert h2.text == title
    assert duo.driver.execute_script("return window.__pwned === undefined;")
    assert duo.driver.find_elements("css selector", f"#{ID.SCENARIO_INFO} b") == []
    assert duo.get_logs() == []


def test_shared_url_restores_the_view(duo):
    set_number(duo, ID.SINK_LOW, "20")
    duo.find_element(f"#{ID.BOUND} input[value=high]").click()
    duo.find_element(f"#{ID.ROUNDING} input[value=exact]").click()
    duo.find_element(f"#{ID.LANG} input[value=ko]").click()
    duo.wait_for_contains_text(f"#{ID.TABLE4}", "누적방식", timeout=TIMEOUT)
    until(
        lambda: "sink=20~22" in duo.find_element(f"#{ID.SHARE_LINK}").get_attribute("value"),
        timeout=TIMEOUT,
    )
    link = duo.find_element(f"#{ID.SHARE_LINK}").get_attribute("value")
    cell = table4_cell(duo, "평균방식", "차이 (A-B)")
    shot(duo, "main-korean")
    # a fresh page from the link alone
    duo.driver.get("about:blank")
    duo.driver.get(link)
    duo.wait_for_contains_text(f"#{ID.TABLE4}", "누적방식", timeout=TIMEOUT)
    until(lambda: table4_cell(duo, "평균방식", "차이 (A-B)") == cell, timeout=TIMEOUT)
    assert duo.find_element(f"#{ID.SINK_LOW}").get_attribute("value") == "20"
    assert duo.find_element(f"#{ID.BOUND} input[value=high]").is_selected()
    assert "bound=high" in urlsplit(duo.driver.current_url).query
    assert duo.get_logs() == []


def test_distribution_runs_in_the_background(duo):
    duo.find_element(f"#{ID.DIST_RUN}").click()
    duo.wait_for_contains_text(f"#{ID.DIST_STATUS}", "N = 2,000", timeout=60)
    duo.wait_for_element(f"#{ID.DIST_FIG} .boxlayer", timeout=TIMEOUT)
    shot(duo, "distribution", ID.DIST_FIG)
    assert duo.get_logs() == []


def test_path_choice_moves_the_trajectory_gap_to_the_engines_value(duo):
    # the paper's construction: derived NDC path, need = usage, gap 0 (footnote 13)
    assert table4_cell(duo, "Trajectory", "gap (A-B)") == "0.0"
    # decision 2/CMA.3 marks, in Table 4 and on the method cards
    assert table4_cell(duo, "Cumulative", "2/CMA.3") == "† not in 2/CMA.3"
    assert table4_cell(duo, "Averaging", "2/CMA.3") == "allowed (para 7)"
    card = duo.find_element(f"#{ID.PROS_CONS} .method-card.vintage h3").text
    assert "†" in card and "2/CMA.3" in card
    duo.find_element(f"#{ID.TRAJ_PATH} input[value=roadmap]").click()
    ref = compare(logic.scenario_of(logic.builtin_doc(logic.PAPER_ID)), trajectory_path="roadmap")
    gap = ref.result.methods["trajectory"].gap
    expected = format_range((float(gap[0]), float(gap[1])), 1)
    assert expected != "0.0"
    until(lambda: table4_cell(duo, "Trajectory", "gap (A-B)") == expected, timeout=TIMEOUT)
    # the choice is in the link, marked in the paths table, and named as a command flag
    until(
        lambda: "path=roadmap" in duo.find_element(f"#{ID.SHARE_LINK}").get_attribute("value"),
        timeout=TIMEOUT,
    )
    duo.wait_for_contains_text(f"#{ID.PATHS_TABLE}", "▶ roadmap emissions path", timeout=TIMEOUT)
    assert duo.find_element(f"#{ID.CLI_LINE}").text.endswith("--trajectory-path roadmap")
    shot(duo, "paths", ID.PATHS_TABLE)
    shot(duo, "options", ID.OPTIONS_PANEL)
    # the stated target (536 Mt) for NDC_T moves the high end, as compare --ndc-target stated
    duo.find_element(f"#{ID.NDC_TARGET} input[value=stated]").click()
    ref = compare(
        logic.scenario_of(logic.builtin_doc(logic.PAPER_ID)),
        trajectory_path="roadmap",
        ndc_target="stated",
    )
    stated = ref.result.methods["averaging"].gap
    expected = format_range((float(stated[0]), float(stated[1])), 1)
    until(lambda: table4_cell(duo, "Averaging", "gap (A-B)") == expected, timeout=TIMEOUT)
    assert duo.find_element(f"#{ID.CLI_LINE}").text.endswith(
        "--trajectory-path roadmap --ndc-target stated"
    )
    # a shared link restores the choice
    until(
        lambda: "ndc_target=stated" in duo.find_element(f"#{ID.SHARE_LINK}").get_attribute("value"),
        timeout=TIMEOUT,
    )
    link = duo.find_element(f"#{ID.SHARE_LINK}").get_attribute("value")
    duo.driver.get("about:blank")
    duo.driver.get(link)
    duo.wait_for_contains_text(f"#{ID.PATHS_TABLE}", "▶ roadmap emissions path", timeout=TIMEOUT)
    until(lambda: table4_cell(duo, "Averaging", "gap (A-B)") == expected, timeout=TIMEOUT)
    assert duo.find_element(f"#{ID.TRAJ_PATH} input[value=roadmap]").is_selected()
    assert duo.find_element(f"#{ID.NDC_TARGET} input[value=stated]").is_selected()
    assert duo.get_logs() == []
