"""``article6 export``: results in the IAMC layout (CSV, Excel), and IAMC trajectories back in.

Export:  ``article6 export SCENARIO --iamc FILE.csv [--excel FILE.xlsx] [--price P]``
Import:  ``article6 export --import-iamc FILE.csv|.xlsx --out NEW.toml [--base SCENARIO]``
The layout and the variables are documented in :mod:`article6.io.iamc`.
"""

from __future__ import annotations

import tomli_w

from article6.analyses.compare import evaluate
from article6.errors import OptionError
from article6.io.atomic import check_target, write_atomic
from article6.io.iamc import scenario_dict_from_iamc, to_iamc, write_csv, write_excel
from article6.model.question import ask
from article6.schema.scenario import load_scenario, scenario_from_dict


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "export",
        help="write results in the IAMC layout (CSV/Excel) or import an IAMC trajectory",
        description=__doc__.splitlines()[0],
    )
    p.add_argument("scenario", nargs="?", help="scenario TOML file to export")
    p.add_argument("--iamc", metavar="FILE.csv", help="write the IAMC table as CSV")
    p.add_argument("--excel", metavar="FILE.xlsx",
                   help="write the IAMC table to Excel (sheet 'data')")
    p.add_argument("--price", metavar="FILE|PRESET",
                   help="add Cost|ITMO|... variables at this price "
                   "(default: the scenario's [price])")
    p.add_argument("--import-iamc", metavar="FILE",
                   help="read a trajectory from an IAMC CSV/Excel file")
    p.add_argument("--out", metavar="NEW.toml", help="scenario file to write (with --import-iamc)")
    p.add_argument("--base", metavar="SCENARIO",
                   help="scenario supplying the inputs the IAMC file lacks (with --import-iamc)")
    p.add_argument("--model", help="model to read when the file holds several")
    p.add_argument("--scenario-name", help="IAMC scenario to read (without '|low'/'|high')")
    p.add_argument("--trajectory-variable", default="Emissions|Kyoto Gases|Trajectory",
                   help="variable holding Trajectory_i^e (default: %(default)s)")
    p.add_argument("--id", help="id of the imported scenario")
    p.add_argument("--overwrite", action="store_true", help="replace output files that exist")
    p.set_defaults(run=run)


def run(args) -> int:
    """Export or import."""
    if args.import_iamc:
        if args.scenario or args.iamc or args.excel:
            raise OptionError("--import-iamc", "--import-iamc",
                              "either SCENARIO with --iamc/--excel, or --import-iamc with --out")
        if not args.out:
            raise OptionError("--out", "--out", "a scenario file to write (NEW.toml)")
        check_target(args.out, "--out", args.overwrite)
        base = load_scenario(args.base).raw if args.base else None
        doc = scenario_dict_from_iamc(
            args.import_iamc, base=base, model=args.model, scenario=args.scenario_name,
            trajectory_variable=args.trajectory_variable, new_id=args.id,
        )
        scenario = scenario_from_dict(doc, source=args.out)  # validate before writing
        text = (f"# Imported by `article6 export --import-iamc {args.import_iamc}`.\n"
                "# Sources: see [scenario].sources; figures as in the IAMC file.\n"
                + tomli_w.dumps(doc))
        write_atomic(args.out, lambda t: t.write_text(text, encoding="utf-8"), "--out", args.overwrite)
        print(f"wrote {args.out} ({scenario.id}, {scenario.years[0]}-{scenario.years[-1]}, "
              f"{scenario.unit})")
        return 0
    if not args.scenario:
        raise OptionError("export", "SCENARIO", "a scenario file (or --import-iamc FILE)")
    if not (args.iamc or args.excel):
        raise OptionError("export", "--iamc/--excel",
                          "an output: --iamc FILE.csv and/or --excel FILE.xlsx")
    check_target(args.iamc, "--iamc", args.overwrite)
    check_target(args.excel, "--excel", args.overwrite)
    answer = evaluate(ask(args.scenario, price=args.price))
    df = to_iamc(answer.scenario, answer.result, answer.costs)
    for path, writer in ((args.iamc, write_csv), (args.excel, write_excel)):
        if path:
            writer(df, path, overwrite=args.overwrite)
            print(f"wrote {path} ({len(df)} rows)")
    return 0
