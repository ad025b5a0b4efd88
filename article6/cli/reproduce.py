"""``article6 reproduce [--json]``: check every cell of the paper's Tables 3 and 4."""

from __future__ import annotations

from article6.io import jsonout


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "reproduce",
        help="recompute every cell of Park & Oh (2020) Tables 3 and 4 and compare",
        description="Recompute every numeric cell of Tables 3 and 4 from data/ and compare each "
        "with the value printed in the paper. Exit 0 only if every cell is reproduced.",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--regenerate", action="store_true",
                   help="rewrite paper_repro/exact_values.csv from the engine (regression snapshot)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Reproduce and report."""
    from article6.paper_repro.reproduce import reproduce, reproduce_text, write_exact
    from article6.paper_repro.rules import RULES, paper_round

    cells = reproduce()
    text = reproduce_text()
    if args.regenerate:
        write_exact(cells)
    matched = sum(c.status != "mismatch" for c in cells)
    total = len(cells)
    ok = matched == total
    if args.json:
        doc = {
            "cells": [c.as_json() for c in cells],
            "matched": matched,
            "total": total,
            "rules": RULES,
            "text_cells": text,
        }
        print(jsonout.dumps(doc))
        return 0 if ok else 1
    print("Park & Oh (2020), Tables 3 and 4: printed figure vs this engine")
    print(f"{'tbl':<4}{'row':<16}{'column':<11}{'bound':<6}{'paper':>9}{'computed (exact)':>20}  status")
    for c in cells:
        print(f"{c.table:<4}{c.row:<16}{c.column:<11}{c.bound:<6}{c.paper:>9.{c.decimals}f}"
              f"{c.computed:>20.6f}  {c.status}")
    print("\nFigures in the running text (sections 4.1-4.2):")
    for t in text:
        print(f"  {t['section']} {t['quantity']:<18} {t['bound']:<12} paper {t['paper']:>7}"
              f"  computed {t['computed']:.4f}  {t['status']}")
    used = sorted({r for c in cells if c.status.startswith("paper-rounding") for r in RULES
                   if r in c.status})
    if used:
        print("\nRounding rules the paper applies to intermediate values (paper_repro/rules.py):")
        for r in used:
            print(f"  {r}: {RULES[r]}")
        for c in cells:
            if c.status.startswith("paper-rounding"):
                print(f"  table {c.table} {c.row} {c.column} ({c.bound}): printed {c.paper:.1f}, "
                      f"exact {c.computed:.4f} (which prints as {c.printed_as} only via "
                      f"{c.status.split(' ', 1)[1]}; rounded directly it prints as "
                      f"{paper_round(c.computed, c.decimals)})")
    mism = [c for c in cells if c.status == "mismatch"]
    print(f"\n{matched}/{total} cells reproduced"
          + (f" ({sum(c.status == 'exact' for c in cells)} exact, "
             f"{sum(c.status.startswith('paper-rounding') for c in cells)} via the paper's rounding)")
          + ("" if not mism else f"; {len(mism)} mismatched"))
    return 0 if ok else 1
