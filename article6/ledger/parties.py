"""The parties file of a ledger: each Party's NDC type, method, period, inventory and path.

Format (TOML)::

    schema = 1
    unit = "t CO2e"
    sources = ["..."]
    [parties.TZA]
    name = "United Republic of Tanzania"
    ndc_type = "single_year"            # or "multi_year" (optional)
    method = "single_year_averaging"     # one of article6.model.adopted.ADOPTED_METHODS
    period = [2021, 2030]
    emissions = { 2021 = 1.0e8, 2022 = 1.0e8 }   # reported inventory; unreported years left out
    trajectory = { 2021 = 9.9e7, ... }          # indicative trajectory / NDC path (optional)
    target = 9.0e7                              # NDC_T (optional)
    latest_inventory_year = 2024                # optional; default: last reported year

Decision 2/CMA.3, annex, para 7 (FCCC/PA/CMA/2021/10/Add.1, quoted with
ellipses in ``undp/undp-national-carbon-registry``,
``docs/a6/compliance-remediation-plan.md``): "(a) Where the participating
Party has a single-year NDC: (i) Providing an indicative multi-year
emissions trajectory [...] (ii) Calculating the average annual amount [...]
(b) Where the participating Party has a multi-year NDC, calculating a
multi-year emissions trajectory [...]". So a Party's ``ndc_type`` decides
which methods it may apply: :func:`load_parties` refuses a method of
para 7(a) for a multi-year NDC and one of para 7(b) for a single-year NDC.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from article6 import errors as E
from article6.ledger.files import MAX_QUANTITY_T, YEAR_RANGE, LedgerError
from article6.model.adopted import ADOPTED_METHODS, adopted_method, elapsed_years
from article6.schema.reading import loads_toml, read_bounded
from article6.schema.units import conversion_factor, parse_unit

#: Largest parties file read [bytes].
MAX_PARTIES_BYTES = 256 * 2**10
NDC_TYPES = ("single_year", "multi_year")
_YEAR = re.compile(r"[0-9]{4}")
_KNOWN = {"name", "method", "ndc_type", "period", "emissions", "trajectory", "target",
          "latest_inventory_year", "sources", "notes"}


@dataclass(frozen=True, eq=False)
class Party:
    """One Party's NDC data for the balance; per-year arrays shaped (years,), NaN where not given."""

    iso3: str
    name: str
    method: str
    ndc_type: str
    years: tuple[int, ...]
    emissions: np.ndarray
    trajectory: np.ndarray | None
    target: float | None
    latest_inventory_year: int | None

    def method_object(self):
        """The Party's adopted method, with its elapsed years where it averages."""
        if self.method == "single_year_averaging":
            return adopted_method(
                self.method, elapsed_years=elapsed_years(self.years, self.latest_inventory_year)
            )
        return adopted_method(self.method)


@dataclass(frozen=True)
class Parties:
    """The parties file: unit, tonnes CO2e per unit, and Parties by ISO3 code."""

    unit: str
    factor_t: float
    parties: dict[str, Party]
    source: str

    @property
    def codes(self) -> tuple[str, ...]:
        """ISO3 codes in file order (a ledger's Party codes index this tuple)."""
        return tuple(self.parties)


def _text(src: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.isprintable() or len(value) > 200:
        raise E.TypeMismatchError(src, key, "text of at most 200 visible characters", value)
    return value


def _year_table(src: str, key: str, value: Any, years: tuple[int, ...], complete: bool) -> np.ndarray:
    """A per-year table of numbers [unit]; NaN for years left out (refused if ``complete``)."""
    if not isinstance(value, dict):
        raise E.TypeMismatchError(src, key, "a per-year table { 2021 = x, ... }", value)
    out = np.full(len(years), np.nan)
    for k, v in value.items():
        if not _YEAR.fullmatch(k) or int(k) not in years:
            raise E.YearError(src, f"{key}.{k}",
                              f"a year of four digits in the period {years[0]}-{years[-1]}", k)
        out[years.index(int(k))] = _number(src, f"{key}.{k}", v)
    if complete and np.isnan(out).any():
        missing = [y for y, x in zip(years, out, strict=True) if np.isnan(x)]
        raise E.YearError(src, key, "one entry per year of the period", f"missing {missing}")
    return out


def _number(src: str, key: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise E.TypeMismatchError(src, key, "a number", v)
    if isinstance(v, int) and abs(v) > 10**15:
        raise E.TypeMismatchError(src, key, f"a number of magnitude at most {MAX_QUANTITY_T:.0e} t")
    x = float(v)
    if not math.isfinite(x):
        raise E.NonFiniteError(src, key, "a finite number", v)
    return x


def load_parties(path: str | Path) -> Parties:
    """Read and check a parties file (module docstring), bounded like a ledger."""
    return parse_parties(read_bounded(path, MAX_PARTIES_BYTES, "parties file (TOML)", LedgerError),
                         str(path))


def parse_parties(data: bytes, source: str = "<parties>") -> Parties:
    """Check the bytes of a parties file; see :func:`load_parties`."""
    src = source
    if len(data) > MAX_PARTIES_BYTES:
        raise LedgerError(src, "(file)", f"a parties file of at most {MAX_PARTIES_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError(src, "(file)", "UTF-8 text") from None
    doc = loads_toml(text, src, LedgerError)
    for k in doc:
        if k not in {"schema", "unit", "sources", "notes", "parties"}:
            raise E.UnknownKeyError(src, k, "one of schema, unit, sources, notes, parties")
    if doc.get("schema", 1) != 1:
        raise E.TypeMismatchError(src, "schema", "1", doc.get("schema"))
    unit = doc.get("unit")
    if not isinstance(unit, str):
        raise E.MissingKeyError(src, "unit", "a unit such as 't CO2e' or 'Mt CO2e'")
    parse_unit(unit, src, "unit")
    factor_t = conversion_factor(unit, "t CO2e", src)
    tab = doc.get("parties")
    if not isinstance(tab, dict) or not tab:
        raise E.MissingKeyError(src, "parties", "one [parties.ISO3] table per Party")
    out: dict[str, Party] = {}
    for iso, d in tab.items():
        out[iso] = _party(src, iso, d, factor_t)
    return Parties(unit=unit, factor_t=factor_t, parties=out, source=src)


def _party(src: str, iso: str, d: Any, factor_t: float) -> Party:
    key = f"parties.{iso}"
    if not re.fullmatch(r"[A-Z]{3}", iso):
        raise E.TypeMismatchError(src, key, "an ISO 3166 alpha-3 code such as 'KOR'", iso)
    if not isinstance(d, dict):
        raise E.TypeMismatchError(src, key, "a table", d)
    for k in d:
        if k not in _KNOWN:
            raise E.UnknownKeyError(src, f"{key}.{k}", "one of " + ", ".join(sorted(_KNOWN)))
    for k in ("method", "period", "emissions"):
        if k not in d:
            raise E.MissingKeyError(src, f"{key}.{k}", "a value")
    method = d["method"]
    if method not in ADOPTED_METHODS:
        raise E.TypeMismatchError(src, f"{key}.method",
                                  "a method decision 2/CMA.3 allows: " + ", ".join(ADOPTED_METHODS),
                                  method)
    m = adopted_method(method)
    ndc_type = d.get("ndc_type", m.ndc_type)
    if ndc_type not in NDC_TYPES:
        raise E.TypeMismatchError(src, f"{key}.ndc_type", "single_year or multi_year", ndc_type)
    if ndc_type != m.ndc_type:
        raise E.TypeMismatchError(
            src, f"{key}.method",
            f"a method for a {ndc_type.replace('_', '-')} NDC: decision 2/CMA.3, annex, para "
            f"{m.paragraph} applies to {m.ndc_type.replace('_', '-')} NDCs only", method,
        )
    period = d["period"]
    lo, hi = YEAR_RANGE
    if (not isinstance(period, list) or len(period) != 2
            or not all(isinstance(y, int) and not isinstance(y, bool) for y in period)
            or not lo <= period[0] <= period[1] <= hi or period[1] - period[0] > 50):
        raise E.YearError(src, f"{key}.period", f"[first, last] years in {lo}-{hi}, first <= last",
                          period)
    years = tuple(range(period[0], period[1] + 1))
    bound = MAX_QUANTITY_T / factor_t
    em = _year_table(src, f"{key}.emissions", d["emissions"], years, complete=False)
    traj = d.get("trajectory")
    traj = None if traj is None else _year_table(src, f"{key}.trajectory", traj, years, complete=True)
    target = d.get("target")
    target = None if target is None else _number(src, f"{key}.target", target)
    for name, arr in (("emissions", em), ("trajectory", traj),
                      ("target", None if target is None else np.array([target]))):
        if arr is not None and np.nanmax(np.abs(arr), initial=0.0) > bound:
            raise E.TypeMismatchError(src, f"{key}.{name}",
                                      f"magnitudes of at most {bound:.6g} (= {MAX_QUANTITY_T:.0e} t CO2e)")
    if traj is None and method != "single_year_averaging":
        raise E.MissingKeyError(src, f"{key}.trajectory", f"a per-year path for method {method}")
    liy = d.get("latest_inventory_year")
    if liy is None:
        reported = [y for y, x in zip(years, em, strict=True) if not np.isnan(x)]
        liy = reported[-1] if reported else None
    elif isinstance(liy, bool) or not isinstance(liy, int) or not lo <= liy <= hi:
        raise E.YearError(src, f"{key}.latest_inventory_year", f"a year in {lo}-{hi}", liy)
    name = _text(src, f"{key}.name", d.get("name", iso))
    return Party(iso, name, method, ndc_type, years, em, traj, target, liy)
