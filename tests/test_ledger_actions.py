"""The actions layout: first transfers (para 2), para 7/8 rules, --as-of, the reporting rows."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article6 import errors as E
from article6 import ledger as L
from article6.cli import main
from article6.resources import data_dir

HEADER = "action,date,block,quantity,vintage,from_party,to_party,purpose,first_transfer\n"

PARTIES = """\
schema = 1
unit = "t CO2e"
[parties.XTZ]
ndc_type = "single_year"
method = "{method}"
period = [2021, 2030]
emissions = {{ 2021 = 1000000.0, 2022 = 1000000.0, 2023 = 1000000.0, 2024 = 1000000.0 }}
trajectory = {traj_tz}
latest_inventory_year = 2024
[parties.XCH]
ndc_type = "multi_year"
method = "multi_year"
period = [2021, 2030]
emissions = {{ 2021 = 5e5, 2022 = 5e5 }}
trajectory = {traj_ch}
"""
TRAJ = {
    "traj_tz": "{ " + ", ".join(f"{y} = 1e6" for y in range(2021, 2031)) + " }",
    "traj_ch": "{ " + ", ".join(f"{y} = 5e5" for y in range(2021, 2031)) + " }",
}

# A host Party's OIMP blocks, first transferred on authorization, four of them authorized in
# 2021-2024 (the last for mitigation in 2025, i.e. before its vintage): 323,371 t in all.
HOST_OIMP = [
    ("authorization", "2021-06-01", "B1", "100,000", "2021", "OIMP", "authorization"),
    ("authorization", "2022-06-01", "B2", "123371", "2022", "OIMP", "authorization"),
    ("authorization", "2023-06-01", "B3", "50000", "2023", "OIMP", "authorization"),
    ("authorization", "2024-06-01", "B4", "50000", "2025", "OIMP", "authorization"),
]
TOTAL = 100_000 + 123_371 + 50_000 + 50_000


def host_rows(rows=HOST_OIMP) -> str:
    return "".join(f'{a},{d},{b},"{q}",{v},XTZ,,{p},{ft}\n' for a, d, b, q, v, p, ft in rows)


@pytest.fixture
def make(tmp_path):
    def _make(body: str, method: str = "single_year_trajectory", parties: str | None = None):
        led = tmp_path / "led.csv"
        led.write_text(HEADER + body)
        par = tmp_path / "led.parties.toml"
        par.write_text(parties if parties is not None else PARTIES.format(method=method, **TRAJ))
        ps = L.load_parties(par)
        return led, ps, L.load_ledger(led, ps)
    return _make


def test_oimp_first_transferred_on_authorization_as_of(make):
    led, ps, ledger = make(host_rows())
    full = L.party_summary(ledger, ps, "XTZ")
    # by vintage: 2021 100,000; 2022 123,371; 2023 50,000; 2025 50,000 (authorized in 2024)
    expected = np.zeros(10)
    expected[[0, 1, 2, 4]] = [100_000, 123_371, 50_000, 50_000]
    np.testing.assert_allclose(full.rows["first_transferred"], expected)
    # the same units by year of first transfer (= year of authorization), all OIMP-only
    by_year = np.zeros(10)
    by_year[:4] = [100_000, 123_371, 50_000, 50_000]
    np.testing.assert_allclose(full.rows["first_transferred_by_year"], by_year)
    np.testing.assert_allclose(full.rows["first_transferred_by_year_oimp"], by_year)
    assert not full.rows["first_transferred_by_year_ndc"].any()
    # para 8(a): added for the transferring Party, so the balance rises by what was first transferred
    bal = full.rows["emissions_balance"] - full.rows["emissions"]
    np.testing.assert_allclose(bal[:4], expected[:4])
    assert (bal[:4] >= 0).all() and bal[:3].sum() > 0
    # as of 2022-12-31 only blocks authorized by then count
    early = L.party_summary(ledger, ps, "XTZ", L.parse_as_of("2022-12-31"))
    np.testing.assert_allclose(early.rows["first_transferred"][:2], [100_000, 123_371])
    assert early.rows["first_transferred"][2:].sum() == 0
    for as_of in ("2021", "2022-06-01", "2023-05-31", "2024-06-01", "2030"):
        r = L.party_summary(ledger, ps, "XTZ", L.parse_as_of(as_of))
        assert r.rows["first_transferred"].sum() == pytest.approx(
            r.rows["first_transferred_by_year"].sum())
        assert r.rows["first_transferred"].sum() <= TOTAL


def test_averaging_over_elapsed_years_never_double_counts(make):
    _, ps, ledger = make(host_rows(), method="single_year_averaging")
    r = L.party_summary(ledger, ps, "XTZ")
    adj = r.rows["annual_adjustment"]
    # latest inventory 2024: four elapsed years; 323,371 / 4 = 80,842.75 in each, indicative
    np.testing.assert_allclose(adj[:4], [TOTAL / 4] * 4)
    assert TOTAL / 4 == 80_842.75
    assert r.kind[:4] == ["indicative"] * 4 and r.kind[-1] == "ndc_year"
    # the NDC-year adjustment once; years neither elapsed nor the NDC year carry none (null)
    assert adj[-1] == pytest.approx(TOTAL / 4) and np.isnan(adj[4:9]).all()
    # no cumulative figure: the method defines none, so none can exceed what was first transferred
    cum = r.rows["cumulative_adjustment"]
    assert np.isnan(cum).all()
    assert np.nansum(adj[np.array(r.kind, dtype=object) == "indicative"]) == pytest.approx(TOTAL)
    # years without an inventory give no balance (null), never emissions of 0
    assert np.isnan(r.rows["emissions"][4:]).all() and np.isnan(r.rows["emissions_balance"][4:]).all()


def test_ndc_units_never_transferred_give_no_adjustment(make):
    body = ("authorization,2022-01-10,N1,5000,2023,XTZ,,NDC,\n"
            "issuance,2023-05-01,N1,5000,2023,XTZ,,,\n")
    _, ps, ledger = make(body)
    r = L.party_summary(ledger, ps, "XTZ")
    assert not r.rows["first_transferred"].any()
    assert not np.nan_to_num(r.rows["annual_adjustment"]).any()
    assert L.accounting_check(ledger, ps)["ok"]


def test_chain_partial_transfers_and_both_parties(make):
    body = ("authorization,2021-03-01,C1,1000,2021,XTZ,,NDC,\n"
            "transfer,2022-01-01,C1,600,,XTZ,XCH,,\n"
            "transfer,2022-02-01,C1,100,,XCH,XTZ,,\n"      # back to the host: not first transferred again
            "transfer,2022-03-01,C1,400,,XTZ,XCH,,\n"
            "use,2023-01-01,C1,700,,XCH,,NDC,\n"
            "cancellation,2023-02-01,C1,200,,XCH,,OMGE,\n")
    _, ps, ledger = make(body)
    tz = L.party_summary(ledger, ps, "XTZ")
    ch = L.party_summary(ledger, ps, "XCH")
    # first transfers never exceed the block: 600 + min(400, 1000 - 600) = 1000
    assert tz.rows["first_transferred"].sum() == pytest.approx(1000)
    assert ch.rows["used"][2] == pytest.approx(700) and ch.rows["cancelled_omge"][2] == 200
    assert ch.rows["acquired"][1] == pytest.approx(1000) and tz.rows["acquired"][1] == 100
    check = L.accounting_check(ledger, ps)
    world = tz.rows["annual_adjustment"].sum() + ch.rows["annual_adjustment"].sum()
    assert check["ok"] and world == pytest.approx(check["not_used"]) == pytest.approx(300)


@pytest.mark.parametrize("body, cls, where", [
    ("use,2022-01-01,X1,10,,XCH,,NDC,\n", L.LedgerRowError, "line 2 (block X1).action"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,NDC,\nauthorization,2021-02-01,X1,10,2021,XTZ,,NDC,\n",
     L.UnitUsedTwiceError, "line 3 (block X1).action"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,NDC,\ntransfer,2021-02-01,X1,10,,XTZ,XCH,,\n"
     "use,2022-01-01,X1,10,,XCH,,NDC,\nuse,2022-02-01,X1,10,,XCH,,NDC,\n",
     L.UnitUsedTwiceError, "line 5 (block X1).quantity"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,NDC,\ntransfer,2021-02-01,X1,11,,XTZ,XCH,,\n",
     L.UnitUsedTwiceError, "line 3 (block X1).quantity"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,OIMP,issuance\nissuance,2021-02-01,X1,8,2021,XTZ,,,\n"
     "issuance,2021-03-01,X1,8,2021,XTZ,,,\n", L.UnitUsedTwiceError, "line 4 (block X1).quantity"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,NDC,authorization\n", L.LedgerRowError,
     "line 2 (block X1).first_transfer"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,OIMP,\ntransfer,2021-02-01,X1,10,,XTZ,XCH,,\n"
     "use,2022-01-01,X1,10,,XCH,,NDC,\n", L.LedgerRowError, "line 4 (block X1).purpose"),
    ("authorization,2021-01-01,X1,10,2021,XTZ,,NDC,\nuse,2022-01-01,X1,10,,XTZ,,NDC,\n",
     L.LedgerRowError, "line 3 (block X1).from_party"),
    ("authorization,2199-01-01,X1,10,2021,XTZ,,NDC,\n", L.LedgerRowError, "line 2 (block X1).date"),
    ("authorization,2021-01-01,X1,1e30,2021,XTZ,,NDC,\n", L.LedgerRowError, "line 2 (block X1).quantity"),
    ("authorization,2021-01-01,X1,10,2019,XTZ,,NDC,\n", L.LedgerRowError, "line 2 (block X1).vintage"),
    ("authorization,2021-02-30,X1,10,2021,XTZ,,NDC,\n", L.LedgerRowError, "line 2 (block X1).date"),
])
def test_block_check_refuses_naming_line_and_block(make, body, cls, where):
    with pytest.raises(cls) as exc:
        make(body)
    assert where in str(exc.value)


def test_ids_nfc_normalised_and_invisible_characters_refused(make):
    decomposed = "Bl\u006f\u0308ck"           # o + combining diaeresis
    composed = "Bl\u00f6ck"
    body = (f"authorization,2021-01-01,{decomposed},10,2021,XTZ,,NDC,\n"
            f"transfer,2021-02-01,{composed},10,,XTZ,XCH,,\n")
    _, ps, ledger = make(body)            # one block after NFC
    assert ledger.actions.block_ids.to_pylist() == [composed]
    for invisible in ("\u200b", "\u00a0", "\u202e", "\x07"):
        with pytest.raises(L.LedgerRowError, match=r"line 3 \(block .*\)\.block"):
            make("authorization,2021-01-01,B1,10,2021,XTZ,,NDC,\n"
                 f"transfer,2021-02-01,B{invisible}1,10,,XTZ,XCH,,\n")


def test_ndc_type_gates_the_method(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text(PARTIES.format(method="multi_year", **TRAJ))
    with pytest.raises(E.TypeMismatchError, match=r"parties.XTZ.method.*para 7\(b\)"):
        L.load_parties(p)
    p.write_text(PARTIES.format(method="single_year_trajectory", **TRAJ).replace(
        'method = "multi_year"', 'method = "single_year_averaging"'))
    with pytest.raises(E.TypeMismatchError, match=r"parties.XCH.method.*para 7\(a\)"):
        L.load_parties(p)


def _run(args, capsys):
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_cli_json_strict_nulls_and_as_of(make, capsys, tmp_path):
    led, _, _ = make(host_rows(), method="single_year_averaging")
    status, out, err = _run(["balance", str(led), "--party", "XTZ", "--json", "--as-of", "2023-12-31"],
                            capsys)
    assert status == 0, err
    doc = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert doc["as_of"] == "2023-12-31" and doc["ndc_type"] == "single_year"
    assert doc["rows"]["emissions"][4:] == [None] * 6
    assert doc["rows"]["cumulative_adjustment"] == [None] * 10
    # by 2023-12-31 only B1-B3 (273,371 t) are authorized: 273,371 / 4 per elapsed year
    assert doc["rows"]["annual_adjustment"][0] == pytest.approx((TOTAL - 50_000) / 4)
    for key in ("first_transferred", "first_transferred_by_year", "used", "annual_adjustment",
                "emissions", "emissions_balance"):
        assert len(doc["rows"][key]) == 10
    assert doc["check"]["ok"] is True


def test_failed_check_exits_nonzero_in_every_mode(make, capsys, tmp_path, monkeypatch):
    led, _, _ = make(host_rows())
    real = L.world_check

    def broken(*a, **k):
        c = real(*a, **k)
        c["ok"] = False
        return c

    monkeypatch.setattr(L, "world_check", broken)
    base = ["balance", str(led), "--party", "XTZ"]
    out_csv, out_xlsx = tmp_path / "o.csv", tmp_path / "o.xlsx"
    for extra in ([], ["--json"], ["--csv", str(out_csv)], ["--excel", str(out_xlsx)]):
        status, out, _ = _run(base + extra, capsys)
        assert status == 1, extra
        if extra == ["--json"]:
            assert json.loads(out)["check"]["ok"] is False
    assert not out_csv.exists() and not out_xlsx.exists()


@pytest.mark.parametrize("extra", [[], ["--json"], ["--csv", "o.csv"], ["--excel", "o.xlsx"]])
def test_refused_ledger_exits_2_in_every_mode(make, capsys, tmp_path, extra):
    led, _, _ = make(host_rows())
    led.write_text(HEADER + host_rows() + "use,2024-01-01,B1,10,,XTZ,,NDC,\n")
    extra = [str(tmp_path / x) if x.startswith("o.") else x for x in extra]
    status, out, err = _run(["balance", str(led), "--party", "XTZ", *extra], capsys)
    assert status == 2 and out == "" and "line 6 (block B1)" in err and len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert not list(tmp_path.glob("o.*"))


def test_csv_and_excel_reporting_rows(make, capsys, tmp_path):
    led, ps, ledger = make(host_rows(), method="single_year_averaging")
    c, x = tmp_path / "r.csv", tmp_path / "r.xlsx"
    assert main(["balance", str(led), "--party", "XTZ", "--csv", str(c), "--excel", str(x)]) == 0
    capsys.readouterr()
    want = L.party_summary(ledger, ps, "XTZ").frame()
    for got in (pd.read_csv(c, index_col=0), pd.read_excel(x, index_col=0, sheet_name="XTZ")):
        assert list(got.index) == list(want.index)
        np.testing.assert_allclose(got.to_numpy(dtype=float), want.to_numpy(), equal_nan=True)
    assert pd.read_csv(c, index_col=0).loc[want.index[1]].isna().sum() == 6   # blank, not 0


def test_per_unit_and_actions_layouts_agree(tmp_path):
    """A per-unit ledger and its hand translation into actions give the same rows."""
    parties = data_dir("ledgers", "example.parties.toml")
    ps = L.load_parties(parties)
    unit = L.load_ledger(data_dir("ledgers", "example.csv"), ps)
    rows = []
    for i in range(len(unit.actions)):
        a = unit.actions
        rows.append(",".join([
            ("authorization", "issuance", "transfer", "use", "cancellation")[a.action[i]],
            str(a.date[i] // 10000), a.block_ids[int(a.block[i])].as_py(), repr(float(a.quantity[i])),
            str(a.vintage[i]) if a.vintage[i] else "", ps.codes[a.from_party[i]],
            ps.codes[a.to_party[i]] if a.to_party[i] >= 0 else "",
            ("", "NDC", "OIMP", "NDC+OIMP", "OMGE")[a.purpose[i]],
            ("", "authorization", "issuance", "use_or_cancellation")[a.first_transfer[i]],
        ]))
    f = tmp_path / "t.csv"
    f.write_text(HEADER + "\n".join(rows) + "\n")
    acts = L.load_ledger(f, ps)
    assert acts.layout == "actions" and unit.layout == "per-unit"
    for iso in ps.codes:
        a, b = L.party_summary(unit, ps, iso), L.party_summary(acts, ps, iso)
        for k in L.SUMMARY_ROWS:
            np.testing.assert_allclose(a.rows[k], b.rows[k], equal_nan=True)


SHIPPED = sorted(data_dir("ledgers").glob("*.csv"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_ledger_every_party(path, capsys):
    ps = L.load_parties(L.default_parties_path(path))
    ledger = L.load_ledger(path, ps)
    assert L.accounting_check(ledger, ps)["ok"]
    for iso in ps.codes:
        status, out, err = _run(["balance", path.stem, "--party", iso, "--json"], capsys)
        assert status == 0, err
        doc = json.loads(out)
        assert doc["party"] == iso and doc["check"]["ok"]


def test_shipped_actions_example_covers_every_action_and_purpose():
    path = data_dir("ledgers", "example-actions.csv")
    ps = L.load_parties(L.default_parties_path(path))
    a = L.load_ledger(path, ps).actions
    assert set(a.action.tolist()) == set(range(5))
    auth = a.action == 0
    assert set(a.purpose[auth].tolist()) == {1, 2, 3}
    assert set(a.first_transfer[auth].tolist()) == {0, 1, 2, 3}
    assert {1, 2} <= set(a.purpose[a.action == 3].tolist())
    assert {0, 4} <= set(a.purpose[a.action == 4].tolist())
    assert (a.vintage[auth] > a.date[auth] // 10000).any()       # authorized before the mitigation
    assert len(set(a.to_party[a.action == 2].tolist())) >= 2      # more than one acquiring Party
    assert "SYNTHETIC" in path.read_text()


# --------------------------------------------------------------------------- property: valid ledgers


_PURPOSE = ("NDC", "OIMP", "NDC+OIMP")
_FT = ("", "authorization", "issuance", "use_or_cancellation")


@st.composite
def histories(draw):
    """A consistent history of blocks, simulated row by row, and what it first transfers."""
    rows, expected = [], {"XTZ": 0.0, "XCH": 0.0}
    used_ndc = {"XTZ": 0.0, "XCH": 0.0}
    day = 0
    for b in range(draw(st.integers(1, 4))):
        host = draw(st.sampled_from(["XTZ", "XCH"]))
        other = "XCH" if host == "XTZ" else "XTZ"
        qty = draw(st.integers(1, 1000))
        purpose = draw(st.sampled_from(_PURPOSE))
        ft = "" if purpose == "NDC" else draw(st.sampled_from(_FT))
        vintage = draw(st.integers(2021, 2030))
        day += draw(st.integers(0, 40))
        rows.append(("authorization", day, f"K{b}", qty, vintage, host, "", purpose, ft))
        hold = {host: qty, other: 0}
        first = qty if ft == "authorization" else 0
        if ft == "issuance":                  # holdings then come from issuances: issue it all
            rows.append(("issuance", day, f"K{b}", qty, vintage, host, "", "", ""))
            first = qty
        for _ in range(draw(st.integers(0, 6))):
            day += draw(st.integers(0, 40))
            kind = draw(st.sampled_from(["issuance", "transfer", "use", "cancellation"]))
            who = draw(st.sampled_from([host, other]))
            if kind == "issuance":
                continue                      # issuances change holdings: kept out of this oracle
            if hold[who] == 0:
                continue
            q = draw(st.integers(1, hold[who]))
            if kind == "transfer":
                to = other if who == host else host
                rows.append(("transfer", day, f"K{b}", q, "", who, to, "", ""))
                hold[who] -= q
                hold[to] += q
                if ft == "" and who == host:
                    first = min(qty, first + q)
            else:
                use_for = ("NDC" if purpose != "OIMP" else "OIMP") if kind == "use" else ""
                if kind == "use" and use_for == "NDC" and who == host:
                    continue                  # a Party may not use its own ITMOs towards its NDC
                rows.append((kind, day, f"K{b}", q, "", who, "", use_for, ""))
                hold[who] -= q
                if ft == "use_or_cancellation":
                    first = min(qty, first + q)
                if use_for == "NDC":
                    used_ndc[who] += q
        expected[host] += first
    return rows, expected, used_ndc


def _date(day: int) -> str:
    return (dt.date(2021, 1, 1) + dt.timedelta(days=day)).isoformat()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(h=histories())
def test_valid_histories_agree_with_a_row_by_row_simulation(make, h):
    rows, expected, used_ndc = h
    body = "".join(f"{a},{_date(d)},{b},{q},{v},{f},{t},{p},{ft}\n" for a, d, b, q, v, f, t, p, ft in rows)
    _, ps, ledger = make(body)
    check = L.accounting_check(ledger, ps)
    assert check["ok"] and abs(check["difference"]) < 1e-6
    for iso in ("XTZ", "XCH"):
        r = L.party_summary(ledger, ps, iso)
        assert r.rows["first_transferred"].sum() == pytest.approx(expected[iso])
        assert r.rows["first_transferred_by_year"].sum() + r.outside_period.get(
            "first_transferred_by_year", 0) == pytest.approx(expected[iso])
        assert r.rows["used"].sum() == pytest.approx(used_ndc[iso])
    # nothing first transferred is ever taken back as the as-of date moves on
    totals = [sum(L.party_summary(ledger, ps, iso, L.parse_as_of(str(y))).rows["first_transferred"].sum()
                  for iso in ("XTZ", "XCH")) for y in range(2021, 2031)]
    assert all(a <= b + 1e-9 for a, b in zip(totals, totals[1:], strict=False))


def test_both_parties_of_a_transfer_in_one_run(capsys, tmp_path):
    status = main(["balance", "example-actions", "--party", "all", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert status == 0 and [d["party"] for d in doc["parties"]] == ["XAA", "XAB", "XAC"]
    # each Party's rows are those of its own run
    for d in doc["parties"]:
        assert main(["balance", "example-actions", "--party", d["party"], "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["rows"] == d["rows"]
    # the world adds up: additions less subtractions = first transferred and not used for an NDC
    added = sum(sum(d["rows"]["first_transferred"]) for d in doc["parties"])
    used = sum(sum(d["rows"]["used"]) for d in doc["parties"])
    assert added - used == pytest.approx(doc["check"]["not_used"]) and doc["check"]["ok"]
    c, x = tmp_path / "all.csv", tmp_path / "all.xlsx"
    assert main(["balance", "example-actions", "--party", "XAA,XAB", "--csv", str(c), "--excel", str(x)]) == 0
    capsys.readouterr()
    assert set(pd.read_csv(c)["party"]) == {"XAA", "XAB"}
    assert set(pd.read_excel(x, sheet_name=None)) == {"XAA", "XAB"}
    assert main(["balance", "example-actions", "--party", "XAA,ZZZ"]) == 2
    assert "ZZZ" in capsys.readouterr().err
