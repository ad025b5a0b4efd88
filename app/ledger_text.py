"""The ledger view's words in English and Korean, and the ledger's error expectations in Korean.

UI strings join :data:`app.i18n.TEXT` (keys ``ledger_*``); the reporting rows'
labels (:data:`article6.ledger.reporting.LABELS`) get Korean here, keyed by the same
row names. Error expectations follow :mod:`app.errors_ko`: a fixed text in
:data:`EXPECTED`, a text with a variable part in :data:`PATTERNS`. Text between
backticks names something in the file (a code, a column, a format) and is kept
as written.
"""

from __future__ import annotations

import re

from . import i18n

TEXT = {
    "ledger_title": {
        "en": "Transfer ledger: corresponding adjustments and emissions balance "
        "(decision 2/CMA.3, annex, paras 7-8)",
        "ko": "이전 원장: 상응조정과 배출 수지 (결정 2/CMA.3, 부속서, 7-8항)",
    },
    "ledger_example": {"en": "Shipped example (synthetic)", "ko": "함께 제공되는 예시 (가상 자료)"},
    "ledger_upload": {"en": "Upload a ledger and its parties file", "ko": "원장과 당사국 파일 올리기"},
    "ledger_up_ledger": {"en": "Ledger CSV (either layout)", "ko": "원장 CSV (두 형식 모두 가능)"},
    "ledger_up_parties": {"en": "Parties file (TOML)", "ko": "당사국 파일 (TOML)"},
    "ledger_party": {"en": "Party", "ko": "당사국"},
    "ledger_as_of": {"en": "As of (empty: the latest action)", "ko": "기준일 (비우면 마지막 행위)"},
    "ledger_rows": {"en": "Reporting rows", "ko": "보고 항목"},
    "ledger_compare": {
        "en": "Emissions balance: averaging and trajectory side by side",
        "ko": "배출 수지: 평균방식과 경로방식 비교",
    },
    "ledger_dl_csv": {"en": "Download CSV", "ko": "CSV 내려받기"},
    "ledger_dl_xlsx": {"en": "Download Excel", "ko": "Excel 내려받기"},
    "ledger_dl_json": {"en": "Download JSON", "ko": "JSON 내려받기"},
    "ledger_uploaded": {"en": "Uploaded:", "ko": "올린 파일:"},
    "ledger_refused": {"en": "Refused:", "ko": "거부됨:"},
    "ledger_no_actions": {"en": "no actions", "ko": "행위 없음"},
    "ledger_status": {
        "en": "{ndc} NDC, method {method}; {layout} layout; as of {date}",
        "ko": "{ndc} NDC, 방식 {method}; {layout} 형식; 기준일 {date}",
    },
    "ledger_ndc_single_year": {"en": "single-year", "ko": "단일연도"},
    "ledger_ndc_multi_year": {"en": "multi-year", "ko": "복수년도"},
    "ledger_layout_actions": {"en": "actions", "ko": "행위별"},
    "ledger_layout_per-unit": {"en": "per-unit", "ko": "단위별"},
    "ledger_indicative": {
        "en": "; averaging: the elapsed years' adjustments are indicative, the NDC year's is "
        "applied once, and no cumulative adjustment is defined",
        "ko": "; 평균방식: 지난 연도의 조정량은 지표값이고, NDC 목표연도의 조정량만 한 번 적용되며, "
        "누적 조정량은 정의되지 않습니다",
    },
    "ledger_check": {
        "en": "Double-counting check across all Parties, {blocks} blocks: {status}. Added {added} - "
        "subtracted {subtracted} = first transferred and not used towards an NDC {not_used} {unit} "
        "(difference {difference}).",
        "ko": "모든 당사국에 걸친 이중계산 점검, 블록 {blocks}개: {status}. 더한 양 {added} - 뺀 양 "
        "{subtracted} = 최초 이전되었으나 NDC에 사용되지 않은 양 {not_used} {unit} (차이 {difference}).",
    },
    "ledger_ok": {"en": "OK", "ko": "통과"},
    "ledger_failed": {"en": "FAILED", "ko": "실패"},
    "ledger_item": {"en": "item", "ko": "항목"},
    "ledger_year": {"en": "year", "ko": "연도"},
    "ledger_emissions": {"en": "emissions", "ko": "배출량"},
    "ledger_adjustment": {"en": "adjustment", "ko": "조정량"},
    "ledger_balance": {"en": "emissions balance", "ko": "배출 수지"},
    "ledger_reported": {"en": "Reported emissions", "ko": "보고된 배출량"},
    "ledger_balance_of": {"en": "Emissions balance, {method}", "ko": "배출 수지, {method}"},
    "ledger_figure_title": {"en": "Emissions balance of", "ko": "배출 수지:"},
}
i18n.TEXT.update(TEXT)

#: The reporting rows (article6.ledger.reporting.LABELS) in Korean.
ROW_LABELS_KO = {
    "trajectory": "지표 배출경로",
    "budget": "배출총량 (누적 경로)",
    "target": "NDC 목표",
    "emissions": "연간 배출량 (보고된 인벤토리)",
    "first_transferred": "최초 이전된 ITMO, 빈티지별 (+, 8(a)항)",
    "first_transferred_ndc": "  빈티지별, NDC 사용 승인분",
    "first_transferred_oimp": "  빈티지별, OIMP 전용 승인분",
    "first_transferred_by_year": "최초 이전된 ITMO, 최초 이전 연도별",
    "first_transferred_by_year_ndc": "  최초 이전 연도별, NDC 사용 승인분",
    "first_transferred_by_year_oimp": "  최초 이전 연도별, OIMP 전용 승인분",
    "acquired": "취득한 ITMO (이전 연도별)",
    "transferred": "이전한 ITMO (이전 연도별)",
    "used": "NDC에 사용한 ITMO (-, 8(b)항)",
    "used_oimp": "OIMP에 사용한 ITMO",
    "cancelled": "취소한 ITMO (OMGE 외)",
    "cancelled_omge": "OMGE로 취소한 ITMO",
    "annual_adjustment": "상응조정",
    "cumulative_adjustment": "누적 조정",
    "emissions_balance": "배출 수지",
}

#: Fixed expectations of the ledger and parties readers, in Korean.
EXPECTED = {
    "a year of four digits": "네 자리 연도",
    "a year of four digits or nothing": "네 자리 연도 또는 빈칸",
    "one authorization per block (it is authorized twice)": "블록마다 승인 한 번 (두 번 승인됨)",
    "an identifier of visible characters (no control, zero-width or no-break characters)": (
        "보이는 문자로 된 식별자 (제어 문자, 폭 없는 문자, 줄바꿈 없는 공백은 안 됨)"
    ),
    "an identifier (not empty)": "식별자 (빈칸은 안 됨)",
    "nothing for units authorized for NDC use only: their first transfer is the first "
    "international transfer (decision 2/CMA.3, annex, para 2(a))": (
        "NDC 사용으로만 승인된 단위에는 빈칸: 최초 이전은 첫 국제 이전입니다 "
        "(결정 2/CMA.3, 부속서, 2(a)항)"
    ),
    "a Party other than the authorizing Party (ITMOs are used towards the NDC of the Party that "
    "acquired them)": "승인한 당사국이 아닌 당사국 (ITMO는 그것을 취득한 당사국의 NDC에 사용됩니다)",
    "issuances of the block adding up to at most its authorized quantity": (
        "합계가 승인 수량 이하인 블록 발행"
    ),
    "a quantity > 0": "0보다 큰 수량",
    "a purpose the block is authorized for (it is not authorized for use towards NDCs)": (
        "블록이 승인된 용도 (NDC 사용으로 승인되지 않음)"
    ),
    "a purpose the block is authorized for (it is not authorized for other international "
    "mitigation purposes)": "블록이 승인된 용도 (기타 국제 감축 목적으로 승인되지 않음)",
    "an authorization of this block (every block needs one)": "이 블록의 승인 (모든 블록에 하나 필요)",
    "a calendar date YYYY-MM-DD": "달력의 날짜 `YYYY-MM-DD`",
    "a date YYYY-MM-DD or a year YYYY": "날짜 `YYYY-MM-DD` 또는 연도 `YYYY`",
    "fields on one line (a quoted field may not hold a line break)": (
        "한 줄 안의 필드 (따옴표로 묶은 필드에 줄바꿈은 안 됨)"
    ),
    "lines ended by a line feed (a carriage return alone is not a line break)": (
        "줄바꿈 문자로 끝나는 줄 (캐리지 리턴만으로는 줄바꿈이 아님)"
    ),
    "a date in the using Party's NDC period (use towards its NDC)": (
        "사용하는 당사국의 NDC 기간 안 날짜 (자국 NDC에 사용)"
    ),
    "the year in which the mitigation occurred (required on authorization and issuance)": (
        "감축이 일어난 연도 (승인과 발행에 필수)"
    ),
    "NDC or OIMP on a use": "사용에는 `NDC` 또는 `OIMP`",
    "a number such as 1500, 1500.5 or 1,500": "1500, 1500.5, 1,500 같은 숫자",
    "NDC, OIMP or NDC+OIMP": "`NDC`, `OIMP` 또는 `NDC+OIMP`",
    "NDC, OIMP or NDC+OIMP on an authorization": "승인에는 `NDC`, `OIMP` 또는 `NDC+OIMP`",
    "nothing, or OMGE (overall mitigation in global emissions), on a cancellation": (
        "취소에는 빈칸 또는 `OMGE` (전 지구 배출의 전반적 감축)"
    ),
    "nothing on an issuance or transfer (purposes are set by the authorization)": (
        "발행과 이전에는 빈칸 (용도는 승인에서 정함)"
    ),
    "authorization, issuance, use_or_cancellation or nothing": (
        "`authorization`, `issuance`, `use_or_cancellation` 또는 빈칸"
    ),
    "nothing except on an authorization": "승인 외에는 빈칸",
    "nothing on this action": "이 행위에는 빈칸",
    "a Party other than the transferring Party": "이전하는 당사국이 아닌 당사국",
    "a year at or after the vintage (units for NDC use are first transferred internationally, "
    "after the mitigation occurred)": (
        "빈티지와 같거나 그 뒤의 연도 (NDC 사용 단위는 감축이 일어난 뒤 국제적으로 최초 이전됨)"
    ),
    "a year at or after the first transfer (used before it was transferred)": (
        "최초 이전과 같거나 그 뒤의 연도 (이전되기 전에 사용됨)"
    ),
    "the authorizing Party of the block (issuance)": "블록을 승인한 당사국 (발행)",
    "the vintage of the block's authorization (or nothing)": "블록 승인의 빈티지 (또는 빈칸)",
    "a year of the authorizing Party's NDC period": "승인한 당사국의 NDC 기간 안 연도",
    "a header line": "머리글 행",
    "an uploaded file": "올린 파일",
    "a ledger CSV and its parties file (TOML), both uploaded": "원장 CSV와 당사국 파일(TOML) 둘 다 올리기",
    "text of at most 200 visible characters": "보이는 문자 200자 이하의 텍스트",
    "a finite number": "유한한 숫자",
    "a value": "값",
    "a table": "표",
    "1": "1",
    "a unit such as 't CO2e' or 'Mt CO2e'": "'t CO2e'나 'Mt CO2e' 같은 단위",
    "one [parties.ISO3] table per Party": "당사국마다 `[parties.ISO3]` 표 하나",
    "single_year or multi_year": "`single_year` 또는 `multi_year`",
}

_HOLDS = {"transfers": "이전함", "uses": "사용함", "cancels": "취소함"}

#: Expectations with a variable part: (pattern, Korean with the groups as ``{0}``, ``{1}``...).
PATTERNS = [
    (re.compile(r"^a year in (\d+)-(\d+)$"), "{0}-{1} 사이의 연도"),
    (re.compile(r"^a date in the years (\d+)-(\d+)$"), "{0}-{1}년 사이의 날짜"),
    (re.compile(r"^a quantity of at most (\S+) \(= (\S+) t CO2e\)$"), "{0} 이하의 수량 (= {1} t CO2e)"),
    (
        re.compile(r"^at most the units of the block the Party holds at that date \(it "
                   r"(transfers|uses|cancels) more than it holds: a unit transferred, used or "
                   r"cancelled twice, or beyond the authorized quantity\)$"),
        "그 날짜에 당사국이 보유한 블록의 단위 이하 (보유량보다 많이 {0}: 단위를 두 번 이전, 사용, "
        "취소했거나 승인 수량을 넘음)",
    ),
    (re.compile(r"^a Party of (.+) \((.*)\)$"), "{0}에 있는 당사국 ({1})"),
    (re.compile(r"^(\d+) comma-separated fields$"), "쉼표로 나눈 필드 {0}개"),
    (re.compile(r"^comma-separated text \((.*)\)$"), "쉼표로 나눈 텍스트 ({0})"),
    (
        re.compile(r"^the columns (\S+) \(actions layout\) or (\S+) \(per-unit layout\)$"),
        "열 {0} (행위별 형식) 또는 {1} (단위별 형식)",
    ),
    (re.compile(r"^a header line: (.+)$"), "머리글 행: {0}"),
    (re.compile(r"^a unit used once \(it is used twice; first use on line (\d+)\)$"),
     "한 번만 사용된 단위 (두 번 사용됨; 첫 사용은 {0}행)"),
    (re.compile(r"^a unit id listed once \(also on line (\d+)\)$"),
     "한 번만 나오는 단위 식별자 ({0}행에도 있음)"),
    (re.compile(r"^a ledger of at most (.+) bytes$"), "{0} 바이트 이하의 원장"),
    (re.compile(r"^a parties file of at most (.+) bytes$"), "{0} 바이트 이하의 당사국 파일"),
    (re.compile(r"^a number of magnitude at most (\S+) t$"), "크기가 {0} t 이하인 숫자"),
    (re.compile(r"^a method decision 2/CMA\.3 allows: (.+)$"), "결정 2/CMA.3이 허용하는 방식: {0}"),
    (
        re.compile(r"^a method for a (\S+) NDC: decision 2/CMA\.3, annex, para (\S+) applies to "
                   r"(\S+) NDCs only$"),
        "{0} NDC에 맞는 방식: 결정 2/CMA.3, 부속서, {1}항은 {2} NDC에만 적용됨",
    ),
    (re.compile(r"^\[first, last\] years in (\d+)-(\d+), first <= last$"),
     "{0}-{1} 사이의 연도 두 개 (첫 해 <= 마지막 해)"),
    (re.compile(r"^a per-year path for method (.+)$"), "{0} 방식에 필요한 연도별 경로"),
    (re.compile(r"^a year of four digits in the period (\d+)-(\d+)$"), "기간 {0}-{1} 안의 네 자리 연도"),
    (re.compile(r"^magnitudes of at most (\S+) \(= (\S+) t CO2e\)$"), "{0} 이하의 크기 (= {1} t CO2e)"),
]

#: Groups of a pattern that are translated words, not names from the file.
GROUP_WORDS = _HOLDS

#: Where in a ledger or parties file: (pattern, Korean, ``{0}``... the groups).
LOCATIONS = [
    (re.compile(r"^line (\d+) \(block (.*)\)\.(\w+)$"), "{0}행 (블록 {1}), 열 {2}"),
    (re.compile(r"^line (\d+) \(block (.*)\)$"), "{0}행 (블록 {1})"),
    (re.compile(r"^line (\d+) \(id (.*)\)\.(\w+)$"), "{0}행 (단위 {1}), 열 {2}"),
    (re.compile(r"^line (\d+) \(id (.*)\)$"), "{0}행 (단위 {1})"),
    (re.compile(r"^line (\d+) \(header\)$"), "{0}행 (머리글)"),
    (re.compile(r"^line (\d+)$"), "{0}행"),
    (re.compile(r"^header$"), "머리글 행"),
    (re.compile(r"^\(file\)$"), "파일 전체 `(file)`"),
    (re.compile(r"^as of$"), "기준일"),
]

#: Sources the ledger view names itself.
SOURCES = {"upload": "올린 파일", "as of": "기준일"}
