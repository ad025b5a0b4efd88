"""The Dash app: :func:`create_app` builds it (layout, callbacks, background manager, headers).

Every response carries security headers (:func:`secure_headers`, flask-talisman):
a Content-Security-Policy that allows scripts only from the app itself and the
hash of Dash's one inline start-up script, no framing, ``nosniff`` and no
referrer. Background callbacks run in child processes; :func:`reap_workers`
collects each finished one so that none is left as a defunct process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import multiprocess
from dash import Dash
from flask_talisman import Talisman

from . import callbacks, layout, ledger_view, logic

#: Largest request body the server accepts (bytes); uploads are refused above 1 MB by logic.
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def background_manager(cache_dir: str | None = None):
    """A DiskcacheManager for the distribution callback (None when diskcache is missing)."""
    try:
        import diskcache
        from dash import DiskcacheManager
    except ImportError:  # pragma: no cover - the app extra is not installed
        return None
    path = cache_dir or tempfile.mkdtemp(prefix="article6-app-cache-")
    return DiskcacheManager(diskcache.Cache(path))


def reap_workers() -> None:
    """Collect every finished background-callback process (``multiprocess.active_children``)."""
    multiprocess.active_children()


def content_security_policy(app: Dash) -> dict[str, str | list[str]]:
    """The app's CSP: its own scripts and Dash's inline start-up script (by hash), nothing else.

    Styles may be inline: Dash components and plotly.js set them on elements.
    Images may be ``data:``/``blob:`` URLs: plotly's modebar icons and PNG downloads.
    """
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def secure_headers(app: Dash) -> None:
    """Add the security headers to every response (plain HTTP: the app may sit behind a proxy)."""
    Talisman(
        app.server,
        force_https=False,
        strict_transport_security=False,
        session_cookie_secure=False,
        frame_options="DENY",
        referrer_policy="no-referrer",
        content_security_policy=content_security_policy(app),
    )


def create_app(scenario_path: str | None = None, background: bool = True) -> Dash:
    """Build the app; ``scenario_path`` (a built-in scenario file) is the default view."""
    default = logic.PAPER_ID
    if scenario_path:
        p = Path(scenario_path)
        # any file: validate it now so a bad --scenario fails before serving
        from article6.scenario import load_scenario

        load_scenario(p)
        same = p.resolve() == (logic.SCENARIO_DIR / p.name).resolve()
        default = p.stem if same else logic.register_extra(p)
    manager = background_manager() if background else None
    app = Dash(
        __name__,
        title="article6 · corresponding adjustments",
        update_title=None,
        background_callback_manager=manager,
        suppress_callback_exceptions=False,
    )
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    logic.DEFAULTS["scenario"] = default
    app.layout = layout.layout
    callbacks.register(app, manager)
    ledger_view.register(app)
    secure_headers(app)  # last: the script hashes cover everything registered
    app.server.after_request(_reap_after)
    return app


def _reap_after(response):
    reap_workers()
    return response
