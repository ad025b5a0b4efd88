"""Figure of a sweep: the distribution of each method's gap (A - B), corners marked.

Presentation only: the gaps come from the sweep file, the corner values from
:func:`article6.model.evaluate.evaluate_bounds`; counting samples into bins is the only
operation here, so a figure of 10 million samples stays a few kilobytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pyarrow.parquet as pq
from plotly.subplots import make_subplots

from article6.model.evaluate import Result
from article6.model.methods import METHODS, PAPER_METHODS


def gap_histograms(path: str | Path, corners: Result, unit: str, bins: int = 80) -> go.Figure:
    """One histogram per method of the gap columns of sweep file ``path``.

    The paper's four methods come first, then any submitted-path variant of the
    trajectory method the sweep added (``--paths``); corner values are drawn
    for the methods evaluated in ``corners``.

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
    gaps = [c.removesuffix("_gap") for c in pf.schema_arrow.names if c.endswith("_gap")]
    names = [m for m in PAPER_METHODS if m in gaps] + [m for m in gaps if m not in PAPER_METHODS]
    titles = [f"{METHODS[m].label_en} ({METHODS[m].label_ko})" if m in METHODS
              else m.replace("_", " ") for m in names]
    fig = make_subplots(rows=len(names), cols=1, subplot_titles=titles,
                        vertical_spacing=0.3 / max(len(names), 1))
    for r, m in enumerate(names, start=1):
        gap = pf.read(columns=[f"{m}_gap"]).column(0).to_numpy()
        counts, edges = np.histogram(gap, bins=bins)
        del gap
        fig.add_trace(
            go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=counts, width=np.diff(edges),
                   name=titles[r - 1], marker_color="#4c78a8", showlegend=False,
                   hovertemplate="gap %{x:.4g}<br>%{y} samples<extra></extra>"),
            row=r, col=1,
        )
        for b, (bound, dash) in enumerate((("low", "dash"), ("high", "dot"))):
            if m not in corners.methods:
                break
            x = float(corners.methods[m].gap[b])
            fig.add_vline(x=x, line_dash=dash, line_color="#e45756", row=r, col=1,
                          annotation_text=f"{bound} bound {x:.4g}",
                          annotation_position="top left" if b == 0 else "top right")
        fig.update_xaxes(title_text=f"gap A - B [{unit}]", row=r, col=1)
        fig.update_yaxes(title_text="samples", row=r, col=1)
    fig.update_layout(
        title=f"Gap (A - B) of each corresponding-adjustment method over {n:,} samples; "
              "dashed: the paper's low and high bounds",
        height=260 * len(names), bargap=0, template="plotly_white",
    )
    return fig
