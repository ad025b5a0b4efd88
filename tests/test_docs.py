"""The documentation stands on its own: every link resolves inside the repository, and no
text sends a user outside it or speaks in the tracker's words."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", ROOT / "SECURITY.md", *(ROOT / "docs").glob("*.md"),
               *(ROOT / "paper_repro").glob("*.md")])
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _tracked() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:  # not a git checkout (an sdist): every file below the root
        return [p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return [ROOT / line for line in out.stdout.splitlines()]


def test_the_readme_links_every_format():
    text = (ROOT / "README.md").read_text()
    for doc in ("scenario-format.md", "commands.md", "ledger.md", "api.md", "architecture.md",
                "sweeps.md", "app.md", "benchmarks.md"):
        assert f"docs/{doc}" in text, doc


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(doc):
    assert doc.exists(), doc
    for target in LINK.findall(doc.read_text()):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (doc.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{doc.name} links to {target}, which does not exist"
        assert path.is_relative_to(ROOT), f"{doc.name} links outside the repository: {target}"


WORDS = re.compile(r"\.\./shared|shared/reference|CONTRACT\.md|CONTRACT section|\bissue #?\d+\b"
                   r"|\bthe lead\b", re.I)


def test_no_text_points_outside_the_repository_or_at_the_tracker():
    found = []
    for path in _tracked():
        if path.suffix not in {".py", ".md", ".toml", ".csv", ".css", ".cff"} or path == Path(__file__):
            continue
        for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if WORDS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not found, "\n".join(found)
