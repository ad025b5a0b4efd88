"""``article6 compare SCENARIO [--json] [--unit UNIT]``: Tables 3 and 4 for one scenario."""

from __future__ import annotations

import pandas as pd

from article6.analyses.compare import evaluate
from article6.analyses.costs import cost_table, price_note
from article6.io import jsonout
from article6.io.tables import adopted_column, paths_text, table3_text, table4_text
from article6.model.methods import METHOD_SETS
from article6.model.paths import NDC_TARGET_MODES, NETTING, PATH_CHOICES
from article6.model.question import Question, ask
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
    p.add_argument("--unit", help="output unit, e.g. 'kt CO2e' (default: the scenario's)")
    p.add_argument("--exact", action="store_true", help="print exact values, not the paper's rounding")
    p.add_argument("--price", metavar="FILE|PRESET",
                   help="ITMO price path: a price TOML file or a preset of data/prices/ "
                   "(e.g. kau-2015-2019); default: the scenario's [price], if any")
    p.add_argument("--discount-rate", type=float, metavar="R",
                   help="discount rate for present values, e.g. 0.045 (default: price file's, else 0)")
    p.add_argument("--base-year", type=int, metavar="YEAR",
                   help="base year of the present values (default: first year of the period)")
    p.add_argument("--trajectory-path", choices=PATH_CHOICES,
                   help="submitted trajectory of the trajectory method (default: the scenario's "
                   "[path] if any, else derived, the paper's); see article6/model/paths.py")
    p.add_argument("--netting", choices=NETTING,
                   help="trajectory method: years above the path each need ITMOs (annual, "
                   "surplus not credited) or are netted as a budget")
    p.add_argument("--ndc-target", choices=NDC_TARGET_MODES, default="derived",
                   help="NDC_T: derived from eq. (8-1) (Table 3, default) or the scenario's "
                   "stated [ndc] target")
    p.add_argument("--methods", choices=tuple(METHOD_SETS), default="paper",
                   help="methods to evaluate: the paper's four (default), those of decision "
                   "2/CMA.3 (article6/model/adopted.py), or all")
    p.add_argument("--paths", action="store_true",
                   help="also report the trajectory method under every path choice")
    p.add_argument("--mark-adopted", action="store_true",
                   help="print whether decision 2/CMA.3 still allows each method")
    p.set_defaults(run=run)


def question(args) -> Question:
    """The question the flags ask (:func:`article6.model.question.ask`)."""
    return ask(args.scenario, methods=args.methods, trajectory_path=args.trajectory_path,
               netting=args.netting, ndc_target=args.ndc_target, paths=args.paths,
               price=args.price, discount_rate=args.discount_rate, base_year=args.base_year,
               unit=args.unit)


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
