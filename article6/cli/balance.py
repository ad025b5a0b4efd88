"""``article6 balance LEDGER --party ISO3``: one Party's reporting rows and emissions balance.

Reads a ledger of either layout (``article6/ledger/files.py``) and its parties
file, checks it block by block, and prints the Party's rows per year under
its para 7 method, with the world check that nothing is counted twice.
``--json`` prints one strict JSON object (no NaN or Infinity: ``null``);
``--csv`` / ``--excel`` write the table (blank where a figure is not defined).
A refused ledger exits 2 naming line and block; a failed world check exits 1
in every output mode and writes no file.
"""

from __future__ import annotations

import sys

from article6 import errors as E
from article6.io import spreadsheet
from article6.io.atomic import check_target, write_atomic
from article6.io.jsonout import dumps
from article6.ledger import (
    accounting_check,
    default_parties_path,
    load_ledger,
    load_parties,
    parse_as_of,
    party_summary,
    report_document,
    resolve_ledger,
)


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "balance",
        help="emissions balance of one Party from a transfer ledger (decision 2/CMA.3, paras 7-8)",
        description="Per Party and year: first transfers (by vintage and by year), acquisitions, "
        "uses, cancellations, the corresponding adjustment under the Party's method, and the "
        "emissions balance; with the check that nothing is counted twice.",
    )
    p.add_argument("ledger", help="ledger CSV (actions or per-unit layout), or a shipped ledger's "
                   "name (e.g. 'example')")
    p.add_argument("--party", required=True, metavar="ISO3",
                   help="the Party to report; several comma-separated, or 'all' (every Party "
                   "of the parties file, one JSON object with a 'parties' list)")
    p.add_argument("--parties", metavar="FILE",
                   help="parties file (TOML); default: <ledger stem>.parties.toml beside the ledger")
    p.add_argument("--as-of", metavar="DATE", dest="as_of",
                   help="count only actions on or before DATE (YYYY-MM-DD or YYYY); "
                   "default: the latest action")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--csv", metavar="FILE", help="write the table as CSV")
    p.add_argument("--excel", metavar="FILE", help="write the table as an Excel workbook (.xlsx)")
    p.add_argument("--overwrite", action="store_true", help="replace output files that exist")
    p.set_defaults(run=run)


def _parties_asked(arg: str, parties) -> list[str]:
    """``--party``: one ISO3 code, a comma-separated list, or ``all``."""
    if arg.strip().lower() == "all":
        return list(parties.codes)
    codes = [c.strip() for c in arg.split(",")]
    for c in codes:
        if c not in parties.parties:
            raise E.OptionError("--party", "--party", "Parties of " + parties.source + " ("
                                + ", ".join(parties.codes) + "), comma-separated, or all", c)
    return list(dict.fromkeys(codes))


def _write(args, reports: dict) -> None:
    """CSV (one table; a ``party`` column when several) and Excel (one sheet per Party)."""
    import pandas as pd

    frames = {iso: r.frame() for iso, r in reports.items()}
    if args.csv:
        table = (next(iter(frames.values())) if len(frames) == 1
                 else pd.concat(frames, names=["party", "item"]))
        write_atomic(args.csv, lambda f: spreadsheet.write_csv(table, f), "--csv", args.overwrite)
    if args.excel:
        write_atomic(args.excel, lambda f: spreadsheet.write_excel(frames, f), "--excel",
                     args.overwrite)


def _print(report, check, ledger, parties) -> None:
    import pandas as pd

    party = report.party
    method = party.method_object()
    with pd.option_context("display.width", 250, "display.max_columns", 40,
                           "display.float_format", "{:,.3f}".format):
        print(f"{party.name} [{party.iso3}]: emissions balance, decision 2/CMA.3, annex, paras 7-8")
        print(f"Method: {method.label_en} ({party.ndc_type.replace('_', '-')} NDC); unit: "
              f"{parties.unit}; ledger: {ledger.source} ({ledger.layout} layout); as of "
              f"{report_document(report, check, ledger, parties)['as_of']}")
        print(report.frame().to_string(na_rep=""))
    if report.kind and "indicative" in report.kind:
        print("Averaging: the elapsed years' figures are indicative; the NDC year's adjustment is "
              "applied once; no cumulative adjustment is defined.")
    for key, value in report.outside_period.items():
        print(f"Outside the period {party.years[0]}-{party.years[-1]}: {key} {value:,.3f}")


def run(args) -> int:
    """Load, check, report; print or write."""
    if args.excel and not args.excel.lower().endswith(".xlsx"):
        raise E.OptionError("--excel", "--excel", "a file name ending in .xlsx", args.excel)
    check_target(args.csv, "--csv", args.overwrite)
    check_target(args.excel, "--excel", args.overwrite)
    as_of = None if args.as_of is None else parse_as_of(args.as_of)
    path = resolve_ledger(args.ledger)
    parties = load_parties(args.parties or default_parties_path(path))
    ledger = load_ledger(path, parties)
    asked = _parties_asked(args.party, parties)
    reports = {iso: party_summary(ledger, parties, iso, as_of) for iso in asked}
    check = accounting_check(ledger, parties, as_of)
    if check["ok"]:
        _write(args, reports)
    elif args.csv or args.excel:
        print("article6 balance: the world check failed; no file written", file=sys.stderr)
    if args.json:
        docs = [report_document(r, check, ledger, parties) for r in reports.values()]
        if len(docs) == 1:
            print(dumps(docs[0]))
        else:
            for d in docs:
                del d["check"]
            print(dumps({"ledger": ledger.source, "as_of": docs[0]["as_of"], "parties": docs,
                         "check": check}))
        return 0 if check["ok"] else 1
    for i, report in enumerate(reports.values()):
        if i:
            print()
        _print(report, check, ledger, parties)
    status = "OK" if check["ok"] else "FAILED"
    print(f"\nDouble-counting check across {len(parties.parties)} Parties, {check['blocks']} blocks: "
          f"{status}. Added {check['added']:,.3f} - subtracted {check['subtracted']:,.3f} "
          f"= first transferred and not used towards an NDC {check['not_used']:,.3f} "
          f"(difference {check['difference']:.3g})")
    return 0 if check["ok"] else 1
