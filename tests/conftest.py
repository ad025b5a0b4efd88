"""Shared fixtures: the paper scenario loaded once, a fresh copy per test."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from browser_support import (
    pytest_setup_options,  # noqa: F401  (headless Chromium for dash_duo)
    require_browser,
)

from article6.schema.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "scenarios"
PAPER = DATA / "kor-2018-roadmap.toml"

_cache: dict = {}


@pytest.fixture
def paper_path() -> Path:
    return PAPER


@pytest.fixture
def paper():
    """The paper's scenario (Park & Oh 2020, Table 2), a fresh copy per test."""
    if "paper" not in _cache:
        _cache["paper"] = load_scenario(PAPER)
    return copy.deepcopy(_cache["paper"])


def pytest_collection_modifyitems(config, items):
    """Every test that drives a browser (``dash_duo``) carries the ``browser`` mark."""
    for item in items:
        if "dash_duo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip (or fail, under ARTICLE6_REQUIRE_BROWSER=1) a browser test before any webdriver starts."""
    if item.get_closest_marker("browser"):
        require_browser()
