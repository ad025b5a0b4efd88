"""docs/api.md's worked example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_worked_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "docs/api.md has no python example"
    for code in blocks:
        exec(compile(code, str(DOC), "exec"), {})  # noqa: S102 - the project's own document
