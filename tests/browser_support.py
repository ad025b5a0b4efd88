"""Headless Chromium for the dash.testing browser tests (``dash_duo``).

``conftest.py`` imports :func:`pytest_setup_options` (dash.testing's hook) so
every ``dash_duo`` browser starts headless with options that suit CI
containers. :func:`require_browser` skips a test when Chromium is missing,
with a message saying how to get it, unless ``ARTICLE6_REQUIRE_BROWSER=1``
(set by ``.ci/run``), where a missing browser fails the test instead.
"""

from __future__ import annotations

import os
import shutil

import pytest

HOW_TO_GET = (
    "headless Chromium not found: install it with "
    "`sudo apt-get install chromium chromium-driver` (Debian/Ubuntu), "
    "or run .ci/run, which does it"
)

_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
    "--lang=en-US",
)


def _program(name: str) -> str | None:
    """``name`` on PATH as a regular executable file (a path bound to /dev/null is not one)."""
    found = shutil.which(name)
    if found and os.path.isfile(os.path.realpath(found)) and os.path.getsize(found) > 0:
        return found
    return None


def chromium_path() -> str | None:
    """The Chromium (or Chrome) binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = _program(name)
        if found:
            return found
    return None


def browser_available() -> bool:
    """True when both a Chromium binary and chromedriver are on PATH."""
    return chromium_path() is not None and _program("chromedriver") is not None


def require_browser() -> None:
    """Skip (or, with ``ARTICLE6_REQUIRE_BROWSER=1``, fail) when there is no browser."""
    if browser_available():
        return
    if os.environ.get("ARTICLE6_REQUIRE_BROWSER") == "1":
        pytest.fail(HOW_TO_GET + " (ARTICLE6_REQUIRE_BROWSER=1: browser tests must run)")
    pytest.skip(HOW_TO_GET)


def pytest_setup_options():
    """dash.testing hook: Chrome options for a headless, sandbox-free Chromium."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for a in _ARGS:
        options.add_argument(a)
    binary = chromium_path()
    if binary:
        options.binary_location = binary
    return options
