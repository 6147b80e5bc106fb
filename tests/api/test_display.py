"""What a person reads: rule and status labels, amounts, scores, readable reasons."""

from __future__ import annotations

import pytest

from api._display import (
    amount,
    label_allocation,
    label_programme,
    readable_reasons,
    rule_label,
    rule_labels,
    score_word,
    status_label,
    yuan,
)
from catalog import RuleCode


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (428525.0, "428,525"),
        (25579.61, "25,579.61"),
        (25579.614999, "25,579.61"),
        (4.5, "4.50"),
        (0, "0"),
        (-1234.5, "-1,234.50"),
        (9958725, "9,958,725"),
        (None, "—"),
        (float("nan"), "—"),
    ],
)
def test_amounts_have_separators_and_at_most_two_decimals(value: float, text: str) -> None:
    assert amount(value) == text


def test_yuan_adds_the_unit() -> None:
    assert yuan(428525.0) == "428,525 元" and yuan(None) == "—"


def test_every_rule_code_has_a_chinese_label_and_repeats_are_dropped() -> None:
    for code in RuleCode:
        assert rule_label(code.value) == code.message and not code.message.isascii()
    assert rule_label("FEE_OVER_CAP、FEE_OVER_CAP") == "超过收费上限"
    assert rule_labels(["ACADEMIC", "GRADE_MISMATCH", "ACADEMIC"]) == ["学科类内容", "年级不符"]
    assert rule_label("SOMETHING_NEW") == "SOMETHING_NEW"  # shown as it came, never lost


def test_solver_status_in_chinese() -> None:
    assert [status_label(s) for s in ("optimal", "feasible", "infeasible")] == [
        "最优",
        "可行",
        "无解",
    ]
    assert status_label(None) == "—"


def test_scores_are_words_relative_to_the_best() -> None:
    assert score_word(0.9) == "很高" and score_word(0.1) == "较低"
    assert score_word(0.44, top=0.45) == "很高" and score_word(0.2, top=0.45) == "一般"


def test_provenance_is_left_to_json() -> None:
    reasons = ["匹配兴趣“陶瓷”", "距离 3.8 公里", "检索来源：语义检索+关键词检索"]
    assert readable_reasons(reasons) == reasons[:2]


def test_json_keeps_codes_and_adds_labels_beside_them() -> None:
    doc = label_programme({"excluded": [{"id": "C1", "rule": "GRADE_MISMATCH", "reason": "x"}]})
    assert doc["excluded"][0] == {
        "id": "C1",
        "rule": "GRADE_MISMATCH",
        "reason": "x",
        "rule_label": "年级不符",
    }
    alloc = label_allocation({"result": {"status": "optimal"}})
    assert alloc["result"] == {"status": "optimal", "status_label": "最优"}
