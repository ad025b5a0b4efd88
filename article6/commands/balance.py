"""``article6 balance LEDGER.csv --party ISO3``: the para 8 emissions balance of one Party.

Prints the summary table (one row per reporting item, one column per year)
and the check that nothing is counted twice across the Parties; ``--json``
prints one JSON object instead; ``--csv`` / ``--excel`` write the table.
"""

from __future__ import annotations

import json

from article6 import errors as E
from article6.atomic import write_atomic
from article6.ledger import (
    SUMMARY_ROWS,
    accounting_check,
    default_parties_path,
    load_ledger,
    load_parties,
    party_summary,
)


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "balance",
        help="emissions balance of one Party from a transfer ledger (decision 2/CMA.3, para 8)",
        description="Per Party and year: trajectory, emissions, ITMOs first transferred and used, "
        "annual and cumulative adjustments and the emissions balance, under the Party's method.",
    )
    p.add_argument("ledger", help="transfer ledger CSV (see article6/ledger.py)")
    p.add_argument("--party", required=True, metavar="ISO3", help="the Party to report")
    p.add_argument("--parties", metavar="FILE",
                   help="parties file (TOML); default: <ledger stem>.parties.toml beside the ledger")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--csv", metavar="FILE", help="write the table as CSV")
    p.add_argument("--excel", metavar="FILE", help="write the table as an Excel workbook (.xlsx)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Load, check, summarise, print or write."""
    if args.excel and not args.excel.lower().endswith(".xlsx"):
        raise E.OptionError("--excel", "--excel", "a file name ending in .xlsx", args.excel)
    parties = load_parties(args.parties or default_parties_path(args.ledger))
    ledger = load_ledger(args.ledger, parties)
    summary = party_summary(ledger, parties, args.party)
    check = accounting_check(ledger, parties)
    frame = summary.frame()
    if args.csv:
        write_atomic(args.csv, lambda f: frame.to_csv(f), "--csv")
    if args.excel:
        write_atomic(args.excel, lambda f: frame.to_excel(f, sheet_name=args.party), "--excel")
    party = summary.party
    method = party.method_object()
    if args.json:
        doc = {
            "ledger": str(args.ledger),
            "party": party.iso3,
            "name": party.name,
            "unit": parties.unit,
            "method": method.name,
            "method_label": method.label_en,
            "adopted_in_2_cma_3": bool(method.adopted_in_2_cma_3),
            "years": list(party.years),
            "labels": {k: summary.labels()[k] for k in SUMMARY_ROWS},
            "rows": {k: [None if v != v else float(v) for v in summary.rows[k]]
                     for k in SUMMARY_ROWS},
            "check": check,
        }
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    import pandas as pd

    with pd.option_context("display.width", 250, "display.max_columns", 40,
                           "display.float_format", "{:.3f}".format):
        print(f"{party.name} [{party.iso3}]: emissions balance, decision 2/CMA.3, annex, para 8")
        print(f"Method: {method.label_en}; unit: {parties.unit}; ledger: {args.ledger}")
        print(frame.to_string())
    status = "OK" if check["ok"] else "FAILED"
    print(f"\nDouble-counting check across {len(parties.parties)} Parties, {check['units']} units: "
          f"{status}. Added {check['added']:.3f} = subtracted {check['subtracted']:.3f} "
          f"+ OIMP {check['oimp']:.3f} + held {check['held']:.3f}")
    return 0 if check["ok"] else 1
