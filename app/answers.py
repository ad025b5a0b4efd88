"""The engine's answers to the page's questions, computed once per question and process.

A question is the edited scenario document with the page's choices; its key is
the canonical serialisation of both and of the methods registered in the
process (:func:`key`: JSON with sorted keys; a method registered later makes
new keys, so no answer without it is reused), so the
same question asked by many delegates, or by several panels of one page, is
answered once. Each store is a bounded least-recently-used cache shared by
every callback in the process (:data:`SIZE` entries). Cached objects are only
read by the panels, never changed.

Nothing here computes: every value is the engine's (:func:`app.options.comparison`,
:func:`article6.analyses.compare.evaluate`, :func:`article6.analyses.sensitivity.one_at_a_time`,
:func:`article6.sweep.sweep_table`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from article6 import sweep
from article6.analyses.compare import Comparison, evaluate
from article6.analyses.sensitivity import Sensitivity, one_at_a_time
from article6.model.methods import METHOD_SETS, METHODS

from .options import clean_options, comparison, question

#: Entries kept by each cache.
SIZE = 512


def registry() -> str:
    """The methods registered now (each name with its object's identity) and the method sets."""
    return json.dumps([[(n, id(m)) for n, m in METHODS.items()], METHOD_SETS], separators=(",", ":"))


def key(*parts: Any) -> str:
    """The canonical serialisation of ``parts`` and of :func:`registry` (JSON, sorted keys).

    Equal questions asked with the same methods registered have equal keys.
    """
    return json.dumps([registry(), *parts], sort_keys=True, separators=(",", ":"))


@lru_cache(maxsize=SIZE)
def _comparison(k: str) -> Comparison:
    _, doc, options = json.loads(k)
    return comparison(doc, options, paths=True)


def compared(doc: dict[str, Any], options: dict[str, str] | None) -> Comparison:
    """``article6 compare`` (every submitted path too) of ``doc`` under ``options``, cached."""
    return _comparison(key(doc, clean_options(doc, options)))


@lru_cache(maxsize=SIZE)
def _costed(k: str) -> Comparison:
    _, doc, options, price, rate, base_year = json.loads(k)
    return evaluate(question(doc, options).replace(price=price, discount_rate=rate, base_year=base_year))


def costed(
    doc: dict[str, Any], options: dict[str, str] | None, price: str | None, rate, base_year
) -> Comparison:
    """The page's question asked with a price (``None``: the scenario's own), cached.

    Raises the engine's :class:`article6.errors.InputError` for a refused price,
    rate or base year (refusals are not cached).
    """
    return _costed(key(doc, clean_options(doc, options), price, rate, base_year))


@lru_cache(maxsize=SIZE)
def _sensitivity(k: str) -> Sensitivity:
    _, doc, options, relative, base = json.loads(k)
    return one_at_a_time(question(doc, options), relative=relative, base=base)


def sensitivity(
    doc: dict[str, Any], options: dict[str, str] | None, relative: float, base: str
) -> Sensitivity:
    """The one-at-a-time sensitivity of the page's question (``article6 sensitivity``), cached."""
    return _sensitivity(key(doc, clean_options(doc, options), relative, base))


@lru_cache(maxsize=SIZE)
def _swept(k: str):
    _, doc, options, samples, seed, every_path = json.loads(k)
    q = question(doc, options)
    plan = sweep.question_plan(q, samples, seed=seed, design="lhs", paths="all" if every_path else None)
    return sweep.sweep_table(plan).to_pandas(), q.scenario


def swept(doc: dict[str, Any], options: dict[str, str] | None, samples: int, seed: int, every_path: bool):
    """``(frame, scenario)``: the Latin-hypercube sweep of the page's question, cached.

    The frame is shared: callers must not change it.
    """
    return _swept(key(doc, clean_options(doc, options), samples, seed, every_path))


def clear() -> None:
    """Forget every cached answer."""
    for f in (_comparison, _costed, _sensitivity, _swept):
        f.cache_clear()
