"""The Dash app: :func:`create_app` builds it (layout, callbacks, background manager)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from dash import Dash

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
    return app
