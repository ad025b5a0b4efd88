"""Import the credit-block export of the Gold Standard + Verra Article 6.2 CA reporting tool.

Source layout: Gold Standard and Verra, *Article 6.2 Corresponding
Adjustments Reporting Tool* (``Article-6.2-CA-Reporting-Tool_v1.xlsx``,
version 1.0, 20 August 2026, data cutoff 14 August 2026), sheet ``Detailed
Credit Data``: one row per serial-number block, with the fifteen columns of
:data:`COLUMNS` (names as in the workbook). The workbook itself (``.xlsx``)
or that sheet saved as CSV is read.

Each block becomes two rows of the actions layout (``docs/gs-verra.md``
lists every reading and where article6's figures differ from the
workbook's):

* an ``authorization`` by the host Party (``Country``) dated the
  ``Authorisation Year`` (a year alone reads as 1 January), of ``Volume``
  units of ``Vintage``, for ``NDC+OIMP`` (authorized for NDC and (O)IMP),
  ``OIMP`` (for (O)IMP only) or ``NDC`` (for NDC only), with the first
  transfer the Party specified (``OIMP First Transfer Definition``:
  ``Authorisation`` -> ``authorization``, ``Issuance`` -> ``issuance``,
  ``Use`` -> ``use_or_cancellation``, ``First international transfer`` ->
  empty, i.e. the first international transfer). Units authorized for NDC
  use only take no definition (decision 2/CMA.3, annex, para 2(a)).
* an ``issuance`` dated the ``Issuance Date``.

The export holds no transfers, uses or cancellations: blocks whose first
transfer is the first international transfer (or their use) are therefore
never first transferred until such actions are added to the ledger.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from article6.ledger.files import ACTION_COLUMNS, MAX_QUANTITY_T, YEAR_RANGE, LedgerError, shown
from article6.schema.reading import check_workbook, read_bounded

#: The workbook's columns, verbatim.
COLUMNS: tuple[str, ...] = (
    "Programme", "Project ID", "Volume", "Credit Serial Number", "Vintage", "Country",
    "OIMP First Transfer Definition", "Authorisation Year", "Issuance Date", "Issuance Year",
    "Authorised for NDC?", "Authorised for (O)IMP?", "Cooperative Approach ID",
    "Authorisation uploaded to the CARP", "Link to authorisation",
)
SHEET = "Detailed Credit Data"
#: Host countries as the workbook names them, with their ISO 3166-1 alpha-3 codes.
COUNTRIES: dict[str, str] = {
    "Benin": "BEN", "Cambodia": "KHM", "Gambia": "GMB", "Lao": "LAO", "Madagascar": "MDG",
    "Malawi": "MWI", "Morocco": "MAR", "Nigeria": "NGA", "Rwanda": "RWA", "Sierra Leone": "SLE",
    "Tanzania": "TZA", "Togo": "TGO", "Uzbekistan": "UZB", "Zimbabwe": "ZWE",
}
#: The workbook's first-transfer definitions and their actions-layout value.
FIRST_TRANSFER: dict[str, str] = {
    "authorisation": "authorization", "authorization": "authorization", "issuance": "issuance",
    "use": "use_or_cancellation", "use or cancellation": "use_or_cancellation",
    "first international transfer": "",
}
MAX_CSV_BYTES = 64 * 2**20
MAX_XLSX_BYTES = 32 * 2**20
MAX_XLSX_UNPACKED = 256 * 2**20
MAX_ROWS = 1_000_000


class GsVerraError(LedgerError):
    """A credit-block export that does not have the workbook's layout or values."""


@dataclass
class Imported:
    """The actions rows made from an export, and the notes on what was read how."""

    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocks: int = 0
    skipped_carp: int = 0
    skipped_country: int = 0


def _records(path: Path) -> tuple[list[str], list[tuple[str, list]]]:
    """(header, [(where, values), ...]) from the CSV or the workbook's sheet."""
    src = str(path)
    if path.suffix.lower() == ".xlsx":
        data = read_bounded(path, MAX_XLSX_BYTES, "Excel workbook (.xlsx)", GsVerraError)
        check_workbook(data, src, GsVerraError, MAX_XLSX_UNPACKED)
        import openpyxl  # heavy, only for .xlsx input

        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise GsVerraError(src, "(file)", f"a readable Excel workbook ({type(exc).__name__})") from None
        if SHEET not in wb.sheetnames:
            raise GsVerraError(src, "(sheet)", f"a sheet named {SHEET!r}", ", ".join(wb.sheetnames))
        rows = wb[SHEET].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
        out = []
        for n, values in enumerate(rows, start=2):
            if n > MAX_ROWS:
                raise GsVerraError(src, f"row {n}", f"at most {MAX_ROWS:,} rows")
            if all(v is None or v == "" for v in values):
                continue
            out.append((f"row {n}", list(values)))
        return header, out
    data = read_bounded(path, MAX_CSV_BYTES, "credit-block CSV export", GsVerraError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GsVerraError(src, "(file)", "UTF-8 text") from None
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise GsVerraError(src, "header", "the columns " + ", ".join(COLUMNS))
    try:
        parsed = list(csv.reader([line for _, line in lines], strict=True))
    except csv.Error as exc:
        raise GsVerraError(src, "(file)", f"comma-separated text ({exc})") from None
    header = [h.strip() for h in parsed[0]]
    out = [(f"line {n}", values) for (n, _), values in zip(lines[1:], parsed[1:], strict=True)]
    if len(out) > MAX_ROWS:
        raise GsVerraError(src, "(file)", f"at most {MAX_ROWS:,} rows")
    return header, out


def _year(src, where, col, v) -> int:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip() if v is not None else ""
    lo, hi = YEAR_RANGE
    if not re.fullmatch(r"[0-9]{4}", s) or not lo <= int(s) <= hi:
        raise GsVerraError(src, f"{where}.{col}", f"a year of four digits in {lo}-{hi}", v)
    return int(s)


def _date(src, where, col, v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip() if v is not None else ""
    m = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})([ T]00:00(:00)?)?", s)
    try:
        d = dt.date.fromisoformat(m.group(1)) if m else None
    except ValueError:
        d = None
    if d is None or not YEAR_RANGE[0] <= d.year <= YEAR_RANGE[1]:
        raise GsVerraError(src, f"{where}.{col}", "a date YYYY-MM-DD", v)
    return d


def _yes(src, where, col, v) -> bool:
    s = str(v).strip().lower() if v is not None else ""
    if s not in ("yes", "no"):
        raise GsVerraError(src, f"{where}.{col}", "Yes or No", v)
    return s == "yes"


def _volume(src, where, v) -> int:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip() if v is not None else ""
    if not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+|[0-9]+", s) or int(s.replace(",", "")) <= 0:
        raise GsVerraError(src, f"{where}.Volume", "a whole number of tonnes > 0", v)
    n = int(s.replace(",", ""))
    if n > MAX_QUANTITY_T:
        raise GsVerraError(src, f"{where}.Volume", f"at most {MAX_QUANTITY_T:.0e} t", v)
    return n


def _country(src, where, v) -> str:
    s = unicodedata.normalize("NFC", str(v).strip()) if v is not None else ""
    if s in COUNTRIES:
        return COUNTRIES[s]
    if re.fullmatch(r"[A-Z]{3}", s):
        return s
    raise GsVerraError(src, f"{where}.Country",
                       "a country of the workbook (" + ", ".join(COUNTRIES) + ") or an ISO3 code", v)


def import_gs_verra(path: str | Path, country: str | None = None, carp_only: bool = False) -> Imported:
    """Read an export (module docstring) into actions rows; ``country``: keep one host (name or ISO3)."""
    path = Path(path)
    src = str(path)
    header, records = _records(path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise GsVerraError(src, "header", "the workbook's columns " + ", ".join(COLUMNS),
                           "missing " + ", ".join(missing))
    col = {c: header.index(c) for c in COLUMNS}
    keep_iso = None if country is None else COUNTRIES.get(country, country)
    out = Imported()
    seen: dict[str, int] = {}
    dropped_ft = 0
    for where, values in records:
        if len(values) < len(header):
            raise GsVerraError(src, where, f"{len(header)} fields", len(values))
        rec = {c: values[col[c]] for c in COLUMNS}
        get = rec.__getitem__
        iso = _country(src, where, get("Country"))
        if keep_iso is not None and iso != keep_iso:
            out.skipped_country += 1
            continue
        if carp_only and not _yes(src, where, "Authorisation uploaded to the CARP",
                                  get("Authorisation uploaded to the CARP")):
            out.skipped_carp += 1
            continue
        serial = unicodedata.normalize("NFC", str(get("Credit Serial Number") or "").strip())
        if not serial or not serial.isprintable():
            raise GsVerraError(src, f"{where}.Credit Serial Number",
                               "a serial number of visible characters", get("Credit Serial Number"))
        volume = _volume(src, where, get("Volume"))
        vintage = _year(src, where, "Vintage", get("Vintage"))
        auth_year = _year(src, where, "Authorisation Year", get("Authorisation Year"))
        issued = _date(src, where, "Issuance Date", get("Issuance Date"))
        if _year(src, where, "Issuance Year", get("Issuance Year")) != issued.year:
            raise GsVerraError(src, f"{where}.Issuance Year", f"the year of the Issuance Date ({issued})",
                               get("Issuance Year"))
        ndc = _yes(src, where, "Authorised for NDC?", get("Authorised for NDC?"))
        oimp = _yes(src, where, "Authorised for (O)IMP?", get("Authorised for (O)IMP?"))
        if not (ndc or oimp):
            raise GsVerraError(src, f"{where}.Authorised for (O)IMP?",
                               "Yes in at least one of Authorised for NDC? and Authorised for (O)IMP?")
        ft_text = str(get("OIMP First Transfer Definition") or "").strip()
        if ft_text.lower() not in FIRST_TRANSFER:
            raise GsVerraError(src, f"{where}.OIMP First Transfer Definition",
                               "Authorisation, Issuance, Use or First international transfer", ft_text)
        ft = FIRST_TRANSFER[ft_text.lower()]
        if not oimp and ft:
            ft, dropped_ft = "", dropped_ft + 1
        purpose = "NDC+OIMP" if ndc and oimp else "NDC" if ndc else "OIMP"
        k = seen.get(serial, 0) + 1
        seen[serial] = k
        block = serial if k == 1 else f"{serial}~{k}"
        if k == 2:
            out.notes.append(f"serial {shown(serial)} appears more than once: later rows become "
                             f"blocks {shown(serial)}~2, ~3, ...")
        out.rows.append(["authorization", str(auth_year), block, str(volume), str(vintage), iso, "",
                         purpose, ft])
        out.rows.append(["issuance", issued.isoformat(), block, str(volume), str(vintage), iso, "",
                         "", ""])
        out.blocks += 1
    if keep_iso is not None and out.blocks == 0 and not out.skipped_carp:
        raise GsVerraError("--country", "--country", "a country of the export (a workbook name such as "
                           "Tanzania, or its ISO3 code)", country)
    if dropped_ft:
        out.notes.append(f"{dropped_ft} block(s) authorized for NDC use only: their first transfer is "
                         "the first international transfer (para 2(a)); the definition was dropped")
    if carp_only:
        out.notes.append(f"only authorizations uploaded to the CARP: {out.skipped_carp} block(s) left out")
    return out


def to_csv(imp: Imported, source: str) -> str:
    """The actions-layout CSV text, with comment lines naming the source and every note."""
    buf = io.StringIO()
    buf.write(f"# Imported by `article6 ledger import --from gs-verra` from {shown(source)}\n")
    buf.write("# Source layout: Gold Standard and Verra, Article 6.2 Corresponding Adjustments\n"
              "# Reporting Tool (Article-6.2-CA-Reporting-Tool_v1.xlsx, v1.0, 20 August 2026),\n"
              "# sheet 'Detailed Credit Data'.\n"
              "# Readings: see docs/gs-verra.md. Authorisation Year alone = 1 January of that year.\n")
    for note in imp.notes:
        buf.write(f"# Note: {note}\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ACTION_COLUMNS)
    w.writerows(imp.rows)
    return buf.getvalue()
