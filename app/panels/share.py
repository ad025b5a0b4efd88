"""Downloads (CSV, Excel, JSON, the scenario file) and the link to the current view."""

from __future__ import annotations

from enum import StrEnum

from dash import Input, Output, State, dcc, html, no_update

from .. import downloads, scenarios
from ..ids import ID as PAGE
from .common import button, label


class ID(StrEnum):
    """Ids of the share panel."""

    SHARE_LINK = "share-link"
    PUBLIC_URL = "public-url-store"
    DL_CSV = "dl-csv"
    DL_XLSX = "dl-xlsx"
    DL_JSON = "dl-json"
    DL_TOML = "dl-toml"


#: One button and one download per kind (so quick clicks on several never cancel each other).
KINDS = {"csv": ID.DL_CSV, "xlsx": ID.DL_XLSX, "json": ID.DL_JSON, "toml": ID.DL_TOML}


def download_id(kind: str) -> str:
    """Id of the ``dcc.Download`` of ``kind``."""
    return f"download-{kind}"


def layout():
    """Four download buttons and the link with a copy button."""
    return html.Section(
        [
            label("downloads", html.H2),
            dcc.Store(id=ID.PUBLIC_URL, data=scenarios.DEFAULTS.get("public_url") or ""),
            html.Div(
                [
                    *[button(f"dl_{kind}", bid) for kind, bid in KINDS.items()],
                    *[dcc.Download(id=download_id(kind)) for kind in KINDS],
                ],
                className="downloads",
            ),
            html.Div(
                [
                    label("share_link", html.Label, htmlFor=ID.SHARE_LINK),
                    html.Div(
                        [
                            dcc.Input(id=ID.SHARE_LINK, type="text", readOnly=True, className="share"),
                            dcc.Clipboard(target_id=ID.SHARE_LINK, className="clip"),
                        ],
                        className="share-row",
                    ),
                ],
            ),
        ],
        className="panel no-print",
    )


def register(app) -> None:
    """The link follows the address bar; each button downloads its file."""
    app.clientside_callback(
        # the address the user reached the app by, or the --public-url given to `article6 app`
        """function(search, base){
            var root = base ? base.replace(/\\/?$/, '/') : window.location.origin + window.location.pathname;
            return root + (search || '');
        }""",
        Output(ID.SHARE_LINK, "value"),
        Input(PAGE.URL, "search"),
        State(ID.PUBLIC_URL, "data"),
    )

    for kind, bid in KINDS.items():
        _register_download(app, kind, bid)


def _register_download(app, kind: str, bid: str) -> None:
    @app.callback(
        Output(download_id(kind), "data"),
        Input(bid, "n_clicks"),
        State(PAGE.DOC, "data"),
        State(PAGE.OPTIONS, "data"),
        prevent_initial_call=True,
    )
    def download(_n, doc, options):
        if not doc:
            return no_update
        return downloads.download(kind, doc, options)
