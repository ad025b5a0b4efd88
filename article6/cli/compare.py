"""``article6 compare SCENARIO [--json] [--unit UNIT]``: Tables 3 and 4 for one scenario."""

from __future__ import annotations

import pandas as pd

from article6.analyses.compare import evaluate
from article6.analyses.costs import cost_table, price_note
from article6.cli.options import add_question_flags, question_from_flags
from article6.io import jsonout
from article6.io.tables import adopted_column, paths_text, table3_text, table4_text
from article6.model.question import Question
from article6.schema.anchors import interpolated_years


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "compare",
        help="evaluate the usage model and the four CA methods at both bounds",
        description="Evaluate eqs. (1)-(12-1) at the low and high bounds of SCENARIO.",
    )
    p.add_argument("scenario", help="scenario: a TOML file (docs/scenario-format.md) or a built-in id "
                   "(article6 scenarios)")
    p.add_argument("--json", action="store_true", help="print one JSON object (docs/commands.md)")
    add_question_flags(p)
    p.add_argument("--exact", action="store_true", help="print exact values, not the paper's rounding")
    p.add_argument("--paths", action="store_true",
                   help="also report the trajectory method under every path choice")
    p.add_argument("--mark-adopted", action="store_true",
                   help="print whether decision 2/CMA.3 still allows each method")
    p.set_defaults(run=run)


def question(args) -> Question:
    """The question the flags ask (:func:`article6.cli.options.question_from_flags`)."""
    return question_from_flags(args, paths=args.paths)


def run(args) -> int:
    """Evaluate and print."""
    cmp = evaluate(question(args))
    scenario, result, gaps, costs = cmp.scenario, cmp.result, cmp.path_gaps, cmp.costs
    if args.json:
        print(jsonout.dumps(cmp.document))
        return 0
    with pd.option_context("display.width", 200, "display.max_columns", 20,
                           "display.max_colwidth", 60):
        print(f"{scenario.title}  [{scenario.id}]")
        print(f"Unit: {scenario.unit}; ranges are low~high over the two bounds"
              + ("" if args.exact else "; rounded as the paper prints (use --exact)"))
        print("\nTable 3. National yearly emission amount")
        print(table3_text(result, exact=args.exact).to_string())
        print("\nTable 4. Expected amount of ITMOs usage for each method of corresponding adjustment")
        print(table4_text(result, exact=args.exact).to_string())
        if args.mark_adopted or args.methods != "paper":
            print("\nDecision 2/CMA.3, annex, para 7 (\u2020 = no longer allowed)")
            print(adopted_column(result).to_string())
        if gaps is not None:
            print(f"\nTrajectory method under each submitted path (NDC_T: {args.ndc_target}; "
                  "annual = surplus years not credited, budget = years netted)")
            print(paths_text(gaps, exact=args.exact).to_string())
        interpolated = interpolated_years(scenario.years, scenario.trajectory)
        if interpolated:
            print("\nNote: Trajectory_i^e interpolated linearly between anchor years in "
                  + ", ".join(map(str, interpolated)))
        if costs is not None:
            print("\nCost of each method (timing: article6/analyses/costs.py; A-B = cost of the gap)")
            print(price_note(costs.price))
            print(cost_table(costs, exact=args.exact).to_string())
    return 0
