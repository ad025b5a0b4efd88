"""``article6 sensitivity SCENARIO``: one-at-a-time sensitivity of each method's gap.

Each input (a ranged input, a trajectory block or anchor, and every input given
as a plain number, moved by +-``--relative``) moves alone from its low to its
high end with every other input at ``--base``; the change in each method's gap
A - B is printed as a table (or JSON) and drawn as a plotly tornado chart.
The methods, submitted path, NDC_T and unit are chosen with the flags of
``article6 compare`` and resolved by the same :func:`article6.model.question.ask`.
"""

from __future__ import annotations

from article6.analyses.sensitivity import document, one_at_a_time, table, tornado_figure
from article6.cli.options import add_question_flags, parse_vary, question_from_flags
from article6.errors import OutputError
from article6.io import jsonout
from article6.io.atomic import check_target, write_atomic


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "sensitivity",
        help="one-at-a-time sensitivity of each method's gap (table, tornado chart)",
        description=__doc__.splitlines()[0],
    )
    p.add_argument("scenario", help="scenario: a TOML file or a built-in id (article6 scenarios)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--html", metavar="FILE",
                   help="write the tornado chart as a standalone HTML file")
    p.add_argument("--png", metavar="FILE", help="write the tornado chart as PNG (needs kaleido)")
    p.add_argument("--base", choices=("low", "mid"), default="low",
                   help="where the other inputs stay: their low bound (default) or mid-range")
    p.add_argument("--relative", type=float, default=0.1, metavar="F",
                   help="relative move of inputs given as plain numbers "
                   "(default 0.1 = +-10%%; 0 = off)")
    p.add_argument("--vary", action="append", metavar="NAME=LOW:HIGH",
                   help="interval for one input, e.g. ets_share=0.6:0.75 or "
                   "trajectory:2030=560:620 "
                   "(repeatable; names as listed in the table)")
    add_question_flags(p)
    p.add_argument("--overwrite", action="store_true", help="replace output files that exist")
    p.set_defaults(run=run)


def run(args) -> int:
    """Run the analysis and print or write its outputs."""
    check_target(args.html, "--html", args.overwrite)
    check_target(args.png, "--png", args.overwrite)
    question = question_from_flags(args)
    scenario = question.scenario
    res = one_at_a_time(question, relative=args.relative, base=args.base,
                        vary=parse_vary(args.vary))
    fig = tornado_figure(res) if (args.html or args.png) else None
    image = None
    if args.png:  # rendered before anything is written: a PNG that cannot be made is an error
        try:
            image = fig.to_image(format="png", scale=1)
        except Exception as exc:  # noqa: BLE001 - kaleido/browser failures vary by machine
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise OutputError(
                args.png, "--png",
                "a PNG renderer: kaleido (pip install 'article6[png]') and Chromium or Chrome "
                f"(--html writes the same chart without them); kaleido said: "
                f"{type(exc).__name__}: {reason[:200]}",
            ) from None
    if args.html:
        write_atomic(args.html, lambda t: fig.write_html(t, include_plotlyjs=True), "--html",
                     args.overwrite)
    if image is not None:
        write_atomic(args.png, lambda t: t.write_bytes(image), "--png", args.overwrite)
    if args.json:
        print(jsonout.dumps(document(res)))
        return 0
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 20,
                           "display.float_format", lambda x: f"{round(x, 4) + 0.0:.4f}"):
        print(f"{scenario.title}  [{scenario.id}]")
        print(f"Change in each method's gap A-B [{scenario.unit}] when one input moves from low to "
              f"high, the others at their {res.base} bound; plain numbers moved by "
              f"+-{res.relative:.0%} (origin 'perturbed').")
        print("Baseline gap: " + ", ".join(f"{m} {round(g, 4) + 0.0:.4f}" for m, g in res.baseline.items()))
        print(table(res).to_string(index=False))
    for path in (args.html, args.png):
        if path:
            print(f"wrote {path}")
    return 0
