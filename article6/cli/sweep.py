"""``article6 sweep SCENARIO --samples N ...``: batch evaluation over the scenario's ranges.

docs/commands.md, plus ``--vary``, ``--chunk-size``, ``--grid-levels``,
``--max-points``, ``--resume``, ``--plot``, ``--workers``,
``--scheduler-timeout`` and the path choice (``--paths``, ``--netting``,
``--linear-start``, ``--linear-end``). All numbers come from :mod:`article6.sweep`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from article6 import sweep as S
from article6.analyses.compare import evaluate
from article6.errors import OutputError
from article6.io import jsonout
from article6.io.atomic import check_target, write_atomic
from article6.model.question import ask

from .options import parse_range


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "sweep",
        help="evaluate the model at many points of the scenario's ranges (Parquet out)",
        description="Draw every ranged input of SCENARIO within [low, high], evaluate the four "
                    "CA methods at each sample, stream the rows to Parquet.",
    )
    p.add_argument("scenario", help="scenario: a TOML file (docs/scenario-format.md) or a built-in id "
                   "(article6 scenarios)")
    p.add_argument("--samples", "-n", type=int, metavar="N",
                   help="number of samples (mc, lhs); for grid, a target size when "
                        "--grid-levels is not given")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--design", choices=S.DESIGNS, default="mc",
                   help="mc: independent uniform draws; lhs: Latin hypercube; "
                        "grid: every combination of k levels per ranged input")
    p.add_argument("--vary", choices=S.VARY, default="block",
                   help="trajectory blocks: one draw per block (default) or per year")
    p.add_argument("--out", metavar="FILE.parquet",
                   help="Parquet file to write (default: none kept, summary only)")
    p.add_argument("--engine", choices=S.ENGINES, default="numpy")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler, e.g. tcp://host:8786 (default: a LocalCluster)")
    p.add_argument("--scheduler-timeout", type=float, default=10.0, metavar="SECONDS")
    p.add_argument("--workers", type=int, metavar="W",
                   help="numpy: threads (default 1); dask LocalCluster: processes (default 2)")
    p.add_argument("--chunk-size", type=int, default=S.DEFAULT_CHUNK, metavar="ROWS",
                   help=f"samples per chunk / part file (default {S.DEFAULT_CHUNK:,}); "
                        "does not change the result")
    p.add_argument("--grid-levels", type=int, metavar="K", help="levels per input for grid")
    p.add_argument("--max-points", type=int, default=S.DEFAULT_MAX_POINTS, metavar="N",
                   help=f"refuse grids larger than this (default {S.DEFAULT_MAX_POINTS:,})")
    p.add_argument("--resume", action="store_true",
                   help="complete an interrupted sweep from FILE.parquet.parts/ (every finished "
                        "part is verified; damaged or foreign parts are computed again)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace an existing FILE.parquet (refused otherwise)")
    p.add_argument("--paths", metavar="LIST",
                   help="also evaluate the trajectory method under these submitted paths, "
                        "comma-separated: " + ", ".join(S.PATH_CHOICES) + " (or all); columns "
                        "trajectory_<path>[_budget]_need|usage|gap (article6/model/paths.py)")
    p.add_argument("--netting", choices=S.NETTING_CHOICES,
                   help="with --paths: annual (default; user: the [path] table's), budget, "
                        "or both")
    p.add_argument("--linear-start", metavar="LOW:HIGH",
                   help="with --paths linear: draw the line's first-year value in [LOW, HIGH] "
                        "(scenario unit) per sample; needs --linear-end")
    p.add_argument("--linear-end", metavar="LOW:HIGH",
                   help="with --paths linear: draw the line's target-year value (NDC_T) in "
                        "[LOW, HIGH] per sample; default line: NE_1^enet -> NDC_T^e")
    p.add_argument("--ndc-target", choices=("derived", "stated"), default="derived",
                   help="NDC_T: derived from eq. (8-1) (Table 3, default) or the scenario's "
                        "stated [ndc] target, as in compare --ndc-target")
    p.add_argument("--plot", metavar="FILE.html", help="write a plotly figure of the gaps")
    p.add_argument("--json", action="store_true", help="print the summary as JSON (docs/commands.md)")
    p.add_argument("--progress", choices=("auto", "on", "off"), default="auto",
                   help="progress bar on standard error (auto: when it is a terminal)")
    p.set_defaults(run=run)


def _note(msg: str) -> None:
    print(f"article6 sweep: {msg}", file=sys.stderr, flush=True)


def _check_plot(path: str, keep: list[Path], overwrite: bool) -> Path:
    p = Path(path)
    for other in keep:
        if p.resolve() == other.resolve():
            raise OutputError(p, "--plot", "a file other than the scenario and --out", str(other))
    check_target(p, "--plot", overwrite)
    return p


def run(args) -> int:
    """Plan, run, summarise."""
    question = ask(args.scenario, ndc_target=args.ndc_target)
    scenario = question.scenario
    plan = S.question_plan(question, args.samples, seed=args.seed, design=args.design,
                           vary=args.vary, grid_levels=args.grid_levels,
                           max_points=args.max_points, paths=args.paths, netting=args.netting,
                           linear_start=parse_range(args.linear_start, "--linear-start"),
                           linear_end=parse_range(args.linear_end, "--linear-end"))
    inputs = (scenario.path,) if scenario.path is not None and Path(scenario.path).exists() else ()
    keep = [Path(x) for x in (*inputs, args.out) if x]
    plot = _check_plot(args.plot, keep, args.overwrite) if args.plot else None
    if not plan.all_dims:
        _note(f"nothing in {args.scenario} is ranged: evaluating the one point")
    elif plan.design == "grid":
        _note(f"grid: {plan.levels} levels ^ {len(plan.all_dims)} ranged inputs = "
              f"{plan.samples:,} points")
    progress = {"auto": None, "on": True, "off": False}[args.progress]
    with tempfile.TemporaryDirectory(prefix="article6-sweep-") as tmpdir:
        out = Path(args.out) if args.out else Path(tmpdir) / "sweep.parquet"
        try:
            report = S.run_sweep(
                plan, out, chunk_size=args.chunk_size, engine=args.engine,
                scheduler=args.scheduler, workers=args.workers, resume=args.resume,
                overwrite=args.overwrite, inputs=inputs, progress=progress, log=_note,
                scheduler_timeout=args.scheduler_timeout,
            )
        except KeyboardInterrupt:
            if args.out:
                _note(f"interrupted; finished chunks are kept in {out}.parts/ "
                      "(run again with --resume to complete)")
            raise
        summary = S.summarize(report.out)
        if plot is not None:
            _write_plot(plot, question, report.out, args.overwrite)
        if args.out and report.chunks:
            _note(f"wrote {plan.samples:,} samples to {out}")
    if args.json:
        doc = {"samples": summary["samples"], "methods": summary["methods"],
               "scenario": plan.scenario_id, "unit": plan.unit, "design": plan.design,
               "vary": plan.vary, "seed": plan.seed, "out": args.out}
        if plan.paths:
            doc["paths"] = {
                "methods": {m: {"path": c, "netting": n}
                            for m, (c, n) in zip(plan.path_methods, plan.paths, strict=True)},
                **{k: [float(s.group_low[0]), float(s.group_high[0])]
                   for k, s in plan.path_series.items() if k != "path"},
            }
        print(jsonout.dumps(doc))
        return 0
    _print_summary(plan, summary)
    return 0


def _write_plot(path: Path, question, sweep_file: Path, overwrite: bool) -> None:
    from article6.io.figures import gap_histograms  # plotly: loaded only for --plot

    # the bounds' lines answer the sweep's own question (its NDC_T choice included)
    fig = gap_histograms(sweep_file, evaluate(question).result, question.scenario.unit)
    write_atomic(path, lambda t: fig.write_html(t, include_plotlyjs=True), "--plot", overwrite)
    _note(f"wrote {path}")


def _print_summary(plan, summary) -> None:
    import pandas as pd

    rows = []
    for m, kinds in summary["methods"].items():
        for k in ("need", "usage", "gap"):
            rows.append({"method": m, "quantity": k, **kinds[k]})
    df = pd.DataFrame(rows).set_index(["method", "quantity"])
    print(f"{plan.scenario_id}: {summary['samples']:,} samples, design {plan.design}, "
          f"vary {plan.vary}, seed {plan.seed}; unit {plan.unit}")
    with pd.option_context("display.width", 200, "display.float_format", "{:.4f}".format):
        print(df.to_string())
