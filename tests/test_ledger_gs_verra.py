"""``article6 ledger import --from gs-verra``: real credit blocks into the actions layout."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from article6 import ledger as L
from article6.cli import main
from article6.ledger.gs_verra import COLUMNS, GsVerraError, import_gs_verra

FIXTURE = Path(__file__).parent / "data" / "gs_verra_tza_mar.csv"

# Emissions here are placeholders (ASSUMPTION, not either Party's inventory): only the
# adjustments are compared, and they do not depend on them.
PARTIES = """\
schema = 1
unit = "t CO2e"
[parties.TZA]
ndc_type = "single_year"
method = "{method}"
period = [2021, 2030]
emissions = {{ 2021 = 1.0e8, 2022 = 1.0e8, 2023 = 1.0e8, 2024 = 1.0e8 }}
latest_inventory_year = 2024
{traj}
[parties.MAR]
ndc_type = "single_year"
method = "single_year_averaging"
period = [2021, 2030]
emissions = {{ 2021 = 9.0e7, 2022 = 9.0e7, 2023 = 9.0e7, 2024 = 9.0e7 }}
"""
TRAJ = "trajectory = { " + ", ".join(f"{y} = 1.0e8" for y in range(2021, 2031)) + " }"


def workbook_frame() -> pd.DataFrame:
    """The fixture read independently, with pandas, as the workbook's own sums would."""
    df = pd.read_csv(FIXTURE, comment="#", thousands=",")
    df["Issuance Year"] = pd.to_datetime(df["Issuance Date"]).dt.year
    return df


@pytest.fixture
def imported(tmp_path, capsys):
    def _do(method="single_year_averaging", *extra):
        out = tmp_path / "led.csv"
        assert main(["ledger", "import", "--from", "gs-verra", str(FIXTURE), "--out", str(out),
                     *extra]) == 0
        capsys.readouterr()
        traj = "" if method == "single_year_averaging" else TRAJ
        (tmp_path / "led.parties.toml").write_text(PARTIES.format(method=method, traj=traj))
        ps = L.load_parties(tmp_path / "led.parties.toml")
        return out, ps, L.load_ledger(out, ps)
    return _do


def test_tanzania_by_vintage_and_by_year_of_first_transfer(imported):
    out, ps, ledger = imported("single_year_trajectory")
    wb = workbook_frame()
    tz = wb[wb.Country == "Tanzania"]
    r = L.party_summary(ledger, ps, "TZA")
    years = list(range(2021, 2031))
    by_vintage = tz.groupby("Vintage").Volume.sum().reindex(years, fill_value=0).to_numpy()
    # every Tanzanian block is OIMP-only and first transferred on authorization (para 2(b)):
    # the annual adjustment by vintage is the workbook's row 12 (which subtracts; article6 adds)
    np.testing.assert_allclose(r.rows["first_transferred"], by_vintage)
    np.testing.assert_allclose(r.rows["annual_adjustment"], by_vintage)
    by_auth = tz.groupby("Authorisation Year").Volume.sum().reindex(years, fill_value=0).to_numpy()
    np.testing.assert_allclose(r.rows["first_transferred_by_year_oimp"], by_auth)
    assert not r.rows["first_transferred_by_year_ndc"].any()
    assert r.rows["first_transferred"].sum() == tz.Volume.sum() == 323_371


def test_tanzania_averaging_four_elapsed_years(imported):
    _, ps, ledger = imported("single_year_averaging")
    r = L.party_summary(ledger, ps, "TZA")
    adj = r.rows["annual_adjustment"]
    np.testing.assert_allclose(adj[:4], [80_842.75] * 4)      # 323,371 / 4 elapsed years
    assert r.kind[:4] == ["indicative"] * 4 and adj[-1] == pytest.approx(80_842.75)
    assert np.isnan(r.rows["cumulative_adjustment"]).all()
    assert np.isnan(r.rows["emissions_balance"][4:]).all()
    # as of the end of 2025 only the blocks authorized in 2025 (Gold Standard, 180,867 t) count
    early = L.party_summary(ledger, ps, "TZA", L.parse_as_of("2025-12-31"))
    assert early.rows["first_transferred"].sum() == pytest.approx(180_867)
    np.testing.assert_allclose(early.rows["annual_adjustment"][:4], [180_867 / 4] * 4)


def test_morocco_first_transferred_on_issuance(imported):
    _, ps, ledger = imported()
    wb = workbook_frame()
    ma = wb[wb.Country == "Morocco"]
    r = L.party_summary(ledger, ps, "MAR")
    years = list(range(2021, 2031))
    want = ma.groupby("Issuance Year").Volume.sum().reindex(years, fill_value=0).to_numpy()
    np.testing.assert_allclose(r.rows["first_transferred_by_year_ndc"], want)   # NDC+OIMP blocks
    np.testing.assert_allclose(
        r.rows["first_transferred"],
        ma.groupby("Vintage").Volume.sum().reindex(years, fill_value=0).to_numpy())


def test_carp_only_and_country_filters(imported, tmp_path):
    wb = workbook_frame()
    _, _, ledger = imported("single_year_averaging", "--carp-only")
    assert len(ledger.actions.block_ids) == int((wb["Authorisation uploaded to the CARP"] == "Yes").sum())
    only = import_gs_verra(FIXTURE, country="TZA")
    assert only.blocks == int((wb.Country == "Tanzania").sum()) and only.skipped_country == 3
    assert import_gs_verra(FIXTURE, country="Morocco").blocks == 3
    with pytest.raises(GsVerraError, match="--country"):
        import_gs_verra(FIXTURE, country="Atlantis")


def test_workbook_xlsx_gives_the_same_ledger(tmp_path, capsys):
    wb = workbook_frame()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Detailed Credit Data"
    sheet.append(list(COLUMNS))
    for rec in wb[list(COLUMNS)].itertuples(index=False):
        vals = list(rec)
        vals[8] = pd.Timestamp(vals[8]).to_pydatetime()          # dates as Excel dates
        sheet.append([v.item() if hasattr(v, "item") else v for v in vals])
    xlsx = tmp_path / "tool.xlsx"
    book.save(xlsx)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["ledger", "import", "--from", "gs-verra", str(xlsx), "--out", str(a)]) == 0
    assert main(["ledger", "import", "--from", "gs-verra", str(FIXTURE), "--out", str(b)]) == 0
    body = lambda p: [x for x in p.read_text().splitlines() if not x.startswith("#")]  # noqa: E731
    assert body(a) == body(b) and len(body(a)) == 1 + 2 * len(wb)


def _bad(tmp_path, edit):
    df = pd.read_csv(FIXTURE, comment="#", dtype=str)
    edit(df)
    p = tmp_path / "bad.csv"
    df.to_csv(p, index=False)
    return p


@pytest.mark.parametrize("edit, where", [
    (lambda d: d.drop(columns=["Vintage"], inplace=True), "header"),
    (lambda d: d.loc.__setitem__((2, "Authorised for NDC?"), "Maybe"), "line 4.Authorised for NDC?"),
    (lambda d: d.loc.__setitem__((0, "Country"), "Atlantis"), "line 2.Country"),
    (lambda d: d.loc.__setitem__((1, "OIMP First Transfer Definition"), "Retirement"),
     "line 3.OIMP First Transfer Definition"),
    (lambda d: d.loc.__setitem__((1, "Issuance Year"), "2019"), "line 3.Issuance Year"),
    (lambda d: d.loc.__setitem__((5, "Volume"), "-5"), "line 7.Volume"),
    (lambda d: d.loc.__setitem__((5, "Credit Serial Number"), "A\u200bB"), "line 7.Credit Serial Number"),
])
def test_bad_exports_refused(tmp_path, capsys, edit, where):
    p = _bad(tmp_path, edit)
    out = tmp_path / "out.csv"
    status = main(["ledger", "import", "--from", "gs-verra", str(p), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and where in err and len(err.splitlines()) == 1 and not out.exists()


def test_out_never_replaces_the_input(tmp_path, capsys):
    copy = tmp_path / "x.csv"
    copy.write_bytes(FIXTURE.read_bytes())
    assert main(["ledger", "import", "--from", "gs-verra", str(copy), "--out", str(copy)]) == 2
    assert copy.read_bytes() == FIXTURE.read_bytes()


def test_first_international_transfer_not_first_transferred(tmp_path, capsys):
    # SYNTHETIC row (not in the workbook's data): a block whose first transfer is its first
    # international transfer; the export holds no transfer, so nothing is adjusted yet
    df = pd.read_csv(FIXTURE, comment="#", dtype=str).iloc[:1].copy()
    df["OIMP First Transfer Definition"] = "First international transfer"
    p = tmp_path / "fit.csv"
    df.to_csv(p, index=False)
    out = tmp_path / "fit-led.csv"
    assert main(["ledger", "import", "--from", "gs-verra", str(p), "--out", str(out)]) == 0
    (tmp_path / "fit-led.parties.toml").write_text(PARTIES.format(method="single_year_averaging",
                                                                  traj=""))
    assert main(["balance", str(out), "--party", "TZA", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert sum(doc["rows"]["first_transferred"]) == 0
