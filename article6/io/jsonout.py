"""Strict JSON output: no ``NaN``, no ``Infinity``, ever (they are not JSON).

Every ``--json`` document and every JSON download goes through :func:`dumps`.
Inputs are bounded (article6/schema/checks.py), so a non-finite number in an
output is a fault; it is reported as one line naming the document's key
instead of being printed as ``Infinity``.
"""

from __future__ import annotations

import json
import math
from typing import Any

from article6.errors import OutputError


def _non_finite(doc: Any, path: str = "") -> str | None:
    """The key path of the first non-finite number in ``doc`` (``None`` when all are finite)."""
    if isinstance(doc, float) and not math.isfinite(doc):
        return path or "(document)"
    if isinstance(doc, dict):
        items = doc.items()
    elif isinstance(doc, list | tuple):
        items = ((f"[{i}]", v) for i, v in enumerate(doc))
    else:
        return None
    for k, v in items:
        sub = f"{path}{k}" if str(k).startswith("[") else (f"{path}.{k}" if path else str(k))
        found = _non_finite(v, sub)
        if found is not None:
            return found
    return None


def dumps(doc: Any, **kwargs: Any) -> str:
    """``json.dumps(doc, allow_nan=False, ensure_ascii=False)``; a non-finite number is an error.

    Raises
    ------
    OutputError
        Naming the key that holds NaN or infinity.
    """
    kwargs.setdefault("ensure_ascii", False)
    try:
        return json.dumps(doc, allow_nan=False, **kwargs)
    except ValueError:
        raise OutputError("(json output)", _non_finite(doc) or "(document)",
                          "finite numbers (NaN and infinity are not JSON)") from None
