"""Command-line syntax shared by the subcommands, turned into plain values for the engine.

The engine takes numbers and tuples; only this package reads text such as
``NAME=LOW:HIGH``.
"""

from __future__ import annotations

import math

from article6.errors import OptionError
from article6.model.methods import METHOD_SETS
from article6.model.paths import NDC_TARGET_MODES, NETTING, PATH_CHOICES
from article6.model.question import Question, ask


def add_question_flags(p) -> None:
    """The flags of a question (:func:`article6.model.question.ask`), shared by the commands that ask one."""
    p.add_argument("--unit", help="output unit, e.g. 'kt CO2e' (default: the scenario's)")
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


def question_from_flags(args, paths: bool = False) -> Question:
    """The question the flags of :func:`add_question_flags` ask: one ``ask`` for every command."""
    return ask(args.scenario, methods=args.methods, trajectory_path=args.trajectory_path,
               netting=args.netting, ndc_target=args.ndc_target, paths=paths,
               price=args.price, discount_rate=args.discount_rate, base_year=args.base_year,
               unit=args.unit)


def parse_range(text: str | None, flag: str) -> tuple[float, float] | None:
    """``LOW:HIGH`` (or one number, a point) as ``(low, high)``; ``None`` stays ``None``.

    Only the syntax is checked here; the sweep checks the numbers.
    """
    if text is None:
        return None
    bits = text.split(":")
    if len(bits) == 1:
        bits = bits * 2
    try:
        if len(bits) != 2:
            raise ValueError
        return float(bits[0]), float(bits[1])
    except ValueError:
        raise OptionError(flag, flag, "LOW:HIGH, two numbers >= 0 with LOW <= HIGH (scenario unit)",
                          text) from None


def parse_vary(items: list[str] | None) -> dict[str, tuple[float, float]]:
    """Parse ``--vary NAME=LOW:HIGH`` options into ``{name: (low, high)}``."""
    out: dict[str, tuple[float, float]] = {}
    for item in items or []:
        name, eq, rng = item.partition("=")
        lo, colon, hi = rng.partition(":")
        try:
            pair = (float(lo), float(hi))
        except ValueError:
            pair = None
        if not eq or not colon or not name or pair is None or not all(map(math.isfinite, pair)):
            raise OptionError("--vary", "--vary", "NAME=LOW:HIGH, e.g. ets_share=0.6:0.75", item)
        if pair[0] > pair[1]:
            raise OptionError("--vary", f"--vary {name}", "LOW <= HIGH", item)
        out[name.strip()] = pair
    return out
