"""Costs and sensitivity in the browser: the engine's numbers for the page's scenario and choices."""

from __future__ import annotations

import pytest
from app_browser_helpers import TIMEOUT, open_inputs, set_number, shot, start, table_cell
from article6.app import scenarios
from article6.app.panels.costs import ID as COSTS
from article6.app.panels.costs import headers
from article6.app.panels.inputs import ID as INPUTS
from article6.app.panels.sensitivity import ID as SENS
from article6.app.panels.sensitivity import input_label
from browser_support import require_browser
from dash.testing.wait import until

from article6.analyses.compare import compare
from article6.analyses.costs import cost_table
from article6.analyses.sensitivity import one_at_a_time
from article6.io.tables import format_range
from article6.schema.scenario import load_scenario

pytestmark = pytest.mark.browser
PRESET = "kau-2015-2019"


def _cost_cell(cmp, method_label: str, column: int) -> tuple[str, str]:
    text = cost_table(cmp.costs)
    return headers(cmp.costs, "en")[column], text.loc[method_label].iloc[column]


def test_costs_follow_the_price_and_the_path_choice(dash_duo):
    require_browser()
    duo = start(dash_duo)
    paper = scenarios.scenario_of(scenarios.builtin_doc(scenarios.PAPER_ID))
    # the paper's scenario has no price of its own: the preset is chosen
    head, cell = _cost_cell(compare(paper, price=PRESET), "Averaging", 2)
    until(lambda: table_cell(duo, COSTS.TABLE, "Averaging", head) == cell, timeout=TIMEOUT)
    # the page's path choice reaches the costs, as `compare --price ... --trajectory-path roadmap`
    duo.find_element(f"#{INPUTS.TRAJ_PATH} input[value=roadmap]").click()
    head, cell = _cost_cell(compare(paper, price=PRESET, trajectory_path="roadmap"), "Trajectory", 2)
    until(lambda: table_cell(duo, COSTS.TABLE, "Trajectory", head) == cell, timeout=TIMEOUT)
    # a discount rate moves the discounted columns to the engine's value
    set_number(duo, COSTS.RATE, "0.05")
    cmp = compare(paper, price=PRESET, trajectory_path="roadmap", discount_rate=0.05)
    head, cell = _cost_cell(cmp, "Averaging", 5)
    until(lambda: table_cell(duo, COSTS.TABLE, "Averaging", head) == cell, timeout=TIMEOUT)
    # a rate outside [0, 1] is refused with the engine's message
    set_number(duo, COSTS.RATE, "3")
    duo.wait_for_contains_text(f"#{COSTS.NOTE}", "discount", timeout=TIMEOUT)
    shot(duo, "costs", COSTS.TABLE)
    assert duo.get_logs() == []


def test_sensitivity_table_is_the_engines(dash_duo):
    require_browser()
    duo = start(dash_duo)
    paper = scenarios.scenario_of(scenarios.builtin_doc(scenarios.PAPER_ID))
    res = one_at_a_time(paper, relative=0.1, base="low")
    first = input_label(res.inputs[0].name, "en")
    delta = float(res.delta("averaging")[0])
    expected = format_range((delta, delta), 2)
    head = "change of the gap: Averaging"
    until(lambda: table_cell(duo, SENS.TABLE, first, head) == expected, timeout=TIMEOUT)
    duo.wait_for_element(f"#{SENS.FIG} .main-svg", timeout=TIMEOUT)
    # 20 % instead of 10 % for inputs given as one number
    set_number(duo, SENS.RELATIVE, "20")
    res = one_at_a_time(paper, relative=0.2, base="low")
    moved = next(i for i, inp in enumerate(res.inputs) if inp.origin == "perturbed")
    label = input_label(res.inputs[moved].name, "en")
    delta = float(res.delta("averaging")[moved])
    expected = format_range((delta, delta), 2)
    until(lambda: table_cell(duo, SENS.TABLE, label, head) == expected, timeout=TIMEOUT)
    shot(duo, "sensitivity", SENS.FIG)
    assert duo.get_logs() == []


def test_sensitivity_follows_the_pages_path_and_ndc_target(dash_duo):
    """The panel answers the page's question: as ``article6 sensitivity --trajectory-path
    roadmap --ndc-target stated``, not the paper's defaults."""
    require_browser()
    from article6.app.options import default_options
    from article6.app.panels.sensitivity import analysis

    duo = start(dash_duo)
    open_inputs(duo)
    duo.find_element(f"#{INPUTS.TRAJ_PATH} input[value=roadmap]").click()
    duo.find_element(f"#{INPUTS.NDC_TARGET} input[value=stated]").click()
    duo.find_element(f"#{SENS.METHOD} input[value=trajectory]").click()
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    chosen = default_options(doc) | {"path": "roadmap", "ndc_target": "stated"}
    res = analysis(doc, chosen, 10, "low")
    paper = one_at_a_time(scenarios.scenario_of(doc), relative=0.1, base="low")
    k = next(i for i, inp in enumerate(res.inputs) if inp.name == "trajectory:2030")
    delta = float(res.delta("trajectory")[k])
    expected = format_range((delta, delta), 2)
    # the page's choices change this cell: the check can fail
    assert expected != format_range((float(paper.delta("trajectory")[k]),) * 2, 2)
    label = input_label(res.inputs[k].name, "en")
    head = "change of the gap: Trajectory"
    until(lambda: table_cell(duo, SENS.TABLE, label, head) == expected, timeout=TIMEOUT)
    duo.wait_for_element(f"#{SENS.FIG} .main-svg", timeout=TIMEOUT)
    assert duo.get_logs() == []


def test_scenarios_side_by_side_with_differences_marked(dash_duo):
    require_browser()
    from article6.app.panels.side_by_side import ID as SIDE

    from article6.resources import builtin_scenarios

    duo = start(dash_duo)
    ids = sorted(builtin_scenarios())[:3]
    for sid in ids:
        duo.find_element(f"#{SIDE.PICK} input[value='{sid}']").click()
    duo.wait_for_element(f"#{SIDE.FIG} .main-svg", timeout=TIMEOUT)
    until(lambda: len(duo.driver.find_elements("css selector", f"#{SIDE.TABLES} .side-block")) == 3,
          timeout=TIMEOUT)
    blocks = duo.driver.find_elements("css selector", f"#{SIDE.TABLES} .side-block")
    for sid, block in zip(ids, blocks, strict=True):
        gap = compare(load_scenario(builtin_scenarios()[sid].path)).result.methods["averaging"].gap
        expected = format_range((float(gap[0]), float(gap[-1])), 1)
        assert builtin_scenarios()[sid].title in block.text
        row = next(r for r in block.find_elements("css selector", "tr") if "Averaging" in r.text)
        assert expected in row.text
    # the averaging gap differs between the 2018 roadmap and the 2021 NDC: highlighted
    marked = duo.driver.execute_script(
        "return [...arguments[0].querySelectorAll('td')].filter("
        "td => getComputedStyle(td).fontWeight === '600').length;", blocks[1])
    assert marked > 0
    first_marked = duo.driver.execute_script(
        "return [...arguments[0].querySelectorAll('td')].filter("
        "td => getComputedStyle(td).fontWeight === '600').length;", blocks[0])
    assert first_marked == 0
    shot(duo, "side-by-side", SIDE.TABLES)
    assert duo.get_logs() == []


def test_print_view_shows_inputs_choices_and_sources_and_makes_a_pdf(dash_duo):
    require_browser()
    import base64

    from article6.app.ids import ID as PAGE
    from article6.app.panels.report import ID as REPORT

    from article6.resources import builtin_scenarios

    duo = start(dash_duo, size=(794, 1123))  # A4 at 96 dpi
    open_inputs(duo)
    duo.find_element(f"#{INPUTS.TRAJ_PATH} input[value=roadmap]").click()
    until(lambda: "--trajectory-path roadmap" in duo.find_element(f"#{REPORT.SUMMARY}")
          .get_attribute("textContent"), timeout=TIMEOUT)
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    summary = duo.find_element(f"#{REPORT.SUMMARY}")
    assert summary.is_displayed()
    text = summary.text
    paper = builtin_scenarios()[scenarios.PAPER_ID]
    assert paper.title in text and "roadmap emissions path" in text
    assert all(s in text for s in scenarios.scenario_of(scenarios.builtin_doc(scenarios.PAPER_ID)).sources)
    # the controls are not printed; Table 4 is
    assert not duo.find_element(f"#{PAGE.INPUTS_PANEL}").is_displayed()
    assert not duo.find_element(f"#{REPORT.PRINT}").is_displayed()
    assert duo.find_element("#table4").is_displayed()
    width = duo.driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
    assert width[0] <= width[1]
    pdf = duo.driver.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True})
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert duo.get_logs() == []


def test_distribution_over_every_submitted_path(dash_duo):
    require_browser()
    from article6.app.panels.distribution import ID as DIST
    from article6.app.panels.distribution import QUICK_SAMPLES, SEED

    from article6 import sweep

    duo = start(dash_duo)
    duo.find_element(f"#{DIST.PATHS} input[value=all]").click()
    paper = scenarios.scenario_of(scenarios.builtin_doc(scenarios.PAPER_ID))
    ref = sweep.sweep_frame(paper, QUICK_SAMPLES, seed=SEED, design="lhs", paths="all")
    gaps = [c for c in ref.columns if c.endswith("_gap")]
    assert len(gaps) > 4

    def traces():
        return duo.driver.execute_script(
            "const g = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
            "return g && g.data ? g.data.map(t => [t.name, Math.max(...t.y)]) : [];", DIST.DIST_FIG)

    until(lambda: len(traces()) == len(gaps), timeout=TIMEOUT)
    # the roadmap path's largest gap is the engine's
    roadmap = next(t for t in traces() if "roadmap" in t[0])
    assert roadmap[1] == pytest.approx(float(ref["trajectory_roadmap_gap"].max()))
    assert duo.get_logs() == []
