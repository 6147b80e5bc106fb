"""问卷星 exports: both styles give the same pseudonymous records, nothing private is stored,
and every bad cell is reported with its row and column."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from catalog import (
    Domain,
    LoadResult,
    Respondent,
    Settings,
    SurveyResponse,
    Table,
    find_questionnaire,
    is_wjx_header,
    load_file,
    parse_wjx,
    read_table,
    respondent_key,
)
from catalog._privacy import scrub_free_text

ROOT = Path(__file__).resolve().parents[2]
WJX = ROOT / "tests" / "data" / "wjx"
TEXT_XLSX = WJX / "问卷星_按选项文本.xlsx"
TEXT_CSV = WJX / "问卷星_按选项文本.csv"
CODE_XLSX = WJX / "问卷星_按选项序号.xlsx"
CODE_CSV = WJX / "问卷星_按选项序号.csv"  # GB18030
ALL_EXPORTS = (TEXT_XLSX, TEXT_CSV, CODE_XLSX, CODE_CSV)
SEMESTER = "2025秋"
SCHOOL = "TY03"

GRADE_COL = "5、您的孩子是小学几年级"
WHO_COL = "2、填写人身份"
SCHOOL_COL = "1、学校编号（请向班主任询问）"
CURRENT_COL = "7、您的孩子参加以下哪些兴趣班："  # classes attended now: not wishes
DOMAIN_COL = "15、您更偏重孩子“德智体美劳”那一方面的塑造"
DAYS_COL = "20、您希望孩子每周哪几天参加课后兴趣活动？"
PICKUP_COL = "21、您一般几点来接孩子？"
WISH_COL = "19、孩子最想学什么？（可以写多个）"


def parse(
    table: Table,
    *,
    school_id: str | None = None,
    secret: str = "test-secret",
    path: Path = WJX,
    marks: dict[int, str] | None = None,
) -> LoadResult:
    questionnaire = find_questionnaire(path / "x.csv")
    return parse_wjx(
        table,
        Settings(hmac_secret=secret),
        school_id=school_id,
        semester=SEMESTER,
        questionnaire=questionnaire,
        marks=marks,
    )


def surveys(result: LoadResult) -> list[SurveyResponse]:
    """The result's records, checked to be survey responses (and typed so)."""
    found = [r for r in result.records if isinstance(r, SurveyResponse)]
    assert len(found) == len(result.records)
    return found


def column(table: Table, name: str) -> int:
    return table.header.index(name)


def with_cell(table: Table, row: int, name: str, value: str) -> Table:
    """A copy of `table` with one cell changed (`row` counts data rows from 0)."""
    rows = [list(r) for r in table.rows]
    rows[row][column(table, name)] = value
    return dataclasses.replace(table, rows=rows)


def without_column(table: Table, name: str) -> Table:
    i = column(table, name)
    return dataclasses.replace(
        table,
        header=table.header[:i] + table.header[i + 1 :],
        rows=[r[:i] + r[i + 1 :] for r in table.rows],
    )


@pytest.fixture(scope="module")
def text_table() -> Table:
    return read_table(TEXT_XLSX)


@pytest.fixture(scope="module")
def code_table() -> Table:
    return read_table(CODE_CSV)


@pytest.mark.parametrize("path", ALL_EXPORTS, ids=lambda p: p.name)
def test_every_export_parses_cleanly(path: Path) -> None:
    table = read_table(path)
    assert is_wjx_header(table.header)
    result = parse(table)
    assert result.problems == []
    assert len(result.records) == 40
    assert all(isinstance(r, SurveyResponse) and r.school_id == SCHOOL for r in result.records)


def test_both_styles_give_the_same_records() -> None:
    results = [surveys(parse(read_table(path))) for path in ALL_EXPORTS]
    reference = results[0]
    for records in results[1:]:
        assert records == reference
    code = surveys(parse(read_table(CODE_CSV)))
    assert [r.respondent_key for r in code] == [r.respondent_key for r in reference]
    assert [r.grade for r in code] == [r.grade for r in reference]
    assert [set(r.interests.split("；")) for r in code] == [
        set(r.interests.split("；")) for r in reference
    ]
    assert [r.preferred_domains for r in code] == [r.preferred_domains for r in reference]


def test_values_follow_the_text_cells(text_table: Table) -> None:
    """Each record says what its row of the 按选项文本 export says, checked cell by cell."""
    records = surveys(parse(text_table))
    grades = dict(zip("一二三四五六", range(1, 7), strict=True))
    for row, record in zip(text_table.rows, records, strict=True):
        grade_cell = row[column(text_table, GRADE_COL)]
        assert record.grade == grades.get(grade_cell)
        assert record.respondent.value == row[column(text_table, WHO_COL)]
        wish = row[column(text_table, WISH_COL)]
        assert record.interests == ("" if wish.startswith("(") else scrub_free_text(wish))
        domain = row[column(text_table, DOMAIN_COL)]
        assert record.preferred_domains == ([Domain(domain)] if domain in "德智体美劳" else [])
        days = row[column(text_table, DAYS_COL)]
        assert record.preferred_days == ([] if days.startswith("(") else days.split("┋"))
        assert record.submitted_at is not None and record.submitted_at.year == 2025
    assert {r.respondent for r in records} == {Respondent.PARENT, Respondent.STUDENT}


def test_skipped_and_not_shown_are_no_answer(code_table: Table) -> None:
    records = surveys(parse(code_table))
    grade = [
        r
        for r, row in zip(records, code_table.rows, strict=True)
        if row[column(code_table, GRADE_COL)] == "-2"
    ]
    assert len(grade) == 1 and grade[0].grade is None
    domain = [
        r
        for r, row in zip(records, code_table.rows, strict=True)
        if row[column(code_table, DOMAIN_COL)] == "-3"
    ]
    assert domain and all(r.preferred_domains == [] for r in domain)
    pickup = [
        r
        for r, row in zip(records, code_table.rows, strict=True)
        if row[column(code_table, PICKUP_COL)] == "-3"
    ]
    assert pickup and all(
        r.pickup_time == "" and r.respondent is Respondent.STUDENT for r in pickup
    )
    days_cols = [i for i, h in enumerate(code_table.header) if h.startswith("20、")]
    skipped = [
        r
        for r, row in zip(records, code_table.rows, strict=True)
        if all(row[i] == "-2" for i in days_cols)
    ]
    assert skipped and all(r.preferred_days == [] for r in skipped)


def test_respondent_key_is_an_hmac_of_the_id(text_table: Table) -> None:
    first = surveys(parse(text_table, secret="s1"))[0]
    raw = text_table.rows[0][column(text_table, "序号")]
    assert first.submitted_at is not None
    sheet = f"{raw}@{first.submitted_at.isoformat()}"  # 序号 + 提交答卷时间: see sheet_id
    assert first.respondent_key == respondent_key(sheet, "s1", scope=f"{SCHOOL}|{SEMESTER}")
    assert re.fullmatch(r"[0-9a-f]{64}", first.respondent_key)
    other = surveys(parse(text_table, secret="s2"))[0]
    assert other.respondent_key != first.respondent_key
    long_id = "20250908001234"
    changed = surveys(parse(with_cell(text_table, 0, "序号", long_id)))[0]
    dumped = str(changed.model_dump())
    assert long_id not in dumped and changed.respondent_key != long_id


def test_nothing_private_is_stored(text_table: Table, code_table: Table) -> None:
    """Names, phones, IPs, sources and durations from the export appear in no stored field."""
    secrets: set[str] = set()
    for row in text_table.rows:
        ip_cell = row[column(text_table, "来自IP")]
        secrets |= {ip_cell, ip_cell.split("(")[0], row[column(text_table, "所用时间")]}
        secrets.add(row[column(text_table, "3、学生姓名")])
        secrets.add(row[column(text_table, "4、家长手机号码")])
    phone, wish = column(text_table, "4、家长手机号码"), column(text_table, WISH_COL)
    assert any(row[phone] in row[wish] for row in text_table.rows)  # typed into free text too
    for table in (text_table, code_table):
        for record in surveys(parse(table)):
            stored = " ".join(str(v) for v in record.model_dump().values())
            leaked = [s for s in secrets if s and s in stored]
            assert leaked == []


def test_bad_codes_name_row_and_column(code_table: Table) -> None:
    bad = with_cell(code_table, 3, GRADE_COL, "9")
    bad = with_cell(bad, 5, DOMAIN_COL, "abc")
    bad = with_cell(bad, 7, "7、您的孩子参加以下哪些兴趣班：(美术)", "2")
    result = parse(bad, marks={7: "wishes"})  # read as wishes, so its cells are checked
    found = {(p.row, p.column, p.value): p.reason for p in result.problems}
    assert "未知的选项序号" in found[(5, GRADE_COL, "9")]
    assert "not an option code" in found[(7, DOMAIN_COL, "abc")]
    assert "1 或 0" in found[(9, "7、您的孩子参加以下哪些兴趣班：(美术)", "2")]
    assert len(result.problems) == 3
    assert all(p.file == code_table.file for p in result.problems)


def test_codes_without_questionnaire(code_table: Table) -> None:
    """Grades and 德智体美劳 have a natural order; 填写人 and 接孩子时间 need the questionnaire."""
    result = parse_wjx(code_table, Settings(), school_id=None, semester=SEMESTER)
    columns = {p.column for p in result.problems}
    assert columns == {WHO_COL, PICKUP_COL}
    assert all("questionnaire" in p.reason and p.row is not None for p in result.problems)
    clean = parse_wjx(
        without_column(without_column(code_table, WHO_COL), PICKUP_COL),
        Settings(hmac_secret="test-secret"),
        school_id=None,
        semester=SEMESTER,
    )
    assert clean.problems == []
    reference = surveys(parse(code_table))
    assert [r.grade for r in surveys(clean)] == [r.grade for r in reference]
    assert [r.preferred_domains for r in surveys(clean)] == [r.preferred_domains for r in reference]


def test_missing_school_is_a_clear_problem(text_table: Table) -> None:
    no_column = without_column(text_table, SCHOOL_COL)
    result = parse(no_column)
    assert result.records == [] and len(result.problems) == 1
    assert "缺少学校" in result.problems[0].reason and "missing school" in result.problems[0].reason
    given = parse(no_column, school_id="HT01")
    assert given.problems == [] and {r.school_id for r in surveys(given)} == {"HT01"}
    empty = parse(with_cell(text_table, 2, SCHOOL_COL, ""))
    assert [(p.row, p.column) for p in empty.problems] == [(4, SCHOOL_COL)]


def test_school_names_and_mismatches(text_table: Table) -> None:
    named = with_cell(text_table, 0, SCHOOL_COL, "天元区泰山路小学")
    problem = parse(named).problems[0]
    assert (problem.row, problem.column) == (2, SCHOOL_COL)
    assert "学校名称" in problem.reason and "school name" in problem.reason
    assert parse(named, school_id=SCHOOL).problems == []
    mismatch = parse(text_table, school_id="HT01").problems
    assert len(mismatch) == 40 and "不一致" in mismatch[0].reason


def test_bad_time_missing_and_duplicate_ids(text_table: Table) -> None:
    bad = with_cell(text_table, 1, "提交答卷时间", "昨天晚上")
    bad = with_cell(bad, 4, "序号", "")
    bad = with_cell(bad, 9, "序号", text_table.rows[8][0])
    result = parse(bad)
    found = {(p.row, p.column): p.reason for p in result.problems}
    assert "malformed submission time" in found[(3, "提交答卷时间")]
    assert "missing 序号" in found[(6, "序号")]
    assert "duplicate 序号" in found[(11, "序号")] and "第10行" in found[(11, "序号")]
    assert len(result.problems) == 3 and len(result.records) == 37


def test_matrix_question_does_not_make_a_text_export_look_coded(text_table: Table) -> None:
    """A 矩阵题 is split into columns in both styles; a text export (here with no ┋ left to give
    it away, and no questionnaire) must still be read as text."""
    keep = [
        i
        for i in range(len(text_table.header))
        if not any("┋" in row[i] for row in text_table.rows)
    ]
    header = [text_table.header[i] for i in keep] + ["22、满意度(课程)", "22、满意度(老师)"]
    rows = [[row[i] for i in keep] + ["满意", "非常满意"] for row in text_table.rows]
    matrix = dataclasses.replace(text_table, header=header, rows=rows)
    result = parse_wjx(matrix, Settings(), school_id=None, semester=SEMESTER)
    assert result.problems == []
    assert [r.respondent for r in surveys(result)] == [
        r.respondent for r in surveys(parse(text_table))
    ]


def test_short_option_headers_take_the_text_from_the_questionnaire(code_table: Table) -> None:
    """ "7(美术)" instead of "7、您的孩子参加以下哪些兴趣班：(美术)": the same records."""
    short = [
        re.sub(r"^(\d+)、[^(]*(\(.*\))$", r"\1\2", h) if "(" in h else h for h in code_table.header
    ]
    assert "7(美术)" in short
    renamed = dataclasses.replace(code_table, header=short)
    assert surveys(parse(renamed)) == surveys(parse(code_table))


def test_is_wjx_header_tells_exports_from_plain_surveys(text_table: Table) -> None:
    assert is_wjx_header(text_table.header)
    assert not is_wjx_header(["school_id", "respondent_id", "grade", "interests"])
    assert not is_wjx_header(["序号", "提交答卷时间", "所用时间"])
    assert not is_wjx_header([h for h in text_table.header if h != "提交答卷时间"])


def test_load_file_routes_an_export_to_this_parser() -> None:
    result = load_file(TEXT_CSV, settings=Settings(hmac_secret="test-secret"), semester=SEMESTER)
    assert result.problems == []
    assert result.records == surveys(parse(read_table(TEXT_CSV)))
