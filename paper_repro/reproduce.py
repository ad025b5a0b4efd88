"""Recompute every printed cell of Tables 3 and 4 and compare it with the paper.

A cell is ``exact`` when the engine's unrounded value, rounded as printed,
equals the printed figure; ``paper-rounding (R..)`` when only the paper's
rounding of an intermediate value (:mod:`paper_repro.rules`) gives the printed
figure; ``mismatch`` otherwise. Printed ranges ``left~right`` are in ascending
order (Table 4 prints the cumulative gap ``-205.1~-200.9``, the high bound's
value first), so ``left`` is compared with the smaller of the two bound
results and ``right`` with the larger, and the report names the bound each
came from.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from article6.paper_repro.rules import PAPER_PIPELINE, RULES, paper_round

from article6.io.tables import year_columns
from article6.model.evaluate import Result, evaluate_bounds
from article6.resources import paper_repro_dir, scenario_dir
from article6.schema.scenario import BOUNDS, load_scenario

HERE = paper_repro_dir()
PAPER_SCENARIO = scenario_dir() / "kor-2018-roadmap.toml"
PAPER_VALUES = HERE / "paper_values.csv"
TEXT_VALUES = HERE / "text_values.csv"
EXACT_VALUES = HERE / "exact_values.csv"


@dataclass(frozen=True)
class Cell:
    """One printed cell, with the engine's value and the verdict."""

    table: str
    row: str
    column: str
    bound: str
    paper: float
    computed: float
    printed_as: str
    status: str
    decimals: int
    rule: str = ""

    def as_json(self) -> dict:
        """The JSON keys of docs/commands.md plus the extras."""
        return asdict(self)


def read_cells(path: Path) -> list[dict]:
    """Read a transcription CSV (comment lines start with '#')."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _column_years(result: Result) -> dict[str, list[int]]:
    groups = year_columns(result.years, result.rows.as_dict())
    out = {}
    for first, last in groups:
        label = str(first) if first == last else f"{first}~{last}"
        out[label] = list(range(first, last + 1))
    return out


def _exact_values(result: Result, spec: dict) -> np.ndarray:
    """The engine's value of one cell at both bounds, shape (2,)."""
    if spec["table"] == "3":
        years = _column_years(result)[spec["column"]]
        arr = result.rows.as_dict()[spec["row"]]
        cols = [result.years.index(y) for y in years]
        block = arr[:, cols]
        if not np.all(block == block[:, :1]):
            raise ValueError(f"years {years} of row {spec['row']} differ; the column is not one cell")
        return block[:, 0]
    return np.asarray(getattr(result.methods[spec["row"]], spec["column"]))


def _verdict(spec: dict, bound_row: int, exact: float, result: Result) -> tuple[str, str, str]:
    dec = int(spec["decimals"])
    paper = paper_round(float(spec["paper"]), dec)
    printed = paper_round(exact, dec)
    if printed == paper:
        return "exact", "", str(printed)
    if spec["table"] == "4":
        value, used = PAPER_PIPELINE[spec["column"]](result, spec["row"], bound_row)
        if paper_round(value, dec) == paper:
            names = ", ".join(used)
            return f"paper-rounding ({names})", "; ".join(f"{u}: {RULES[u]}" for u in used), str(
                paper_round(value, dec)
            )
    return "mismatch", "", str(printed)


def reproduce(scenario_path: Path = PAPER_SCENARIO, values_path: Path = PAPER_VALUES) -> list[Cell]:
    """Evaluate the paper scenario and check every transcribed cell."""
    result = evaluate_bounds(load_scenario(scenario_path))
    cells = []
    for spec in read_cells(values_path):
        both = _exact_values(result, spec)
        if spec["position"] == "single":
            picks = [0, 1]
        else:
            order = np.argsort(both, kind="stable")  # ascending: left = smaller
            picks = [int(order[0] if spec["position"] == "left" else order[-1])]
        for b in picks:
            status, rule, printed = _verdict(spec, b, float(both[b]), result)
            cells.append(Cell(
                table=spec["table"], row=spec["row"], column=spec["column"], bound=BOUNDS[b],
                paper=float(spec["paper"]), computed=float(both[b]) + 0.0, printed_as=printed,
                status=status, decimals=int(spec["decimals"]), rule=rule,
            ))
    return cells


def reproduce_text(scenario_path: Path = PAPER_SCENARIO) -> list[dict]:
    """Check the figures of the running text (sections 4.1-4.2)."""
    result = evaluate_bounds(load_scenario(scenario_path))
    rows = result.rows.as_dict()
    out = []
    for spec in read_cells(TEXT_VALUES):
        q, reduce = spec["quantity"], spec["reduce"]
        if reduce == "period_sum":
            both = rows[q].sum(axis=-1)
        elif reduce == "period_mean_of_bounds":
            both = np.repeat(rows[q].mean(), 2)
        else:
            method, col = q.split(".")
            both = np.asarray(getattr(result.methods[method], col))
        order = np.argsort(both, kind="stable")
        b = 0 if spec["position"] == "single" else int(
            order[0] if spec["position"] == "left" else order[-1]
        )
        fake = {"table": "4" if reduce == "method" else "text", "row": q.split(".")[0],
                "column": q.split(".")[-1], "decimals": spec["decimals"], "paper": spec["paper"]}
        status, rule, printed = _verdict(fake, b, float(both[b]), result)
        out.append({
            "section": spec["section"], "quantity": q, "reduce": reduce,
            "bound": BOUNDS[b] if spec["position"] != "single" else "mean of both",
            "paper": float(spec["paper"]), "computed": float(both[b]), "printed_as": printed,
            "status": status, "rule": rule, "text": spec["text"],
        })
    return out


def exact_table(cells: list[Cell]) -> list[dict]:
    """The engine's exact value per cell, for the regression snapshot ``exact_values.csv``."""
    return [
        {"table": c.table, "row": c.row, "column": c.column, "bound": c.bound,
         "computed": repr(c.computed)}
        for c in cells
    ]


def write_exact(cells: list[Cell], path: Path = EXACT_VALUES) -> None:
    """Regenerate the exact-value snapshot (``article6 reproduce --regenerate``)."""
    from article6.io.atomic import write_atomic

    rows = exact_table(cells)

    def write(tmp: Path) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            fh.write("# Exact (unrounded) engine values for each printed cell; regenerate with "
                     "`article6 reproduce --regenerate`.\n")
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)

    write_atomic(path, write, "--regenerate", overwrite=True)
