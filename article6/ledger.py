"""Transfer ledger, both Parties, and the emissions balance of decision 2/CMA.3, annex, para 8.

A ledger is a CSV file, one row per block of ITMOs (a "unit" below), with
the columns of :data:`LEDGER_COLUMNS`::

    id,amount,vintage,first_transfer_year,transferring_party,acquiring_party,purpose,year_used
    U1,5.0,2022,2023,XAA,KOR,NDC,2024

``amount`` is in the parties file's unit; ``vintage`` is the year in which the
mitigation occurred; ``purpose`` is ``NDC`` or ``OIMP`` (other international
mitigation purposes); ``year_used`` is empty while the unit is held unused.
Lines starting with ``#`` are comments.

A parties file (TOML, :func:`load_parties`) gives each Party's period, annual
emissions covered by its NDC, its indicative trajectory (or NDC target) and
the corresponding-adjustment method it applies (one of
:data:`article6.adopted.ADOPTED_METHODS`).

Para 8 (paraphrase; see :mod:`article6.adopted` on the text's provenance):
the transferring Party *adds* the ITMOs it first transferred, for the year in
which the mitigation occurred (the vintage); the acquiring Party *subtracts*
the ITMOs it used towards its NDC, for the year of use; each Party applies its
own method (:meth:`adjustments`). :func:`accounting_check` verifies that
across the Parties every unit is added once and subtracted at most once, so
nothing is counted twice.

Bad ledgers (malformed row, a unit used twice, used before it was
transferred, an unknown Party) are refused with the row named.
"""

from __future__ import annotations

import csv
import io
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from article6 import errors as E
from article6.adopted import ADOPTED_METHODS, adopted_method, emissions_balance
from article6.units import parse_unit

#: Ledger columns, all required.
LEDGER_COLUMNS: tuple[str, ...] = (
    "id", "amount", "vintage", "first_transfer_year", "transferring_party",
    "acquiring_party", "purpose", "year_used",
)
PURPOSES = ("NDC", "OIMP")

#: Summary rows, in report order (the issue's reporting items).
SUMMARY_ROWS: tuple[str, ...] = (
    "trajectory", "emissions", "first_transferred", "used", "annual_adjustment",
    "cumulative_adjustment", "emissions_balance",
)
SUMMARY_LABELS = {
    "trajectory": "Indicative trajectory",
    "budget": "Budget (cumulative path)",
    "emissions": "Annual emissions",
    "first_transferred": "ITMOs first transferred (+, by vintage)",
    "used": "ITMOs used (-, by year of use)",
    "annual_adjustment": "Annual adjustment",
    "cumulative_adjustment": "Cumulative adjustment",
    "emissions_balance": "Emissions balance",
}


# --------------------------------------------------------------------------- errors


class LedgerError(E.InputError):
    """A ledger or parties file that breaks the format."""


class LedgerRowError(LedgerError):
    """A malformed ledger row (missing field, bad number, bad year, bad purpose)."""


class UnitUsedTwiceError(LedgerError):
    """The same unit id appears twice (used twice, or listed twice)."""


class UsedBeforeTransferError(LedgerError):
    """A unit used before its first transfer, or transferred before its vintage."""


class UnknownPartyError(LedgerError):
    """A Party the parties file does not describe."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Transfer:
    """One ledger row: a block of ITMOs [unit]."""

    id: str
    amount: float
    vintage: int
    first_transfer_year: int
    transferring_party: str
    acquiring_party: str
    purpose: str
    year_used: int | None
    row: int


@dataclass(frozen=True, eq=False)
class Party:
    """One Party's NDC data for the balance: period, emissions, path, method."""

    iso3: str
    name: str
    method: str
    years: tuple[int, ...]
    emissions: np.ndarray
    trajectory: np.ndarray | None
    target: float | None
    latest_inventory_year: int | None

    def method_object(self):
        """The Party's registered adopted method, with its options."""
        if self.method == "single_year_averaging":
            from article6.adopted import elapsed_years

            return adopted_method(
                self.method, elapsed_years=elapsed_years(self.years, self.latest_inventory_year)
            )
        return adopted_method(self.method)


@dataclass(frozen=True)
class Parties:
    """The parties file: unit and Parties by ISO3."""

    unit: str
    parties: dict[str, Party]
    source: str


@dataclass(frozen=True)
class Ledger:
    """A validated ledger."""

    transfers: tuple[Transfer, ...]
    source: str


# --------------------------------------------------------------------------- parties file


def load_parties(path: str | Path) -> Parties:
    """Read a parties file (TOML).

    Format::

        schema = 1
        unit = "Mt CO2e"
        sources = ["..."]
        [parties.KOR]
        name = "Republic of Korea"
        method = "single_year_trajectory"   # one of article6.adopted.ADOPTED_METHODS
        period = [2021, 2030]
        emissions = { 2021 = 672.1, ..., 2030 = 571.8 }   # emissions covered by the NDC
        trajectory = { 2021 = 649.0, ..., 2030 = 536.0 }  # indicative trajectory / NDC path (optional)
        target = 536.0                                    # NDC_T (optional)
        latest_inventory_year = 2030                      # optional, averaging's elapsed years
    """
    from article6.scenario import _Validator

    p = Path(path)
    src = str(p)
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LedgerError(src, "(file)", "an existing parties file (TOML)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(src, "(file)", f"a readable UTF-8 file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(src, "(file)", f"valid TOML ({exc})") from None
    for k in doc:
        if k not in {"schema", "unit", "sources", "notes", "parties"}:
            raise E.UnknownKeyError(src, k, "one of schema, unit, sources, notes, parties")
    unit = doc.get("unit")
    if not isinstance(unit, str):
        raise E.MissingKeyError(src, "unit", "a unit such as 'Mt CO2e'")
    parse_unit(unit, src, "unit")
    tab = doc.get("parties")
    if not isinstance(tab, dict) or not tab:
        raise E.MissingKeyError(src, "parties", "one [parties.ISO3] table per Party")
    out: dict[str, Party] = {}
    known = {"name", "method", "period", "emissions", "trajectory", "target",
             "latest_inventory_year", "sources", "notes"}
    for iso, d in tab.items():
        key = f"parties.{iso}"
        if not (isinstance(iso, str) and len(iso) == 3 and iso.isalpha() and iso.isupper()):
            raise E.TypeMismatchError(src, key, "an ISO 3166 alpha-3 code such as 'KOR'", iso)
        if not isinstance(d, dict):
            raise E.TypeMismatchError(src, key, "a table", d)
        v = _Validator(src)
        v.known_keys(d, key, known)
        method = v.required(d, key, "method")
        if method not in ADOPTED_METHODS:
            raise E.TypeMismatchError(
                src, f"{key}.method",
                "a method decision 2/CMA.3 allows: " + ", ".join(ADOPTED_METHODS), method,
            )
        v.years = v.period(v.required(d, key, "period"))
        em = _exact_year_table(v, v.required(d, key, "emissions"), f"{key}.emissions")
        traj = d.get("trajectory")
        traj = None if traj is None else _exact_year_table(v, traj, f"{key}.trajectory")
        target = v.scalar(d.get("target"), f"{key}.target", kind="emission")
        if traj is None and method != "single_year_averaging":
            raise E.MissingKeyError(src, f"{key}.trajectory", f"a per-year path for method {method}")
        liy = d.get("latest_inventory_year")
        if liy is not None and (isinstance(liy, bool) or not isinstance(liy, int)):
            raise E.YearError(src, f"{key}.latest_inventory_year", "a whole year", liy)
        name = d.get("name", iso)
        v.text(name, f"{key}.name")
        out[iso] = Party(iso, name, method, v.years, em, traj, target, liy)
    return Parties(unit=unit, parties=out, source=src)


def _exact_year_table(v, value: Any, key: str) -> np.ndarray:
    if not v._is_year_table(value):
        raise E.TypeMismatchError(v.source, key, "a per-year table { 2021 = x, ... }", value)
    lo, hi = v.year_table(value, key, "emission")
    if np.any(lo != hi):
        raise E.TypeMismatchError(v.source, key, "plain numbers (no ranges)", value)
    return lo


# --------------------------------------------------------------------------- ledger file


def default_parties_path(ledger_path: str | Path) -> Path:
    """``<dir>/<stem>.parties.toml`` beside the ledger."""
    p = Path(ledger_path)
    return p.with_name(p.stem + ".parties.toml")


def load_ledger(path: str | Path, parties: Parties) -> Ledger:
    """Read and validate a ledger CSV against ``parties``.

    Raises
    ------
    LedgerError
        (a subclass) naming the file, the row (line number and id) and what was expected.
    """
    p = Path(path)
    src = str(p)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LedgerError(src, "(file)", "an existing ledger CSV file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(src, "(file)", f"a readable UTF-8 CSV file ({exc})") from None
    return parse_ledger(text, parties, src)


def parse_ledger(text: str, parties: Parties, source: str = "<ledger>") -> Ledger:
    """Parse ledger CSV text; see :func:`load_ledger`."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise LedgerRowError(source, "header", "a header line: " + ",".join(LEDGER_COLUMNS))
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    rows = list(reader)
    header = [h.strip() for h in rows[0]]
    hdr_line = lines[0][0]
    missing = [c for c in LEDGER_COLUMNS if c not in header]
    extra = [c for c in header if c not in LEDGER_COLUMNS]
    if missing or extra or len(set(header)) != len(header):
        raise LedgerRowError(
            source, f"line {hdr_line} (header)", "the columns " + ",".join(LEDGER_COLUMNS),
            ",".join(header),
        )
    seen: dict[str, Transfer] = {}
    out: list[Transfer] = []
    for (line_no, _), fields in zip(lines[1:], rows[1:], strict=True):
        t = _transfer(source, line_no, header, fields, parties)
        if t.id in seen:
            first = seen[t.id]
            what = ("a unit used once (it is used twice; first use on line "
                    f"{first.row})") if (t.year_used is not None and first.year_used is not None) \
                else f"a unit id listed once (also on line {first.row})"
            raise UnitUsedTwiceError(source, f"line {line_no} (id {t.id})", what)
        seen[t.id] = t
        out.append(t)
    return Ledger(transfers=tuple(out), source=source)


def _transfer(source: str, line_no: int, header: list[str], fields: list[str],
              parties: Parties) -> Transfer:
    where = f"line {line_no}"
    if len(fields) != len(header):
        raise LedgerRowError(source, where, f"{len(header)} comma-separated fields", len(fields))
    rec = {h: f.strip() for h, f in zip(header, fields, strict=True)}
    uid = rec["id"]
    if not uid:
        raise LedgerRowError(source, f"{where}.id", "a unit id (not empty)")
    where = f"line {line_no} (id {uid})"

    def year(col: str, optional: bool = False) -> int | None:
        s = rec[col]
        if s == "" and optional:
            return None
        try:
            y = int(s)
        except ValueError:
            raise LedgerRowError(source, f"{where}.{col}", "a whole year", s) from None
        if not 1900 <= y <= 2200:
            raise LedgerRowError(source, f"{where}.{col}", "a year in 1900-2200", y)
        return y

    try:
        amount = float(rec["amount"])
    except ValueError:
        raise LedgerRowError(source, f"{where}.amount", "a number", rec["amount"]) from None
    if not math.isfinite(amount) or amount <= 0:
        raise LedgerRowError(source, f"{where}.amount", "a finite amount > 0", rec["amount"])
    vintage = year("vintage")
    first = year("first_transfer_year")
    used = year("year_used", optional=True)
    purpose = rec["purpose"].upper()
    if purpose not in PURPOSES:
        raise LedgerRowError(source, f"{where}.purpose", "NDC or OIMP", rec["purpose"])
    tp, ap = rec["transferring_party"], rec["acquiring_party"]
    if tp not in parties.parties:
        raise UnknownPartyError(
            source, f"{where}.transferring_party",
            "a Party of " + parties.source + " (" + ", ".join(sorted(parties.parties)) + ")", tp,
        )
    if purpose == "NDC" and ap not in parties.parties:
        raise UnknownPartyError(
            source, f"{where}.acquiring_party",
            "a Party of " + parties.source + " (" + ", ".join(sorted(parties.parties)) + ")", ap,
        )
    if ap and ap == tp:
        raise LedgerRowError(
            source, f"{where}.acquiring_party", "a Party other than the transferring Party", ap
        )
    if first < vintage:
        raise UsedBeforeTransferError(
            source, f"{where}.first_transfer_year",
            f"a year at or after the vintage {vintage} (mitigation before its transfer)", first,
        )
    if used is not None and used < first:
        raise UsedBeforeTransferError(
            source, f"{where}.year_used",
            f"a year at or after the first transfer in {first} (used before it was transferred)",
            used,
        )
    tyears = parties.parties[tp].years
    if vintage not in tyears:
        raise LedgerRowError(
            source, f"{where}.vintage",
            f"a year of {tp}'s NDC period {tyears[0]}-{tyears[-1]}", vintage,
        )
    if purpose == "NDC" and used is not None:
        ayears = parties.parties[ap].years
        if used not in ayears:
            raise LedgerRowError(
                source, f"{where}.year_used",
                f"a year of {ap}'s NDC period {ayears[0]}-{ayears[-1]}", used,
            )
    return Transfer(uid, amount, vintage, first, tp, ap, purpose, used, line_no)


# --------------------------------------------------------------------------- balances


def party_flows(ledger: Ledger, party: Party) -> tuple[np.ndarray, np.ndarray]:
    """ITMOs first transferred (by vintage) and used (by year of use) for ``party`` [unit], (years,).

    First transfers of both purposes count for the transferring Party; only
    NDC uses count for the acquiring Party (OIMP uses fall outside every NDC).
    """
    years = party.years
    added = np.zeros(len(years))
    used = np.zeros(len(years))
    for t in ledger.transfers:
        if t.transferring_party == party.iso3:
            added[years.index(t.vintage)] += t.amount
        if t.purpose == "NDC" and t.acquiring_party == party.iso3 and t.year_used is not None:
            used[years.index(t.year_used)] += t.amount
    return added, used


@dataclass(frozen=True, eq=False)
class PartySummary:
    """Per-year reporting items for one Party [unit]; arrays shaped (years,)."""

    party: Party
    rows: dict[str, np.ndarray]
    budget: bool

    @property
    def years(self) -> tuple[int, ...]:
        """The Party's NDC period."""
        return self.party.years

    def labels(self) -> dict[str, str]:
        """Printed label of each row (the trajectory row says trajectory, budget or target)."""
        lab = dict(SUMMARY_LABELS)
        if self.budget:
            lab["trajectory"] = SUMMARY_LABELS["budget"]
        elif self.party.trajectory is None:
            lab["trajectory"] = "NDC target"
        return lab

    def frame(self):
        """The table as a DataFrame: one row per reporting item, one column per year."""
        import pandas as pd

        lab = self.labels()
        return pd.DataFrame(
            [self.rows[r] for r in SUMMARY_ROWS],
            index=pd.Index([lab[r] for r in SUMMARY_ROWS], name="item"),
            columns=[str(y) for y in self.years],
        )


def party_summary(ledger: Ledger, parties: Parties, iso3: str) -> PartySummary:
    """The para 8 summary table for one Party, under its own method.

    Rows: indicative trajectory (budget methods: the cumulative path, compared
    with the cumulative balance; averaging without a trajectory: the NDC
    target in T), annual emissions, ITMOs first transferred (added, by
    vintage), ITMOs used (subtracted, by year of use), annual adjustment
    (``method.adjustments(first_transferred - used)``), cumulative adjustment
    (running sum of the annual adjustments), emissions balance
    (``emissions + annual adjustment``).
    """
    from article6.adopted import cumulative_adjustment

    if iso3 not in parties.parties:
        raise UnknownPartyError(
            parties.source, "--party", "one of its Parties (" + ", ".join(sorted(parties.parties)) + ")",
            iso3,
        )
    party = parties.parties[iso3]
    method = party.method_object()
    added, used = party_flows(ledger, party)
    adj = method.adjustments((added - used)[None, :])[0]
    budget = getattr(method, "netting", "annual") == "budget"
    if party.trajectory is not None:
        path = cumulative_adjustment(party.trajectory[None, :])[0] if budget else party.trajectory
    else:
        path = np.full(len(party.years), np.nan)
        if party.target is not None:
            path[-1] = party.target
    rows = {
        "trajectory": path,
        "emissions": party.emissions,
        "first_transferred": added,
        "used": used,
        "annual_adjustment": adj,
        "cumulative_adjustment": cumulative_adjustment(adj[None, :])[0],
        "emissions_balance": emissions_balance(party.emissions, adj),
    }
    return PartySummary(party=party, rows=rows, budget=budget)


def accounting_check(ledger: Ledger, parties: Parties) -> dict[str, Any]:
    """Check that nothing is counted twice across the Parties over the period.

    Sums every Party's first-transferred and used rows (from :func:`party_flows`)
    and compares them with the ledger's own totals: every unit must be added
    exactly once (by its transferring Party) and NDC units used must be
    subtracted exactly once (by the acquiring Party). Units not subtracted are
    either OIMP units (used outside any NDC) or NDC units still held.

    Returns
    -------
    dict
        ``added``, ``subtracted``, ``oimp``, ``held`` [unit], ``units``, and
        ``ok`` (``added == subtracted + oimp + held`` and the per-Party sums
        match the ledger).
    """
    amounts = np.array([t.amount for t in ledger.transfers]) if ledger.transfers else np.zeros(0)
    is_ndc = np.array([t.purpose == "NDC" for t in ledger.transfers], dtype=bool)
    is_used = np.array([t.year_used is not None for t in ledger.transfers], dtype=bool)
    ledger_added = float(amounts.sum())
    ledger_sub = float(amounts[is_ndc & is_used].sum())
    oimp = float(amounts[~is_ndc].sum())
    held = float(amounts[is_ndc & ~is_used].sum())
    added = subtracted = 0.0
    for party in parties.parties.values():
        a, u = party_flows(ledger, party)
        added += float(a.sum())
        subtracted += float(u.sum())
    tol = 1e-9 * max(1.0, ledger_added)
    ok = (abs(added - ledger_added) <= tol and abs(subtracted - ledger_sub) <= tol
          and abs(added - (subtracted + oimp + held)) <= tol)
    return {"units": len(ledger.transfers), "added": added, "subtracted": subtracted,
            "oimp": oimp, "held": held, "ok": bool(ok)}
