"""Downloads (CSV, Excel, JSON, the scenario file) and the link to the current view."""

from __future__ import annotations

from enum import StrEnum

from dash import Input, Output, State, ctx, dcc, html, no_update

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
    DOWNLOAD = "download"


def layout():
    """Four download buttons and the link with a copy button."""
    return html.Section(
        [
            label("downloads", html.H2),
            dcc.Store(id=ID.PUBLIC_URL, data=scenarios.DEFAULTS.get("public_url") or ""),
            html.Div(
                [
                    button("dl_csv", ID.DL_CSV),
                    button("dl_xlsx", ID.DL_XLSX),
                    button("dl_json", ID.DL_JSON),
                    button("dl_toml", ID.DL_TOML),
                    dcc.Download(id=ID.DOWNLOAD),
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

    @app.callback(
        Output(ID.DOWNLOAD, "data"),
        Input(ID.DL_CSV, "n_clicks"),
        Input(ID.DL_XLSX, "n_clicks"),
        Input(ID.DL_JSON, "n_clicks"),
        Input(ID.DL_TOML, "n_clicks"),
        State(PAGE.DOC, "data"),
        State(PAGE.OPTIONS, "data"),
        prevent_initial_call=True,
    )
    def download(_c, _x, _j, _t, doc, options):
        if not doc or ctx.triggered_id is None:
            return no_update
        return downloads.download(str(ctx.triggered_id).removeprefix("dl-"), doc, options)
