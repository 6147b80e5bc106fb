"""Header matching: field names, Chinese titles, aliases, width/case/unit folding, privacy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog import RECORD_TYPES, Kind, match_header
from catalog._columns import (
    COLUMN_ALIASES,
    RESPONDENT_ID,
    alias_table,
    column_fields,
    column_title,
    normalise_header,
)


def test_chinese_titles_english_names_and_aliases_all_match() -> None:
    header = ["课程编号", "title", "简介", "五育", "适用年级", "每课时费用", "时长", "人数上限"]
    match = match_header(Kind.COURSE, header)
    assert list(match.fields.values()) == [
        "id",
        "title",
        "description",
        "domains",
        "grades",
        "fee_per_session",
        "session_minutes",
        "capacity",
    ]
    assert match.missing == ()


@pytest.mark.parametrize(
    "header",
    [
        "每次收费(元)",
        "每次收费（元）",
        " 每次收费 ",
        "Fee_Per_Session",
        "fee per session",
        "每次收费*",
        "每次收费【元/人】",
    ],
)
def test_matching_folds_case_width_spaces_and_units(header: str) -> None:
    match = match_header(Kind.COURSE, [header])
    assert match.fields == {0: "fee_per_session"}


def test_missing_required_columns_are_listed_and_unknown_named() -> None:
    match = match_header(Kind.COURSE, ["id", "title", "备注", ""])
    assert set(match.fields.values()) == {"id", "title"}
    assert match.unknown == (2,)  # the empty header is no column to name
    assert set(match.missing) == {
        "domains",
        "grades",
        "fee_per_session",
        "session_minutes",
        "capacity",
    }


def test_a_second_column_for_the_same_field_is_reported() -> None:
    match = match_header(Kind.COURSE, ["编号", "课程编号"])
    assert match.fields == {0: "id"}
    assert match.duplicates == ((1, "id"),)


def test_survey_private_columns_are_dropped_never_mapped() -> None:
    header = [
        "答卷编号",
        "学生姓名",
        "姓名",
        "手机号码",
        "联系电话",
        "学号",
        "来自IP",
        "IP地址",
        "school_id",
        "填写人",
        "兴趣",
    ]
    match = match_header(Kind.SURVEY, header)
    assert match.dropped == (1, 2, 3, 4, 5, 6, 7)
    assert set(match.fields.values()) == {RESPONDENT_ID, "school_id", "respondent", "interests"}
    assert match.missing == ()


def test_specialist_name_is_not_private() -> None:
    assert match_header(Kind.SPECIALIST, ["姓名"]).fields == {0: "name"}


@pytest.mark.parametrize("kind", list(Kind))
def test_titles_and_field_names_map_to_their_own_field(kind: Kind) -> None:
    table = alias_table(kind)
    for field in column_fields(kind):
        assert table[normalise_header(field)] == field
        assert table[normalise_header(column_title(kind, field))] == field


@pytest.mark.parametrize("kind", list(Kind))
def test_every_alias_names_a_real_field(kind: Kind) -> None:
    fields = set(RECORD_TYPES[kind].model_fields) | {RESPONDENT_ID}
    assert set(COLUMN_ALIASES[kind]) <= fields


@given(st.data())
def test_any_known_spelling_matches_with_decorations(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(list(Kind)))
    spelling, field = data.draw(st.sampled_from(sorted(alias_table(kind).items())))
    prefix = data.draw(st.sampled_from(["", " ", "\u3000"]))
    unit = data.draw(st.sampled_from(["", "(元)", "（次）", "[km]"]))
    header = prefix + spelling.upper() + unit
    assert match_header(kind, ["无关列", header]).fields == {1: field}


def test_a_column_map_wins_ignores_and_fills_required_fields() -> None:
    from catalog import ColumnMap

    column_map = ColumnMap(
        columns={"外部说明": "description", "备注": None, "title": "domains", "x": "nope"},
        defaults={"capacity": "30"},
    )
    match = match_header(Kind.COURSE, ["id", "title", "外部说明", "备注", "x"], column_map)
    assert match.fields == {0: "id", 1: "domains", 2: "description"}
    assert match.ignored == (3,) and match.unknown == ()
    assert match.bad_targets == ((4, "nope"),)
    assert "capacity" not in match.missing and "title" in match.missing


def test_private_survey_columns_stay_dropped_whatever_the_map_says() -> None:
    from catalog import ColumnMap

    column_map = ColumnMap(columns={"家长手机": "interests"})
    match = match_header(Kind.SURVEY, ["school_id", "家长手机"], column_map)
    assert match.dropped == (1,) and 1 not in match.fields
