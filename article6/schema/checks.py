"""Checks every input file shares: year keys, identifiers, text fields, plausible magnitudes.

* A year key is four ASCII digits (``"2030"``): ``"02030"``, ``"２０３０"`` or
  ``"²⁰³⁰"`` name no year and are refused, so no year can be given twice.
* Identifiers (scenario ids, Party codes) must match their pattern in full
  (``re.fullmatch``: a trailing newline is not allowed).
* Text fields (titles, sources, notes) refuse control characters: a title
  holds none at all, multi-line notes only newlines and tabs. Bidirectional
  overrides (which display text in another order than it is stored) are
  refused too.
* An emission quantity is at most :data:`MAX_EMISSION_T` tonnes CO2e in
  magnitude: about twice the world's annual greenhouse-gas emissions, so no
  Party's figure comes near it and a mistyped exponent is caught.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from article6 import errors as E

#: Largest plausible emission quantity [t CO2e]: 1e11 t = 100 Gt CO2e.  # ASSUMPTION: a bound
#: chosen at about twice the world's greenhouse-gas emissions of 57.4 Gt CO2e in 2022 (UNEP,
#: Emissions Gap Report 2023, November 2023), which no Party's emissions, sink or transfers reach.
MAX_EMISSION_T = 1e11

_YEAR_KEY = re.compile(r"[0-9]{4}")
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def year_key(source: str, key: str, k: Any, error: type[E.InputError] = E.YearError) -> int:
    """The year a table key names: four ASCII digits, else ``error`` naming ``key``."""
    if not isinstance(k, str) or not _YEAR_KEY.fullmatch(k):
        raise error(source, key, "a year of four ASCII digits such as 2030", k)
    return int(k)


def identifier(source: str, key: str, value: Any, pattern: re.Pattern[str], expected: str,
               error: type[E.InputError] = E.TypeMismatchError) -> str:
    """``value`` when it is text matching ``pattern`` in full, else ``error`` naming ``key``."""
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise error(source, key, expected, value)
    return value


def text(source: str, key: str, value: Any, multiline: bool = False) -> str:
    """``value`` when it is text without control characters, else a ``TypeMismatchError``.

    ``multiline`` allows newlines and tabs (notes); a title allows neither.
    """
    if not isinstance(value, str):
        raise E.TypeMismatchError(source, key, "a string", value)
    allowed = "\n\t" if multiline else ""
    for ch in value:
        if (unicodedata.category(ch) == "Cc" and ch not in allowed) or ch in _BIDI:
            what = "newlines and tabs" if multiline else "no line breaks"
            raise E.TypeMismatchError(source, key, f"text without control characters ({what})",
                                      f"U+{ord(ch):04X}")
    return value


def texts(source: str, key: str, value: Any) -> tuple[str, ...]:
    """A list of one-line texts (``sources``)."""
    if not isinstance(value, list):
        raise E.TypeMismatchError(source, key, "a list of strings", value)
    return tuple(text(source, f"{key}[{i}]", v, multiline=True) for i, v in enumerate(value))


def free_text(source: str, key: str, value: Any) -> None:
    """Every string inside a free-form table (``[assumptions]``) is plain multi-line text."""
    if isinstance(value, str):
        text(source, key, value, multiline=True)
    elif isinstance(value, dict):
        for k, v in value.items():
            text(source, f"{key}.{k}", k)
            free_text(source, f"{key}.{k}", v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            free_text(source, f"{key}[{i}]", v)


def magnitude(source: str, key: str, x: float, t_per_unit: float, unit: str) -> float:
    """``x`` [unit] when ``|x| <= MAX_EMISSION_T`` tonnes, else a ``ScenarioError`` naming ``key``."""
    if abs(x) * t_per_unit > MAX_EMISSION_T:
        raise E.PlausibilityError(
            source, key, f"a magnitude of at most {MAX_EMISSION_T / t_per_unit:.6g} {unit} "
            f"(= {MAX_EMISSION_T:.0e} t CO2e, about twice the world's annual emissions)", x)
    return x
