"""The app's pandas-only modules: controls, links, uploads, tables, downloads.

Expected numbers are worked out by hand in comments, or come from independent
routes (the command line, the file itself), never copied from the engine.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from article6.app import downloads, figures, frames, i18n, links, scenarios, uploads
from article6.app import options as app_options
from article6.app.panels import distribution

from article6 import errors as E
from article6.schema.scenario import load_scenario, parse_scenario


def data_url(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode("ascii")


@pytest.fixture
def paper_doc():
    return scenarios.builtin_doc(scenarios.PAPER_ID)


@pytest.fixture
def paper_toml(paper_path):
    return paper_path.read_bytes()


# --------------------------------------------------------------------------- controls


def test_controls_round_trip_keeps_the_paper_scenario(paper_doc):
    c = scenarios.controls_from_doc(paper_doc)
    assert c["ets_share"] == [0.69, 0.69]
    assert c["trajectory"][3] == {"from": 2030, "to": 2030, "low": 574, "high": 608}
    sc = scenarios.scenario_of(scenarios.doc_from_controls(paper_doc, c))
    assert frames.is_paper_unchanged(sc)


def test_editing_a_control_changes_the_scenario(paper_doc):
    c = scenarios.controls_from_doc(paper_doc)
    c["ets_share"] = [0.6, 0.7]
    doc = scenarios.doc_from_controls(paper_doc, c)
    assert doc["ets"]["share"] == {"low": 0.6, "high": 0.7}
    sc = scenarios.scenario_of(doc)
    assert not frames.is_paper_unchanged(sc)
    assert sc.ets_share.low[0] == 0.6 and sc.ets_share.high[0] == 0.7


def test_no_ets_gives_hand_worked_table4(paper_doc):
    # ETS share 0 => no ETS offsets; ITMO use is only the 16 net overseas in 2030.
    # low bound: NE_T^enet = 574 - 22 = 552; NDC_T = 552 - 16 = 536; need = 552 - 536 = 16
    # cumulative usage = 16; averaging need = 10 x 16 = 160, gap = 160 - 16 = 144
    c = scenarios.controls_from_doc(paper_doc)
    c["ets_share"] = [0, 0]
    doc = scenarios.doc_from_controls(paper_doc, c)
    v = frames.view_model(doc, "low", exact=False, lang="en")
    t4 = v.table4.set_index("Method")
    assert t4.loc["Cumulative", "need (A)"] == "16.0"
    assert t4.loc["Cumulative", "usage (B)"] == "16.0"
    assert t4.loc["Averaging", "need (A)"] == "160.0"
    assert t4.loc["Averaging", "gap (A-B)"] == "144.0"
    assert "need (A) (paper)" not in t4.columns  # not the paper scenario any more


def test_out_of_range_edit_is_refused_with_the_engines_reason(paper_doc):
    c = scenarios.controls_from_doc(paper_doc)
    c["ets_share"] = [0.69, 1.5]
    with pytest.raises(E.ShareRangeError) as info:
        scenarios.scenario_of(scenarios.doc_from_controls(paper_doc, c))
    assert "ets.share" in str(info.value) and "[0, 1]" in str(info.value)
    assert scenarios.control_key(info.value) == "ets_share"


@pytest.mark.parametrize(
    "row, exc, key",
    [
        ({"low": -5, "high": 10}, E.NegativeEmissionError, "trajectory"),
        ({"low": 700, "high": 600}, E.RangeOrderError, "trajectory"),
        ({"low": None, "high": 600}, E.TypeMismatchError, "trajectory"),
    ],
)
def test_bad_trajectory_cells_are_refused(paper_doc, row, exc, key):
    c = scenarios.controls_from_doc(paper_doc)
    c["trajectory"][0].update(row)
    with pytest.raises(exc) as info:
        scenarios.scenario_of(scenarios.doc_from_controls(paper_doc, c))
    assert scenarios.control_key(info.value) == key


def test_split_rows_gives_one_row_per_year(paper_doc):
    rows = scenarios.split_rows(scenarios.controls_from_doc(paper_doc)["trajectory"])
    assert [r["from"] for r in rows] == list(range(2021, 2031))
    assert rows[4] == {"from": 2025, "to": 2025, "low": 648, "high": 661}
    # editing one year now changes only that year
    c = scenarios.controls_from_doc(paper_doc)
    c["trajectory"] = rows
    c["trajectory"][4]["high"] = 700
    sc = scenarios.scenario_of(scenarios.doc_from_controls(paper_doc, c))
    assert list(sc.trajectory.high[3:6]) == [661, 700, 661]


# --------------------------------------------------------------------------- links


def test_link_round_trip_restores_controls_and_view(paper_doc):
    state = links.default_state()
    state["controls"]["ets_share"] = [0.6, 0.65]
    state["controls"]["trajectory"][1]["high"] = 665.5
    state["view"] = {"bound": "high", "rounding": "exact", "lang": "ko"}
    q = links.encode_query(state)
    assert "ets_share=0.6~0.65" in q and "bound=high" in q and "lang=ko" in q
    back = links.decode_query(q)
    assert back["controls"]["ets_share"] == [0.6, 0.65]
    assert back["controls"]["trajectory"][1]["high"] == 665.5
    assert back["view"] == state["view"]
    assert back["scenario"] == scenarios.PAPER_ID


def test_link_of_an_uploaded_scenario_carries_the_document(paper_doc):
    doc = dict(paper_doc)
    doc["scenario"] = {**doc["scenario"], "id": "my-upload", "title": "mine"}
    state = {
        "scenario": None,
        "base": doc,
        "controls": scenarios.controls_from_doc(doc),
        "view": dict(scenarios.VIEW_DEFAULTS),
    }
    back = links.decode_query(links.encode_query(state))
    assert back["scenario"] is None
    assert back["base"]["scenario"]["title"] == "mine"


@pytest.mark.parametrize(
    "query, key",
    [
        ("?ets_share=abc", "ets_share"),
        ("?bound=middle", "bound"),
        ("?trajectory=2021:600", "trajectory"),
        ("?scenario=nope", "scenario"),
        ("?doc=!!!", "doc"),
    ],
)
def test_bad_links_name_the_parameter(query, key):
    with pytest.raises(E.OptionError) as info:
        links.decode_query(query)
    assert info.value.key == key


def test_empty_link_is_the_default_view():
    s = links.decode_query("")
    assert s["scenario"] == scenarios.PAPER_ID and s["view"] == scenarios.VIEW_DEFAULTS


# --------------------------------------------------------------------------- uploads


def test_toml_upload_keeps_title_text_literally(paper_toml, paper_doc):
    text = paper_toml.decode("utf-8").replace(
        'title = "Korea, 2018', 'title = "<script>alert(1)</script> Korea, 2018'
    )
    doc = uploads.doc_from_upload(data_url(text.encode("utf-8")), "mine.toml", paper_doc)
    assert doc["scenario"]["title"].startswith("<script>alert(1)</script>")


def test_upload_over_1_mb_is_refused(paper_toml, paper_doc):
    big = paper_toml + b"#" * 1_000_001
    with pytest.raises(E.ScenarioError) as info:
        uploads.doc_from_upload(data_url(big), "big.toml", paper_doc)
    assert "big.toml" in str(info.value) and "1,000,000 bytes" in str(info.value)


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("latin1.toml", b"title = '\xe9'\n", "UTF-8"),
        ("broken.toml", b"[scenario\nid = 1", "valid TOML"),
        ("latin1.csv", b"year,trajectory\n2021,\xe9\n", "UTF-8"),
    ],
)
def test_unreadable_uploads_are_refused(paper_doc, name, data, expected):
    with pytest.raises(E.ScenarioError) as info:
        uploads.doc_from_upload(data_url(data), name, paper_doc)
    assert name in str(info.value) and expected in str(info.value)


def test_invalid_toml_per_contract_is_refused(paper_toml, paper_doc):
    bad = paper_toml.replace(b"share = 0.69", b"share = 1.5")
    with pytest.raises(E.ShareRangeError) as info:
        uploads.doc_from_upload(data_url(bad), "bad.toml", paper_doc)
    assert "bad.toml: ets.share" in str(info.value)


def test_csv_upload_gives_per_year_values(paper_doc):
    csv = (b"year,trajectory_low,trajectory_high,ets_share\n"
           b"2021,600,610,0.5\n2022,590,600,0.5\n2023,580,590,0.4\n")
    doc = uploads.doc_from_upload(data_url(csv), "years.csv", paper_doc)
    sc = scenarios.scenario_of(doc)
    assert sc.years == (2021, 2022, 2023)
    assert list(sc.trajectory.low) == [600, 590, 580]
    assert list(sc.trajectory.high) == [610, 600, 590]
    assert list(sc.ets_share.low) == [0.5, 0.5, 0.4]
    # the inputs the CSV does not give stay as they were (sink 22)
    assert list(sc.sink.low) == [22, 22, 22]
    # per-year shares are not a low/high pair: the control is marked as such
    assert scenarios.controls_from_doc(doc)["per_year"] == ["ets_share"]


@pytest.mark.parametrize(
    "csv, exc, key",
    [
        (b"yr,trajectory\n2021,600\n", E.UnknownKeyError, "yr"),
        (b"trajectory\n600\n", E.MissingKeyError, "year"),
        (b"year,trajectory\ntwenty,600\n", E.YearError, "year (row 2)"),
        (b"year,ets_share\n2021,0.5\n", E.MissingKeyError, "trajectory_low"),
        (b"year,trajectory_low\n2021,600\n", E.MissingKeyError, "trajectory_high"),
    ],
)
def test_bad_csv_names_the_column(paper_doc, csv, exc, key):
    with pytest.raises(exc) as info:
        uploads.doc_from_upload(data_url(csv), "bad.csv", paper_doc)
    assert info.value.key == key


def test_csv_values_are_checked_by_the_engine(paper_doc):
    csv = b"year,trajectory\n2021,600\n2022,lots\n"
    with pytest.raises(E.TypeMismatchError) as info:
        uploads.doc_from_upload(data_url(csv), "text.csv", paper_doc)
    assert "trajectory.values.2022" in str(info.value)
    gap = b"year,trajectory\n2021,600\n2023,580\n"
    with pytest.raises(E.YearError):
        uploads.doc_from_upload(data_url(gap), "gap.csv", paper_doc)


# --------------------------------------------------------------------------- tables and figures


def test_paper_values_shown_beside_cells_for_the_unchanged_paper(paper):
    v = frames.view_model(scenarios.builtin_doc(scenarios.PAPER_ID), "both", False, "en")
    t4 = v.table4.set_index("Method")
    # Table 4 as printed in the paper (p. 172): cumulative need 35.8~37.0, averaging 358.0~370.0
    assert t4.loc["Cumulative", "need (A) (paper)"] == "35.8~37.0"
    assert t4.loc["Averaging", "need (A) (paper)"] == "358.0~370.0"
    assert t4.loc["Vintage", "gap (A-B) (paper)"] == "0.0"
    t3 = v.table3.set_index("Row")
    assert t3.iloc[0]["2021~2023 (paper)"] == "671~673"


def test_korean_labels(paper):
    v = frames.view_model(scenarios.builtin_doc(scenarios.PAPER_ID), "both", False, "ko")
    assert list(v.table4["방식"]) == ["누적방식", "발행연도 방식", "평균방식", "경로방식"]
    assert v.table3["항목"].iloc[0].startswith("배출경로")


def test_single_bound_tables_show_one_figure(paper):
    v = frames.view_model(scenarios.builtin_doc(scenarios.PAPER_ID), "high", False, "en")
    t4 = v.table4.set_index("Method")
    # high bound, cumulative need: 608 + 608 x 0.0345 - 22 - 536... by eq. (10):
    # NE_T^enet = 608 + 20.976 - 22 = 606.976; NDC_T = 606.976 - (20.976 + 16) = 570 => need 36.976
    assert t4.loc["Cumulative", "need (A)"] == "37.0"
    assert "~" not in t4.loc["Averaging", "need (A)"]


def test_exact_switch(paper):
    v = frames.view_model(scenarios.builtin_doc(scenarios.PAPER_ID), "both", True, "en")
    assert v.table4.set_index("Method").loc["Cumulative", "need (A)"] == "35.803~36.976"


def test_annual_and_balance_frames(paper):
    v = frames.view_model(scenarios.builtin_doc(scenarios.PAPER_ID), "both", False, "en")
    a = v.annual.set_index(["bound", "year"])
    # net overseas is an input: 16 in 2030, 0 before
    assert a.loc[("low", 2030), "net_overseas"] == 16 and a.loc[("high", 2029), "net_overseas"] == 0
    # 2021 low: ETS offsets 671 x 0.69 x 0.05 = 23.1495
    assert a.loc[("low", 2021), "ets_offsets"] == pytest.approx(23.1495)
    b = v.balance.set_index(["method", "bound", "year"])["balance"]
    # low bound, 2030, cumulative: 571.803 - 236.6965 = 335.1065 (see test_balance_view)
    assert b[("cumulative", "low", 2030)] == pytest.approx(335.1065)
    assert v.adopted == {
        "cumulative": False,
        "vintage": False,
        "averaging": True,
        "trajectory": True,
    }


def test_figures_place_engine_values(paper):
    v = frames.view_model(scenarios.builtin_doc(scenarios.PAPER_ID), "both", False, "en")
    use = figures.use_figure(v.annual, v.unit, "en")
    bars = [t for t in use["data"] if t["type"] == "bar"]
    assert len(bars) == 4  # two series x two bounds
    assert bars[0]["y"][0] == pytest.approx(23.1495)
    m = figures.methods_figure(v.methods, v.adopted, v.unit, "en")
    need = m["data"][0]
    # Cumulative need interval 35.803 .. 36.976 drawn between the two engine values
    assert need["x"][:2] == pytest.approx([35.803, 36.976])
    assert need["y"][0] == "Cumulative *"
    # the asterisk is explained under the figure, in the page's words
    assert "2/CMA.3" in i18n.t("methods_fig_note", "en") and "2/CMA.3" in i18n.t("methods_fig_note", "ko")
    # need drawn wide and translucent, usage thin on top: both visible where they coincide
    usage = m["data"][1]
    assert need["line"]["width"] > usage["line"]["width"] and need["opacity"] < 1
    bal = figures.balance_figure(v.balance, v.annual, v.unit, "ko")
    assert any(t["name"].startswith("누적방식") for t in bal["data"])


def test_distribution_figure_from_a_frame():
    frame = pd.DataFrame({"averaging_gap": [1.0, 2.0, 3.0], "vintage_gap": [0.0, 0.0, 0.0]})
    fig = figures.distribution_figure(frame, ["averaging", "vintage"], "Mt CO2e", "en")
    assert [t["name"] for t in fig["data"]] == ["Averaging", "Vintage"]
    assert fig["data"][0]["y"] == [1.0, 2.0, 3.0]


# --------------------------------------------------------------------------- downloads


def test_json_download_is_exactly_compare_json(paper_path):
    cli = subprocess.run(
        [sys.executable, "-m", "article6.cli", "compare", str(paper_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    got = downloads.download("json", doc)
    assert got["filename"] == "kor-2018-roadmap.json"
    assert got["content"] == cli.stdout


def test_csv_download_is_the_compare_document_long(paper_path):
    sc = load_scenario(paper_path)
    df = pd.read_csv(
        io.StringIO(downloads.download("csv", scenarios.builtin_doc(scenarios.PAPER_ID))["content"])
    )
    # 2 bounds x (7 rows x 10 years + 4 methods x 3 measures) = 2 x 82
    assert len(df) == 164
    # each number in its shortest exact form: it reads back as the same float, no float noise
    text = downloads.download("csv", scenarios.builtin_doc(scenarios.PAPER_ID))["content"]
    fields = [line.rsplit(",", 1)[1] for line in text.splitlines()[1:]]
    assert all(f == repr(float(f)) for f in fields)
    assert not any("e-1" in f or "9999999" in f or "0000000" in f for f in fields)
    # within 1e-9 of the unit of compare --json's unrounded numbers
    ref = load_scenario(paper_path)
    from article6.analyses.compare import compare

    doc = compare(ref).document
    got = df[(df.variable == "vintage_gap")]["value"].tolist()
    assert got == [0.0, 0.0]
    assert abs(doc["bounds"]["low"]["methods"]["vintage"]["gap"]) < 1e-9
    assert set(df["unit"]) == {sc.unit}
    cum = df[(df.variable == "cumulative_need") & (df.bound == "high")]["value"].item()
    assert cum == pytest.approx(36.976)  # 608 x 1.0345 - 22 - 570, see the high-bound test


def test_excel_download_opens_with_the_tables():
    import openpyxl

    got = downloads.download("xlsx", scenarios.builtin_doc(scenarios.PAPER_ID))
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(got["content"])))
    assert {"Table 3", "Table 4", "values", "scenario"} <= set(wb.sheetnames)
    ws = wb["Table 4"]
    heads = [c.value for c in ws[1]]
    assert heads[:3] == ["method", "need (A), low bound", "need (A), high bound"]
    # numbers a spreadsheet can add up, not text such as "35.8~37.0"
    assert ws["A2"].value == "Cumulative"
    assert isinstance(ws["B2"].value, float) and isinstance(ws["C2"].value, float)
    assert ws["C2"].value == pytest.approx(36.976)  # 608 x 1.0345 - 22 - 570, as above
    assert round(ws["B2"].value, 1) == 35.8  # the paper prints 35.8~37.0
    assert [ws.cell(row=r, column=len(heads)).value for r in (2, 3, 4, 5)] == [False, False, True, True]
    t3 = wb["Table 3"]
    assert [c.value for c in t3[1]] == ["row", "year", "low bound", "high bound"]
    assert (t3["A2"].value, t3["B2"].value, t3["C2"].value, t3["D2"].value) == ("trajectory", 2021, 671, 673)


def test_toml_download_round_trips(paper_doc):
    c = scenarios.controls_from_doc(paper_doc)
    c["sink"] = [20, 24]
    doc = scenarios.doc_from_controls(paper_doc, c)
    text = downloads.download("toml", doc)["content"]
    sc = parse_scenario(text, "downloaded.toml")
    assert list(sc.sink.low[:1]) == [20] and list(sc.sink.high[:1]) == [24]
    assert sc.title == paper_doc["scenario"]["title"]
    np.testing.assert_array_equal(sc.trajectory.high, scenarios.scenario_of(paper_doc).trajectory.high)


def test_i18n_has_both_languages_for_every_key():
    for key, entry in i18n.TEXT.items():
        assert set(entry) == {"en", "ko"}, key
    from article6.model.methods import METHODS

    # the pros and cons travel with the method objects (article6/model/method_texts.py)
    texts = {n: m.texts for n, m in METHODS.items() if m.texts}
    assert set(texts) == {"cumulative", "vintage", "averaging", "trajectory"}
    assert all(set(t) == {"en", "ko"} for t in texts.values())
    assert json.dumps(texts, ensure_ascii=False).count("2/CMA.3") >= 2


def test_json_download_of_an_edited_scenario(paper_doc):
    # ETS share 0: cumulative need at the low bound is 574 - 22 - 536 = 16 (hand-worked above)
    c = scenarios.controls_from_doc(paper_doc)
    c["ets_share"] = [0, 0]
    out = json.loads(downloads.download("json", scenarios.doc_from_controls(paper_doc, c))["content"])
    assert out["bounds"]["low"]["methods"]["cumulative"]["need"] == pytest.approx(16.0)
    assert out["bounds"]["low"]["methods"]["averaging"]["gap"] == pytest.approx(144.0)


def test_distribution_runs_the_sweep_engine(paper_doc):
    frame, names, unit, ranged = distribution.distribution(paper_doc, samples=200)
    assert len(frame) == 200 and unit == "Mt CO2e" and ranged
    assert distribution.note(200, ranged, "en") == "N = 200 LHS"
    assert names == ["cumulative", "vintage", "averaging", "trajectory"]
    # with the derived NDC path (eq. 8 at equality) vintage need equals its usage: gap 0 everywhere
    np.testing.assert_allclose(frame["vintage_gap"], 0.0, atol=1e-9)
    # the ETS share is fixed at 0.69 in the paper scenario; trajectories vary by block, so the
    # averaging gap spreads
    assert frame["averaging_gap"].std() > 0


def test_distribution_follows_the_path_choice(paper_doc):
    from article6.model.paths import path_method_name

    opts = {"path": "roadmap", "netting": "budget", "ndc_target": "derived"}
    frame, names, _, _ = distribution.distribution(paper_doc, samples=200, options=opts)
    name = path_method_name("roadmap", "budget")
    assert names[:4] == ["cumulative", "vintage", "averaging", "trajectory"] and name in names
    # roadmap path, years netted: gap = -(n x sink) - ITMO_T^net = -(10 x 22) - 16 = -236 whatever
    # the trajectory draw (the ETS offsets cancel between need and usage)
    np.testing.assert_allclose(frame[f"{name}_gap"], -236.0, atol=1e-9)


# ------------------------------------------------------------------ method options

#: The paper scenario's low bound, worked by hand (Table 2 inputs; ETS offsets are
#: Trajectory x 0.69 x 0.05 = Trajectory x 0.0345; sink 22 every year; usage B = 236.6965, Table 4):
#:   NE_i^enet = 1.0345 x Trajectory_i - 22 = 672.1495 (2021-23), 648.356 (2024-26),
#:   621.459 (2027-29), 571.803 (2030).
#: Roadmap path (path_i = Trajectory_i), annual netting: excess = 0.0345 x Trajectory_i - 22,
#:   3 x (23.1495 - 22) + 3 x (22.356 - 22) + 0 (21.459 < 22) + 0 (19.803 < 22) = 4.5165,
#:   so the trajectory gap is 4.5165 - 236.6965 = -232.18.
ROADMAP_LOW_NEED = 4.5165
ROADMAP_LOW_GAP = -232.18


def _with_path(doc, value=650.0, netting="budget"):
    out = json.loads(json.dumps(doc))
    out["path"] = {"values": {str(y): value for y in range(2021, 2031)}, "netting": netting,
                   "sources": ["test: a flat submitted path"]}
    return out


def _cli_json(path, flags):
    return subprocess.run(
        [sys.executable, "-m", "article6.cli", "compare", str(path), "--json", *flags],
        capture_output=True, text=True, check=True,
    ).stdout


def test_link_round_trip_restores_the_method_options():
    state = links.default_state()
    assert state["options"] == {"path": "derived", "netting": "annual", "ndc_target": "derived"}
    assert "path=" not in links.encode_query(state)  # the defaults stay out of the link
    state["options"] = {"path": "linear", "netting": "budget", "ndc_target": "stated"}
    q = links.encode_query(state)
    assert "path=linear" in q and "netting=budget" in q and "ndc_target=stated" in q
    back = links.decode_query(q)
    assert back["options"] == state["options"]
    # a link without options opens with the file's defaults
    assert links.decode_query("?scenario=kor-2018-roadmap")["options"]["path"] == "derived"


@pytest.mark.parametrize(
    "query, key",
    [("?path=zigzag", "path"), ("?path=user", "path"), ("?netting=weekly", "netting"),
     ("?ndc_target=wished", "ndc_target")],
)
def test_bad_option_links_name_the_parameter(query, key):
    # ``user`` needs a [path] table, which the paper scenario does not have
    with pytest.raises(E.OptionError) as info:
        links.decode_query(query)
    assert info.value.key == key


def test_roadmap_path_matches_compare_and_the_hand_worked_gap(paper_doc, paper):
    from article6.analyses.compare import compare

    v = frames.view_model(paper_doc, "low", True, "en", {"path": "roadmap"})
    t4 = v.table4.set_index("Method")
    assert float(t4.loc["Trajectory", "need (A)"]) == pytest.approx(ROADMAP_LOW_NEED)
    assert float(t4.loc["Trajectory", "gap (A-B)"]) == pytest.approx(ROADMAP_LOW_GAP)
    # the app's cells, both bounds, are compare(..., trajectory_path='roadmap') formatted
    from article6.io.tables import format_range

    ref = compare(paper, trajectory_path="roadmap").result.methods["trajectory"]
    both = frames.view_model(paper_doc, "both", False, "en", {"path": "roadmap"})
    cell = both.table4.set_index("Method").loc["Trajectory", "gap (A-B)"]
    assert cell == format_range((float(ref.gap[0]), float(ref.gap[1])), 1)
    # the other methods do not depend on the submitted path
    default = frames.view_model(paper_doc, "both", False, "en")
    for m in ("Cumulative", "Vintage", "Averaging"):
        assert default.table4.set_index("Method").loc[m, "gap (A-B)"] == \
            both.table4.set_index("Method").loc[m, "gap (A-B)"]
    # the paper's printed values are not shown beside a choice the paper did not make
    assert "gap (A-B) (paper)" not in both.table4.columns
    assert v.command == "article6 compare kor-2018-roadmap.toml --json --trajectory-path roadmap"


def test_paths_table_lists_every_choice_and_marks_the_one_applied(paper_doc):
    v = frames.view_model(paper_doc, "low", True, "en", {"path": "roadmap"})
    rows = v.paths.set_index("Submitted path · netting")
    assert len(rows) == 6  # derived, roadmap, linear x annual, budget (no [path] table)
    marked = [r for r in rows.index if r.startswith("▶ ")]
    assert marked == ["▶ roadmap emissions path · annual"]
    assert float(rows.loc[marked[0], "gap (A-B)"]) == pytest.approx(ROADMAP_LOW_GAP)
    # derived path, annual: the paper's construction, need = usage, gap 0 (footnote 13)
    assert rows.loc["derived NDC path (paper) · annual", "gap (A-B)"] == "0"
    ko = frames.view_model(paper_doc, "both", False, "ko")
    assert ko.paths.columns[0] == "제출 경로 · 처리" and ko.paths.iloc[0, 0].startswith("▶ ")


def test_user_path_is_the_default_when_the_file_has_one(paper_doc, tmp_path):
    # flat path of 650 every year, budget netting (low bound, NE_i^enet as worked above):
    #   sum NE = 3 x 672.1495 + 3 x 648.356 + 3 x 621.459 + 571.803 = 6397.6965 < 10 x 650
    #   => budget need max(6397.6965 - 6500, 0) = 0;
    #   annual need: only 2021-23 exceed 650, 3 x 22.1495 = 66.4485.
    doc = _with_path(paper_doc)
    assert app_options.option_choices(doc)["path"][-1] == "user"
    assert app_options.default_options(doc) == {"path": "user", "netting": "budget",
                                          "ndc_target": "derived"}
    v = frames.view_model(doc, "low", True, "en")
    assert float(v.table4.set_index("Method").loc["Trajectory", "need (A)"]) == 0.0
    assert app_options.cli_flags(doc, None) == []
    annual = {"path": "user", "netting": "annual", "ndc_target": "derived"}
    v = frames.view_model(doc, "low", True, "en", annual)
    assert float(v.table4.set_index("Method").loc["Trajectory", "need (A)"]) == \
        pytest.approx(66.4485)
    assert app_options.cli_flags(doc, annual) == ["--netting", "annual"]
    # choosing derived on such a file is an explicit flag (the command's default is the file's)
    derived = {"path": "derived", "netting": "annual", "ndc_target": "derived"}
    assert app_options.cli_flags(doc, derived) == ["--trajectory-path", "derived"]
    # and the JSON download is the command's output with those flags on the TOML download
    f = tmp_path / "with-path.toml"
    f.write_text(downloads.download("toml", doc)["content"], encoding="utf-8")
    for opts in (None, annual, derived):
        assert downloads.download("json", doc, opts)["content"] == \
            _cli_json(f, app_options.cli_flags(doc, opts))


@pytest.mark.parametrize(
    "options, flags",
    [
        ({"path": "roadmap"}, ["--trajectory-path", "roadmap"]),
        ({"path": "linear", "netting": "budget"},
         ["--trajectory-path", "linear", "--netting", "budget"]),
        ({"ndc_target": "stated"}, ["--ndc-target", "stated"]),
        ({"path": "derived", "netting": "annual", "ndc_target": "derived"}, []),
    ],
)
def test_json_download_equals_the_command_with_the_same_flags(paper_path, options, flags):
    doc = scenarios.builtin_doc(scenarios.PAPER_ID)
    assert app_options.cli_flags(doc, options) == flags
    got = downloads.download("json", doc, options)["content"]
    assert got == _cli_json(paper_path, flags)
    out = json.loads(got)
    if flags:  # the choices travel in the document, as compare prints them
        assert out["trajectory_path"] == app_options.clean_options(doc, options)["path"]
        assert out["ndc_target_mode"] == app_options.clean_options(doc, options)["ndc_target"]


def test_csv_and_excel_follow_the_options(paper_doc):
    import openpyxl

    df = pd.read_csv(io.StringIO(downloads.download("csv", paper_doc, {"path": "roadmap"})["content"]))
    need = df[(df.variable == "trajectory_need") & (df.bound == "low")]["value"].item()
    assert need == pytest.approx(ROADMAP_LOW_NEED)
    got = downloads.download("xlsx", paper_doc, {"path": "roadmap"})
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(got["content"])))
    assert "Trajectory paths" in wb.sheetnames
    meta = {r[0]: r[1] for r in wb["scenario"].iter_rows(min_row=2, values_only=True)}
    assert meta["trajectory_path"] == "roadmap" and meta["command flags"] == "--trajectory-path roadmap"
    assert meta["choices given"] == "trajectory_path=roadmap"


def test_stated_target_without_a_target_is_refused_by_the_engine(paper_doc):
    from article6.app.state import problem as _problem

    c = scenarios.controls_from_doc(paper_doc)
    c["target"] = None
    edited = scenarios.doc_from_controls(paper_doc, c)
    assert _problem(edited, app_options.default_options(edited)) is None
    where, exc = _problem(edited, {"path": "derived", "netting": "annual",
                                   "ndc_target": "stated"})
    assert where == "options" and isinstance(exc, E.OptionError) and exc.key == "ndc.target"


def test_options_carry_over_to_a_new_scenario(paper_doc):
    with_path = _with_path(paper_doc)
    defaults = app_options.default_options(paper_doc)
    # defaults follow the new file: its [path] is used, as on the command line
    assert app_options.carry_options(paper_doc, defaults, with_path)["path"] == "user"
    # an explicit choice stays
    chosen = {**defaults, "path": "roadmap", "ndc_target": "stated"}
    assert app_options.carry_options(paper_doc, chosen, with_path) == {
        "path": "roadmap", "netting": "budget", "ndc_target": "stated"}
    # a choice the new file cannot take falls back to its default
    user = app_options.default_options(with_path) | {"netting": "annual"}
    assert app_options.carry_options(with_path, user, paper_doc)["path"] == "derived"


def test_table4_marks_the_methods_2_cma_3_no_longer_allows(paper_doc):
    # decision 2/CMA.3, annex, para 7(a): averaging and the trajectory (or budget) for
    # single-year NDCs; the 2019 cumulative and vintage options are not in it
    for lang, mark in (("en", "† not in 2/CMA.3"), ("ko", "† 2/CMA.3에서 불허")):
        v = frames.view_model(paper_doc, "both", False, lang)
        t4 = v.table4.set_index(v.table4.columns[0])
        col = t4["2/CMA.3"]
        assert [col.iloc[i].startswith("†") for i in range(4)] == [True, True, False, False]
        assert col.iloc[0] == mark


def test_upload_with_a_bad_path_table_is_refused_naming_the_file(paper_doc):
    from article6.app.state import step

    view = {"bound": "both", "rounding": "paper", "lang": "en"}
    base = {"scenario": scenarios.PAPER_ID, "base": paper_doc, "per_year": []}
    values = [0.69, 0.69, 0.05, 0.05, 22, 22, 16, 16, 536]
    good = _with_path(paper_doc)
    state, echo, message = step(
        "upload", "", None, data_url(uploads.toml_text(good).encode()), "mine.toml", values, [],
        view, base, None, app_options.default_options(paper_doc),
    )
    assert echo and state["options"]["path"] == "user"  # the file's [path], as the command does
    bad = _with_path(paper_doc)
    bad["path"]["values"]["2025"] = -5.0
    state, echo, message = step(
        "upload", "", None, data_url(uploads.toml_text(bad).encode()), "bad.toml", values, [],
        view, base, None, None,
    )
    assert state is None and "bad.toml" in message and "path.values.2025" in message


@pytest.mark.parametrize("path", sorted((Path(__file__).parent / "bad_inputs").glob("*.toml")),
                         ids=lambda p: p.name)
def test_every_bad_input_message_has_a_korean_expectation(path):
    from article6.app.errors_ko import expected_ko

    with pytest.raises(E.InputError) as info:
        load_scenario(path)
    assert expected_ko(info.value.expected) is not None, info.value.expected
    text = i18n.error_text(info.value, "ko")
    assert path.name in text and info.value.key in text and "필요한 값은" in text
