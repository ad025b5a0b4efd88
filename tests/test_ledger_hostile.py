"""Hostile ledgers: one file per failure class, special files, bounds, and a fuzz of the loader."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article6 import errors as E
from article6 import ledger as L
from article6.cli import main
from article6.ledger.files import ACTION_COLUMNS, MAX_LEDGER_BYTES, UNIT_COLUMNS
from article6.resources import data_dir

BAD = Path(__file__).parent / "bad_ledgers"
PARTIES = data_dir("ledgers", "example.parties.toml")

#: Every file in tests/bad_ledgers: the error class and where the message points.
BAD_CASES = {
    "actions_arabic_digits.csv": (L.LedgerRowError, "line 3 (block B1).vintage"),
    "actions_authorized_twice.csv": (L.UnitUsedTwiceError, "line 4 (block B1).action"),
    "actions_control_char_id.csv": (L.LedgerRowError, "line 3 (block B1\\x1b[31m).block"),
    "actions_date_2199.csv": (L.LedgerRowError, "line 4 (block B1).date"),
    "actions_first_transfer_on_ndc.csv": (L.LedgerRowError, "line 3 (block B1).first_transfer"),
    "actions_host_uses_own.csv": (L.LedgerRowError, "line 4 (block B1).from_party"),
    "actions_huge_quantity.csv": (L.LedgerRowError, "line 3 (block B1).quantity"),
    "actions_implausible_quantity.csv": (L.LedgerRowError, "line 3 (block B1).quantity"),
    "actions_issued_beyond_authorization.csv": (L.UnitUsedTwiceError, "line 5 (block B1).quantity"),
    "actions_lowercase_party.csv": (L.LedgerRowError, "line 3 (block B1).from_party"),
    "actions_nan_quantity.csv": (L.LedgerRowError, "line 3 (block B1).quantity"),
    "actions_ndc_use_of_oimp_units.csv": (L.LedgerRowError, "line 5 (block B1).purpose"),
    "actions_no_authorization.csv": (L.LedgerRowError, "line 3 (block B9).action"),
    "actions_not_a_date.csv": (L.LedgerRowError, "line 3 (block B1).date"),
    "actions_not_utf8.csv": (L.LedgerRowError, "line 3"),
    "actions_quoted_newline.csv": (L.LedgerRowError, "line 4"),
    "actions_too_few_fields.csv": (L.LedgerRowError, "line 3"),
    "actions_transfer_beyond_holding.csv": (L.UnitUsedTwiceError, "line 4 (block B1).quantity"),
    "actions_transfer_to_self.csv": (L.LedgerRowError, "line 4 (block B1).to_party"),
    "actions_transfer_without_acquirer.csv": (L.LedgerRowError, "line 4 (block B1).to_party"),
    "actions_unknown_action.csv": (L.LedgerRowError, "line 4 (block B1).action"),
    "actions_unknown_party.csv": (L.UnknownPartyError, "line 4 (block B1).to_party"),
    "actions_use_outside_period.csv": (L.LedgerRowError, "line 5 (block B1).date"),
    "actions_used_twice.csv": (L.UnitUsedTwiceError, "line 6 (block B1).quantity"),
    "actions_vintage_missing.csv": (L.LedgerRowError, "line 3 (block B1).vintage"),
    "actions_wrong_purpose.csv": (L.LedgerRowError, "line 5 (block B1).purpose"),
    "actions_zero_width_id.csv": (L.LedgerRowError, "line 4 (block B\\u200b1).block"),
    "malformed_amount.csv": (L.LedgerRowError, "line 3 (id U1).amount"),
    "malformed_fields.csv": (L.LedgerRowError, "line 3"),
    "malformed_header.csv": (L.LedgerRowError, "line 2 (header)"),
    "malformed_purpose.csv": (L.LedgerRowError, "line 3 (id U1).purpose"),
    "negative_amount.csv": (L.LedgerRowError, "line 3 (id U1).amount"),
    "no_header.csv": (L.LedgerRowError, "header"),
    "transfer_before_vintage.csv": (L.UsedBeforeTransferError, "line 3 (id U1).first_transfer_year"),
    "unknown_party.csv": (L.UnknownPartyError, "line 3 (id U1).acquiring_party"),
    "used_before_transfer.csv": (L.UsedBeforeTransferError, "line 4 (id U2).year_used"),
    "used_twice.csv": (L.UnitUsedTwiceError, "line 4 (id U1)"),
    "vintage_outside_period.csv": (L.LedgerRowError, "line 3 (id U1).vintage"),
}


def test_every_bad_ledger_has_a_case():
    assert {p.name for p in BAD.glob("*.csv")} == set(BAD_CASES)


def _cli(args, capsys):
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_ledger_refused_naming_line(name, capsys):
    cls, where = BAD_CASES[name]
    parties = L.load_parties(PARTIES)
    with pytest.raises(cls) as exc:
        L.load_ledger(BAD / name, parties)
    assert where in str(exc.value)
    assert str(exc.value).isprintable()                   # no raw control characters printed
    for mode in ([], ["--json"]):
        status, out, err = _cli(["balance", str(BAD / name), "--parties", str(PARTIES),
                                 "--party", "KOR", *mode], capsys)
        assert status == 2 and out == "" and where in err
        assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_special_files_refused(tmp_path, capsys):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:                           # sparse: no disk used
        fh.truncate(MAX_LEDGER_BYTES + 1)
    for path, what in ((fifo, "regular file"), (zero, "regular file"), (tmp_path, "not a directory"),
                       (big, "at most"), (tmp_path / "missing.csv", "existing")):
        status, out, err = _cli(["balance", str(path), "--parties", str(PARTIES), "--party", "KOR"],
                                capsys)
        assert status == 2 and what in err and len(err.splitlines()) == 1, (path, err)


def test_utf8_bom_and_thousands_separators_accepted(tmp_path):
    f = tmp_path / "bom.csv"
    f.write_bytes(b"\xef\xbb\xbf" + (",".join(ACTION_COLUMNS) + "\n"
                  'authorization,2022-01-01,B1,"1,500.5",2022,XAA,,NDC+OIMP,\n').encode())
    ledger = L.load_ledger(f, L.load_parties(PARTIES))
    assert ledger.actions.quantity.tolist() == [1500.5]


def test_header_only_ledger_reports_nothing(tmp_path, capsys):
    f = tmp_path / "empty.csv"
    f.write_text(",".join(ACTION_COLUMNS) + "\n")
    status, out, err = _cli(["balance", str(f), "--parties", str(PARTIES), "--party", "KOR",
                             "--json"], capsys)
    doc = json.loads(out)
    assert status == 0 and doc["as_of"] is None and doc["check"]["ok"]
    assert doc["rows"]["first_transferred"] == [0.0] * 10


@pytest.mark.parametrize("as_of", ["2023-02-30", "23-01-01", "2199", "٢٠٢٣", "2023-1-1", ""])
def test_bad_as_of_refused(as_of, capsys):
    status, out, err = _cli(["balance", "example", "--party", "KOR", "--as-of", as_of], capsys)
    assert status == 2 and "--as-of" in err and len(err.splitlines()) == 1


BAD_PARTIES = {
    "deep nesting": "schema = 1\nunit = 't CO2e'\nx = " + "[" * 5000 + "]" * 5000 + "\n",
    "long integer": "schema = 1\nunit = 't CO2e'\n[parties.KOR]\nmethod = 'multi_year'\n"
                    "period = [2021, 2022]\nemissions = { 2021 = " + "9" * 5000 + " }\n",
    "year with a leading zero": "schema = 1\nunit = 't CO2e'\n[parties.KOR]\nmethod = 'multi_year'\n"
                                "period = [2021, 2022]\nemissions = { \"02021\" = 5 }\n"
                                "trajectory = { 2021 = 1, 2022 = 1 }\n",
    "implausible emissions": "schema = 1\nunit = 't CO2e'\n[parties.KOR]\nmethod = 'multi_year'\n"
                             "period = [2021, 2022]\nemissions = { 2021 = 1e300 }\n"
                             "trajectory = { 2021 = 1, 2022 = 1 }\n",
    "control character in a name": "schema = 1\nunit = 't CO2e'\n[parties.KOR]\n"
                                   "name = \"K\\u001b[2J\"\nmethod = 'multi_year'\n"
                                   "period = [2021, 2022]\nemissions = { 2021 = 1 }\n"
                                   "trajectory = { 2021 = 1, 2022 = 1 }\n",
    "unit not a CO2e mass": "schema = 1\nunit = 'kWh'\n[parties.KOR]\nmethod = 'multi_year'\n"
                            "period = [2021, 2022]\nemissions = { 2021 = 1 }\n",
    "dotted keys": "schema = 1\nunit = 't CO2e'\n" + "a" + ".a" * 20000 + " = 1\n",
}


@pytest.mark.parametrize("name", sorted(BAD_PARTIES))
def test_bad_parties_files_refused(name, tmp_path, capsys):
    p = tmp_path / "p.toml"
    p.write_text(BAD_PARTIES[name])
    status, out, err = _cli(["balance", "example", "--parties", str(p), "--party", "KOR"], capsys)
    assert status == 2 and str(p) in err and len(err.splitlines()) == 1 and "Traceback" not in err


# --------------------------------------------------------------------------- fuzz

_TOKENS = st.sampled_from([
    "authorization", "issuance", "transfer", "use", "cancellation", "2022-01-01", "2022", "2031-02-30",
    "B1", "B2", "100", "1,000", "-5", "1e308", "nan", "", "2021", "XAA", "KOR", "ZZZ", "NDC", "OIMP",
    "NDC+OIMP", "OMGE", "issuance", "use_or_cancellation", '"', '"a,b"', "\u200b", "\x00", "#", " ",
])
_ROW = st.lists(_TOKENS, min_size=7, max_size=10).map(",".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_ROW, max_size=8), layout=st.sampled_from([ACTION_COLUMNS, UNIT_COLUMNS]))
def test_fuzz_structured_rows_never_traceback(rows, layout):
    parties = L.load_parties(PARTIES)
    text = ",".join(layout) + "\n" + "\n".join(rows) + "\n"
    try:
        ledger = L.parse_ledger(text, parties)
    except E.InputError as exc:
        assert str(exc).isprintable()
        return
    for iso in parties.codes:
        report = L.party_summary(ledger, parties, iso)
        json.dumps(report.as_json(), allow_nan=False)
    assert L.accounting_check(ledger, parties)["ok"]


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=string.printable + "\u200b\u00e9\x00\ufeff", max_size=400))
def test_fuzz_random_text_never_traceback(text):
    parties = L.load_parties(PARTIES)
    for data in (text, ",".join(ACTION_COLUMNS) + "\n" + text):
        try:
            L.parse_ledger(data, parties)
        except E.InputError:
            pass
