"""The distribution's full sample on a real Celery worker through a real Redis, two app workers.

Starts, inside the test: a private ``redis-server`` (Debian's package
``redis-server``) on a free port in a temporary folder, a Celery worker of the
app's background callbacks (``celery -A article6.app.worker:celery_app worker``) and
``article6 app --workers 2 --celery-broker redis://...``; then the browser
draws the full sample and the numbers are checked against the sweep engine.
Skipped, with the reason, where ``redis-server`` is not installed.
"""

from __future__ import annotations

import pytest
from app_browser_helpers import TIMEOUT, start_served
from article6.app import scenarios
from article6.app.panels.distribution import FULL_SAMPLES, QUICK_SAMPLES, distribution
from article6.app.panels.distribution import ID as DIST
from browser_support import require_browser
from served import celery_worker, redis, redis_server, serve

pytestmark = pytest.mark.browser

NO_REDIS = ("redis-server not installed: `apt-get install redis-server` (Debian/Ubuntu; .ci/run "
            "installs it) to test the app's Celery path")


def plotted_gaps(duo, method_label: str) -> list[float]:
    """The y values of the distribution figure's box for ``method_label``, as the browser holds them."""
    return duo.driver.execute_script(
        """
        const g = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
        const t = (g && g.data || []).find(d => d.name === arguments[1]);
        return t ? Array.from(t.y) : null;
        """,
        DIST.DIST_FIG,
        method_label,
    )


def test_the_full_distribution_runs_on_a_celery_worker(dash_duo, tmp_path):
    if redis_server() is None:
        pytest.skip(NO_REDIS)
    require_browser()
    with (
        redis(tmp_path) as broker,
        celery_worker(broker, tmp_path),
        serve("--workers", "2", "--threads", "2", "--celery-broker", broker) as url,
    ):
        duo = start_served(dash_duo, url + "/")
        duo.wait_for_contains_text(f"#{DIST.DIST_STATUS}", f"N = {QUICK_SAMPLES:,}", timeout=TIMEOUT)
        duo.find_element(f"#{DIST.DIST_RUN}").click()
        duo.wait_for_contains_text(f"#{DIST.DIST_STATUS}", f"N = {FULL_SAMPLES:,}", timeout=TIMEOUT)
        # the worker ran it
        log = (tmp_path / "celery.log").read_text(errors="replace")
        assert "succeeded" in log, log[-2000:]
        # and the figure holds the sweep engine's numbers for the same question
        frame, *_ = distribution(scenarios.builtin_doc(scenarios.PAPER_ID), FULL_SAMPLES)
        got = plotted_gaps(duo, "Cumulative")
        assert got is not None and len(got) == FULL_SAMPLES
        assert got == pytest.approx(list(frame["cumulative_gap"]), rel=1e-12, abs=1e-9)
        assert [e for e in duo.get_logs() if e.get("level") == "SEVERE"] == []
