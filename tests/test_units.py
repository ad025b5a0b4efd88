"""The one unit registry: CO2e masses convert among themselves and never to anything else."""

from __future__ import annotations

import pytest

from article6.errors import UnitError
from article6.schema import units


@pytest.mark.parametrize(
    "spelling, in_mt",
    [
        ("t CO2e", 1e-6), ("kt CO2e", 1e-3), ("Gg CO2e", 1e-3), ("Mt CO2e", 1.0),
        ("Gt CO2e", 1e3), ("tCO2e", 1e-6), ("ktCO2e", 1e-3), ("MtCO2e", 1.0), ("GtCO2e", 1e3),
        ("Mt CO2-eq", 1.0), ("Tg CO2e", 1.0),
    ],
)
def test_spellings_convert_to_mt(spelling, in_mt):
    assert units.conversion_factor(spelling, "Mt CO2e") == pytest.approx(in_mt, rel=1e-12)


def test_kt_is_kilotonne_not_knot():
    assert units.conversion_factor("kt CO2e", "t CO2e") == pytest.approx(1000.0)


@pytest.mark.parametrize("bad", ["Mt", "m", "kt", "Mt CO2e / yr", "kg", "furlong CO2e", "", "CO2e"])
def test_non_co2e_mass_units_fail(bad):
    with pytest.raises(UnitError, match="mass of CO2-equivalent"):
        units.parse_unit(bad)


def test_conversion_to_non_mass_fails():
    with pytest.raises(UnitError):
        units.conversion_factor("Mt CO2e", "m")


def test_one_registry_in_the_code_base():
    """Nothing but article6/schema/units.py may construct a pint registry (STYLE item 3)."""
    from pathlib import Path

    root = Path(units.__file__).resolve().parents[2]
    makers = [
        p.relative_to(root).as_posix()
        for folder in ("article6", "app", "paper_repro")
        for p in (root / folder).rglob("*.py")
        if "UnitRegistry(" in p.read_text(encoding="utf-8")
    ]
    assert makers == ["article6/schema/units.py"]
