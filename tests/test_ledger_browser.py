"""The ledger view in a real headless Chromium (dash.testing's ``dash_duo``)."""

from __future__ import annotations

import pytest
from article6.app.ledger_view import LID
from browser_support import require_browser

from article6 import ledger as L
from article6.resources import data_dir

pytestmark = pytest.mark.browser
TIMEOUT = 60  # an upper bound for a loaded machine


def test_ledger_view_example_party_as_of_and_refused_upload(dash_duo, tmp_path):
    require_browser()
    from article6.app.main import create_app

    dash_duo.start_server(create_app(None))
    dash_duo.driver.set_window_size(1400, 1000)
    example = data_dir("ledgers", "example-actions.csv")
    ps = L.load_parties(L.default_parties_path(example))
    ledger = L.load_ledger(example, ps)
    want = L.party_summary(ledger, ps, "XAA").rows["annual_adjustment"][0]
    dash_duo.wait_for_contains_text(f"#{LID.CHECK}", "OK", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"#{LID.TABLE}", f"{want:,.2f}", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"#{LID.COMPARE}", "Averaging", timeout=TIMEOUT)
    # choose another Party
    dash_duo.select_dcc_dropdown(f"#{LID.PARTY}", index=1)
    dash_duo.wait_for_contains_text(f"#{LID.STATUS}", "[XAB]", timeout=TIMEOUT)
    # as of a date before any first transfer of XAB: its additions are gone
    box = dash_duo.find_element(f"#{LID.AS_OF}")
    box.send_keys("2021-12-31\n")
    dash_duo.wait_for_contains_text(f"#{LID.STATUS}", "as of 2021-12-31", timeout=TIMEOUT)
    # a refused upload shows the line and the block
    bad = tmp_path / "bad.csv"
    bad.write_bytes(example.read_bytes() + b"use,2026-08-01,XAA-GS-0001,999999,,XAB,,NDC,\n")
    dash_duo.find_element(f"#{LID.SOURCE} input[value='upload']").click()
    dash_duo.find_element(f"#{LID.UP_LEDGER} input[type=file]").send_keys(str(bad))
    dash_duo.find_element(f"#{LID.UP_PARTIES} input[type=file]").send_keys(
        str(L.default_parties_path(example)))
    dash_duo.wait_for_contains_text(f"#{LID.STATUS}", "block XAA-GS-0001", timeout=TIMEOUT)
    assert "Refused" in dash_duo.find_element(f"#{LID.STATUS}").text
    assert dash_duo.get_logs() == []
