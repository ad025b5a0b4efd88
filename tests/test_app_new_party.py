"""A new Party from the blank form, in English and in Korean, and no untranslated string in Korean.

The form is filled in the real browser as a person would; the test records how
long it takes from opening the page to Table 4 for the new Party (printed, and
kept as the ``seconds_to_table4`` property of the test's report; never asserted).
"""

from __future__ import annotations

import time

import pytest
from app_browser_helpers import TIMEOUT, set_number, shot, start, table4_cell
from article6.app import blank, i18n
from article6.app.ids import ID as PAGE
from article6.app.ledger_view import LID
from article6.app.panels.inputs import ID as INPUTS
from article6.app.panels.new_scenario import ID as NEW
from article6.app.panels.summary import ID as SUMMARY
from browser_support import require_browser
from dash.testing.wait import until
from korean_check import TEXTS_JS, untranslated

from article6.analyses.compare import compare
from article6.io.tables import format_range
from article6.resources import data_dir
from article6.schema.scenario import scenario_from_dict

pytestmark = pytest.mark.browser

#: A made-up Party that transfers more ITMOs than it acquires (figures for the test only).
FORM = {
    "party": "GHA",
    "title": "Ghana, test scenario",
    "first": 2021,
    "last": 2030,
    "unit": "Mt CO2e",
    "anchors": [{"year": 2021, "low": 40, "high": 44}, {"year": 2030, "low": 50, "high": 56}],
    "ets_share": [0, 0],
    "offset_limit": [0, 0],
    "sink": [3, 3],
    "net_overseas": [-2.5, -1.5],
    "target": None,
}
METHOD_NAMES = {
    "en": {"averaging": "Averaging", "cumulative": "Cumulative"},
    "ko": {"averaging": "평균방식", "cumulative": "누적방식"},
}


def _cell(duo, table_id: str, row: int, column: str, value) -> None:
    from selenium.webdriver.common.keys import Keys

    css = f'#{table_id} td[data-dash-row="{row}"][data-dash-column="{column}"]'
    duo.find_element(css).click()
    box = duo.find_element(f"{css} input")
    box.send_keys(str(value))
    box.send_keys(Keys.TAB)


def _fill_form(duo, form: dict) -> None:
    duo.find_element(f"#{NEW.FORM} summary").click()
    set_number(duo, NEW.PARTY, form["party"])
    set_number(duo, NEW.TITLE, form["title"])
    for row, anchor in enumerate(form["anchors"]):
        _cell(duo, NEW.ANCHORS, row, "low", anchor["low"])
        _cell(duo, NEW.ANCHORS, row, "high", anchor["high"])
    pairs = {
        "sink": (NEW.SINK_LOW, NEW.SINK_HIGH),
        "net_overseas": (NEW.NET_OVERSEAS_LOW, NEW.NET_OVERSEAS_HIGH),
    }
    for name, (lo, hi) in pairs.items():
        set_number(duo, lo, str(form[name][0]))
        set_number(duo, hi, str(form[name][1]))


def _expected(form: dict, method: str) -> str:
    gap = compare(scenario_from_dict(blank.blank_doc(form))).result.methods[method].gap
    return format_range((float(gap[0]), float(gap[-1])), 1)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_new_party_gets_table4_from_the_blank_form(dash_duo, lang, record_property):
    require_browser()
    t0 = time.monotonic()
    duo = start(dash_duo)
    if lang == "ko":
        duo.find_element(f"#{PAGE.LANG} input[value=ko]").click()
        duo.wait_for_contains_text(f"#{SUMMARY.READING}", "표 4", timeout=TIMEOUT)
    _fill_form(duo, FORM)
    names = METHOD_NAMES[lang]
    for method in ("averaging", "cumulative"):
        expected = _expected(FORM, method)
        until(lambda m=method, e=expected: table4_cell(duo, names[m], i18n.t("gap", lang)) == e,
              timeout=TIMEOUT)
    seconds = time.monotonic() - t0
    duo.wait_for_contains_text(f"#{SUMMARY.SCENARIO_INFO} h2", FORM["title"], timeout=TIMEOUT)
    record_property("seconds_to_table4", round(seconds, 1))
    print(f"\nnew Party ({lang}): {seconds:.1f} s from opening the page to Table 4")
    shot(duo, f"new-party-{lang}")
    assert duo.get_logs() == []


def test_a_bad_field_is_named_and_the_page_keeps_its_table(dash_duo):
    require_browser()
    duo = start(dash_duo)
    duo.find_element(f"#{NEW.FORM} summary").click()
    set_number(duo, NEW.PARTY, "GHA")
    # the trajectory has no values yet: the engine names the key
    duo.wait_for_contains_text(f"#{NEW.STATUS}", "trajectory", timeout=TIMEOUT)
    assert table4_cell(duo, "Cumulative", "need (A)") == "35.8~37.0"
    assert duo.get_logs() == []


def test_korean_page_has_no_untranslated_string(dash_duo, tmp_path):
    require_browser()
    duo = start(dash_duo)
    duo.find_element(f"#{PAGE.LANG} input[value=ko]").click()
    duo.wait_for_contains_text(f"#{SUMMARY.READING}", "표 4", timeout=TIMEOUT)
    duo.wait_for_element("#dist-figure .boxlayer", timeout=TIMEOUT)
    # open everything that folds: the form, the details beside Table 4
    for el in duo.driver.find_elements("css selector", "details:not(.sources) > summary"):
        duo.driver.execute_script("arguments[0].parentElement.open = true;", el)
    # an error message, in Korean too
    set_number(duo, INPUTS.ETS_SHARE_HIGH, "1.5")
    duo.wait_for_contains_text("#feedback-ets_share", "[0, 1]", timeout=TIMEOUT)
    set_number(duo, NEW.PARTY, "G")
    duo.wait_for_contains_text(f"#{NEW.STATUS}", "scenario", timeout=TIMEOUT)
    until(lambda: duo.find_element(f"#{INPUTS.OPTIONS_PANEL}").text != "", timeout=TIMEOUT)
    # the transfer-ledger view too: its rows, check, tables and chart
    duo.wait_for_contains_text(f"#{LID.CHECK}", "통과", timeout=TIMEOUT)
    duo.wait_for_element(f"#{LID.FIGURE} .legendtext", timeout=TIMEOUT)
    texts = duo.driver.execute_script(TEXTS_JS)
    assert len(texts) > 100  # the page, not an empty shell
    ledger_texts = duo.driver.execute_script(TEXTS_JS, duo.find_element(f"#{LID.SECTION}"))
    assert len(ledger_texts) > 20 and i18n.t("ledger_title", "ko") in ledger_texts
    bad = untranslated(texts)
    assert bad == [], "\n".join(bad)
    shot(duo, "ledger-korean", LID.SECTION)
    # a ledger refused in Korean: the message is Korean, the file's names as written
    example = data_dir("ledgers", "example-actions.csv")
    bad_file = tmp_path / "bad.csv"
    bad_file.write_bytes(example.read_bytes() + b"use,2026-08-01,XAA-GS-0001,999999,,XAB,,NDC,\n")
    duo.find_element(f"#{LID.SOURCE} input[value='upload']").click()
    duo.find_element(f"#{LID.UP_LEDGER} input[type=file]").send_keys(str(bad_file))
    duo.find_element(f"#{LID.UP_PARTIES} input[type=file]").send_keys(
        str(data_dir("ledgers", "example.parties.toml")))
    duo.wait_for_contains_text(f"#{LID.STATUS}", "거부됨", timeout=TIMEOUT)
    duo.wait_for_contains_text(f"#{LID.STATUS}", "블록", timeout=TIMEOUT)
    refused = duo.driver.execute_script(TEXTS_JS, duo.find_element(f"#{LID.SECTION}"))
    bad = untranslated(refused)
    assert bad == [], "\n".join(bad)
    # and the check can fail: the English page is full of them
    assert len(untranslated(["Inputs: change the scenario"])) == 1
    assert duo.get_logs() == []
