"""``article6 compare SCENARIO [--json] [--unit UNIT]``: Tables 3 and 4 for one scenario."""

from __future__ import annotations

import json

from article6.anchors import interpolated_years
from article6.costs import cost_table, price_note, scenario_costs
from article6.model import evaluate_bounds
from article6.results import compare_document
from article6.scenario import load_scenario
from article6.tables import table3_text, table4_text
from article6.units import parse_unit


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "compare",
        help="evaluate the usage model and the four CA methods at both bounds",
        description="Evaluate eqs. (1)-(12-1) at the low and high bounds of SCENARIO.",
    )
    p.add_argument("scenario", help="scenario TOML file (CONTRACT section 1)")
    p.add_argument("--json", action="store_true", help="print one JSON object (CONTRACT section 2)")
    p.add_argument("--unit", help="output unit, e.g. 'kt CO2e' (default: the scenario's)")
    p.add_argument("--exact", action="store_true", help="print exact values, not the paper's rounding")
    p.add_argument("--price", metavar="FILE|PRESET",
                   help="ITMO price path: a price TOML file or a preset of data/prices/ "
                   "(e.g. kau-2015-2019); default: the scenario's [price], if any")
    p.add_argument("--discount-rate", type=float, metavar="R",
                   help="discount rate for present values, e.g. 0.045 (default: price file's, else 0)")
    p.add_argument("--base-year", type=int, metavar="YEAR",
                   help="base year of the present values (default: first year of the period)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Evaluate and print."""
    if args.unit is not None:
        parse_unit(args.unit, "--unit", "unit")
    scenario = load_scenario(args.scenario)
    if args.unit:
        scenario = scenario.in_unit(args.unit)
    result = evaluate_bounds(scenario)
    costs = scenario_costs(scenario, result, args.price, args.discount_rate, args.base_year)
    if args.json:
        print(json.dumps(compare_document(scenario, result=result, costs=costs),
                         ensure_ascii=False))
        return 0
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 20,
                           "display.max_colwidth", 60):
        print(f"{scenario.title}  [{scenario.id}]")
        print(f"Unit: {scenario.unit}; ranges are low~high over the two bounds"
              + ("" if args.exact else "; rounded as the paper prints (use --exact)"))
        print("\nTable 3. National yearly emission amount")
        print(table3_text(result, exact=args.exact).to_string())
        print("\nTable 4. Expected amount of ITMOs usage for each method of corresponding adjustment")
        print(table4_text(result, exact=args.exact).to_string())
        interpolated = interpolated_years(scenario.years, scenario.trajectory)
        if interpolated:
            print("\nNote: Trajectory_i^e interpolated linearly between anchor years in "
                  + ", ".join(map(str, interpolated)))
        if costs is not None:
            print("\nCost of each method (timing: article6/costs.py; A-B = cost of the gap)")
            print(price_note(costs.price))
            print(cost_table(costs, exact=args.exact).to_string())
    return 0
