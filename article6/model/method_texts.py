"""For and against each of the paper's methods, in English and Korean.

A summary of Park & Oh (2020), sections 4.2, 4.3 and 5: a paraphrase in the
project's words, written for any Party. Each method object carries its texts as
``texts = {"en": {"pros": [...], "cons": [...]}, "ko": {...}}``
(:mod:`article6.model.methods`); the app shows them on the method cards.
"""

from __future__ import annotations

CUMULATIVE = {
    "en": {
        "pros": [
            "Needs fewer ITMOs than the Party expects to use: the cheapest reading.",
            "Easy to account: one adjustment at the end of the period.",
        ],
        "cons": [
            "The whole period's ITMO use is subtracted in the target year, so reported "
            "emissions fall sharply in that year: the paper's environmental-integrity concern.",
            "Leaves more ITMOs than the single-year target needs (over-use).",
        ],
    },
    "ko": {
        "pros": [
            "예상 사용량보다 적은 ITMO가 필요하여 비용 측면에서 유리합니다.",
            "기간 말 한 번의 조정으로 산정이 간단합니다.",
        ],
        "cons": [
            "기간 전체의 ITMO가 목표연도에 한꺼번에 조정되어 그해 배출량이 급격히 "
            "낮아지는 환경적 건전성 문제가 있습니다.",
            "단일년도 목표에 필요한 양보다 ITMO를 과잉 사용하게 됩니다.",
        ],
    },
}

VINTAGE = {
    "en": {
        "pros": ["Need and usage match in quantity; cost-effective on paper."],
        "cons": [
            "Only ITMOs issued in the target year count, so that year's market carries "
            "all the supply and price risk.",
            "No ITMOs for the middle years makes early investment in mitigation "
            "projects abroad hard to justify.",
        ],
    },
    "ko": {
        "pros": ["필요량과 사용량이 수치상 일치하여 비용 효과적으로 보입니다."],
        "cons": [
            "목표연도에 발행된 ITMO만 인정되어 그해 시장의 수급과 가격 불확실성이 매우 큽니다.",
            "중간년도 ITMO가 인정되지 않아 국외 감축사업에 대한 조기 투자 결정이 어렵습니다.",
        ],
    },
}

AVERAGING = {
    "en": {
        "pros": [
            "One of the two options the 2019 negotiations narrowed down to; "
            "allowed under decision 2/CMA.3."
        ],
        "cons": [
            "Needs n times the target-year gap: for a Party that uses ITMOs in every year, "
            "more than it expects to use, and in the paper's case the costliest method.",
            "The need ignores mitigation in the middle years, so one-off measures in "
            "the target year could meet it.",
            "May discourage the use of markets, against Article 6.1's ambition.",
        ],
    },
    "ko": {
        "pros": ["2019년 협상에서 압축된 두 대안 중 하나이며 2/CMA.3에서 허용됩니다."],
        "cons": [
            "목표연도 차이의 n배가 필요하여, 매년 ITMO를 쓰는 당사국에는 예상 사용량을 "
            "넘어서며 논문의 사례에서는 가장 비용 부담이 큰 방식입니다.",
            "필요량이 중간년도 감축 노력과 무관하게 정해져 목표연도의 일시적 조치로도 "
            "충족될 수 있습니다.",
            "시장 사용 의욕을 떨어뜨려 파리협정 제6.1조의 취지에 어긋날 수 있습니다.",
        ],
    },
}

TRAJECTORY = {
    "en": {
        "pros": [
            "With the derived NDC path as the trajectory, need equals usage: numerically the best fit.",
            "Allowed under decision 2/CMA.3.",
        ],
        "cons": [
            "Turns a single-year NDC into a multi-year one, a question of political acceptability.",
            "The annual path is often not official except for the target year; which path "
            "is submitted changes the need, and a path far from actual emissions costs more "
            "than the other methods.",
        ],
    },
    "ko": {
        "pros": [
            "도출한 NDC 경로를 사용하면 필요량과 사용량이 같아 수치상 가장 우수합니다.",
            "2/CMA.3에서 허용됩니다.",
        ],
        "cons": [
            "단일년도 NDC를 복수년도 NDC로 바꾸어야 하는 정책적 수용성 문제가 있습니다.",
            "목표연도 외의 연도별 경로는 공식적으로 없는 경우가 많으며, 어떤 경로를 "
            "제출하느냐에 따라 필요량이 달라지고 실제 배출량과 차이가 크면 다른 방식보다 "
            "부담이 큽니다.",
        ],
    },
}
