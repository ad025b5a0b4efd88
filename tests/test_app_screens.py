"""The page at every window size, and every built-in scenario through every way into the app.

Sizes: a phone (390x844), a tablet (768x1024), a laptop (1280x720) and a wide
screen (1920x1080). Built-in scenarios are found by listing
:func:`article6.resources.builtin_scenarios`, so a new file is tested without
touching this file.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from app_browser_helpers import TIMEOUT, shot, start, table4_cell, upload
from article6.app.ids import ID as PAGE
from article6.app.panels.inputs import ID as INPUTS
from article6.app.panels.share import ID as SHARE
from article6.app.panels.table4 import ID as T4
from browser_support import require_browser
from dash.testing.wait import until

from article6.analyses.compare import compare
from article6.io.tables import format_range
from article6.resources import builtin_scenarios
from article6.schema.scenario import load_scenario, parse_scenario

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "tablet": (768, 1024), "laptop": (1280, 720), "wide": (1920, 1080)}
#: Window sizes whose screenshots go to docs/screenshots (with ARTICLE6_SCREENSHOTS=1).
SHOT_SIZES = ("phone", "laptop", "wide")
BUILTIN = sorted(builtin_scenarios())


def _page_width(duo) -> tuple[int, int]:
    return duo.driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
    )


def _top(duo, element_id: str) -> float:
    return duo.driver.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top;", element_id
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_no_horizontal_overflow_and_table4_on_the_page(dash_duo, size):
    require_browser()
    duo = start(dash_duo, size=SIZES[size])
    duo.wait_for_element(f"#{T4.PATHS_TABLE} td", timeout=TIMEOUT)
    until(lambda: _page_width(duo)[0] <= _page_width(duo)[1], timeout=TIMEOUT)
    scroll, client = _page_width(duo)
    assert scroll <= client, f"page {scroll} px wide in a {client} px window"
    width = SIZES[size][0]
    panel_open = duo.driver.execute_script("return document.getElementById(arguments[0]).open;",
                                           PAGE.INPUTS_PANEL)
    if width < 900:
        # results first; the inputs fold into a panel that opens on demand
        assert _top(duo, T4.TABLE4) < _top(duo, PAGE.INPUTS_PANEL)
        assert panel_open is False
        duo.find_element(f"#{PAGE.INPUTS_PANEL} summary").click()
        until(lambda: duo.find_element(f"#{INPUTS.ETS_SHARE_LOW}").is_displayed(), timeout=TIMEOUT)
        assert _page_width(duo)[0] <= _page_width(duo)[1]
    else:
        assert panel_open is True
    if size in SHOT_SIZES:
        shot(duo, f"window-{size}")
    assert duo.get_logs() == []


def _engine_cell(path, method: str, key: str) -> str:
    m = compare(load_scenario(path)).result.methods[method]
    values = getattr(m, key)
    return format_range((float(values[0]), float(values[-1])), 1)


def _wait_for_scenario(duo, sid: str) -> None:
    path = builtin_scenarios()[sid].path
    for method, name in (("averaging", "Averaging"), ("cumulative", "Cumulative")):
        expected = _engine_cell(path, method, "gap")
        until(lambda n=name, e=expected: table4_cell(duo, n, "gap (A-B)") == e, timeout=TIMEOUT)
    title = builtin_scenarios()[sid].title
    duo.wait_for_contains_text("#scenario-info h2", title, timeout=TIMEOUT)


def _downloaded(duo, name: str, timeout: float = 3 * TIMEOUT) -> bytes:
    from pathlib import Path

    target = Path(duo.download_path) / name
    until(lambda: target.exists() and target.stat().st_size > 0, timeout=timeout)
    return target.read_bytes()


def _without_price_source(doc: dict) -> dict:
    """The compare document without the price's file name (it names where the file was read)."""
    if "price" in doc:
        doc = {**doc, "price": {k: v for k, v in doc["price"].items() if k != "source"}}
    return doc


@pytest.mark.parametrize("sid", BUILTIN)
def test_builtin_scenario_from_the_command_line_with_every_download(dash_duo, sid):
    require_browser()
    path = builtin_scenarios()[sid].path
    duo = start(dash_duo, scenario_path=path)
    _wait_for_scenario(duo, sid)
    # one at a time: Chromium lets a page download again only after a new click, and on a busy
    # machine a file can arrive after the next click has already been used up
    for button, suffix in ((SHARE.DL_TOML, "toml"), (SHARE.DL_JSON, "json"), (SHARE.DL_CSV, "csv"),
                           (SHARE.DL_XLSX, "xlsx")):
        duo.find_element(f"#{button}").click()
        _downloaded(duo, f"{sid}.{suffix}")
    # the scenario file of the current state loads with the engine and gives the same numbers
    toml = _downloaded(duo, f"{sid}.toml").decode("utf-8")
    again = parse_scenario(toml, f"{sid}.toml")
    assert again.id == sid
    reference = _without_price_source(compare(load_scenario(path)).document)
    assert _without_price_source(compare(again).document) == reference
    # the JSON is compare --json
    assert _without_price_source(json.loads(_downloaded(duo, f"{sid}.json"))) == reference
    assert _downloaded(duo, f"{sid}.csv").startswith(b"scenario,bound,variable")
    wb = openpyxl.load_workbook(io.BytesIO(_downloaded(duo, f"{sid}.xlsx")))
    assert "Table 4" in wb.sheetnames
    assert duo.get_logs() == []


@pytest.mark.parametrize("sid", BUILTIN)
def test_builtin_scenario_from_the_picker_a_link_and_an_upload(dash_duo, sid):
    require_browser()
    duo = start(dash_duo)
    # the picker shows titles, not file names, and never the template
    duo.find_element(f"#{INPUTS.PICKER}").click()
    opt_css = ".dash-dropdown-option"
    duo.wait_for_element(opt_css, timeout=TIMEOUT)
    options = [o.text for o in duo.driver.find_elements("css selector", opt_css)]
    titles = {s.title for s in builtin_scenarios().values()}
    assert set(options) == titles
    title = builtin_scenarios()[sid].title
    next(o for o in duo.driver.find_elements("css selector", opt_css) if o.text == title).click()
    _wait_for_scenario(duo, sid)
    # a link
    duo.driver.get(duo.server_url + f"/?scenario={sid}")
    _wait_for_scenario(duo, sid)
    # an upload of the file itself (after another scenario was shown)
    other = next((s for s in BUILTIN if s != sid), None)
    if other is not None:
        duo.driver.get(duo.server_url + f"/?scenario={other}")
        _wait_for_scenario(duo, other)
    upload(duo, builtin_scenarios()[sid].path)
    _wait_for_scenario(duo, sid)
    assert duo.get_logs() == []


def test_the_app_removes_its_cache_folder_on_exit(tmp_path):
    import os
    import subprocess
    import sys
    import tempfile

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    code = (
        "from article6.app.main import create_app; create_app(None); "
        "import glob, tempfile; print(len(glob.glob(tempfile.gettempdir() + '/article6-app-cache-*')))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"  # made while running
    assert list(tmp_path.glob("article6-app-cache-*")) == []  # gone after exit
    assert tempfile.gettempdir() != str(tmp_path)

