"""The app's ledger view: its figures are the command line's, refusals name line and block."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from article6.app import ledger_view as V

from article6 import errors as E
from article6 import ledger as L
from article6.resources import data_dir

EXAMPLE = data_dir("ledgers", "example-actions.csv")


def _upload(path_or_bytes) -> str:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return "data:text/csv;base64," + base64.b64encode(data).decode("ascii")


def upload_state(ledger: bytes, parties: bytes) -> dict:
    return {"source": "upload", "ledger": _upload(ledger), "parties": _upload(parties),
            "ledger_name": "mine.csv", "parties_name": "mine.parties.toml"}


@pytest.mark.parametrize("iso3", ["XAA", "XAB", "XAC"])
def test_view_json_download_equals_the_command_line(iso3):
    v = V.views({"source": "example"}, iso3, "2026-06-30")
    got = json.loads(V.download("json", v)["content"])
    out = subprocess.run([sys.executable, "-m", "article6", "balance", "example-actions", "--party", iso3,
                          "--as-of", "2026-06-30", "--json"], capture_output=True, text=True, check=True)
    cli = json.loads(out.stdout)
    assert got["rows"] == cli["rows"] and got["check"] == cli["check"]
    # the table shows the same rows, formatted
    labels = v["report"].labels()
    shown = {r["item"]: r for r in v["table"]}
    for key, values in cli["rows"].items():
        row = shown[labels[key]]
        for y, val in zip(cli["years"], values, strict=True):
            assert row[str(y)] == ("" if val is None else f"{val:,.2f}")


def test_csv_and_excel_downloads_hold_the_rows():
    v = V.views({"source": "example"}, "XAA", None)
    want = v["report"].frame()
    csv = pd.read_csv(pd.io.common.StringIO(V.download("csv", v)["content"]), index_col=0)
    x = V.download("xlsx", v)
    xl = pd.read_excel(pd.io.common.BytesIO(base64.b64decode(x["content"])), index_col=0)
    for got in (csv, xl):
        np.testing.assert_allclose(got.to_numpy(dtype=float), want.to_numpy(), equal_nan=True)


def test_side_by_side_methods_for_a_single_year_ndc():
    v = V.views({"source": "example"}, "XAA", None)
    assert set(v["methods"]) == {"single_year_averaging", "single_year_trajectory"}
    avg = v["methods"]["single_year_averaging"].rows["annual_adjustment"]
    traj = v["methods"]["single_year_trajectory"].rows["annual_adjustment"]
    # the same flows: trajectory by year, averaging the cumulative amount over 4 elapsed years
    assert np.nansum(traj) == pytest.approx(avg[0] * 4)
    assert {"year", "emissions", "single_year_averaging:balance"} <= set(v["compare"][0])
    fig = V.figure(v)
    assert len(fig.data) == 3
    # a multi-year NDC shows only para 7(b)
    assert set(V.views({"source": "example"}, "XAB", None)["methods"]) == {"multi_year"}


def test_uploads_either_layout_and_refusals_name_line_and_block(tmp_path):
    parties = L.default_parties_path(EXAMPLE).read_bytes()
    v = V.views(upload_state(EXAMPLE.read_bytes(), parties), "XAC", None)
    assert v["ledger"].layout == "actions"
    unit = data_dir("ledgers", "example.csv")
    v = V.views(upload_state(unit.read_bytes(), L.default_parties_path(unit).read_bytes()), "KOR", None)
    assert v["ledger"].layout == "per-unit"
    bad = EXAMPLE.read_bytes() + b"use,2026-08-01,XAA-GS-0001,999999,,XAB,,NDC,\n"
    with pytest.raises(L.UnitUsedTwiceError, match=r"line \d+ \(block XAA-GS-0001\)\.quantity"):
        V.views(upload_state(bad, parties), "XAA", None)
    with pytest.raises(E.InputError, match="parties file"):
        V.views({"source": "upload", "ledger": _upload(EXAMPLE.read_bytes())}, "XAA", None)
    with pytest.raises(E.InputError, match="as of"):
        V.views({"source": "example"}, "XAA", "2026-02-30")
