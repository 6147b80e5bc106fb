"""选课 choices files: ids or titles, 问卷星 headers, encodings, and every bad row named."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from catalog import (
    GradeRange,
    ImportFailed,
    OfferedCourse,
    parse_choices,
    read_choices,
    student_key,
)
from catalog._readers import Table

OFFERED = [
    OfferedCourse("C1", "围棋", GradeRange(lo=1, hi=6)),
    OfferedCourse("C2", "校园足球", GradeRange(lo=3, hi=6)),
    OfferedCourse("C3", "书法"),
    OfferedCourse("C4", "书法"),
]


def _table(header: list[str], *rows: list[str]) -> Table:
    return Table("choices.csv", header, [list(r) for r in rows], 2)


def _read(table: Table) -> list:
    return parse_choices(table, school_id="S1", secret="s", offered=OFFERED)


def _problems(table: Table) -> list:
    with pytest.raises(ImportFailed) as info:
        _read(table)
    return info.value.problems


def test_ids_titles_and_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "选课.csv"
    path.write_bytes(
        "学号,年级,第一志愿,第二志愿,是否免费,留校日,提交时间\n"
        "S001,三年级,围棋,c2,否,周一、周三,2026/9/1 12:00:01\n"
        "Ｓ002,4,C2（周二下午）,,是,,\n".encode("gb18030")
    )
    rows = read_choices(path, school_id="S1", secret="s", offered=OFFERED)
    assert [r.choices for r in rows] == [("C1", "C2"), ("C2",)]
    assert rows[0].days == ("周一", "周三") and rows[0].submitted_at is not None
    assert rows[1].exempt and rows[1].grade == 4
    assert rows[1].key == student_key("S002", "s", school_id="S1")  # 全角 code folded


def test_student_key_is_school_scoped_and_semester_free() -> None:
    key = student_key("2024001", "secret", school_id="S1")
    assert key == student_key(" 2024001 ", "secret", school_id="S1")
    assert key != student_key("2024001", "secret", school_id="S2")
    assert "2024001" not in key and len(key) == 64


def test_wjx_export_headers_and_xlsx(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "序号",
            "提交答卷时间",
            "来自IP",
            "1、学生编号",
            "2、年级",
            "3、第一志愿",
            "4、第二志愿（选填）",
        ]
    )
    sheet.append([1, "2026/9/1 12:00:00", "1.2.3.4(湖南)", "A7", "五年级", "校园足球", "围棋"])
    path = tmp_path / "wjx.xlsx"
    book.save(path)
    rows = read_choices(path, school_id="S1", secret="s", offered=OFFERED)
    assert rows[0].choices == ("C2", "C1") and rows[0].code == "A7"


def test_unknown_course_names_row_and_column() -> None:
    problems = _problems(_table(["student", "grade", "choice_1"], ["a", "3", "钢琴"]))
    assert (problems[0].row, problems[0].column, problems[0].value) == (2, "choice_1", "钢琴")
    assert "unknown course" in problems[0].reason


def test_ambiguous_title_is_an_error_naming_both() -> None:
    problems = _problems(_table(["student", "grade", "choice_1"], ["a", "3", "书法"]))
    assert problems[0].row == 2 and "C3" in problems[0].reason and "C4" in problems[0].reason


def test_duplicate_student_names_the_first_row() -> None:
    table = _table(
        ["student", "grade", "choice_1"], ["a", "3", "C1"], ["b", "3", "C1"], ["a", "4", "C1"]
    )
    problems = _problems(table)
    assert (problems[0].row, problems[0].column) == (4, "student")
    assert "row 2" in problems[0].reason


def test_choice_outside_the_students_grade() -> None:
    problems = _problems(
        _table(["student", "grade", "choice_1", "choice_2"], ["a", "1", "C1", "C2"])
    )
    assert (problems[0].row, problems[0].column, problems[0].value) == (2, "choice_2", "C2")
    assert "grade" in problems[0].reason


def test_empty_choices_and_every_problem_listed() -> None:
    table = _table(
        ["student", "grade", "choice_1", "choice_2"],
        ["a", "3", "", ""],
        ["", "3", "C1", ""],
        ["c", "十三", "C1", ""],
    )
    problems = _problems(table)
    where = [(p.row, p.column) for p in problems]
    assert where == [(2, "choice_1"), (3, "student"), (4, "grade")]
    assert "no choices" in problems[0].reason


def test_missing_required_columns() -> None:
    problems = _problems(_table(["name", "grade"], ["x", "3"]))
    assert {p.column for p in problems} == {"student（学生编号）", "choice_1（第一志愿）"}


def test_short_lists_are_refused_when_a_minimum_is_set() -> None:
    table = _table(["student", "grade", "choice_1", "choice_2"], ["a", "3", "C1", ""])
    with pytest.raises(ImportFailed) as info:
        parse_choices(table, school_id="S1", secret="s", offered=OFFERED, min_choices=2)
    assert (info.value.problems[0].row, info.value.problems[0].column) == (2, "choice_2")
    # a first-grader has only C1, C3, C4 open: a minimum of 5 asks for those three
    young = _table(
        ["student", "grade", "choice_1", "choice_2", "choice_3"], ["b", "1", "C1", "C3", "C4"]
    )
    rows = parse_choices(young, school_id="S1", secret="s", offered=OFFERED, min_choices=5)
    assert rows[0].choices == ("C1", "C3", "C4")
