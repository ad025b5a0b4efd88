"""The print view as a PDF made on the server (app/pdf.py): A4, Table 4's numbers, bounded.

With Chromium on the machine the PDF is read back with pypdf; without it these
tests skip and say why. A browser that fails, writes no PDF or never ends is
stopped and reported, never waited for.
"""

from __future__ import annotations

import io
import os
import re
import stat

import pytest
from app_browser_helpers import TIMEOUT, start
from article6.app import pdf, scenarios
from article6.app.panels import report
from article6.app.panels.common import view
from article6.app.panels.summary import info, reading_text
from article6.app.panels.table4 import ID as T4
from browser_support import require_browser
from dash.testing.wait import until

from article6.resources import scenario_dir

BUILTIN = sorted(p.stem for p in scenario_dir().glob("*.toml"))
A4_PT = (595.0, 842.0)
NO_CHROMIUM = "no Chromium or Chrome on PATH: the server cannot make a PDF here"


def _pdf_text(data: bytes) -> tuple[int, list, str]:
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF back (pip install -e '.[test]')")
    reader = pypdf.PdfReader(io.BytesIO(data))
    boxes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return len(reader.pages), boxes, "\n".join(p.extract_text() for p in reader.pages)


def _html(sid: str, lang: str, options=None):
    v = view(scenarios.builtin_doc(sid), options, "both", "paper", lang)
    return v, pdf.report_html(v, info(v)[:2], reading_text(v, v.lang),
                              report.summary(v, f"http://127.0.0.1/?scenario={sid}"))


def _number_cells(v) -> list[str]:
    """Table 4's need, usage and gap cells as the page shows them (the engine's numbers)."""
    cells = [str(c) for col in v.table4.columns[1:] for c in v.table4[col]]
    return [c for c in cells if re.fullmatch(r"-?[0-9.,]+(~-?[0-9.,]+)?", c)]


@pytest.mark.parametrize("sid, lang", [*((s, "en") for s in BUILTIN), (scenarios.PAPER_ID, "ko")])
def test_the_pdf_is_a4_and_holds_table4s_numbers(sid, lang):
    if pdf.chromium() is None:
        pytest.skip(NO_CHROMIUM)
    v, page = _html(sid, lang, {"path": "roadmap"} if lang == "ko" else None)
    data = pdf.html_to_pdf(page)
    assert data.startswith(b"%PDF")
    pages, boxes, text = _pdf_text(data)
    assert pages >= 1
    for w, h in boxes:
        assert w == pytest.approx(A4_PT[0], abs=2) and h == pytest.approx(A4_PT[1], abs=2)
    cells = _number_cells(v)
    assert len(cells) >= 12
    missing = [c for c in cells if c not in text]
    assert missing == []
    assert v.command in text.replace("\n", " ")  # the print view's equivalent command
    if lang == "ko":
        assert "--trajectory-path roadmap" in v.command and "누적방식" in text


def test_user_text_is_escaped_in_the_page():
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    doc["scenario"] = {**doc["scenario"], "title": "<script>alert(1)</script>"}
    v = view(doc, None, "both", "paper", "en")
    page = pdf.report_html(v, info(v)[:2], reading_text(v, "en"), report.summary(v, "x"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def _fake_browser(tmp_path, body: str) -> str:
    exe = tmp_path / "fake-chromium"
    exe.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return str(exe)


def test_a_browser_that_writes_no_pdf_is_reported(tmp_path):
    with pytest.raises(pdf.PdfError, match="no PDF"):
        pdf.html_to_pdf("<p>x</p>", exe=_fake_browser(tmp_path, "exit 3"))


def test_a_browser_that_writes_something_else_is_reported(tmp_path):
    body = 'for a in "$@"; do case "$a" in --print-to-pdf=*) echo hello > "${a#--print-to-pdf=}";; esac; done'
    with pytest.raises(pdf.PdfError, match="not a PDF"):
        pdf.html_to_pdf("<p>x</p>", exe=_fake_browser(tmp_path, body))


def test_every_reason_has_korean_words():
    from korean_check import untranslated

    reasons = [pdf.PdfError("pdf_err_none"), pdf.PdfError("pdf_err_timeout", seconds="90"),
               pdf.PdfError("pdf_err_no_pdf", status=3), pdf.PdfError("pdf_err_size", limit="1"),
               pdf.PdfError("pdf_err_not_pdf")]
    keys = {k for k in pdf.TEXT if k.startswith("pdf_err_")}
    assert {r.key for r in reasons} == keys
    for r in reasons:
        assert untranslated([r.text("ko")]) == [] and untranslated([r.text("en")]) != []


def test_a_browser_that_never_ends_is_stopped(tmp_path):
    marker = tmp_path / "pid"
    exe = _fake_browser(tmp_path, f'echo $$ > "{marker}"; exec sleep 600')
    with pytest.raises(pdf.PdfError, match="more than"):
        pdf.html_to_pdf("<p>x</p>", exe=exe, timeout=1)
    pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not left running


def test_without_chromium_the_button_is_off_and_says_why(monkeypatch):
    monkeypatch.setattr(pdf, "chromium", lambda: None)
    with pytest.raises(pdf.PdfError, match="no Chromium"):
        pdf.html_to_pdf("<p>x</p>")
    section = report.layout()
    found = {}

    def walk(node):
        if getattr(node, "id", None) == report.ID.PDF:
            found["button"] = node
        if getattr(node, "id", None) == "label-pdf_none":
            found["note"] = node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(section)
    assert found["button"].disabled is True
    assert "Chromium" in found["note"].children and not found["note"].hidden


@pytest.mark.browser
def test_download_pdf_button_in_the_browser(dash_duo, tmp_path):
    require_browser()
    duo = start(dash_duo)
    duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(tmp_path)})
    duo.find_element(f"#{report.ID.PDF}").click()
    target = tmp_path / f"{scenarios.PAPER_ID}-report.pdf"
    until(lambda: target.is_file() and target.stat().st_size > 0
          and not list(tmp_path.glob("*.crdownload")), timeout=TIMEOUT)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    _, _, text = _pdf_text(data)
    v, _ = _html(scenarios.PAPER_ID, "en")
    assert [c for c in _number_cells(v) if c not in text] == []
    assert duo.find_element(f"#{T4.TABLE4}").is_displayed()
    assert duo.get_logs() == []
