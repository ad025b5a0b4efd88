"""Command-line syntax shared by the subcommands, turned into plain values for the engine.

The engine takes numbers and tuples; only this package reads text such as
``NAME=LOW:HIGH``.
"""

from __future__ import annotations

import math

from article6.errors import OptionError


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
