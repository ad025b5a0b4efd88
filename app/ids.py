"""Ids shared by every panel: the address, the language and the page's stores.

Each panel owns its other ids (an ``ID`` enum in its own module).
"""

from __future__ import annotations

from enum import StrEnum


class ID(StrEnum):
    """Page-level component ids."""

    URL = "url"
    LANG = "lang"
    BASE = "base-store"
    DOC = "doc-store"
    OPTIONS = "options-store"
    BOUND = "bound"
    ROUNDING = "rounding"
    INPUTS_PANEL = "inputs-panel"
    PRINT = "print-button"
    PRINT_DONE = "print-done"


def label_id(key: str) -> str:
    """Id of the element that shows the UI string ``key`` (app.i18n)."""
    return f"label-{key}"


#: The inputs every result panel redraws on: the edited scenario, its options and the view.
VIEW_INPUTS = (ID.DOC, ID.OPTIONS, ID.BOUND, ID.ROUNDING, ID.LANG)
