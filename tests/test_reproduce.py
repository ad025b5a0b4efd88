"""Every printed cell of Tables 3 and 4, and the exact-value regression snapshot."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from article6.paper_repro.reproduce import EXACT_VALUES, PAPER_VALUES, read_cells, reproduce, reproduce_text
from article6.paper_repro.rules import paper_round

CELLS = reproduce()
IDS = [f"T{c.table}-{c.row}-{c.column}-{c.bound}" for c in CELLS]


def test_every_transcribed_cell_is_checked():
    specs = read_cells(PAPER_VALUES)
    # 7 rows x 4 columns x 2 ends in Table 3, 4 methods x 3 columns x 2 ends in Table 4
    expected = sum(2 if s["position"] == "single" else 1 for s in specs)
    assert len(CELLS) == expected == 80
    assert {c.table for c in CELLS} == {"3", "4"}


@pytest.mark.parametrize("cell", CELLS, ids=IDS)
def test_cell_reproduced(cell):
    assert cell.status != "mismatch", cell
    if cell.status == "exact":
        assert paper_round(cell.computed, cell.decimals) == paper_round(cell.paper, cell.decimals)


def test_only_the_averaging_high_cells_need_the_papers_rounding():
    rounded = {(c.row, c.column, c.bound): c for c in CELLS if c.status != "exact"}
    assert set(rounded) == {("averaging", "need", "high"), ("averaging", "gap", "high")}
    # exact values, and that they would print differently without the rule
    need = rounded[("averaging", "need", "high")]
    assert need.computed == pytest.approx(369.76) and str(paper_round(need.computed, 1)) == "369.8"
    gap = rounded[("averaging", "gap", "high")]
    assert gap.computed == pytest.approx(127.647) and str(paper_round(gap.computed, 1)) == "127.6"


def test_a_wrong_transcription_is_caught(tmp_path):
    bad = tmp_path / "values.csv"
    text = PAPER_VALUES.read_text().replace("4,cumulative,need,left,35.8,1", "4,cumulative,need,left,35.9,1")
    bad.write_text(text)
    cells = reproduce(values_path=bad)
    assert [c.row for c in cells if c.status == "mismatch"] == ["cumulative"]


def test_cumulative_gap_is_printed_ascending():
    left = next(c for c in CELLS if c.row == "cumulative" and c.column == "gap" and c.paper == -205.1)
    assert left.bound == "high"


def test_text_figures():
    out = reproduce_text()
    assert all(t["status"] != "mismatch" for t in out), out


def test_exact_snapshot_unchanged():
    """Regression guard beyond rounding; regenerate with `article6 reproduce --regenerate`."""
    with open(EXACT_VALUES, encoding="utf-8") as fh:
        snap = list(csv.DictReader(ln for ln in fh if not ln.startswith("#")))
    assert len(snap) == len(CELLS)
    for row, cell in zip(snap, CELLS, strict=True):
        assert (row["row"], row["column"], row["bound"]) == (cell.row, cell.column, cell.bound)
        assert float(row["computed"]) == pytest.approx(cell.computed, rel=1e-12, abs=1e-9)


def test_cli_reproduce_json():
    proc = subprocess.run([sys.executable, "-m", "article6.cli", "reproduce", "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["matched"] == doc["total"] == 80
    cell = doc["cells"][0]
    assert {"table", "row", "column", "bound", "paper", "computed", "status"} <= set(cell)
    assert cell["table"] in {"3", "4"} and cell["bound"] in {"low", "high"}


def test_cli_reproduce_text_names_the_rules():
    proc = subprocess.run([sys.executable, "-m", "article6.cli", "reproduce"],
                          capture_output=True, text=True)
    assert proc.returncode == 0
    assert "R1:" in proc.stdout and "R2:" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].startswith("80/80 cells reproduced")
