"""Reading ledger CSV bytes: bounded, comment lines dropped, one record per line.

Files are read with :func:`article6.schema.reading.read_bounded` (regular files
only, never more than a limit); :func:`split_lines` drops ``#`` comment and blank lines, keeps each data
row's line number in the file, and refuses fields that span lines, rows with
the wrong number of fields and text that is not UTF-8; :func:`string_table`
parses the rows, every column as trimmed text (pyarrow's CSV reader).
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from article6 import errors as E


class LedgerError(E.InputError):
    """A ledger or parties file that breaks the format."""


class LedgerRowError(LedgerError):
    """A malformed ledger row (missing field, bad number, bad year, bad purpose)."""


def split_lines(data: bytes, source: str, header_hint: str = "") -> tuple[bytes, np.ndarray, list[str]]:
    """Drop comment and blank lines; return (data rows, their file line numbers, header fields).

    Refuses a field that spans lines (an odd number of quotes on a line), a
    lone carriage return and text that is not UTF-8. Rows with the wrong
    number of fields are found by :func:`string_table`.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LedgerRowError(source, f"line {line}", "UTF-8 text") from None
    arr = np.frombuffer(data, dtype=np.uint8)
    nl = np.flatnonzero(arr == 10)
    if b"\r" in data:
        cr = np.flatnonzero(arr == 13)
        lone = cr[(cr + 1 < len(arr)) & (arr[np.minimum(cr + 1, len(arr) - 1)] != 10)]
        if len(lone):
            line = int(np.searchsorted(nl, lone[0])) + 1
            raise LedgerRowError(source, f"line {line}", "lines ended by a line feed (a carriage "
                                 "return alone is not a line break)")
    starts = np.concatenate(([0], nl + 1))
    ends = np.concatenate((nl, [len(arr)]))
    has_cr = np.zeros(len(starts), dtype=bool)
    if b"\r" in data:
        has_cr = (ends > starts) & (arr[np.maximum(ends - 1, 0)] == 13)
        ends = ends - has_cr
    nonempty = ends > starts
    first = np.zeros(len(starts), dtype=np.uint8)
    first[nonempty] = arr[starts[nonempty]]
    keep = nonempty & (first != ord("#"))
    for i in np.flatnonzero(keep & ((first == 32) | (first == 9))):  # leading blanks: rare
        text = data[starts[i]:ends[i]].strip()
        keep[i] = bool(text) and not text.startswith(b"#")
    kept = np.flatnonzero(keep)
    if len(kept) == 0:
        raise LedgerRowError(source, "header", "a header line" + header_hint)
    if b'"' in data:
        q = np.flatnonzero(arr == 34)
        odd_lines = np.flatnonzero(np.bincount(np.searchsorted(nl, q), minlength=len(starts)) % 2)
        if len(odd_lines):
            raise LedgerRowError(source, f"line {int(odd_lines[0]) + 1}",
                                 "fields on one line (a quoted field may not hold a line break)")
    header_line = int(kept[0])
    header = next(csv.reader([data[starts[header_line]:ends[header_line]].decode("utf-8")]))
    header = [h.strip() for h in header]
    rows = kept[1:]
    if len(rows) == 0:
        body = b""
    elif rows[-1] - rows[0] == len(rows) - 1 and not has_cr[rows].any():
        body = data[starts[rows[0]]:ends[rows[-1]]]
    else:
        body = b"\n".join(data[starts[i]:ends[i]] for i in rows)
    return body, rows + 1, header


def _wrong_row(body: bytes, n: int) -> tuple[int, int]:
    """(index, field count) of the first row of ``body`` without ``n`` fields (error path only)."""
    for i, fields in enumerate(csv.reader(io.StringIO(body.decode("utf-8")))):
        if len(fields) != n:
            return i, len(fields)
    return -1, n


def string_table(body: bytes, header: list[str], source: str,
                 lines: np.ndarray | None = None, trim: bool = True) -> dict[str, pa.Array]:
    """Parse the data rows as strings, trimmed of surrounding blanks.

    A row with the wrong number of fields is refused naming its line
    (``lines``: the file line number of each row).
    """
    if not body:
        return {h: pa.array([], pa.string()) for h in header}
    try:
        table = pcsv.read_csv(
            pa.py_buffer(body),
            read_options=pcsv.ReadOptions(column_names=header),
            parse_options=pcsv.ParseOptions(newlines_in_values=False),
            convert_options=pcsv.ConvertOptions(
                column_types={h: pa.string() for h in header}, strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        i, got = _wrong_row(body, len(header))
        if i >= 0 and lines is not None:
            raise LedgerRowError(source, f"line {int(lines[i])}", f"{len(header)} comma-separated fields",
                                 got) from None
        raise LedgerRowError(source, "(file)", f"comma-separated text ({str(exc)[:200]})") from None
    cols = {h: table.column(h).combine_chunks() for h in header}
    return {h: pc.utf8_trim_whitespace(c) for h, c in cols.items()} if trim else cols
