"""The rows a Party reports, per year, and its emissions balance (decision 2/CMA.3, annex, para 8).

Para 8 (FCCC/PA/CMA/2021/10/Add.1, quoted with ellipses in
``undp/undp-national-carbon-registry``, ``docs/a6/compliance-remediation-plan.md``):

    "Each participating Party with an NDC measured in t CO2 eq shall apply
    corresponding adjustments pursuant to paragraph 7 above, resulting in an
    emissions balance [...] by applying corresponding adjustments in the
    following manner [...]: (a) Adding the quantity of ITMOs authorized and
    first transferred, for the calendar year in which the mitigation outcomes
    occurred [...]; (b) Subtracting the quantity of ITMOs used pursuant to
    paragraph 7 above for the calendar year in which the mitigation outcomes
    are used towards the implementation and achievement of the NDC [...]"

Hence, per Party and year of its NDC period (arrays shaped (years,), in the
parties file's unit; NaN, printed as null or blank, where a figure is not
defined):

* ``first_transferred`` (by vintage, the year the mitigation occurred) is
  added; ``used`` (towards the Party's NDC, by year of use) is subtracted;
  ``net = first_transferred - used``;
* ``annual_adjustment = method.adjustments(net)``, under the Party's para 7
  method; ``cumulative_adjustment`` is its running sum where the method
  defines one (para 7(b); the budget readings), else NaN;
* ``emissions_balance = emissions + annual_adjustment``, NaN in years without
  a reported inventory;
* reported alongside: first transfers by the year in which they took place
  (``first_transferred_by_year``), for units authorized for NDC use
  (``_ndc``: ``NDC`` or ``NDC+OIMP``) and for OIMP only (``_oimp``) apart;
  acquisitions and transfers by year; uses for OIMP; cancellations, those
  for overall mitigation in global emissions (``cancelled_omge``) apart.

Figures of by-year rows that fall outside the Party's period are not lost:
:attr:`PartyReport.outside_period` totals them per row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from article6.ledger.actions import Flows
from article6.ledger.files import NDC, OIMP, UnknownPartyError
from article6.ledger.parties import Parties, Party
from article6.model.adopted import cumulative_adjustment, emissions_balance

#: Reporting rows, in report order.
ROWS: tuple[str, ...] = (
    "trajectory", "emissions",
    "first_transferred", "first_transferred_ndc", "first_transferred_oimp",
    "first_transferred_by_year", "first_transferred_by_year_ndc", "first_transferred_by_year_oimp",
    "acquired", "transferred", "used", "used_oimp", "cancelled", "cancelled_omge",
    "annual_adjustment", "cumulative_adjustment", "emissions_balance",
)
LABELS = {
    "trajectory": "Indicative trajectory",
    "budget": "Budget (cumulative path)",
    "target": "NDC target",
    "emissions": "Annual emissions (reported inventory)",
    "first_transferred": "ITMOs first transferred, by vintage (+, para 8(a))",
    "first_transferred_ndc": "  by vintage, authorized for NDC use",
    "first_transferred_oimp": "  by vintage, authorized for OIMP only",
    "first_transferred_by_year": "ITMOs first transferred, by year of first transfer",
    "first_transferred_by_year_ndc": "  by year of first transfer, authorized for NDC use",
    "first_transferred_by_year_oimp": "  by year of first transfer, authorized for OIMP only",
    "acquired": "ITMOs acquired (by year of transfer)",
    "transferred": "ITMOs transferred (by year of transfer)",
    "used": "ITMOs used towards the NDC (-, para 8(b))",
    "used_oimp": "ITMOs used for OIMP",
    "cancelled": "ITMOs cancelled (other than OMGE)",
    "cancelled_omge": "ITMOs cancelled for OMGE",
    "annual_adjustment": "Corresponding adjustment",
    "cumulative_adjustment": "Cumulative adjustment",
    "emissions_balance": "Emissions balance",
}
#: Kinds of adjustment per year: applied each year, indicative (averaging), the NDC year's.
KINDS = ("annual", "indicative", "ndc_year")


@dataclass(frozen=True, eq=False)
class PartyReport:
    """One Party's reporting rows by year [unit]; see the module docstring."""

    party: Party
    unit: str
    as_of: int
    rows: dict[str, np.ndarray]
    kind: list[str | None]
    outside_period: dict[str, float]
    path_label: str

    @property
    def years(self) -> tuple[int, ...]:
        """The Party's NDC period."""
        return self.party.years

    def labels(self) -> dict[str, str]:
        """Printed label of each row."""
        lab = {k: LABELS[k] for k in ROWS}
        lab["trajectory"] = LABELS[self.path_label]
        return lab

    def frame(self) -> pd.DataFrame:
        """One row per reporting item, one column per year; NaN where not defined."""
        lab = self.labels()
        return pd.DataFrame([self.rows[r] for r in ROWS],
                            index=pd.Index([lab[r] for r in ROWS], name="item"),
                            columns=[str(y) for y in self.years])

    def as_json(self) -> dict:
        """Strict-JSON-ready rows: floats, None where NaN."""
        return {k: [None if not math.isfinite(v) else float(v) for v in self.rows[k]] for k in ROWS}


def flow_table(f: Flows, parties: Parties) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every by-year row of every Party at once: key -> (grid, total).

    ``grid`` is shaped (parties, years of the union of their periods) [unit];
    ``total`` (parties,) is the row's sum over all years, inside the grid or
    not, so that nothing outside a Party's period is lost.
    """
    first = min(p.years[0] for p in parties.parties.values())
    n = max(p.years[-1] for p in parties.parties.values()) - first + 1
    n_parties = len(parties.codes)

    def grid(party, year, qty, mask):
        party, year, qty = party[mask].astype(np.int64), year[mask], qty[mask]
        inside = (year >= first) & (year < first + n) & (party >= 0)
        idx = party[inside] * n + (year[inside] - first)
        g = np.bincount(idx, weights=qty[inside], minlength=n_parties * n).reshape(n_parties, n)
        ok = party >= 0
        return g, np.bincount(party[ok], weights=qty[ok], minlength=n_parties)

    every_ft = np.ones(len(f.ft_quantity), dtype=bool)
    ndc_use, oimp_use = f.use_purpose == NDC, f.use_purpose == OIMP
    every_tr = np.ones(len(f.tr_quantity), dtype=bool)
    return {
        "first_transferred": grid(f.ft_party, f.ft_vintage, f.ft_quantity, every_ft),
        "first_transferred_ndc": grid(f.ft_party, f.ft_vintage, f.ft_quantity, f.ft_ndc),
        "first_transferred_oimp": grid(f.ft_party, f.ft_vintage, f.ft_quantity, ~f.ft_ndc),
        "first_transferred_by_year": grid(f.ft_party, f.ft_year, f.ft_quantity, every_ft),
        "first_transferred_by_year_ndc": grid(f.ft_party, f.ft_year, f.ft_quantity, f.ft_ndc),
        "first_transferred_by_year_oimp": grid(f.ft_party, f.ft_year, f.ft_quantity, ~f.ft_ndc),
        "acquired": grid(f.tr_to, f.tr_year, f.tr_quantity, every_tr),
        "transferred": grid(f.tr_from, f.tr_year, f.tr_quantity, every_tr),
        "used": grid(f.use_party, f.use_year, f.use_quantity, ndc_use),
        "used_oimp": grid(f.use_party, f.use_year, f.use_quantity, oimp_use),
        "cancelled": grid(f.cx_party, f.cx_year, f.cx_quantity, ~f.cx_omge),
        "cancelled_omge": grid(f.cx_party, f.cx_year, f.cx_quantity, f.cx_omge),
    }, first


def party_report(f: Flows, parties: Parties, iso3: str, table=None) -> PartyReport:
    """The reporting rows of Party ``iso3`` from the flows by the as-of date.

    ``table``: :func:`flow_table` of the same flows, when already computed.
    """
    if iso3 not in parties.parties:
        raise UnknownPartyError(
            parties.source, "--party", "one of its Parties (" + ", ".join(parties.codes) + ")", iso3)
    party = parties.parties[iso3]
    p = parties.codes.index(iso3)
    grids, first = table if table is not None else flow_table(f, parties)
    lo = party.years[0] - first
    hi = lo + len(party.years)
    rows: dict[str, np.ndarray] = {}
    out: dict[str, float] = {}
    for key, (g, total) in grids.items():
        rows[key] = g[p, lo:hi].copy()
        rest = float(total[p] - rows[key].sum())
        if abs(rest) > 1e-9 * max(1.0, abs(float(total[p]))):
            out[key] = rest
    method = party.method_object()
    n = len(party.years)
    adj = method.adjustments((rows["first_transferred"] - rows["used"])[None, :])[0]
    indicative = method.indicative(n)
    kind: list[str | None] = [
        None if not math.isfinite(a) else "indicative" if ind else
        "ndc_year" if (i == n - 1 and indicative.any()) else "annual"
        for i, (a, ind) in enumerate(zip(adj, indicative, strict=True))
    ]
    budget = getattr(method, "netting", "annual") == "budget"
    if party.trajectory is not None:
        path = cumulative_adjustment(party.trajectory[None, :])[0] if budget else party.trajectory
        label = "budget" if budget else "trajectory"
    else:
        path = np.full(n, np.nan)
        if party.target is not None:
            path[-1] = party.target
        label = "target"
    cum = (cumulative_adjustment(adj[None, :])[0] if method.defines_cumulative
           else np.full(n, np.nan))
    rows.update({
        "trajectory": path,
        "emissions": party.emissions,
        "annual_adjustment": adj,
        "cumulative_adjustment": cum,
        "emissions_balance": emissions_balance(party.emissions, adj),
    })
    return PartyReport(party=party, unit=parties.unit, as_of=f.as_of, rows=rows, kind=kind,
                       outside_period=out, path_label=label)


def party_totals(f: Flows, parties: Parties, table=None) -> tuple[float, float]:
    """What all Parties add (first transferred, by vintage) and subtract (used), from their rows."""
    grids, _ = table if table is not None else flow_table(f, parties)
    added = subtracted = 0.0
    for iso in parties.codes:
        r = party_report(f, parties, iso, (grids, _))
        added += float(r.rows["first_transferred"].sum()) + r.outside_period.get("first_transferred", 0.0)
        subtracted += float(r.rows["used"].sum()) + r.outside_period.get("used", 0.0)
    return added, subtracted
