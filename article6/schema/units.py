"""The one unit registry of the project, built once at import.

Emissions are masses of CO2-equivalent. ``CO2e`` is its own base dimension, so
``Mt CO2e`` converts to ``kt CO2e`` but never to plain ``Mt`` or to a length.
Units are parsed and converted at the edges (loading a scenario, printing a
result); the engine sees plain floats in one unit (scmdata's pattern).

Accepted units are a fixed list (:data:`MASS_PREFIXES` x :data:`CO2E_SPELLINGS`):
a mass ``kg``, ``t``, ``kt``, ``Mt``, ``Gt``, ``Gg`` or ``Tg``, then one space or
none, then ``CO2e``, ``CO2eq``, ``CO2-eq`` or ``CO2-e``: ``Mt CO2e``, ``ktCO2e``,
``Gg CO2-eq``. Anything else (``mt CO2e``, ``ton CO2e``, ``% Mt CO2e``) is refused
with the closest listed spelling as a suggestion; pint then converts among
them. In plain pint ``kt`` is the knot; here it is the kilotonne, the field's meaning.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

import pint

from article6.errors import ChoiceError, UnitError

_CO2E = r"CO2(?:e|eq|-eq|-e)"
#: Mass units a CO2e unit may start with.
MASS_PREFIXES = ("kg", "t", "kt", "Mt", "Gt", "Gg", "Tg")
#: Spellings of CO2-equivalent.
CO2E_SPELLINGS = ("CO2e", "CO2eq", "CO2-eq", "CO2-e")
#: Every accepted unit, spaced and compact (``Mt CO2e``, ``MtCO2e``, ...).
ACCEPTED_UNITS = tuple(f"{m}{sep}{c}" for m in MASS_PREFIXES for c in CO2E_SPELLINGS
                       for sep in (" ", ""))
_ACCEPTED = frozenset(ACCEPTED_UNITS)


def _preprocess(text: str) -> str:
    text = re.sub(_CO2E + r"\b", "CO2e", text)
    # compact spellings: 'MtCO2e' -> 'Mt CO2e'
    text = re.sub(r"(?<![\w])([A-Za-z]+)CO2e\b", r"\1 CO2e", text)
    # the field's 'kt' is the kilotonne, not pint's knot
    text = re.sub(r"(?<![\w])kt(?![\w])", "kilotonne", text)
    return text


def _build_registry() -> pint.UnitRegistry:
    # pint can cache its parsed default definitions on disk (about 100 ms saved per start);
    # fall back to parsing them when no cache folder is writable.
    try:
        return pint.UnitRegistry(preprocessors=[_preprocess], cache_folder=":auto:")
    except OSError:
        return pint.UnitRegistry(preprocessors=[_preprocess])


unit_registry = _build_registry()
unit_registry.define("CO2e = [co2e] = CO2eq")

#: The unit the engine's reference tests and the paper use.
PAPER_UNIT = "Mt CO2e"

_EMISSIONS = unit_registry.parse_units("t CO2e").dimensionality


@lru_cache(maxsize=64)
def parse_unit(text: str, source: str = "unit", key: str = "unit") -> pint.Unit:
    """Parse ``text`` as a CO2e mass unit.

    Raises
    ------
    UnitError
        If pint cannot parse it, or it is not a mass of CO2-equivalent.
    """
    expected = "a mass of CO2-equivalent such as 'Mt CO2e', 'kt CO2e' or 'tCO2e'"
    if not isinstance(text, str) or not text.strip():
        raise UnitError(source, key, expected, text)
    if text not in _ACCEPTED:
        raise UnitError(source, key, f"{expected} (closest: '{suggest_unit(text)}'; "
                        "list in docs/scenario-format.md)", text)
    try:
        unit = unit_registry.parse_units(text)
    except (pint.errors.PintError, ValueError, AttributeError, TypeError, KeyError):
        raise UnitError(source, key, expected, text) from None
    if unit.dimensionality != _EMISSIONS:
        raise UnitError(source, key, expected, text)
    return unit


def suggest_unit(text: str) -> str:
    """The accepted unit closest to ``text`` (same letters ignoring case first, then difflib)."""
    folded = {u.casefold(): u for u in ACCEPTED_UNITS if " " in u}
    squeezed = re.sub(r"\s+", " ", text.strip()).casefold()
    if squeezed in folded:
        return folded[squeezed]
    spaced = [u for u in ACCEPTED_UNITS if " " in u]
    close = difflib.get_close_matches(text, spaced, n=1, cutoff=0.0)
    return close[0] if close else "Mt CO2e"


def unit_choice(text: str) -> str:
    """``text`` once it parses as a CO2e mass unit, asked for as a choice (``unit``).

    Raises
    ------
    ChoiceError
        Naming the choice ``unit``, with the closest unit that would parse.
    """
    try:
        parse_unit(text, "unit", "unit")
    except UnitError as exc:
        raise ChoiceError("unit", exc.expected, text) from None
    return text


@lru_cache(maxsize=256)
def conversion_factor(from_unit: str, to_unit: str, source: str = "unit") -> float:
    """Return the factor f such that ``x [from_unit] == x * f [to_unit]``.

    Both units must be CO2e masses (checked by :func:`parse_unit`).
    """
    src = parse_unit(from_unit, source, "unit")
    dst = parse_unit(to_unit, source, "unit")
    return float(unit_registry.Quantity(1.0, src).to(dst).magnitude)


def format_unit(text: str) -> str:
    """Return ``text`` as given, once it is known to parse (for display)."""
    parse_unit(text)
    return text
