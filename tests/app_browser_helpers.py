"""Helpers of the browser tests: start the app, read Table 4, set a number, take screenshots."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from article6.app.panels.table4 import ID as T4

# Screenshots go to docs/screenshots/ (linked from the README) when ARTICLE6_SCREENSHOTS=1
# (`make screenshots`); otherwise to a temporary folder, so a test run leaves the tree clean.
SHOTS = (
    Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    if os.environ.get("ARTICLE6_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "article6-screenshots"
)
TIMEOUT = 60  # an upper bound for a loaded machine; a passing test returns as soon as the page is ready


def start(dash_duo, scenario_path=None, size=(1400, 1000), first_method="Cumulative"):
    """Serve a fresh app in ``dash_duo`` and wait for Table 4."""
    from article6.app.main import create_app

    dash_duo.driver.set_window_size(*size)
    dash_duo.start_server(create_app(None if scenario_path is None else str(scenario_path)))
    dash_duo.wait_for_contains_text(f"#{T4.TABLE4}", first_method, timeout=TIMEOUT)
    return dash_duo


def start_served(dash_duo, url: str, size=(1400, 1000), first_method="Cumulative"):
    """Point ``dash_duo``'s browser at an app served elsewhere (``article6 app`` in a child process)."""
    dash_duo.driver.set_window_size(*size)
    dash_duo.server_url = url
    dash_duo.wait_for_contains_text(f"#{T4.TABLE4}", first_method, timeout=TIMEOUT)
    return dash_duo


def shot(duo, name: str, element_id: str | None = None) -> None:
    """Save a screenshot of the window (or of one element) as ``<name>.png``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if element_id:
        el = duo.find_element(f"#{element_id}")
        duo.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", el)
        el.screenshot(str(SHOTS / f"{name}.png"))
    else:
        duo.driver.execute_script("window.scrollTo(0, 0);")
        duo.driver.save_screenshot(str(SHOTS / f"{name}.png"))


def table_cell(duo, table_id: str, row: str, column: str) -> str | None:
    """Text of table ``table_id``'s cell in the row starting ``row`` under header ``column``."""
    return duo.driver.execute_script(
        """
        const t = document.getElementById(arguments[0]);
        if (!t) return null;
        const heads = [...t.querySelectorAll('th')].map(h => h.innerText.trim());
        const col = heads.indexOf(arguments[2]);
        if (col < 0) return null;
        for (const tr of t.querySelectorAll('tr')) {
          const cells = [...tr.querySelectorAll('td')].map(c => c.innerText.trim());
          if (cells[0] === arguments[1]) return cells[col];
        }
        return null;
        """,
        table_id,
        row,
        column,
    )


def table4_cell(duo, method: str, column: str) -> str | None:
    """Text of Table 4's cell in row ``method`` under header ``column``."""
    return table_cell(duo, T4.TABLE4, method, column)


def set_number(duo, element_id: str, value: str) -> None:
    """Type ``value`` into a number box and press Enter."""
    from selenium.webdriver.common.keys import Keys

    el = duo.find_element(f"#{element_id}")
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.DELETE)
    el.send_keys(value, Keys.ENTER)


def open_inputs(duo) -> None:
    """Open the inputs panel if it is folded (a phone-sized window)."""
    duo.driver.execute_script("document.getElementById('inputs-panel').open = true;")


def upload(duo, path: Path) -> None:
    """Send a file to the upload box."""
    from article6.app.panels.inputs import ID as INPUTS

    duo.find_element(f"#{INPUTS.UPLOAD} input[type=file]").send_keys(str(path))


def console_errors(duo) -> list:
    """Browser console messages at level SEVERE (the tests end with none)."""
    return [e for e in duo.get_logs() if e.get("level") == "SEVERE"]
