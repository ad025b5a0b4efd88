"""``article6 scenarios [--json]``: list the built-in scenarios (id, title, Party, period).

Every command that takes a scenario accepts one of these ids in place of a path.
"""

from __future__ import annotations

import json

from article6.resources import builtin_scenarios


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "scenarios",
        help="list the built-in scenarios; any command takes their id in place of a file",
        description="List the built-in scenarios. Every command that takes a SCENARIO accepts "
        "one of these ids as well as a path to a TOML file.",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def run(args) -> int:
    """Print the list."""
    found = builtin_scenarios()
    if args.json:
        doc = {
            "scenarios": [
                {"id": s.id, "title": s.title, "party": s.party, "period": list(s.period)}
                for s in found.values()
            ]
        }
        print(json.dumps(doc, ensure_ascii=False, allow_nan=False))
        return 0
    width = max(len(i) for i in found)
    for s in found.values():
        print(f"{s.id:<{width}}  {s.party}  {s.period[0]}-{s.period[1]}  {s.title}")
    return 0
