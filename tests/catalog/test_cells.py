"""The cell parsers: the spellings of the contract, bilingual errors, and round-trip properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog import (
    Area,
    Domain,
    GradeRange,
    SpecialistKind,
    escape_formula,
    join_multi,
    normalise_text,
    parse_bool,
    parse_enum,
    parse_float,
    parse_grades,
    parse_int,
    parse_slot,
    parse_slots,
    split_multi,
    unescape_formula,
)
from catalog._cells import MULTI_SEPARATORS, parse_enum_list

ITEM_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters=MULTI_SEPARATORS
)
items = st.text(ITEM_CHARS, min_size=1, max_size=12).map(normalise_text).filter(bool)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("美术、书法", ["美术", "书法"]),
        (" a , b ，c;d；e ", ["a", "b", "c", "d", "e"]),
        ("足球┋篮球┋", ["足球", "篮球"]),
        ("、、", []),
        ("", []),
    ],
)
def test_split_multi_on_every_separator(raw: str, expected: list[str]) -> None:
    assert split_multi(raw) == expected


@given(st.lists(items, max_size=6))
def test_split_multi_round_trips_with_join(values: list[str]) -> None:
    assert split_multi(join_multi(values)) == values


@pytest.mark.parametrize(
    ("raw", "lo", "hi"),
    [
        ("1-6", 1, 6),
        ("7-9", 7, 9),
        ("1～6", 1, 6),
        ("1~6", 1, 6),
        ("1至6", 1, 6),
        ("3", 3, 3),
        ("一至六年级", 1, 6),
        ("一年级-六年级", 1, 6),
        ("一年级、二年级、三年级", 1, 3),
        ("初一-初三", 7, 9),
        ("高一", 10, 10),
        ("１－６", 1, 6),
        ("七年级至九年级", 7, 9),
        ("初中", 7, 9),
        ("十一", 11, 11),
        ("高一到高三", 10, 12),
    ],
)
def test_parse_grades_accepts_contract_spellings(raw: str, lo: int, hi: int) -> None:
    assert parse_grades(raw) == GradeRange(lo=lo, hi=hi)


@pytest.mark.parametrize("raw", ["6-1", "0", "13", "1-13", "一年级、三年级", "abc", "初四", ""])
def test_parse_grades_rejects_with_bilingual_reason(raw: str) -> None:
    with pytest.raises(ValueError, match=r"年级.* / .*grade"):
        parse_grades(raw)


@given(st.integers(1, 12), st.integers(1, 12))
def test_parse_grades_accepts_every_str_of_a_grade_range(a: int, b: int) -> None:
    grades = GradeRange(lo=min(a, b), hi=max(a, b))
    assert parse_grades(str(grades)) == grades


@pytest.mark.parametrize("raw", ["是", "已审核", "已准入", "true", "YES", "y", "1", "✓", "√", "１"])
def test_parse_bool_true(raw: str) -> None:
    assert parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["否", "未审核", "未准入", "false", "No", "n", "0", "✗", "×"])
def test_parse_bool_false(raw: str) -> None:
    assert parse_bool(raw) is False


def test_parse_bool_rejects_other_text() -> None:
    with pytest.raises(ValueError, match="not a yes/no value"):
        parse_bool("也许")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3", 3.0),
        ("3.5", 3.5),
        ("3元", 3.0),
        ("45分钟", 45.0),
        ("30人", 30.0),
        ("12.5公里", 12.5),
        ("8km", 8.0),
        ("2次", 2.0),
        ("1,200", 1200.0),
        ("１２００元", 1200.0),
        ("-0.5", -0.5),
        (" 4 元 ", 4.0),
    ],
)
def test_parse_float_tolerates_units_and_separators(raw: str, expected: float) -> None:
    assert parse_float(raw) == expected


@pytest.mark.parametrize("raw", ["三元", "abc", "3..5", "1,2", "元", "3.5.1", "nan", "inf", "1e3"])
def test_parse_float_rejects_non_numbers(raw: str) -> None:
    with pytest.raises(ValueError, match="不是数字 / not a number"):
        parse_float(raw)


def test_parse_int_requires_a_whole_number() -> None:
    assert parse_int("3.0") == 3
    assert parse_int("1,200人") == 1200
    with pytest.raises(ValueError, match="不是整数 / not a whole number"):
        parse_int("3.5")


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_parse_float_reads_plain_decimal_text(value: float) -> None:
    assert parse_float(f"{value:.6f}") == pytest.approx(value, abs=1e-6)


def test_parse_enum_accepts_value_name_and_synonyms() -> None:
    assert parse_enum(Domain, "德") is Domain.DE
    assert parse_enum(Domain, "Moral") is Domain.DE
    assert parse_enum(Domain, "劳动教育") is Domain.LAO
    assert parse_enum(SpecialistKind, "retired teacher") is SpecialistKind.RETIRED_TEACHER
    assert parse_enum(SpecialistKind, "大学生") is SpecialistKind.UNIVERSITY_STUDENT
    assert parse_enum(Area, "乡村") is Area.RURAL


def test_parse_enum_lists_allowed_values() -> None:
    with pytest.raises(ValueError, match="可选 / allowed: 德、智、体、美、劳"):
        parse_enum(Domain, "数学")
    with pytest.raises(ValueError, match="allowed"):
        parse_enum(Area, "德")  # a synonym of another enum is not accepted here


def test_parse_enum_list_splits_runs_of_domains() -> None:
    assert parse_enum_list(Domain, "德智体") == [Domain.DE, Domain.ZHI, Domain.TI]
    assert parse_enum_list(Domain, "体育、美育、体") == [Domain.TI, Domain.MEI]
    with pytest.raises(ValueError, match="「数学课」"):
        parse_enum_list(Domain, "德、数学课")


def test_parse_slots_normalises_and_expands() -> None:
    assert parse_slot("星期二下午") == "周二下午"
    assert parse_slots("周二下午;周四下午") == ["周二下午", "周四下午"]
    assert parse_slots("周一、星期天全天, 礼拜三晚上") == ["周一", "周日全天", "周三晚上"]
    assert parse_slots("周一至周三下午") == ["周一下午", "周二下午", "周三下午"]
    with pytest.raises(ValueError, match="not a time slot"):
        parse_slots("周二中午饭后")
    with pytest.raises(ValueError, match="not a time slot"):
        parse_slot("周一至周五")


@given(st.text(st.sampled_from("=+-@'ab中 "), max_size=8))
def test_formula_escape_round_trips_and_neutralises(text: str) -> None:
    escaped = escape_formula(text)
    assert unescape_formula(escaped) == text
    assert not escaped.startswith(("=", "+", "-", "@"))


def test_unescape_removes_a_users_apostrophe_before_a_formula_sign() -> None:
    assert unescape_formula("'=SUM(A1)") == "=SUM(A1)"
    assert unescape_formula("'abc") == "'abc"


def test_normalise_text_keeps_chinese_punctuation_unless_folding() -> None:
    assert normalise_text("\ufeff 你好，世界\u3000") == "你好，世界"
    assert normalise_text("ＡＢＣ１２３", fold_width=True) == "ABC123"
