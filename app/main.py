"""The Dash app: :func:`create_app` builds it (layout, callbacks, background manager, headers).

Every response carries security headers (:func:`secure_headers`, flask-talisman):
a Content-Security-Policy that allows scripts only from the app itself and the
hash of Dash's one inline start-up script, no framing, ``nosniff`` and no
referrer. Background callbacks run in child processes; :func:`reap_workers`
collects each finished one so that none is left as a defunct process.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import multiprocess
from dash import Dash
from flask_talisman import Talisman

from article6.schema.scenario import load_scenario

from . import layout, ledger_view, scenarios
from .panels import distribution
from .panels.common import register_labels

#: Largest request body the server accepts (bytes); uploads are refused above 1 MB by app.uploads.
MAX_REQUEST_BYTES = 16 * 1024 * 1024
#: Prefix of the background callbacks' cache folder (removed when the process exits).
CACHE_PREFIX = "article6-app-cache-"


def _remove(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def background_manager(cache_dir: str | None = None):
    """A DiskcacheManager for the distribution's full sample; its folder goes when the process does.

    Returns None when diskcache is missing.
    """
    try:
        import diskcache
        from dash import DiskcacheManager
    except ImportError:  # pragma: no cover - a core dependency
        return None
    path = cache_dir or tempfile.mkdtemp(prefix=CACHE_PREFIX)
    if cache_dir is None:
        atexit.register(_remove, path)
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


def _reap_after(response):
    reap_workers()
    return response


def create_app(
    scenario_path: str | None = None, background: bool = True, public_url: str | None = None
) -> Dash:
    """Build the app; ``scenario_path`` (any scenario file) is the default view.

    ``public_url``: the address share links start with (default: the address
    the user reached the app by).
    """
    default = scenarios.PAPER_ID
    if scenario_path:
        p = Path(scenario_path)
        load_scenario(p)  # validate it now so a bad --scenario fails before serving
        same = p.resolve() == (scenarios.SCENARIO_DIR / p.name).resolve()
        default = p.stem if same else scenarios.register_extra(p)
    scenarios.DEFAULTS["scenario"] = default
    scenarios.DEFAULTS["public_url"] = public_url or ""
    manager = background_manager() if background else None
    app = Dash(
        __name__,
        title="article6 · corresponding adjustments",
        update_title=None,
        background_callback_manager=manager,
        suppress_callback_exceptions=False,
    )
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.layout = layout.layout
    layout.layout()  # once, so every label is known before the language callback is made
    for panel in layout.PANELS:
        if panel is distribution:
            panel.register(app, manager)
        else:
            panel.register(app)
    ledger_view.register(app)
    register_labels(app)
    secure_headers(app)  # last: the script hashes cover everything registered
    app.server.after_request(_reap_after)
    return app
