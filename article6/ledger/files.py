"""Reading a transfer ledger: both layouts, bounded, every field checked, vectorised.

Two layouts are told apart by their header row (``docs/ledger.md``):

* the *actions* layout, one row per action on a block of ITMOs
  (:data:`ACTION_COLUMNS`): ``authorization``, ``issuance``, ``transfer``,
  ``use`` or ``cancellation``;
* the *per-unit* layout (:data:`UNIT_COLUMNS`), one row per block that has
  been first transferred; each row is read as the actions it stands for
  (:func:`_unit_rows_as_actions`), so one engine serves both.

Lines starting with ``#`` and blank lines are skipped; line numbers in every
message are those of the file. Reading is bounded: only regular files, at most
:data:`MAX_LEDGER_BYTES`, every quantity at most :data:`MAX_QUANTITY_T`
tonnes CO2e, every date or year in :data:`YEAR_RANGE`. Identifiers are
normalised to Unicode NFC; control and invisible characters (zero-width
space, no-break space, bidirectional marks, ...) are refused. Amounts may
carry thousands separators (``323,371``).

Every refusal is a :class:`LedgerError` naming the file, the line, the block
and the column, and what was expected there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from article6 import errors as E
from article6.ledger.csv_layout import LedgerError, LedgerRowError, split_lines, string_table
from article6.schema.reading import read_bounded

#: Columns of the actions layout, all required, in any order.
ACTION_COLUMNS: tuple[str, ...] = (
    "action", "date", "block", "quantity", "vintage", "from_party", "to_party", "purpose",
    "first_transfer",
)
#: Columns of the per-unit layout, all required, in any order.
UNIT_COLUMNS: tuple[str, ...] = (
    "id", "amount", "vintage", "first_transfer_year", "transferring_party", "acquiring_party",
    "purpose", "year_used",
)
#: Action names; an action's code is its index.
ACTIONS: tuple[str, ...] = ("authorization", "issuance", "transfer", "use", "cancellation")
AUTHORIZATION, ISSUANCE, TRANSFER, USE, CANCELLATION = range(5)
#: Purposes; a purpose's code is its index. ``OMGE`` (on a cancellation): for
#: overall mitigation in global emissions; empty: none given.
PURPOSES: tuple[str, ...] = ("", "NDC", "OIMP", "NDC+OIMP", "OMGE")
NO_PURPOSE, NDC, OIMP, NDC_OIMP, OMGE = range(5)
#: What counts as first transfer of units authorized for OIMP (para 2(b)); empty:
#: the first international transfer (para 2(a)).
FIRST_TRANSFER: tuple[str, ...] = ("", "authorization", "issuance", "use_or_cancellation")
FT_INTERNATIONAL, FT_AUTHORIZATION, FT_ISSUANCE, FT_USE_OR_CANCELLATION = range(4)

#: Largest ledger file read [bytes] (about 2.5 million actions).
MAX_LEDGER_BYTES = 256 * 2**20
#: Largest quantity of one action [t CO2e]: 100 Gt, about twice the world's annual emissions.
MAX_QUANTITY_T = 1e11
#: Dates and years outside this range are refused.
YEAR_RANGE = (1990, 2100)

_QTY_PLAIN = r"[-+]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]{1,3})?"
_QTY_THOUSANDS = r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?"
_DATE = r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?"
_ISO3 = r"[A-Z]{3}"
_YEAR = re.compile(r"[0-9]{4}")
#: Printable ASCII and line breaks: a file of these bytes only needs no identifier check.
_PLAIN_BYTES = bytes(range(32, 127)) + b"\n\r"
_DATE_RX = re.compile(_DATE)
_ISO3_RX = re.compile(_ISO3)


class UnitUsedTwiceError(LedgerError):
    """The same unit or block first transferred, used or cancelled twice, or beyond its quantity."""


class UsedBeforeTransferError(LedgerError):
    """A unit used before its first transfer, or transferred before its vintage (per-unit layout)."""


class UnknownPartyError(LedgerError):
    """A Party the parties file does not describe."""


def shown(text: object) -> str:
    """``text`` safe to print: control and invisible characters written as escapes."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


@dataclass(frozen=True, eq=False)
class Actions:
    """A ledger read into arrays shaped (actions,); codes index the tuples above.

    ``quantity`` is in the parties file's unit; ``date`` is ``YYYYMMDD`` (a
    year alone reads as 1 January); ``vintage`` is 0 where empty; ``to_party``
    is -1 where empty; parties index :attr:`parties`, blocks :attr:`block_ids`.
    """

    source: str
    layout: str
    line: np.ndarray
    action: np.ndarray
    date: np.ndarray
    block: np.ndarray
    quantity: np.ndarray
    vintage: np.ndarray
    from_party: np.ndarray
    to_party: np.ndarray
    purpose: np.ndarray
    first_transfer: np.ndarray
    block_ids: pa.Array
    parties: tuple[str, ...]
    id_label: str = "block"

    def __len__(self) -> int:
        return len(self.line)

    def where(self, i: int, column: str) -> str:
        """``line N (block B).column`` for action ``i``, as messages name it."""
        ident = self.block_ids[int(self.block[i])].as_py()
        return f"line {int(self.line[i])} ({self.id_label} {shown(ident)}).{column}"

    def subset(self, mask: np.ndarray) -> Actions:
        """The actions where ``mask`` holds (same blocks and parties)."""
        cols = ("line", "action", "date", "block", "quantity", "vintage", "from_party",
                "to_party", "purpose", "first_transfer")
        return Actions(self.source, self.layout, *(getattr(self, c)[mask] for c in cols),
                       self.block_ids, self.parties, self.id_label)


# --------------------------------------------------------------------------- fields


class _Fields:
    """Checks of string columns; each refusal names the first bad line.

    Each column is dictionary-encoded once (one hash pass in Arrow); every
    check then runs on its distinct values only and is spread over the rows
    by their codes, so the cost per row is one array lookup.
    """

    def __init__(self, source: str, cols: dict[str, pa.Array], lines: np.ndarray, id_column: str,
                 label: str = "block", plain: bool = False):
        self.source, self.cols, self.lines, self.label = source, cols, lines, label
        self.id_column = id_column
        self.id_codes: np.ndarray | None = None
        self.id_values: pa.Array | None = None
        #: the whole file is printable ASCII (plus line breaks): no identifier needs NFC or can
        #: hold an invisible character, so those checks are skipped
        self.plain = plain
        self._enc: dict[str, tuple[np.ndarray, pa.Array]] = {}

    def fail(self, mask, column: str, expected: str, cls=LedgerRowError):
        """Raise ``cls`` for the first row where ``mask`` holds."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            i = int(np.argmax(mask))
            got = self.cols[column][i].as_py() if column in self.cols else None
            ident = (self.id_values[int(self.id_codes[i])].as_py() if self.id_codes is not None
                     else self.cols[self.id_column][i].as_py())
            raise cls(self.source, f"line {int(self.lines[i])} ({self.label} {shown(ident)}).{column}",
                      expected, got)

    def encoded(self, column: str) -> tuple[np.ndarray, pa.Array]:
        """(row codes, distinct values as an Arrow array) of ``column``."""
        if column not in self._enc:
            e = self.cols[column].dictionary_encode()
            self._enc[column] = (np.asarray(e.indices).astype(np.int64), e.dictionary)
        return self._enc[column]

    def lookup(self, column: str, fn, dtype) -> np.ndarray:
        """``fn`` of each row's value, computed once per distinct value."""
        idx, values = self.encoded(column)
        lut = np.array([fn(v) for v in values.to_pylist()], dtype=dtype)
        return lut[idx] if len(values) else np.zeros(len(idx), dtype=dtype)

    def empty(self, column: str) -> np.ndarray:
        return self.lookup(column, lambda v: v == "", bool)

    def matches(self, column: str, pattern: str) -> np.ndarray:
        rx = re.compile(pattern)
        return self.lookup(column, lambda v: rx.fullmatch(v) is not None, bool)

    def codes(self, column: str, names: tuple[str, ...], allowed_mask, expected: str) -> np.ndarray:
        """Codes (indices into ``names``) of a categorical column; others refused."""
        pos = {n: i for i, n in enumerate(names)}
        idx = self.lookup(column, lambda v: pos.get(v, -1), np.int64)
        self.fail((idx < 0) & allowed_mask, column, expected)
        return idx

    def identifiers(self, column: str) -> tuple[np.ndarray, pa.Array]:
        """(codes, distinct NFC-normalised identifiers); control and invisible characters refused."""
        idx, values = self.encoded(column)
        self.id_codes, self.id_values = idx, values
        if not self.plain and len(values):
            bad = ~np.asarray(pc.utf8_is_printable(values))
            self.fail(bad[idx], column, "an identifier of visible characters (no control, zero-width "
                      "or no-break characters)")
            normal = pc.utf8_normalize(values, form="NFC")
            if not normal.equals(values):
                enc = normal.dictionary_encode()
                idx = np.asarray(enc.indices).astype(np.int64)[idx]
                values = enc.dictionary
                self.id_codes, self.id_values = idx, values
        if len(values):
            self.fail(np.asarray(pc.equal(values, ""))[idx], column, "an identifier (not empty)")
        return idx.astype(np.int32), values

    def quantities(self, column: str, factor_t: float) -> np.ndarray:
        """Quantities > 0 in the file's unit; thousands separators allowed; bounded."""
        col = self.cols[column]
        try:                                   # fast path: every field is a plain number
            q = np.asarray(pc.cast(col, pa.float64()))
        except pa.ArrowInvalid:
            plain = self.matches(column, _QTY_PLAIN)
            grouped = self.matches(column, _QTY_THOUSANDS)
            self.fail(~(plain | grouped), column, "a number such as 1500, 1500.5 or 1,500")
            if grouped.any():
                col = pc.replace_substring(col, ",", "")
            q = np.asarray(pc.cast(col, pa.float64()))
        bound = MAX_QUANTITY_T / factor_t
        self.fail(~(q > 0), column, "a quantity > 0")
        self.fail(~(q <= bound), column, f"a quantity of at most {bound:.6g} "
                  f"(= {MAX_QUANTITY_T:.0e} t CO2e)")
        return q

    def years(self, column: str, optional: bool) -> np.ndarray:
        """Four-digit years in :data:`YEAR_RANGE`; 0 where empty (if ``optional``)."""
        lo, hi = YEAR_RANGE

        def year(v: str) -> int:
            if v == "":
                return 0 if optional else -1
            return int(v) if _YEAR.fullmatch(v) else -1

        y = self.lookup(column, year, np.int64)
        self.fail(y < 0, column, "a year of four digits" + (" or nothing" if optional else ""))
        self.fail((y != 0) & ((y < lo) | (y > hi)), column, f"a year in {lo}-{hi}")
        return y

    def dates(self, column: str) -> np.ndarray:
        """``YYYY-MM-DD`` or ``YYYY`` as ``YYYYMMDD`` (a year alone is 1 January)."""
        lo, hi = YEAR_RANGE

        def date(v: str) -> int:
            if not _DATE_RX.fullmatch(v):
                return -1
            if len(v) == 4:
                d = dt.date(int(v), 1, 1)
            else:
                try:
                    d = dt.date.fromisoformat(v)
                except ValueError:
                    return -2
            return d.year * 10000 + d.month * 100 + d.day if lo <= d.year <= hi else -3

        d = self.lookup(column, date, np.int64)
        self.fail(d == -1, column, "a date YYYY-MM-DD or a year YYYY")
        self.fail(d == -2, column, "a calendar date YYYY-MM-DD")
        self.fail(d == -3, column, f"a date in the years {lo}-{hi}")
        return d

    def parties(self, column: str, known: tuple[str, ...], required_mask, allowed_mask,
                parties_source: str) -> np.ndarray:
        """Party codes (indices into ``known``), -1 where empty; unknown Parties refused."""
        pos = {k: i for i, k in enumerate(known)}

        def party(v: str) -> int:
            if v == "":
                return -1
            if v in pos:
                return pos[v]
            return -3 if _ISO3_RX.fullmatch(v) else -2

        idx = self.lookup(column, party, np.int64)
        self.fail((idx == -1) & required_mask, column, "an ISO 3166 alpha-3 code such as 'KOR'")
        self.fail((idx != -1) & ~allowed_mask, column, "nothing on this action")
        self.fail(idx == -2, column, "an ISO 3166 alpha-3 code such as 'KOR'")
        self.fail(idx == -3, column, f"a Party of {parties_source} ({', '.join(known)})",
                  UnknownPartyError)
        return idx.astype(np.int16)


# --------------------------------------------------------------------------- layouts


def read_actions(path: str | Path, parties: tuple[str, ...], parties_source: str,
                 factor_t: float = 1.0) -> Actions:
    """Read a ledger file (either layout) into :class:`Actions`, every field checked.

    ``parties``: the ISO3 codes of the parties file; ``factor_t``: tonnes CO2e
    per unit of the parties file (for the quantity bound).
    """
    data = read_bounded(path, MAX_LEDGER_BYTES, "ledger CSV file", LedgerError)
    return parse_actions(data, parties, parties_source, str(path), factor_t)


def parse_actions(data: bytes | str, parties: tuple[str, ...], parties_source: str,
                  source: str = "<ledger>", factor_t: float = 1.0) -> Actions:
    """Parse ledger bytes; see :func:`read_actions`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_LEDGER_BYTES:
        raise LedgerError(source, "(file)", f"a ledger of at most {MAX_LEDGER_BYTES:,} bytes")
    body, lines, header = split_lines(data, source, ": " + ",".join(ACTION_COLUMNS))
    layouts = {"actions": ACTION_COLUMNS, "per-unit": UNIT_COLUMNS}
    found = [k for k, cols in layouts.items() if set(header) == set(cols) and len(header) == len(cols)]
    if not found:
        raise LedgerRowError(
            source, f"line {int(lines[0]) - 1 if len(lines) else 1} (header)",
            "the columns " + ",".join(ACTION_COLUMNS) + " (actions layout) or "
            + ",".join(UNIT_COLUMNS) + " (per-unit layout)", ",".join(header),
        )
    trim = b" " in body or b"\t" in body
    cols = string_table(body, header, source, lines, trim)
    plain = not trim and not body.translate(None, _PLAIN_BYTES)
    if found[0] == "actions":
        return _action_rows(source, cols, lines, parties, parties_source, factor_t, plain)
    return _unit_rows_as_actions(source, cols, lines, parties, parties_source, factor_t, plain)


def _action_rows(source, cols, lines, parties, parties_source, factor_t, plain=False) -> Actions:
    f = _Fields(source, cols, lines, "block", plain=plain)
    block, block_ids = f.identifiers("block")
    n = len(lines)
    every = np.ones(n, dtype=bool)
    action = f.codes("action", ACTIONS, every, "one of " + ", ".join(ACTIONS)).astype(np.int8)
    date = f.dates("date")
    qty = f.quantities("quantity", factor_t)
    vintage = f.years("vintage", optional=True)
    needs_vintage = (action == AUTHORIZATION) | (action == ISSUANCE)
    f.fail(needs_vintage & (vintage == 0), "vintage",
           "the year in which the mitigation occurred (required on authorization and issuance)")
    frm = f.parties("from_party", parties, every, every, parties_source)
    to = f.parties("to_party", parties, action == TRANSFER, action == TRANSFER, parties_source)
    f.fail((action == TRANSFER) & (to == frm), "to_party",
           "a Party other than the transferring Party")
    purpose = f.codes("purpose", PURPOSES, every, "NDC, OIMP or NDC+OIMP").astype(np.int8)
    auth, use, cancel = action == AUTHORIZATION, action == USE, action == CANCELLATION
    f.fail(auth & ~np.isin(purpose, (NDC, OIMP, NDC_OIMP)), "purpose",
           "NDC, OIMP or NDC+OIMP on an authorization")
    f.fail(use & ~np.isin(purpose, (NDC, OIMP)), "purpose", "NDC or OIMP on a use")
    f.fail(cancel & ~np.isin(purpose, (NO_PURPOSE, OMGE)), "purpose",
           "nothing, or OMGE (overall mitigation in global emissions), on a cancellation")
    f.fail(~(auth | use | cancel) & (purpose != NO_PURPOSE), "purpose",
           "nothing on an issuance or transfer (purposes are set by the authorization)")
    ft = f.codes("first_transfer", FIRST_TRANSFER, every,
                 "authorization, issuance, use_or_cancellation or nothing").astype(np.int8)
    f.fail(~auth & (ft != FT_INTERNATIONAL), "first_transfer", "nothing except on an authorization")
    f.fail(auth & (purpose == NDC) & (ft != FT_INTERNATIONAL), "first_transfer",
           "nothing for units authorized for NDC use only: their first transfer is the first "
           "international transfer (decision 2/CMA.3, annex, para 2(a))")
    return Actions(
        source=source, layout="actions", line=lines.astype(np.int64), action=action,
        date=date.astype(np.int32), block=block, quantity=qty,
        vintage=vintage.astype(np.int32), from_party=frm, to_party=to, purpose=purpose,
        first_transfer=ft, block_ids=block_ids, parties=tuple(parties),
    )


def _unit_rows_as_actions(source, cols, lines, parties, parties_source, factor_t, plain=False) -> Actions:
    """Per-unit rows as actions: authorization, transfer (if acquired) and use (if used).

    A row ``id, amount, vintage, first_transfer_year, transferring_party,
    acquiring_party, purpose, year_used`` reads as an authorization by the
    transferring Party dated the first-transfer year, a transfer to the
    acquiring Party that year (when one is named), and a use in ``year_used``
    by the acquiring Party (the transferring Party for OIMP units without
    one). OIMP units without an acquiring Party count as first transferred
    on authorization (para 2(b)), i.e. in ``first_transfer_year``.
    """
    f = _Fields(source, cols, lines, "id", "id", plain)
    block, block_ids = f.identifiers("id")
    n = len(lines)
    every = np.ones(n, dtype=bool)
    qty = f.quantities("amount", factor_t)
    vintage = f.years("vintage", optional=False)
    first = f.years("first_transfer_year", optional=False)
    used = f.years("year_used", optional=True)
    purpose = f.codes("purpose", PURPOSES, every, "NDC, OIMP or NDC+OIMP").astype(np.int8)
    f.fail(~np.isin(purpose, (NDC, OIMP, NDC_OIMP)), "purpose", "NDC, OIMP or NDC+OIMP")
    tp = f.parties("transferring_party", parties, every, every, parties_source)
    ndc = purpose != OIMP
    ap = f.parties("acquiring_party", parties, ndc, every, parties_source)
    f.fail((ap >= 0) & (ap == tp), "acquiring_party", "a Party other than the transferring Party")
    f.fail((purpose == NDC) & (first < vintage), "first_transfer_year",
           "a year at or after the vintage (units for NDC use are first transferred "
           "internationally, after the mitigation occurred)", UsedBeforeTransferError)
    f.fail((used > 0) & (used < first), "year_used",
           "a year at or after the first transfer (used before it was transferred)",
           UsedBeforeTransferError)
    counts = np.bincount(block, minlength=len(block_ids))
    if (counts > 1).any():
        dup = counts[block] > 1
        seen_first = np.zeros(len(block_ids), dtype=bool)
        order = np.flatnonzero(dup)
        firsts = {}
        for i in order:  # only duplicated ids: name the second line
            b = block[i]
            if seen_first[b]:
                both_used = used[i] > 0 and used[firsts[b]] > 0
                what = (f"a unit used once (it is used twice; first use on line {int(lines[firsts[b]])})"
                        if both_used else f"a unit id listed once (also on line {int(lines[firsts[b]])})")
                ident = shown(block_ids[int(b)].as_py())
                raise UnitUsedTwiceError(source, f"line {int(lines[i])} (id {ident})", what)
            seen_first[b], firsts[b] = True, i
    acquired = ap >= 0
    with_use = used > 0
    parts = [every, acquired, with_use]
    act = np.concatenate([np.full(n, AUTHORIZATION), np.full(n, TRANSFER), np.full(n, USE)])
    date = np.concatenate([first, first, used]) * 10000 + 101
    user = np.where(acquired, ap, tp)
    use_purpose = np.where(purpose == OIMP, OIMP, NDC)
    ft = np.where(acquired, FT_INTERNATIONAL, FT_AUTHORIZATION)
    keep = np.concatenate(parts)
    rep = lambda a, b, c: np.concatenate([a, b, c])[keep]  # noqa: E731
    return Actions(
        source=source, layout="per-unit", line=np.tile(lines.astype(np.int64), 3)[keep],
        action=act[keep].astype(np.int8), date=date[keep].astype(np.int32),
        block=np.tile(block, 3)[keep], quantity=np.tile(qty, 3)[keep],
        vintage=rep(vintage, np.zeros(n, np.int32), np.zeros(n, np.int32)).astype(np.int32),
        from_party=rep(tp, tp, user).astype(np.int16),
        to_party=rep(np.full(n, -1), ap, np.full(n, -1)).astype(np.int16),
        purpose=rep(purpose, np.zeros(n), use_purpose).astype(np.int8),
        first_transfer=rep(ft, np.zeros(n), np.zeros(n)).astype(np.int8),
        block_ids=block_ids, parties=tuple(parties), id_label="id",
    )


_ASOF = re.compile(r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?")


def parse_as_of(text: str, key: str = "--as-of") -> int:
    """``--as-of DATE`` (``YYYY-MM-DD`` or ``YYYY``) as ``YYYYMMDD``; a year alone is 31 December."""
    if not isinstance(text, str) or not _ASOF.fullmatch(text):
        raise E.OptionError(key, key, "a date YYYY-MM-DD or a year YYYY", text)
    if len(text) == 4:
        text += "-12-31"
    try:
        d = dt.date.fromisoformat(text)
    except ValueError:
        raise E.OptionError(key, key, "a calendar date YYYY-MM-DD", text) from None
    lo, hi = YEAR_RANGE
    if not lo <= d.year <= hi:
        raise E.OptionError(key, key, f"a date in the years {lo}-{hi}", text)
    return d.year * 10000 + d.month * 100 + d.day
