"""Summaries of a finished sweep file: the summary statistics and the stored identity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from article6.model.methods import PAPER_METHODS
from article6.sweep.plan import _META_KEY

STATS = ("min", "p05", "p50", "p95", "max", "mean")


def _stats(x: np.ndarray) -> dict[str, float]:
    q = np.quantile(x, [0.05, 0.5, 0.95])
    return {"min": float(x.min()), "p05": float(q[0]), "p50": float(q[1]),
            "p95": float(q[2]), "max": float(x.max()), "mean": float(np.mean(x))}


def summarize(path: str | Path) -> dict[str, Any]:
    """The summary of a sweep file (docs/commands.md): per method, stats of gap, need and usage.

    Methods: the default set's (the paper's four unless the file's metadata
    lists others), then the path-choice methods the metadata lists. Reads one
    column at a time (memory ~ 16 bytes x N).
    """
    pf = pq.ParquetFile(str(path))
    meta = pf.schema_arrow.metadata or {}
    ident = json.loads(meta[_META_KEY]) if _META_KEY in meta else {}
    methods: dict[str, Any] = {}
    names = [*ident.get("methods", PAPER_METHODS), *ident.get("paths", {}).get("methods", [])]
    for m in names:
        methods[m] = {k: _stats(pf.read(columns=[f"{m}_{k}"]).column(0).to_numpy())
                      for k in ("gap", "need", "usage")}
    return {"samples": pf.metadata.num_rows, "methods": methods}


def read_identity(path: str | Path) -> dict[str, Any]:
    """The parameters stored in a sweep file's metadata (see :meth:`Plan.identity`)."""
    meta = pq.read_schema(str(path)).metadata or {}
    return json.loads(meta[_META_KEY])
