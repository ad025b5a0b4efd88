"""Shared fixtures: the paper scenario loaded once, a fresh copy per test."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from browser_support import pytest_setup_options  # noqa: F401  (headless Chromium for dash_duo)

from article6.scenario import load_scenario

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
