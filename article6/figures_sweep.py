"""Figure of a sweep: the distribution of each method's gap (A - B), corners marked.

Presentation only: the gaps come from the sweep file, the corner values from
:func:`article6.model.evaluate_bounds`; counting samples into bins is the only
operation here, so a figure of 10 million samples stays a few kilobytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pyarrow.parquet as pq
from plotly.subplots import make_subplots

from article6.methods import METHODS, PAPER_METHODS
from article6.model import Result


def gap_histograms(path: str | Path, corners: Result, unit: str, bins: int = 80) -> go.Figure:
    """One histogram per paper method of the gap column of sweep file ``path``.

    Parameters
    ----------
    path
        A Parquet file written by :func:`article6.sweep.run_sweep`.
    corners
        The scenario evaluated at both bounds (row 0 ``low``, row 1 ``high``):
        the paper's two corner values, drawn as dashed lines.
    unit
        Unit of the gaps, for the axis titles.
    bins
        Number of bins per method.
    """
    pf = pq.ParquetFile(str(path))
    n = pf.metadata.num_rows
    titles = [f"{METHODS[m].label_en} ({METHODS[m].label_ko})" for m in PAPER_METHODS]
    fig = make_subplots(rows=len(PAPER_METHODS), cols=1, subplot_titles=titles,
                        vertical_spacing=0.08)
    for r, m in enumerate(PAPER_METHODS, start=1):
        gap = pf.read(columns=[f"{m}_gap"]).column(0).to_numpy()
        counts, edges = np.histogram(gap, bins=bins)
        del gap
        fig.add_trace(
            go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=counts, width=np.diff(edges),
                   name=METHODS[m].label_en, marker_color="#4c78a8", showlegend=False,
                   hovertemplate="gap %{x:.4g}<br>%{y} samples<extra></extra>"),
            row=r, col=1,
        )
        for b, (bound, dash) in enumerate((("low", "dash"), ("high", "dot"))):
            x = float(corners.methods[m].gap[b])
            fig.add_vline(x=x, line_dash=dash, line_color="#e45756", row=r, col=1,
                          annotation_text=f"{bound} bound {x:.4g}",
                          annotation_position="top left" if b == 0 else "top right")
        fig.update_xaxes(title_text=f"gap A - B [{unit}]", row=r, col=1)
        fig.update_yaxes(title_text="samples", row=r, col=1)
    fig.update_layout(
        title=f"Gap (A - B) of each corresponding-adjustment method over {n:,} samples; "
              "dashed: the paper's low and high bounds",
        height=260 * len(PAPER_METHODS), bargap=0, template="plotly_white",
    )
    return fig
