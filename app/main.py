"""Minimal app: the paper scenario's Table 4 (to be replaced by the full front end)."""

from __future__ import annotations

from dash import Dash, dash_table, html

from article6.model import evaluate_bounds
from article6.scenario import load_scenario
from article6.tables import table4_text


def create_app(scenario_path: str) -> Dash:
    """Build the Dash app showing Table 4 for ``scenario_path``."""
    scenario = load_scenario(scenario_path)
    t4 = table4_text(evaluate_bounds(scenario)).reset_index(names="Method")
    app = Dash(__name__, title="article6")
    app.layout = html.Div([
        html.H1("article6: corresponding adjustments of ITMOs"),
        html.P(scenario.title),
        html.H2("Table 4"),
        dash_table.DataTable(id="table4", data=t4.to_dict("records"),
                             columns=[{"name": c, "id": c} for c in t4.columns]),
    ])
    return app
