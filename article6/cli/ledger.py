"""``article6 ledger import --from gs-verra FILE``: real transfer records into the actions layout.

Reads the credit-block export of the Gold Standard + Verra Article 6.2 CA
reporting tool (the workbook or its ``Detailed Credit Data`` sheet as CSV;
:mod:`article6.ledger.gs_verra`) and writes a ledger in the actions layout, with
comment lines naming the source and every reading. Without ``--out`` the
ledger is printed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from article6 import errors as E
from article6.io.atomic import check_target, write_atomic
from article6.ledger.gs_verra import import_gs_verra, to_csv

SOURCES = ("gs-verra",)


def add_parser(sub) -> None:
    """Register ``ledger`` and its ``import`` subcommand."""
    p = sub.add_parser("ledger", help="work with transfer ledgers (import real records)",
                       description="Transfer ledgers: import real records into the actions layout.")
    inner = p.add_subparsers(dest="ledger_command", required=True, parser_class=type(p))
    imp = inner.add_parser("import", help="import a registry export into the actions layout",
                           description="Import the credit-block export of the Gold Standard + Verra "
                           "Article 6.2 CA reporting tool (.xlsx, or its 'Detailed Credit Data' sheet "
                           "as CSV) into a ledger in the actions layout (docs/gs-verra.md).")
    imp.add_argument("file", help="the export (.xlsx or .csv)")
    imp.add_argument("--from", dest="source", required=True, choices=SOURCES,
                     help="the layout of FILE")
    imp.add_argument("--out", metavar="LEDGER.csv", help="write the ledger here (default: print it)")
    imp.add_argument("--country", metavar="NAME|ISO3", help="keep one host Party's blocks only")
    imp.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    imp.add_argument("--carp-only", action="store_true",
                     help="keep only authorizations uploaded to the CARP")
    imp.set_defaults(run=run)


def run(args) -> int:
    """Import, then write or print."""
    src = Path(args.file)
    if args.out:
        out = Path(args.out)
        if out.exists() and src.exists() and os.path.samefile(out, src):
            raise E.OutputError(out, "--out", "a file other than the input")
        check_target(out, "--out", args.overwrite)
    imported = import_gs_verra(src, country=args.country, carp_only=args.carp_only)
    text = to_csv(imported, str(src))
    if args.out:
        write_atomic(args.out, lambda p: p.write_text(text, encoding="utf-8"), "--out", args.overwrite)
        print(f"wrote {imported.blocks:,} blocks ({len(imported.rows):,} actions) to {args.out}",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
