"""Engine error messages in Korean: the same file, key and value, the expectation translated.

The engine's message is ``source: key: expected WHAT, got VALUE``
(:class:`article6.errors.InputError`). The file name, the key and the value
are kept as they are (they name things in the file); ``WHAT`` is translated
from :data:`EXPECTED` or, for expectations with a variable part, from
:data:`PATTERNS`. An expectation with no translation is shown in English after
a Korean lead, so the message is never lost. The ledger reader's expectations
and its places in a file (``line 3 (block B1).vintage``) come from
:mod:`app.ledger_text`.

:func:`parts` gives the message as ``(text, is_name)`` pieces: a name is what
the file or the user wrote (a file name, a column, a code, a value) and is
shown as written; every other piece is Korean.
"""

from __future__ import annotations

import re

from . import ledger_text

#: Fixed expectations of the scenario validator, uploads and links, in Korean.
EXPECTED = {
    "a share in [0, 1]": "0에서 1 사이의 비율 [0, 1]",
    "an emission quantity >= 0": "0 이상의 배출량",
    "low <= high": "하한 <= 상한",
    "a number": "숫자",
    "a finite number (not NaN or infinity)": "유한한 숫자 (NaN이나 무한대가 아님)",
    "a string": "문자열",
    "a list of strings": "문자열 목록",
    "a year": "연도",
    "a whole year": "정수 연도",
    "from <= to": "시작 연도 <= 끝 연도",
    "blocks that do not overlap": "서로 겹치지 않는 구간",
    "either value or low/high, not both": "value 또는 low/high 중 하나 (둘 다는 아님)",
    "a table { from, to, low, high }": "{ from, to, low, high } 표",
    "a non-empty list of { from, to, low, high }": "비어 있지 않은 { from, to, low, high } 목록",
    "[first_year, last_year], two whole years": "[시작 연도, 끝 연도], 정수 연도 두 개",
    "1900 <= first_year <= last_year <= 2200": "1900 <= 시작 연도 <= 끝 연도 <= 2200",
    "an ISO 3166 alpha-3 code such as 'KOR'": "'KOR'과 같은 ISO 3166 세 글자 코드",
    "a unit such as 'Mt CO2e'": "'Mt CO2e'와 같은 단위",
    "a value (required)": "값 (필수)",
    "a per-year table { 2021 = x, ... }": "연도별 표 { 2021 = x, ... }",
    "a table of years { 2021 = x, 2030 = y }": "연도 표 { 2021 = x, 2030 = y }",
    "a readable file": "읽을 수 있는 파일",
    "a column 'year'": "'year' 열",
    "at least one row": "한 행 이상",
    "columns trajectory_low and trajectory_high": "trajectory_low와 trajectory_high 열",
    "columns year, trajectory_low, trajectory_high, ...": "year, trajectory_low, trajectory_high 등의 열",
    "a number or low~high": "숫자 또는 하한~상한",
    "blocks like 2021-2023:671~673": "2021-2023:671~673 같은 구간",
    "a scenario encoded by this app": "이 앱이 만든 시나리오 링크",
    "a [path] table": "[path] 표",
    "UTF-8 text": "`UTF-8` 텍스트",
    "a CO2e mass unit": "CO2e 질량 단위",
    "lowercase letters, digits and '-' (e.g. 'kor-2018-roadmap')": (
        "영문 소문자, 숫자와 '-' (예: 'kor-2018-roadmap')"
    ),
    "blocks covering every year of the period": "기간의 모든 연도를 덮는 구간",
    "a [trajectory] table": "[trajectory] 표",
    "a mass of CO2-equivalent such as 'Mt CO2e', 'kt CO2e' or 'tCO2e'": (
        "'Mt CO2e', 'kt CO2e', 'tCO2e'와 같은 CO2 환산 질량 단위"
    ),
    "exactly one of 'values', 'blocks' or 'anchors'": "'values', 'blocks', 'anchors' 중 정확히 하나",
    "one entry per year of the period": "기간의 연도마다 하나의 값",
    "lowercase letters, digits and '-'": "영문 소문자, 숫자와 '-'",
}

#: Expectations with a variable part: (pattern, Korean with the groups).
PATTERNS = [
    (re.compile(r"^one of (.+)$"), "다음 중 하나: {0}"),
    (
        re.compile(r"^a mass of CO2-equivalent such as (.+) \(closest: (.+); list in (.+)\)$"),
        "{0}와 같은 CO2 환산 질량 단위 (가장 가까운 것: {1}; 목록은 {2})",
    ),
    (re.compile(r"^a file of at most (.+) bytes$"), "{0} 바이트 이하의 파일"),
    (re.compile(r"^a year of the period (.+)$"), "기간 {0} 안의 연도"),
    (re.compile(r"^the number (.+)$"), "숫자 {0}"),
    (re.compile(r"^valid TOML \((.+)\)$"), "올바른 TOML ({0})"),
    (re.compile(r"^valid TOML(.*)$"), "올바른 TOML{0}"),
    (re.compile(r"^valid CSV \((.+)\)$"), "올바른 CSV ({0})"),
    (re.compile(r"^a column '(.+)' with '(.+)'$"), "'{1}'와 함께 '{0}' 열"),
    (re.compile(r"^every year of the period (.+)$"), "기간 {0}의 모든 연도"),
    (re.compile(r"^UTF-8 (.+)$"), "`UTF-8` {0}"),
]


#: Sources the app names itself (files keep their names).
SOURCES = {
    "edited scenario": "수정한 시나리오",
    "upload": "올린 파일",
    "link": "링크",
    "link (doc)": "링크 (doc)",
} | ledger_text.SOURCES

_ALL_EXPECTED = EXPECTED | ledger_text.EXPECTED
_ALL_PATTERNS = PATTERNS + ledger_text.PATTERNS

#: A piece of a message: its text, and whether it is a name kept as written.
Part = tuple[str, bool]


def _ticks(text: str) -> list[Part]:
    """Pieces of a translation; text between backticks is a name."""
    return [(s, k % 2 == 1) for k, s in enumerate(text.split("`")) if s]


def _fill(template: str, groups: tuple[str, ...]) -> list[Part]:
    """``template`` with ``{0}``, ``{1}``... replaced by the groups (names unless translated)."""
    out: list[Part] = []
    pos = 0
    for m in re.finditer(r"\{(\d+)\}", template):
        out += _ticks(template[pos:m.start()])
        g = groups[int(m.group(1))]
        out.append((ledger_text.GROUP_WORDS[g], False) if g in ledger_text.GROUP_WORDS else (g, True))
        pos = m.end()
    return out + _ticks(template[pos:])


def expected_parts(expected: str) -> list[Part] | None:
    """The Korean of an expectation as pieces, or None when there is none."""
    if expected in _ALL_EXPECTED:
        return _ticks(_ALL_EXPECTED[expected])
    for pattern, text in _ALL_PATTERNS:
        m = pattern.match(expected)
        if m:
            return _fill(text, m.groups())
    return None


def expected_ko(expected: str) -> str | None:
    """The Korean of an expectation, or None when there is none."""
    found = expected_parts(expected)
    return None if found is None else "".join(t for t, _ in found)


def location_parts(key: str) -> list[Part]:
    """A place in a file in Korean (``line 3 (block B1).vintage`` -> ``3행 (블록 B1), 열 vintage``)."""
    for pattern, text in ledger_text.LOCATIONS:
        m = pattern.match(key)
        if m:
            return _fill(text, m.groups())
    return [(key, True)]


def parts(error: Exception) -> list[Part]:
    """The Korean message of an engine error, as pieces (module docstring)."""
    source, key, expected = (getattr(error, a, None) for a in ("source", "key", "expected"))
    if source is None or key is None or expected is None:
        return [("입력 오류: ", False), (str(error), True)]
    out: list[Part] = [(SOURCES[source], False) if source in SOURCES else (source, True), (": ", False)]
    out += location_parts(key) + [(": ", False)]
    what = expected_parts(expected)
    out += [("필요한 값은 ", False), *what] if what else [("필요한 값(영문): ", False), (expected, True)]
    got = getattr(error, "got", None)
    if got is not None:
        out += [(", 입력값 ", False), (repr(got), True)]
    return out


def korean(error: Exception) -> str:
    """The Korean message of an engine error (its English text when it is not an input error)."""
    return "".join(text for text, _ in parts(error))
