"""The ``article6`` command: parse arguments, call the engine, print.

Subcommands live in :mod:`article6.cli`, one module each, registered in
:data:`COMMANDS`. Every :class:`article6.errors.Article6Error` becomes one line
on standard error and exit status 2, with no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from article6 import __version__
from article6.errors import Article6Error, ChoiceError

#: Subcommand modules under article6.cli; each has ``add_parser(sub)`` and ``run(args)``.
COMMANDS = (
    "compare", "reproduce", "sweep", "sensitivity", "balance", "ledger", "export", "app", "scenarios",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: exit 2, one line
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every available subcommand."""
    parser = _Parser(prog="article6", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"article6 {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"article6.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"article6.cli.{name}":
                continue  # not built yet
            raise
        mod.add_parser(sub)
    return parser


def flag(choice: str) -> str:
    """The command-line flag of an engine choice: ``discount_rate`` -> ``--discount-rate``."""
    return "--" + choice.replace("_", "-")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.run(args)
    except Article6Error as exc:
        text = exc.message(flag(exc.choice)) if isinstance(exc, ChoiceError) else str(exc)
        print(f"article6 {args.command}: error: {text}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print(f"article6 {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(status or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
