"""Transfer ledger, both Parties and the para 8 emissions balance (article6/ledger.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from article6 import errors as E
from article6 import ledger as L
from article6.cli import main
from article6.ledger.reporting import LABELS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "ledgers" / "example.csv"

PARTIES = """\
schema = 1
unit = "Mt CO2e"
[parties.XAA]
method = "multi_year"
period = [2021, 2023]
emissions = { 2021 = 10.0, 2022 = 10.0, 2023 = 10.0 }
trajectory = { 2021 = 12.0, 2022 = 12.0, 2023 = 12.0 }
[parties.XAB]
method = "{xab_method}"
period = [2021, 2023]
emissions = { 2021 = 20.0, 2022 = 20.0, 2023 = 20.0 }
trajectory = { 2021 = 19.0, 2022 = 19.0, 2023 = 19.0 }
latest_inventory_year = 2022
"""

# U1: 2.0 from XAA (vintage 2021) used by XAB in 2022
# U2: 1.0 from XAA (vintage 2022) used by XAB in 2023
# U3: 0.5 from XAA (vintage 2022) for other international mitigation purposes (OIMP)
# U4: 3.0 from XAB (vintage 2023) to XAA, held (not used)
LEDGER = """\
id,amount,vintage,first_transfer_year,transferring_party,acquiring_party,purpose,year_used
U1,2.0,2021,2021,XAA,XAB,NDC,2022
U2,1.0,2022,2023,XAA,XAB,NDC,2023
U3,0.5,2022,2022,XAA,,OIMP,2022
U4,3.0,2023,2023,XAB,XAA,NDC,
"""


@pytest.fixture
def two_parties(tmp_path):
    def make(xab_method="multi_year"):
        p = tmp_path / "t.parties.toml"
        p.write_text(PARTIES.replace("{xab_method}", xab_method))
        f = tmp_path / "t.csv"
        f.write_text(LEDGER)
        parties = L.load_parties(p)
        return f, parties, L.load_ledger(f, parties)
    return make


def test_two_party_balances_add_up(two_parties):
    _, parties, ledger = two_parties()
    xaa = L.party_summary(ledger, parties, "XAA").rows
    xab = L.party_summary(ledger, parties, "XAB").rows
    # XAA adds its first transfers by vintage: 2021: 2.0 (U1); 2022: 1.0 + 0.5 (U2, U3); uses nothing
    np.testing.assert_allclose(xaa["first_transferred"], [2.0, 1.5, 0.0])
    np.testing.assert_allclose(xaa["used"], [0.0, 0.0, 0.0])
    np.testing.assert_allclose(xaa["annual_adjustment"], [2.0, 1.5, 0.0])
    np.testing.assert_allclose(xaa["cumulative_adjustment"], [2.0, 3.5, 3.5])
    np.testing.assert_allclose(xaa["emissions_balance"], [12.0, 11.5, 10.0])
    # XAB adds U4 (3.0, vintage 2023), subtracts U1 in 2022 and U2 in 2023: [0, -2, 3 - 1]
    np.testing.assert_allclose(xab["annual_adjustment"], [0.0, -2.0, 2.0])
    np.testing.assert_allclose(xab["emissions_balance"], [20.0, 18.0, 22.0])
    # across both Parties the adjustments add up to what is added but not subtracted:
    # 3.5 + 0 = OIMP 0.5 + held 3.0 (U1, U2 are added once and subtracted once and cancel)
    total = xaa["annual_adjustment"].sum() + xab["annual_adjustment"].sum()
    assert total == pytest.approx(3.5)
    check = L.accounting_check(ledger, parties)
    # first transferred and not used towards an NDC: U3 (0.5, OIMP) and U4 (3.0, held)
    assert {k: check[k] for k in ("blocks", "added", "subtracted", "oimp", "not_used", "ok")} == {
        "blocks": 4, "added": 6.5, "subtracted": 3.0, "oimp": 0.5, "not_used": 3.5, "ok": True}
    assert check["difference"] == pytest.approx(0.0)


def test_each_party_under_its_own_method(two_parties):
    # XAB averages (para 7(a)(ii)) with the latest inventory year 2022: 2 elapsed years.
    # net transfers so far [0, -2, 3 - 1]: cumulative 0 over 2 elapsed years = 0 in 2021, 2022
    # (indicative) and in the NDC year 2023; the method defines no cumulative adjustment
    _, parties, ledger = two_parties("single_year_averaging")
    s = L.party_summary(ledger, parties, "XAB")
    np.testing.assert_allclose(s.rows["annual_adjustment"], [0.0, 0.0, 0.0])
    assert s.kind == ["indicative", "indicative", "ndc_year"]
    assert np.isnan(s.rows["cumulative_adjustment"]).all()
    # XAA (multi-year) is unchanged by its partner's method
    np.testing.assert_allclose(L.party_summary(ledger, parties, "XAA").rows["annual_adjustment"],
                               [2.0, 1.5, 0.0])


def test_budget_method_shows_cumulative_path(two_parties):
    _, parties, ledger = two_parties("multi_year_budget")
    s = L.party_summary(ledger, parties, "XAB")
    np.testing.assert_allclose(s.rows["trajectory"], [19.0, 38.0, 57.0])
    assert s.labels()["trajectory"].startswith("Budget")


def test_example_ledger_check_passes():
    parties = L.load_parties(L.default_parties_path(EXAMPLE))
    ledger = L.load_ledger(EXAMPLE, parties)
    c = L.accounting_check(ledger, parties)
    # example.csv: 1.5 + 2.0 + 1.0 + 0.5 + 2.5 + 1.0 = 8.5 added; used by KOR 1.5 + 2.0 + 1.0 + 2.5 = 7.0
    assert (c["added"], c["subtracted"], c["oimp"], c["not_used"], c["ok"]) == (8.5, 7.0, 0.5, 1.5, True)


def test_parties_file_refuses_a_method_not_in_2_cma_3(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text(PARTIES.replace("{xab_method}", "cumulative"))
    with pytest.raises(E.TypeMismatchError, match="parties.XAB.method"):
        L.load_parties(p)


def test_balance_cli_json_csv_excel(tmp_path, capsys):
    csv_out, xlsx_out = tmp_path / "kor.csv", tmp_path / "kor.xlsx"
    assert main(["balance", str(EXAMPLE), "--party", "KOR", "--json", "--csv", str(csv_out),
                 "--excel", str(xlsx_out)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["party"] == "KOR" and doc["method"] == "single_year_trajectory"
    assert doc["adopted_in_2_cma_3"] is True and doc["check"]["ok"] is True
    # KOR uses 1.5 in 2022, 2.0 + 1.0 in 2024, 2.5 in 2030: -7.0 over the period; para 7(a)(i)
    # defines no cumulative adjustment
    assert sum(doc["rows"]["annual_adjustment"]) == pytest.approx(-7.0)
    assert doc["rows"]["cumulative_adjustment"] == [None] * 10
    assert doc["rows"]["emissions_balance"][1] == pytest.approx(672.1 - 1.5)
    back = pd.read_csv(csv_out, index_col=0)
    assert list(back.columns) == [str(y) for y in range(2021, 2031)]
    assert len(back) == len(L.SUMMARY_ROWS)
    xl = pd.read_excel(xlsx_out, index_col=0, sheet_name="KOR")
    assert xl.shape == (len(L.SUMMARY_ROWS), 10)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_balance_cli_text_and_bad_outputs(tmp_path, capsys):
    assert main(["balance", str(EXAMPLE), "--party", "XAA"]) == 0
    out = capsys.readouterr().out
    assert "Emissions balance" in out and "Double-counting check" in out and "OK" in out
    assert main(["balance", str(EXAMPLE), "--party", "KOR", "--excel", str(tmp_path / "x.csv")]) == 2
    assert main(["balance", str(EXAMPLE), "--party", "KOR",
                 "--csv", str(tmp_path / "nodir" / "x.csv")]) == 2
    assert main(["balance", str(EXAMPLE), "--party", "ZZZ"]) == 2
    err = capsys.readouterr().err
    assert "--party" in err and "ZZZ" in err
    assert not (tmp_path / "nodir").exists()


def test_row_labels_are_unique():
    # the labels index the CSV and Excel tables: two equal labels would merge rows when read back
    assert len(set(LABELS.values())) == len(LABELS)
