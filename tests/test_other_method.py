"""A Party-proposed "other method" is one registered object: every output finds it.

The method below exists only in this test. Registering it (into the default
set) is the only change: ``compare --json``, the cost table, the balance view,
the sweep's columns and the app's Table 4 all show it, with its own numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pytest
from article6.app.frames import view_model
from article6.app.scenarios import builtin_doc

from article6 import sweep
from article6.analyses.balance import balances
from article6.analyses.compare import evaluate
from article6.analyses.costs import cost_table
from article6.cli import main
from article6.model.methods import (
    METHODS,
    at_target_year,
    each_year,
    register,
    target_year_need,
    unregister,
)
from article6.model.question import ask
from article6.model.usage import UsageRows

NAME = "half_and_half"


@dataclass(frozen=True, kw_only=True)
class HalfAndHalf:
    """Test-only: need (A) = half the target-year need plus half the period's ITMO use.

    Usage (B) = the period's ITMO use ``sum_i ITMO_i^total``. Need settled in
    T, usage bought in the years it is used; the balance subtracts each
    year's use.
    """

    name: ClassVar[str] = NAME
    label_en: ClassVar[str] = "Half and half (test)"
    label_ko: ClassVar[str] = "반반 (시험)"
    equations: ClassVar[str] = "0.5 x (10) + 0.5 x (1)"
    wording: ClassVar[str] = "Invented for a test; no negotiating text."
    adopted_in_2_cma_3: ClassVar[bool] = False
    timing: ClassVar[tuple[str, str]] = ("target-year", "annual")
    texts: ClassVar[dict] = {"en": {"pros": ["test"], "cons": ["test"]},
                             "ko": {"pros": ["시험"], "cons": ["시험"]}}

    def need(self, rows: UsageRows) -> np.ndarray:
        return 0.5 * target_year_need(rows) + 0.5 * rows.itmo_period_total

    def usage(self, rows: UsageRows) -> np.ndarray:
        return rows.itmo_period_total

    def annual_need(self, rows: UsageRows) -> np.ndarray:
        return at_target_year(self.need(rows), rows.itmo_total)

    def annual_usage(self, rows: UsageRows) -> np.ndarray:
        return each_year(rows.itmo_total)

    def balance_adjustments(self, rows: UsageRows) -> np.ndarray:
        return each_year(rows.itmo_total)


@pytest.fixture
def other_method():
    method = register(HalfAndHalf(), sets=("paper", "all"))
    yield method
    unregister(NAME)
    assert NAME not in METHODS


def _expected(paper):
    """(A) and (B) at both bounds, from the paper's own rows (independent of the registry)."""
    rows = evaluate(ask(paper)).result.rows
    return 0.5 * target_year_need(rows) + 0.5 * rows.itmo_period_total, rows.itmo_period_total


def test_compare_json_shows_it(other_method, paper, paper_path, capsys):
    assert main(["compare", str(paper_path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    need, usage = _expected(paper)
    for b, bound in enumerate(("low", "high")):
        m = doc["bounds"][bound]["methods"][NAME]
        assert m["need"] == pytest.approx(need[b]) and m["usage"] == pytest.approx(usage[b])
        assert m["gap"] == pytest.approx(need[b] - usage[b])
        assert m["adopted_in_2_cma_3"] is False
    assert list(doc["bounds"]["low"]["methods"])[:4] == [
        "cumulative", "vintage", "averaging", "trajectory"]


def test_cost_table_shows_it(other_method, paper):
    answer = evaluate(ask(paper, price="kau-2015-2019"))
    cost = answer.costs.methods[NAME]
    need, _ = _expected(paper)
    # settled in T at the target-year price, 1e6 t per Mt
    np.testing.assert_allclose(cost.need, need * answer.costs.price.bounds()[:, -1] * 1e6)
    assert cost.timing == ("target-year", "annual")
    assert "Half and half (test)" in cost_table(answer.costs).index


def test_balance_view_shows_it(other_method, paper):
    rows = evaluate(ask(paper)).result.rows
    b = balances(rows)
    assert NAME in b
    np.testing.assert_allclose(b[NAME], rows.national_net - rows.itmo_total)


def test_sweep_columns_show_it(other_method, paper):
    frame = sweep.sweep_frame(paper, samples=20, seed=3)
    assert {f"{NAME}_need", f"{NAME}_usage", f"{NAME}_gap"} <= set(frame.columns)
    np.testing.assert_allclose(frame[f"{NAME}_gap"], frame[f"{NAME}_need"] - frame[f"{NAME}_usage"])


def test_sweep_summary_shows_it(other_method, paper, tmp_path):
    plan = sweep.make_plan(paper, 20, seed=3)
    out = tmp_path / "s.parquet"
    sweep.run_sweep(plan, out)
    assert NAME in sweep.summarize(out)["methods"]


def test_app_table4_shows_it(other_method):
    vm = view_model(builtin_doc("kor-2018-roadmap"), "both", False, "en")
    first = vm.table4.columns[0]
    assert "Half and half (test)" in list(vm.table4[first])
    assert NAME in vm.adopted and vm.adopted[NAME] is False


def test_register_refuses_an_incomplete_method():
    @dataclass(frozen=True)
    class NoSchedule:
        name: str = "incomplete"
        label_en: str = "x"
        label_ko: str = "x"
        equations: str = ""
        wording: str = ""
        adopted_in_2_cma_3: bool = False

        def need(self, rows):
            return rows.itmo_period_total

        def usage(self, rows):
            return rows.itmo_period_total

    with pytest.raises(TypeError, match="CAMethod"):
        register(NoSchedule())
    assert "incomplete" not in METHODS


def test_app_replies_remembered_before_it_was_registered_are_not_reused():
    from article6.app.main import create_app
    from served import UPDATE, view_body

    client = create_app(None, background=False).server.test_client()
    deps = json.loads(client.get("/_dash-dependencies").data)
    body = view_body(deps, 0.6)
    before = client.post(UPDATE, data=body, content_type="application/json").data
    assert b"Half and half (test)" not in before
    register(HalfAndHalf(), sets=("paper", "all"))
    try:
        after = client.post(UPDATE, data=body, content_type="application/json").data
        assert b"Half and half (test)" in after
    finally:
        unregister(NAME)
    again = client.post(UPDATE, data=body, content_type="application/json").data
    assert again == before
