"""English and Korean labels for the app; English is the default.

Method names come from the engine's registry (``label_en`` / ``label_ko``:
누적방식, 발행연도 방식, 평균방식, 경로방식); everything else is here. The
pros and cons of each method summarise Park & Oh (2020), sections 4.2-4.3 and
5, in the project's own words.
"""

from __future__ import annotations

from article6.io.tables import ROW_LABELS
from article6.model.methods import METHODS

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
    "inputs": {"en": "Inputs: change the scenario", "ko": "입력값: 시나리오 바꾸기"},
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
        "en": "Share of national emissions covered by emissions trading",
        "ko": "배출권거래제가 포괄하는 국가 배출량 비중",
    },
    "offset_limit": {
        "en": "Share of surrendered allowances that may be overseas offsets",
        "ko": "제출 배출권 중 국외 상쇄로 채울 수 있는 비율",
    },
    "sink": {
        "en": "Removals by sinks, per year",
        "ko": "연간 흡수원 흡수량",
    },
    "net_overseas": {
        "en": "Net ITMOs from abroad in the target year (government purchases)",
        "ko": "목표연도 정부 국외감축분 (순 ITMO)",
    },
    "target": {
        "en": "Stated NDC target for the target year (optional)",
        "ko": "목표연도 공식 NDC 목표배출량 (선택)",
    },
    "trajectory": {
        "en": "Emissions path after domestic reductions, sinks excluded",
        "ko": "국내 감축 후 배출경로 (흡수원 제외)",
    },
    "bound": {"en": "Bound shown", "ko": "표시할 범위"},
    "both": {"en": "both (low~high)", "ko": "둘 다 (하한~상한)"},
    "low": {"en": "low", "ko": "하한"},
    "low_bound": {"en": "low bound", "ko": "하한"},
    "high_bound": {"en": "high bound", "ko": "상한"},
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
    "methods_fig_note": {
        "en": "Need (A): wide band; usage (B): thin line on top. * not available for "
        "single-year NDCs under decision 2/CMA.3.",
        "ko": "필요량 (A): 넓은 띠; 예상 사용량 (B): 위의 가는 선. * 결정문 2/CMA.3에서 단일년도 "
        "NDC에 허용되지 않음.",
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
    "dl_json": {"en": "Results (JSON, as compare --json)", "ko": "결과 (JSON, compare --json 출력과 같음)"},
    "dl_toml": {"en": "Scenario (TOML)", "ko": "시나리오 (TOML)"},
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
    "ndc_stated": {"en": "stated ([ndc] target)", "ko": "공식 목표 (시나리오의 목표값)"},
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
        "section 4.2, footnote 13). ▶ marks the choice applied in Table 4.",
        "ko": "어떤 경로를 제출하느냐에 따라 경로방식의 필요량이 달라집니다 (논문 4.2절, "
        "각주 13). ▶ 표시는 표 4에 적용한 선택입니다.",
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
        "en": "† the method is not among those decision 2/CMA.3 (annex, para 7) allows for single-year NDCs.",
        "ko": "† 결정문 2/CMA.3 (부속서 7항)이 단일년도 NDC에 허용하는 방식이 아님.",
    },
    "dist_none": {
        "en": "No input of this scenario has a range: every sample is the same.",
        "ko": "이 시나리오에는 범위가 있는 입력이 없어 모든 표본이 같습니다.",
    },
}

#: Strings added for plain-words labels, the reading of Table 4 and the explanations.
TEXT.update(
    {
        "reading_lead": {"en": "Reading of Table 4:", "ko": "표 4 읽기:"},
        "reading_join": {"en": "; ", "ko": "; "},
        "reading_more": {
            "en": "under the {method} method this Party needs {amount} {unit} more ITMOs "
            "than it expects to use",
            "ko": "{method}에서는 예상 사용량보다 ITMO가 {amount} {unit} 더 필요합니다",
        },
        "reading_fewer": {
            "en": "under the {method} method it needs {amount} {unit} fewer ITMOs than it expects to use",
            "ko": "{method}에서는 예상 사용량보다 ITMO가 {amount} {unit} 덜 필요합니다",
        },
        "reading_equal": {
            "en": "under the {method} method it needs exactly what it expects to use",
            "ko": "{method}에서는 필요량이 예상 사용량과 같습니다",
        },
        "reading_mixed": {
            "en": "under the {method} method the gap runs from {amount} {unit}: more or fewer "
            "ITMOs than it expects to use, depending on the bound",
            "ko": "{method}에서는 차이가 {amount} {unit}로, 범위에 따라 예상 사용량보다 "
            "많거나 적게 필요합니다",
        },
        "need_means": {
            "en": "ITMOs the method requires the Party to acquire and adjust for, over the period.",
            "ko": "해당 방식에서 당사국이 기간 동안 확보하여 상응조정해야 하는 ITMO 양.",
        },
        "usage_means": {
            "en": "ITMOs the Party expects to use: overseas offsets in its emissions trading "
            "system every year, plus the government's net ITMOs in the target year.",
            "ko": "당사국이 사용할 것으로 예상하는 ITMO: 매년 배출권거래제의 국외 상쇄분과 "
            "목표연도 정부 국외감축분의 합.",
        },
        "gap_means": {
            "en": "need minus usage: above zero, the method asks for more ITMOs than the Party "
            "expects to use; below zero, fewer.",
            "ko": "필요량에서 예상 사용량을 뺀 값: 0보다 크면 예상보다 더 많은 ITMO가, 작으면 "
            "더 적은 ITMO가 필요합니다.",
        },
        "methods_detail": {"en": "What each method counts", "ko": "방식별 산정 기준"},
        "method_cumulative_means": {
            "en": "adds up all ITMOs used over the period and adjusts them in the target year "
            "against the target-year gap (eq. 10).",
            "ko": "기간 동안 사용한 ITMO를 모두 합하여 목표연도에 조정하며, 목표연도 차이와 "
            "비교합니다 (식 10).",
        },
        "method_vintage_means": {
            "en": "counts only ITMOs of the target year's vintage against the target-year gap (eq. 11).",
            "ko": "목표연도에 발행된 ITMO만 목표연도 차이에 대해 인정합니다 (식 11).",
        },
        "method_averaging_means": {
            "en": "counts the target-year gap once for each year of the period (n times), "
            "against the period's ITMO use (eq. 11-1).",
            "ko": "목표연도 차이를 기간의 연수(n)만큼 곱하여 기간 전체의 ITMO 사용량과 비교합니다 (식 11-1).",
        },
        "method_trajectory_means": {
            "en": "compares each year's net emissions with a submitted annual path and counts "
            "each year above it (eq. 12).",
            "ko": "해마다 순배출량을 제출한 연도별 경로와 비교하여 경로를 넘는 양을 셉니다 (식 12).",
        },
        "terms_detail": {
            "en": "The figures are the paper's model (Park & Oh 2020, eqs. 1-12) evaluated at "
            "the low and the high end of every input range; a range low~high in a cell spans "
            "the two bounds. Methods marked † are not among those decision 2/CMA.3 allows for "
            "single-year NDCs.",
            "ko": "수치는 논문 모형 (Park & Oh 2020, 식 1-12)을 각 입력 범위의 하한과 상한에서 "
            "계산한 값이며, 칸의 하한~상한은 두 경계를 나타냅니다. † 표시 방식은 결정문 "
            "2/CMA.3이 단일년도 NDC에 허용하는 방식이 아닙니다.",
        },
        "col_from": {"en": "first year", "ko": "시작 연도"},
        "col_to": {"en": "last year", "ko": "끝 연도"},
        "col_low": {"en": "low", "ko": "하한"},
        "col_high": {"en": "high", "ko": "상한"},
        "trajectory_help": {
            "en": "Blocks of years with a low and a high value; the paper's Table 2 gives four such blocks.",
            "ko": "연도 구간별 하한과 상한 값; 논문 표 2는 네 구간을 제시합니다.",
        },
        "ets_share_help": {
            "en": "Fraction from 0 to 1; 0 for a Party without emissions trading.",
            "ko": "0에서 1 사이의 비율; 배출권거래제가 없으면 0.",
        },
        "offset_limit_help": {
            "en": "Fraction from 0 to 1 of the allowances surrendered each year.",
            "ko": "매년 제출하는 배출권의 0에서 1 사이 비율.",
        },
        "sink_help": {
            "en": "Counted in every year of the period, in the scenario's unit.",
            "ko": "기간의 매년 계산되며, 시나리오 단위를 씁니다.",
        },
        "net_overseas_help": {
            "en": "Negative for a Party that transfers more ITMOs than it acquires: in the "
            "paper's model its ITMO use in the target year falls by that amount.",
            "ko": "ITMO를 취득보다 더 많이 이전하는 당사국은 음수: 논문 모형에서 목표연도 ITMO "
            "사용량이 그만큼 줄어듭니다.",
        },
        "table3_note": {
            "en": "The paper's usage model (eqs. 1-9): what the inputs imply year by year.",
            "ko": "논문의 사용량 모형 (식 1-9): 입력값이 연도별로 뜻하는 값.",
        },
        "dist_help": {
            "en": "Each input drawn within its range; a small sample is drawn at once, the "
            "button draws a larger one.",
            "ko": "각 입력값을 범위 안에서 추출합니다; 작은 표본은 바로 계산되며, 버튼을 누르면 "
            "더 큰 표본을 계산합니다.",
        },
    }
)
for _name in ("ets_share", "offset_limit", "sink", "net_overseas"):
    TEXT[f"{_name}_low_word"] = {"en": "low", "ko": "하한"}
    TEXT[f"{_name}_high_word"] = {"en": "high", "ko": "상한"}

#: Korean titles of the built-in scenarios (the files' titles are in English).
TITLES_KO = {
    "kor-2018-roadmap": "대한민국, 2018년 수정 2030 로드맵 (Park & Oh 2020, 표 2)",
    "kor-2021-ndc": "대한민국, 상향된 2030 NDC (2021년 10/12월)",
    "kor-2023-plan": "대한민국, 제1차 탄소중립·녹색성장 국가기본계획 (2023년 3/4월)",
}


#: Table 3 row labels in Korean (the English ones are the engine's, article6.io.tables.ROW_LABELS).
ROW_LABELS_KO = {
    "trajectory": "배출경로 (Trajectory_i^e)",
    "ets_offsets": "ETS 국외감축분 (ITMO_i^ets)",
    "national_total": "국가 총배출량 (NE_i^et)",
    "sink": "흡수원 (Sink_i^e)",
    "national_net": "국가 순배출량 (NE_i^enet)",
    "itmo_total": "연간 총 ITMO (ITMO_i^total)",
    "ndc_target": "NDC 목표배출량 (NDC_i^e)",
}


def t(key: str, lang: str = "en") -> str:
    """The UI string ``key`` in ``lang`` (English when the language is unknown)."""
    entry = TEXT[key]
    return entry.get(lang, entry["en"])


def error_text(error: Exception, lang: str = "en") -> str:
    """An engine error message in ``lang`` (English: the engine's own text)."""
    from .errors_ko import korean

    return str(error) if lang == "en" else korean(error)


def method_label(name: str, lang: str = "en") -> str:
    """A method's name from the engine's registry, in ``lang``.

    The sweep's trajectory method under a submitted path (``trajectory_roadmap``,
    ``trajectory_linear_budget``, see :func:`article6.model.paths.path_method_name`) is
    named with the path and the netting.
    """
    m = METHODS.get(name)
    if m is None and name.startswith("trajectory_"):
        rest = name.removeprefix("trajectory_")
        path = rest.removesuffix("_budget")
        if f"path_{path}" in TEXT:
            extra = f", {t('netting_budget', lang)}" if rest.endswith("_budget") else ""
            return f"{method_label('trajectory', lang)} ({t('path_' + path, lang)}{extra})"
    if m is None:
        return name
    return m.label_ko if lang == "ko" else m.label_en


def row_label(name: str, lang: str = "en") -> str:
    """A Table 3 row label in ``lang``."""
    if lang == "ko":
        return ROW_LABELS_KO[name]
    return ROW_LABELS[name]
