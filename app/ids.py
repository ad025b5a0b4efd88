"""Component ids of the app, in one place (webviz-style ID enum)."""

from __future__ import annotations

from enum import StrEnum


class ID(StrEnum):
    """Every component id the callbacks use."""

    URL = "url"
    LANG = "lang"
    PICKER = "scenario-picker"
    UPLOAD = "upload"
    RESET = "reset"
    SPLIT = "split-years"
    MESSAGE = "message"
    ETS_SHARE_LOW = "ets_share-low"
    ETS_SHARE_HIGH = "ets_share-high"
    OFFSET_LIMIT_LOW = "offset_limit-low"
    OFFSET_LIMIT_HIGH = "offset_limit-high"
    SINK_LOW = "sink-low"
    SINK_HIGH = "sink-high"
    NET_OVERSEAS_LOW = "net_overseas-low"
    NET_OVERSEAS_HIGH = "net_overseas-high"
    TARGET = "target"
    TRAJECTORY = "trajectory-table"
    OPTIONS_PANEL = "options-panel"
    TRAJ_PATH = "trajectory-path"
    NETTING = "netting"
    NDC_TARGET = "ndc-target"
    BOUND = "bound"
    ROUNDING = "rounding"
    BASE = "base-store"
    DOC = "doc-store"
    OPTIONS = "options-store"
    SCENARIO_INFO = "scenario-info"
    TABLE3 = "table3"
    TABLE4 = "table4"
    PATHS_TABLE = "paths-table"
    CLI_LINE = "cli-line"
    USE_FIG = "use-figure"
    METHODS_FIG = "methods-figure"
    BALANCE_FIG = "balance-figure"
    DIST_FIG = "dist-figure"
    DIST_RUN = "dist-run"
    DIST_STATUS = "dist-status"
    PROS_CONS = "pros-cons"
    SHARE_LINK = "share-link"
    DL_CSV = "dl-csv"
    DL_XLSX = "dl-xlsx"
    DL_JSON = "dl-json"
    DL_TOML = "dl-toml"
    DOWNLOAD = "download"


#: The low/high control pairs, by input name (see app.logic.SCALAR_INPUTS).
PAIRS = {
    "ets_share": (ID.ETS_SHARE_LOW, ID.ETS_SHARE_HIGH),
    "offset_limit": (ID.OFFSET_LIMIT_LOW, ID.OFFSET_LIMIT_HIGH),
    "sink": (ID.SINK_LOW, ID.SINK_HIGH),
    "net_overseas": (ID.NET_OVERSEAS_LOW, ID.NET_OVERSEAS_HIGH),
}


def label_id(key: str) -> str:
    """Id of the element that shows the UI string ``key`` (app.i18n.TEXT)."""
    return f"label-{key}"
