"""Transfer ledgers and the emissions balance of decision 2/CMA.3, annex, paras 2, 7 and 8.

The pipeline, one module per part of the model:

* :mod:`article6.ledger.files` reads a ledger of either layout (actions or
  per-unit), bounded, every field checked, into arrays;
* :mod:`article6.ledger.parties` reads the parties file (NDC type, method,
  period, inventory, path);
* :mod:`article6.ledger.actions` checks the ledger block by block and finds
  each block's first transfer (para 2);
* :mod:`article6.model.adopted` holds the para 7 methods;
* :mod:`article6.ledger.reporting` gives each Party's rows and emissions balance
  (para 8).

This module ties them together: :func:`load_ledger` (read and check),
:func:`party_summary` (one Party's rows by the as-of date) and
:func:`accounting_check` (nothing counted twice across the Parties).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from article6.ledger.actions import Blocks, Flows, check_blocks, flows, world_check
from article6.ledger.files import (
    ACTION_COLUMNS,
    UNIT_COLUMNS,
    Actions,
    LedgerError,
    LedgerRowError,
    UnitUsedTwiceError,
    UnknownPartyError,
    UsedBeforeTransferError,
    parse_actions,
    parse_as_of,
    read_actions,
)
from article6.ledger.parties import Parties, Party, load_parties, parse_parties
from article6.ledger.reporting import ROWS, PartyReport, flow_table, party_report, party_totals
from article6.model.adopted import adopted_method
from article6.resources import data_dir, resolve_shipped

__all__ = [
    "ACTION_COLUMNS", "UNIT_COLUMNS", "LEDGER_COLUMNS", "SUMMARY_ROWS", "Ledger", "LedgerError",
    "LedgerRowError", "UnitUsedTwiceError", "UnknownPartyError", "UsedBeforeTransferError",
    "Parties", "Party", "PartyReport", "load_parties", "load_ledger", "parse_ledger",
    "party_summary", "accounting_check", "default_parties_path", "resolve_ledger", "parse_as_of",
    "parse_parties", "report_document", "compare_methods",
]

#: Per-unit layout columns (the first layout), kept for scripts that import them.
LEDGER_COLUMNS = UNIT_COLUMNS
#: Reporting rows, in report order.
SUMMARY_ROWS = ROWS


@dataclass(frozen=True, eq=False)
class Ledger:
    """A ledger read and checked block by block."""

    actions: Actions
    blocks: Blocks
    source: str
    _flows: dict = field(default_factory=dict, repr=False)
    _tables: dict = field(default_factory=dict, repr=False)

    @property
    def layout(self) -> str:
        """``actions`` or ``per-unit``."""
        return self.actions.layout

    def flows(self, as_of: int | None = None) -> Flows:
        """What happened by ``as_of`` (``YYYYMMDD``; default: the latest action); computed once."""
        if as_of not in self._flows:
            self._flows[as_of] = flows(self.actions, self.blocks, as_of)
        return self._flows[as_of]

    def table(self, parties: Parties, as_of: int | None = None):
        """Every Party's by-year rows by ``as_of`` (:func:`article6.ledger.reporting.flow_table`), once."""
        cached = self._tables.get(as_of)
        if cached is None or cached[0] is not parties:
            cached = self._tables[as_of] = (parties, flow_table(self.flows(as_of), parties))
        return cached[1]


def default_parties_path(ledger_path: str | Path) -> Path:
    """``<dir>/<stem>.parties.toml`` beside the ledger."""
    p = Path(ledger_path)
    return p.with_name(p.stem + ".parties.toml")


def resolve_ledger(arg: str | Path) -> Path:
    """A ledger argument as a path: an existing file, or the name of a shipped ledger."""
    return resolve_shipped(arg, data_dir("ledgers"), ".csv", LedgerError,
                           "an existing ledger CSV file or a shipped ledger")


def _periods(parties: Parties) -> dict[int, tuple[int, int]]:
    return {i: (p.years[0], p.years[-1]) for i, p in enumerate(parties.parties.values())}


def load_ledger(path: str | Path, parties: Parties) -> Ledger:
    """Read a ledger (either layout) and check it block by block against ``parties``.

    Raises
    ------
    LedgerError
        (a subclass) naming the file, the line and block, and what was expected.
    """
    actions = read_actions(path, parties.codes, parties.source, parties.factor_t)
    return Ledger(actions, check_blocks(actions, _periods(parties)), str(path))


def parse_ledger(text: str | bytes, parties: Parties, source: str = "<ledger>") -> Ledger:
    """Parse ledger text (either layout); see :func:`load_ledger`."""
    actions = parse_actions(text, parties.codes, parties.source, source, parties.factor_t)
    return Ledger(actions, check_blocks(actions, _periods(parties)), source)


def party_summary(ledger: Ledger, parties: Parties, iso3: str, as_of: int | None = None) -> PartyReport:
    """Party ``iso3``'s reporting rows and emissions balance by ``as_of``."""
    return party_report(ledger.flows(as_of), parties, iso3, ledger.table(parties, as_of))


def accounting_check(ledger: Ledger, parties: Parties, as_of: int | None = None) -> dict:
    """The world check (:func:`article6.ledger.actions.world_check`) by ``as_of``."""
    f = ledger.flows(as_of)
    added, subtracted = party_totals(f, parties, ledger.table(parties, as_of))
    check = world_check(f, len(ledger.actions.block_ids), added, subtracted)
    check["actions"] = len(ledger.actions)
    return check


#: Methods shown side by side for each NDC type (the view's comparison).
COMPARED = {"single_year": ("single_year_averaging", "single_year_trajectory"),
            "multi_year": ("multi_year",)}


def compare_methods(ledger: Ledger, parties: Parties, iso3: str, as_of: int | None = None,
                    methods: tuple[str, ...] | None = None) -> dict[str, PartyReport]:
    """Party ``iso3``'s rows under each of ``methods`` (default: its NDC type's, :data:`COMPARED`).

    The flows are the same; only the para 7 method applied to them changes.
    A method that does not fit the Party's NDC type is not offered.
    """
    party = parties.parties[iso3] if iso3 in parties.parties else None
    if party is None:                       # refused with the Parties' list
        party_summary(ledger, parties, iso3, as_of)
    out = {}
    for name in methods or COMPARED[party.ndc_type]:
        if adopted_method(name).ndc_type != party.ndc_type:
            continue
        others = dict(parties.parties)
        others[iso3] = replace(party, method=name)
        alt = replace(parties, parties=others)
        out[name] = party_report(ledger.flows(as_of), alt, iso3)
    return out


def report_document(report: PartyReport, check: dict, ledger: Ledger, parties: Parties) -> dict:
    """The JSON object of ``balance --json`` (docs/ledger.md); strict-JSON ready."""
    party = report.party
    method = party.method_object()
    d = str(report.as_of)
    return {
        "ledger": ledger.source,
        "layout": ledger.layout,
        "party": party.iso3,
        "name": party.name,
        "unit": parties.unit,
        "ndc_type": party.ndc_type,
        "method": method.name,
        "method_label": method.label_en,
        "paragraph": method.paragraph,
        "adopted_in_2_cma_3": bool(method.adopted_in_2_cma_3),
        "cumulative_defined": bool(method.defines_cumulative),
        "latest_inventory_year": party.latest_inventory_year,
        "as_of": f"{d[:4]}-{d[4:6]}-{d[6:]}" if report.as_of else None,
        "years": list(party.years),
        "labels": report.labels(),
        "rows": report.as_json(),
        "adjustment_kind": report.kind,
        "outside_period": report.outside_period,
        "check": check,
    }
