"""English and Korean labels for the app; English is the default.

Method names come from the engine's registry (``label_en`` / ``label_ko``:
누적방식, 발행연도 방식, 평균방식, 경로방식); everything else is here. The
pros and cons of each method summarise Park & Oh (2020), sections 4.2-4.3 and
5, in the project's own words.
"""

from __future__ import annotations

from article6.methods import METHODS

LANGS = ("en", "ko")

#: UI strings: key -> {lang: text}.
TEXT: dict[str, dict[str, str]] = {
    "title": {
        "en": "Corresponding adjustments of ITMOs: compare the methods",
        "ko": "ITMO 상응조정: 방식별 비교",
    },
    "subtitle": {
        "en": "Park & Oh (2020) model; every number is computed by the article6 engine.",
        "ko": "Park & Oh (2020) 모형; 모든 수치는 article6 엔진이 계산합니다.",
    },
    "inputs": {"en": "Inputs", "ko": "입력값"},
    "scenario": {"en": "Built-in scenario", "ko": "기본 시나리오"},
    "upload": {
        "en": "Upload a scenario (TOML, or CSV of per-year values; at most 1 MB)",
        "ko": "시나리오 올리기 (TOML 또는 연도별 CSV, 1 MB 이하)",
    },
    "upload_button": {
        "en": "Drop a file here or click to choose",
        "ko": "파일을 끌어다 놓거나 클릭하여 선택",
    },
    "reset": {"en": "Reset to the file's values", "ko": "파일 값으로 되돌리기"},
    "split": {"en": "One row per year", "ko": "연도별로 나누기"},
    "ets_share": {
        "en": "ETS share of national emissions, ETS_i^r (low / high)",
        "ko": "국가 배출량 중 ETS 비중, ETS_i^r (하한 / 상한)",
    },
    "offset_limit": {
        "en": "Overseas offset limit, Offset_i^r (low / high)",
        "ko": "국외 상쇄 한도, Offset_i^r (하한 / 상한)",
    },
    "sink": {
        "en": "Sink per year, Sink_i^e (low / high)",
        "ko": "연간 흡수원, Sink_i^e (하한 / 상한)",
    },
    "net_overseas": {
        "en": "Net overseas ITMOs in the target year, ITMO_T^net (low / high)",
        "ko": "목표연도 순 국외감축분, ITMO_T^net (하한 / 상한)",
    },
    "target": {
        "en": "Stated NDC target NDC_T^e (used when the NDC target below is 'stated')",
        "ko": "공식 NDC 목표배출량 NDC_T^e (아래 NDC 목표가 '공식 목표'일 때 사용)",
    },
    "trajectory": {
        "en": "Emissions trajectory Trajectory_i^e by block or year",
        "ko": "블록 또는 연도별 배출경로 Trajectory_i^e",
    },
    "bound": {"en": "Bound shown", "ko": "표시할 범위"},
    "both": {"en": "both (low~high)", "ko": "둘 다 (하한~상한)"},
    "low": {"en": "low", "ko": "하한"},
    "high": {"en": "high", "ko": "상한"},
    "rounding": {"en": "Numbers", "ko": "수치"},
    "paper_rounding": {"en": "as the paper prints them", "ko": "논문 표기(반올림)"},
    "exact": {"en": "exact", "ko": "정확한 값"},
    "language": {"en": "Language", "ko": "언어"},
    "table4": {
        "en": "Table 4. ITMOs needed and expected usage by method",
        "ko": "표 4. 상응조정 방식별 ITMO 필요량과 예상 사용량",
    },
    "table3": {"en": "Table 3. National yearly emissions", "ko": "표 3. 연도별 국가 배출량"},
    "use_fig": {"en": "Annual ITMO use", "ko": "연도별 ITMO 사용량"},
    "methods_fig": {
        "en": "Need (A) against usage (B), and the gap",
        "ko": "필요량 (A)와 예상 사용량 (B), 차이",
    },
    "balance_fig": {
        "en": "Accounting balance: emissions after the adjustment",
        "ko": "상응조정 후 배출량 (회계 잔액)",
    },
    "dist_fig": {
        "en": "Distribution of each method's gap over the scenario's ranges",
        "ko": "시나리오 범위에 걸친 방식별 차이의 분포",
    },
    "dist_run": {"en": "Compute the distribution", "ko": "분포 계산"},
    "pros_cons": {
        "en": "What each method means (paper section 4.3)",
        "ko": "방식별 특징 (논문 4.3절)",
    },
    "downloads": {"en": "Downloads and sharing", "ko": "내려받기와 공유"},
    "share_link": {
        "en": "Link to this view (copy and send):",
        "ko": "현재 화면 링크 (복사하여 공유):",
    },
    "dl_csv": {"en": "Results (CSV)", "ko": "결과 (CSV)"},
    "dl_xlsx": {"en": "Results (Excel)", "ko": "결과 (Excel)"},
    "dl_json": {"en": "Results (JSON, as compare --json)", "ko": "결과 (JSON, compare --json)"},
    "dl_toml": {"en": "Edited scenario (TOML)", "ko": "수정한 시나리오 (TOML)"},
    "method": {"en": "Method", "ko": "방식"},
    "row": {"en": "Row", "ko": "항목"},
    "paper_printed": {"en": "paper", "ko": "논문"},
    "not_adopted": {
        "en": "not available for single-year NDCs under decision 2/CMA.3",
        "ko": "결정문 2/CMA.3에서 단일년도 NDC에 허용되지 않음",
    },
    "adopted": {"en": "available under decision 2/CMA.3", "ko": "결정문 2/CMA.3에서 허용"},
    "year": {"en": "Year", "ko": "연도"},
    "need": {"en": "need (A)", "ko": "필요량 (A)"},
    "usage": {"en": "usage (B)", "ko": "예상 사용량 (B)"},
    "gap": {"en": "gap (A-B)", "ko": "차이 (A-B)"},
    "ets_offsets": {"en": "ETS offsets ITMO_i^ets", "ko": "ETS 국외감축분 ITMO_i^ets"},
    "net_overseas_bar": {"en": "net overseas ITMO_T^net", "ko": "순 국외감축분 ITMO_T^net"},
    "trajectory_line": {"en": "trajectory", "ko": "배출경로"},
    "national_net_line": {"en": "national net emissions", "ko": "국가 순배출량"},
    "ndc_line": {"en": "NDC path NDC_i^e", "ko": "NDC 목표배출 경로 NDC_i^e"},
    "itmo_axis": {"en": "ITMOs", "ko": "ITMO"},
    "emissions_axis": {"en": "emissions", "ko": "배출량"},
    "unit": {"en": "Unit", "ko": "단위"},
    "sources": {"en": "Sources", "ko": "출처"},
    "ok": {"en": "Scenario valid.", "ko": "시나리오가 유효합니다."},
    "refused": {"en": "Refused, previous values kept:", "ko": "거부됨, 이전 값 유지:"},
    "loaded": {"en": "Loaded", "ko": "불러옴"},
    "pros": {"en": "For", "ko": "장점"},
    "cons": {"en": "Against", "ko": "단점"},
    "samples": {"en": "samples", "ko": "표본"},
    "options": {
        "en": "Trajectory method and NDC target",
        "ko": "경로방식과 NDC 목표",
    },
    "path_choice": {"en": "Submitted trajectory", "ko": "제출하는 배출경로"},
    "netting_choice": {"en": "Years above and below the path", "ko": "경로 초과·미달 연도 처리"},
    "ndc_target_choice": {"en": "NDC target NDC_T^e", "ko": "NDC 목표배출량 NDC_T^e"},
    "path_derived": {"en": "derived NDC path (paper)", "ko": "도출한 NDC 경로 (논문)"},
    "path_roadmap": {"en": "roadmap emissions path", "ko": "로드맵 배출경로"},
    "path_linear": {"en": "straight line to NDC_T", "ko": "NDC_T까지 직선 경로"},
    "path_user": {"en": "the file's [path]", "ko": "파일의 [path] 경로"},
    "netting_annual": {"en": "annual", "ko": "연도별"},
    "netting_budget": {"en": "budget", "ko": "배출예산"},
    "ndc_derived": {"en": "derived, eq. (8-1) (Table 3)", "ko": "도출값, 식 (8-1) (표 3)"},
    "ndc_stated": {"en": "stated ([ndc] target)", "ko": "공식 목표 ([ndc] target)"},
    "options_help": {
        "en": "The paper evaluates the trajectory method against its own derived NDC path, "
        "which makes the gap zero by construction (section 4.2, footnote 13). The roadmap "
        "path is Trajectory_i^e as published; the straight line runs from the first year's "
        "national net emissions to NDC_T. Annual: each year above the path needs ITMOs and a "
        "year below it is not credited; budget: years are netted over the period. Stated "
        "uses the target entered above for NDC_T instead of the value derived from eq. (8-1).",
        "ko": "논문은 도출한 NDC 경로를 제출 경로로 보아 경로방식의 차이가 정의상 0입니다 "
        "(4.2절, 각주 13). 로드맵 경로는 공표된 Trajectory_i^e이고, 직선 경로는 첫해 국가 "
        "순배출량에서 NDC_T까지 잇는 선입니다. 연도별: 경로를 넘는 해마다 ITMO가 필요하고 "
        "경로보다 낮은 해의 여유분은 인정되지 않습니다. 배출예산: 기간 전체에서 연도 간 "
        "상계합니다. 공식 목표는 식 (8-1)의 도출값 대신 위에 입력한 목표를 NDC_T로 씁니다.",
    },
    "user_missing": {
        "en": "(needs a [path] table in the scenario file)",
        "ko": "(시나리오 파일에 [path] 표가 있어야 함)",
    },
    "paths_table": {
        "en": "Trajectory method under each submitted path",
        "ko": "제출 경로별 경로방식 결과",
    },
    "paths_note": {
        "en": "Which trajectory is submitted moves the trajectory method's need (paper "
        "section 4.2, footnote 13: the roadmap's 574~608 Mt in 2030 against the 536 Mt NDC). "
        "▶ marks the choice applied in Table 4.",
        "ko": "어떤 경로를 제출하느냐에 따라 경로방식의 필요량이 달라집니다 (논문 4.2절, "
        "각주 13: 2030년 로드맵 574~608 Mt 대 NDC 536 Mt). ▶ 표시는 표 4에 적용한 선택입니다.",
    },
    "submitted_path": {"en": "Submitted path · netting", "ko": "제출 경로 · 처리"},
    "cli_line": {
        "en": "The JSON download equals, for the scenario's TOML download:",
        "ko": "JSON 내려받기는 (시나리오 TOML 내려받기에 대해) 다음과 같습니다:",
    },
    "adopted_col": {"en": "2/CMA.3", "ko": "2/CMA.3"},
    "adopted_cell": {"en": "allowed (para 7)", "ko": "허용 (7항)"},
    "not_adopted_cell": {"en": "† not in 2/CMA.3", "ko": "† 2/CMA.3에서 불허"},
    "adopted_legend": {
        "en": "† the method is not among those decision 2/CMA.3 (annex, para 7) allows for "
        "single-year NDCs.",
        "ko": "† 결정문 2/CMA.3 (부속서 7항)이 단일년도 NDC에 허용하는 방식이 아님.",
    },
    "dist_none": {
        "en": "No input of this scenario has a range: every sample is the same.",
        "ko": "이 시나리오에는 범위가 있는 입력이 없어 모든 표본이 같습니다.",
    },
}

#: Table 3 row labels in Korean (the English ones are the engine's, article6.tables.ROW_LABELS).
ROW_LABELS_KO = {
    "trajectory": "배출경로 (Trajectory_i^e)",
    "ets_offsets": "ETS 국외감축분 (ITMO_i^ets)",
    "national_total": "국가 총배출량 (NE_i^et)",
    "sink": "흡수원 (Sink_i^e)",
    "national_net": "국가 순배출량 (NE_i^enet)",
    "itmo_total": "연간 총 ITMO (ITMO_i^total)",
    "ndc_target": "NDC 목표배출량 (NDC_i^e)",
}

#: Pros and cons of each paper method, in the project's words (paper 4.2, 4.3, 5).
PROS_CONS: dict[str, dict[str, dict[str, list[str]]]] = {
    "cumulative": {
        "en": {
            "pros": [
                "Needs fewer ITMOs than the country expects to use: the cheapest reading.",
                "Easy to account: one adjustment at the end of the period.",
            ],
            "cons": [
                "The whole period's ITMO use is subtracted in the target year, so reported "
                "emissions fall sharply in 2030: the paper's environmental-integrity concern.",
                "Leaves more ITMOs than the single-year target needs (over-use).",
            ],
        },
        "ko": {
            "pros": [
                "예상 사용량보다 적은 ITMO가 필요하여 비용 측면에서 유리합니다.",
                "기간 말 한 번의 조정으로 산정이 간단합니다.",
            ],
            "cons": [
                "기간 전체의 ITMO가 목표연도에 한꺼번에 조정되어 2030년 배출량이 급격히 "
                "낮아지는 환경적 건전성 문제가 있습니다.",
                "단일년도 목표에 필요한 양보다 ITMO를 과잉 사용하게 됩니다.",
            ],
        },
    },
    "vintage": {
        "en": {
            "pros": ["Need and usage match in quantity; cost-effective on paper."],
            "cons": [
                "Only ITMOs issued in the target year count, so the 2030 market carries "
                "all the supply and price risk.",
                "No ITMOs for the middle years makes early investment in mitigation "
                "projects abroad hard to justify.",
            ],
        },
        "ko": {
            "pros": ["필요량과 사용량이 수치상 일치하여 비용 효과적으로 보입니다."],
            "cons": [
                "목표연도에 발행된 ITMO만 인정되어 2030년 시장의 수급과 가격 불확실성이 "
                "매우 큽니다.",
                "중간년도 ITMO가 인정되지 않아 국외 감축사업에 대한 조기 투자 결정이 어렵습니다.",
            ],
        },
    },
    "averaging": {
        "en": {
            "pros": [
                "One of the two options the 2019 negotiations narrowed down to; "
                "allowed under decision 2/CMA.3."
            ],
            "cons": [
                "Needs n times the target-year gap, more than the country expects to use: "
                "the costliest method for Korea.",
                "The need ignores mitigation in the middle years, so one-off measures in "
                "the target year could meet it.",
                "May discourage the use of markets, against Article 6.1's ambition.",
            ],
        },
        "ko": {
            "pros": ["2019년 협상에서 압축된 두 대안 중 하나이며 2/CMA.3에서 허용됩니다."],
            "cons": [
                "목표연도 차이의 n배가 필요하여 예상 사용량을 초과하므로 우리나라에 가장 "
                "비용 부담이 큰 방식입니다.",
                "필요량이 중간년도 감축 노력과 무관하게 정해져 목표연도의 일시적 조치로도 "
                "충족될 수 있습니다.",
                "시장 사용 의욕을 떨어뜨려 파리협정 제6.1조의 취지에 어긋날 수 있습니다.",
            ],
        },
    },
    "trajectory": {
        "en": {
            "pros": [
                "With the derived NDC path as the trajectory, need equals usage: "
                "numerically the best fit.",
                "Allowed under decision 2/CMA.3.",
            ],
            "cons": [
                "Turns a single-year NDC into a multi-year one, a question of political "
                "acceptability.",
                "The annual path is not official except for 2030; which path is submitted "
                "changes the need, and a path far from actual emissions costs more than "
                "the other methods.",
            ],
        },
        "ko": {
            "pros": [
                "도출한 NDC 경로를 사용하면 필요량과 사용량이 같아 수치상 가장 우수합니다.",
                "2/CMA.3에서 허용됩니다.",
            ],
            "cons": [
                "단일년도 NDC를 복수년도 NDC로 바꾸어야 하는 정책적 수용성 문제가 있습니다.",
                "2030년 외의 연도별 경로는 공식적으로 없으며, 어떤 경로를 제출하느냐에 따라 "
                "필요량이 달라지고 실제 배출량과 차이가 크면 다른 방식보다 부담이 큽니다.",
            ],
        },
    },
}


def t(key: str, lang: str = "en") -> str:
    """The UI string ``key`` in ``lang`` (English when the language is unknown)."""
    entry = TEXT[key]
    return entry.get(lang, entry["en"])


def method_label(name: str, lang: str = "en") -> str:
    """A method's name from the engine's registry, in ``lang``."""
    m = METHODS.get(name)
    if m is None:
        return name
    return m.label_ko if lang == "ko" else m.label_en


def row_label(name: str, lang: str = "en") -> str:
    """A Table 3 row label in ``lang``."""
    if lang == "ko":
        return ROW_LABELS_KO[name]
    from article6.tables import ROW_LABELS

    return ROW_LABELS[name]
