"""The print view as an A4 PDF, made on the server by headless Chromium.

:func:`report_html` writes the print view of the page's state as one
self-contained HTML page: the scenario, the reading of Table 4, Table 4 and
Table 3, the charts (plotly.js inline: nothing is fetched), then the report
block of the print view (inputs, choices, the equivalent command, the link,
every source), made by the same functions as the page. :func:`html_to_pdf`
prints it with Chromium (``--headless --print-to-pdf``) in a temporary folder,
with a time limit, no shell and a bound on the PDF's size. :func:`chromium`
finds the browser; without one the page says why it offers no PDF.
"""

from __future__ import annotations

import html as _html
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from article6.errors import Article6Error

from . import figures, i18n

#: Browsers tried, in order (Chromium first; Chrome prints the same way).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Longest a PDF may take [s]; a browser still running then is stopped.
TIMEOUT_S = 90
#: Largest PDF returned [bytes].
MAX_PDF_BYTES = 50 * 2**20
#: Virtual time the page gets to draw its charts before it is printed [ms].
DRAW_BUDGET_MS = 10_000
#: PDFs made at once; a further request waits for one to finish.
_SLOTS = threading.BoundedSemaphore(2)

TEXT = {
    "pdf": {"en": "Download PDF", "ko": "PDF 내려받기"},
    "pdf_none": {
        "en": "No PDF from the server here: it needs Chromium or Chrome, and none was found. "
        "The print button above makes one in the browser instead (Save as PDF).",
        "ko": "이 서버에서는 PDF를 만들 수 없습니다: Chromium이나 Chrome이 필요한데 찾지 못했습니다. "
        "위의 인쇄 단추로 브라우저에서 만들 수 있습니다 (PDF로 저장).",
    },
    "pdf_failed": {"en": "The PDF could not be made:", "ko": "PDF를 만들지 못했습니다:"},
    "pdf_err_none": {"en": "no Chromium or Chrome found on PATH",
                     "ko": "PATH에서 Chromium이나 Chrome을 찾지 못했습니다"},
    "pdf_err_timeout": {"en": "the browser took more than {seconds} s",
                        "ko": "브라우저가 {seconds}초 안에 끝내지 못했습니다"},
    "pdf_err_no_pdf": {"en": "the browser wrote no PDF (exit status {status})",
                       "ko": "브라우저가 PDF를 쓰지 않았습니다 (종료 상태 {status})"},
    "pdf_err_size": {"en": "the PDF is larger than {limit} bytes",
                     "ko": "PDF가 {limit} 바이트보다 큽니다"},
    "pdf_err_not_pdf": {"en": "the browser wrote something that is not a PDF",
                        "ko": "브라우저가 PDF가 아닌 것을 썼습니다"},
}
i18n.TEXT.update(TEXT)

_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: system-ui, NanumGothic, 'Noto Sans KR', 'Malgun Gothic', sans-serif;
       font-size: 10pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 4pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }
table { border-collapse: collapse; margin: 6pt 0 10pt; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: 2pt 5pt; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f3f3f3; }
.symbol { font-family: monospace; font-size: 8.5pt; color: #555; }
code, .report-link { font-family: monospace; font-size: 8pt; overflow-wrap: anywhere; }
.chart { break-inside: avoid; }
.report { border: 1px solid #ccc; padding: 4pt 8pt; break-inside: avoid; }
"""


class PdfError(Article6Error):
    """The browser did not make a PDF (it failed, took too long, or wrote something else).

    ``key`` names the reason among the ``pdf_err_*`` texts, ``values`` fills it in;
    :meth:`text` gives it in a language, ``str()`` in English.
    """

    def __init__(self, key: str, **values: Any):
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        """The reason in ``lang``."""
        return i18n.t(self.key, lang).format(**self.values)


def chromium() -> str | None:
    """Path of a Chromium or Chrome binary on PATH, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found and os.path.isfile(os.path.realpath(found)) and os.path.getsize(found) > 0:
            return found
    return None


# --------------------------------------------------------------------------- the page


def to_html(node: Any) -> str:
    """A tree of Dash ``html`` components (or text) as HTML; text is always escaped."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return _html.escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(to_html(n) for n in node)
    tag = type(node).__name__.lower()
    cls = getattr(node, "className", None)
    attr = f' class="{_html.escape(cls)}"' if cls else ""
    return f"<{tag}{attr}>{to_html(getattr(node, 'children', None))}</{tag}>"


def _figure(fig: dict[str, Any], first: bool) -> str:
    body = pio.to_html(go.Figure(fig), include_plotlyjs=first, full_html=False,
                       config={"staticPlot": True}, default_width="100%")
    return f'<div class="chart">{body}</div>'


def report_html(v, intro: list, reading: str, report_block: list) -> str:
    """The print view of the page's state ``v`` (:class:`app.frames.ViewModel`) as one HTML page.

    ``intro`` (the scenario's heading), ``reading`` (the reading of Table 4) and
    ``report_block`` (inputs, choices, command, link, sources) are made by the
    page's own panels, so the PDF says what the page says.
    """
    lang = v.lang
    parts = [
        to_html(intro),
        f"<p>{_html.escape(reading)}</p>",
        f"<h2>{_html.escape(i18n.t('table4', lang))}</h2>",
        v.table4.to_html(index=False, escape=True, na_rep=""),
        _figure(figures.methods_figure(v.methods, v.adopted, v.unit, lang), first=True),
        _figure(figures.balance_figure(v.balance, v.annual, v.unit, lang), first=False),
        f"<h2>{_html.escape(i18n.t('table3', lang))}</h2>",
        # one row per year, so that the ten years fit across A4
        v.table3.set_index(v.table3.columns[0]).T.to_html(escape=True, na_rep=""),
        f'<div class="report">{to_html(report_block)}</div>',
    ]
    title = _html.escape(v.scenario.title)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>")


# --------------------------------------------------------------------------- printing


def _command(exe: str, page: Path, out: Path, profile: Path) -> list[str]:
    args = [
        exe, "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--no-pdf-header-footer",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # the page is self-contained: no network
        f"--user-data-dir={profile}", f"--virtual-time-budget={DRAW_BUDGET_MS}",
        f"--print-to-pdf={out}", page.as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(2, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return args


def html_to_pdf(page_html: str, exe: str | None = None, timeout: float = TIMEOUT_S) -> bytes:
    """Print ``page_html`` to an A4 PDF with headless Chromium; raises :class:`PdfError`."""
    exe = exe or chromium()
    if exe is None:
        raise PdfError("pdf_err_none")
    with _SLOTS, tempfile.TemporaryDirectory(prefix="article6-pdf-") as tmp:
        page, out, profile = Path(tmp, "report.html"), Path(tmp, "report.pdf"), Path(tmp, "profile")
        page.write_text(page_html, encoding="utf-8")
        proc = subprocess.Popen(_command(exe, page, out, profile), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise PdfError("pdf_err_timeout", seconds=f"{timeout:.0f}") from None
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if not out.is_file():
            raise PdfError("pdf_err_no_pdf", status=proc.returncode)
        if out.stat().st_size > MAX_PDF_BYTES:
            raise PdfError("pdf_err_size", limit=f"{MAX_PDF_BYTES:,}")
        data = out.read_bytes()
    if not data.startswith(b"%PDF"):
        raise PdfError("pdf_err_not_pdf")
    return data


