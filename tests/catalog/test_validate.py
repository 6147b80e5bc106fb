"""validate_table / load_file: every problem in a file, each naming its row and column."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from catalog import (
    Course,
    Domain,
    GradeRange,
    ImportFailed,
    Kind,
    LoadResult,
    Problem,
    Settings,
    Specialist,
    SurveyResponse,
    load_file,
    respondent_key,
)
from tests.catalog._io_samples import COURSE_HEADER_EN, COURSE_HEADER_ZH, COURSE_ROWS, write_csv

SETTINGS = Settings(hmac_secret="test-secret")


def _load(path: Path, **kwargs: object) -> LoadResult:
    return load_file(path, settings=SETTINGS, **kwargs)  # type: ignore[arg-type]


def _at(result: LoadResult, row: int) -> list[Problem]:
    return [p for p in result.problems if p.row == row]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("header", [COURSE_HEADER_ZH, COURSE_HEADER_EN])
def test_good_courses_load_in_any_encoding_and_header_language(
    tmp_path: Path, encoding: str, header: list[str]
) -> None:
    result = _load(write_csv(tmp_path / "课程_2026秋.csv", header, COURSE_ROWS, encoding))
    assert result.ok, result.problems
    assert result.kind is Kind.COURSE
    first, second, third = result.records
    assert isinstance(first, Course) and isinstance(second, Course) and isinstance(third, Course)
    assert first.domains == [Domain.MEI, Domain.LAO]
    assert second.grades == GradeRange(lo=1, hi=6) and second.fee_per_session == 2.5
    assert third.grades == GradeRange(lo=7, hi=9) and third.provider_id is None


def test_broken_gb18030_file_reports_every_bad_row_and_column(tmp_path: Path) -> None:
    rows = [
        ["C1", "剪纸", "", "美", "1-6", "三元", "45", "30"],  # non-number fee
        ["C2", "奥数提高班", "", "数学", "1-6", "3", "45", "30"],  # unknown domain
        ["C3", "", "", "体", "1-6", "3", "45.5", "30"],  # empty title, 45.5 minutes
        ["C1", "足球", "", "体", "9-1", "3", "45", "-5"],  # duplicate, bad grades, capacity
        ["C4", "合唱", "", "美", "3-6", "3", "45", "30"],  # fine
    ]
    path = write_csv(tmp_path / "courses.csv", COURSE_HEADER_ZH, rows, "gb18030")
    result = _load(path)
    assert [r.id for r in result.records] == ["C4"]  # type: ignore[attr-defined]
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (2, "每次收费(元)"),
        (3, "五育"),
        (4, "课程名称"),
        (4, "每次时长"),
        (5, "年级"),
        (5, "容量"),
        (5, "课程编号"),
    }
    by_place = {(p.row, p.column): p for p in result.problems}
    assert by_place[(2, "每次收费(元)")].value == "三元"
    assert "不是数字 / not a number" in by_place[(2, "每次收费(元)")].reason
    assert "allowed: 德、智、体、美、劳" in by_place[(3, "五育")].reason
    assert "不能为空" in by_place[(4, "课程名称")].reason
    assert "not a whole number" in by_place[(4, "每次时长")].reason
    assert "必须大于 0 / must be > 0" in by_place[(5, "容量")].reason
    assert "与第2行相同 / duplicate id, same as row 2" in by_place[(5, "课程编号")].reason
    assert all(p.file == "courses.csv" for p in result.problems)


def test_missing_required_column_is_one_problem_naming_it_in_both_languages(tmp_path: Path) -> None:
    header = [h for h in COURSE_HEADER_ZH if h != "每次收费(元)"]
    rows = [r[:5] + r[6:] for r in COURSE_ROWS]
    result = _load(write_csv(tmp_path / "courses.csv", header, rows))
    assert len(result.problems) == 1
    (problem,) = result.problems
    assert (problem.row, problem.column) == (1, "每次收费 / fee_per_session")
    assert "缺少必填列 / missing required column" in problem.reason
    assert result.records == []


def test_duplicate_id_names_the_earlier_row(tmp_path: Path) -> None:
    rows = [*COURSE_ROWS, COURSE_ROWS[1]]
    result = _load(write_csv(tmp_path / "courses.csv", COURSE_HEADER_EN, rows))
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.value) == (5, "id", "C002")
    assert "row 3" in problem.reason
    assert len(result.records) == 3


def test_school_model_rule_lands_on_the_exempt_column(tmp_path: Path) -> None:
    header = [
        "学校编号",
        "学校名称",
        "区县",
        "学段",
        "城乡",
        "学生数",
        "纬度",
        "经度",
        "免费学生数",
    ]
    rows = [
        ["SC1", "一小", "天元区", "小学", "城区", "100", "27.8", "113.1", "120"],
        ["SC2", "二小", "天元区", "高职", "郊区", "100", "95", "113.1", "1"],
    ]
    result = _load(write_csv(tmp_path / "schools.csv", header, rows))
    found = {(p.row, p.column) for p in result.problems}
    assert found == {(2, "免费学生数"), (3, "学段"), (3, "城乡"), (3, "纬度")}
    assert "不能大于 90" in next(p.reason for p in result.problems if p.column == "纬度")


def test_specialist_bools_slots_and_optional_references(tmp_path: Path) -> None:
    header = [
        "编号",
        "类别",
        "区县",
        "纬度",
        "经度",
        "服务半径(公里)",
        "可用时段",
        "最多学校数",
        "每次费用",
        "已审核",
        "所属机构编号",
    ]
    rows = [
        [
            "S1",
            "非遗传承人",
            "醴陵市",
            "27.6",
            "113.5",
            "30公里",
            "星期二下午、周四",
            "2",
            "100元",
            "已审核",
            "",
        ],
        ["S2", "volunteer", "攸县", "27", "113.3", "5", "", "1", "0", "", "I9"],
    ]
    result = _load(write_csv(tmp_path / "specialists.csv", header, rows))
    assert result.ok, result.problems
    s1, s2 = result.records
    assert isinstance(s1, Specialist) and isinstance(s2, Specialist)
    assert s1.available_slots == ["周二下午", "周四"] and s1.verified and s1.institution_id is None
    assert s2.verified is False and s2.institution_id == "I9" and s2.max_travel_km == 5


def test_json_rows_count_from_one(tmp_path: Path) -> None:
    items = [dict(zip(COURSE_HEADER_EN, row, strict=True)) for row in COURSE_ROWS]
    items[1]["fee_per_session"] = "贵"
    path = tmp_path / "courses.json"
    path.write_text(json.dumps({"items": items}, ensure_ascii=False), encoding="utf-8")
    result = _load(path)
    assert [(p.row, p.column) for p in result.problems] == [(2, "fee_per_session")]


def test_extra_cells_beyond_the_header_are_reported(tmp_path: Path) -> None:
    rows = [[*COURSE_ROWS[0], "多出来的"]]
    result = _load(write_csv(tmp_path / "courses.csv", COURSE_HEADER_EN, rows))
    assert [(p.row, p.column) for p in result.problems] == [(2, None)]
    assert "more cells than header" in result.problems[0].reason


def test_apostrophe_escaped_formula_is_unescaped_on_import(tmp_path: Path) -> None:
    row = ["C1", "'=HYPERLINK(1)", "'-负数开头", "美", "3", "'+3", "45", "30"]
    result = _load(write_csv(tmp_path / "courses.csv", COURSE_HEADER_EN, [row]))
    (course,) = result.records
    assert isinstance(course, Course)
    assert (course.title, course.description, course.fee_per_session) == (
        "=HYPERLINK(1)",
        "-负数开头",
        3.0,
    )


SURVEY_HEADER = [
    "答卷编号",
    "学生姓名",
    "手机号",
    "学号",
    "来自IP",
    "school_id",
    "填写人",
    "年级",
    "兴趣",
    "偏好五育",
    "希望时间",
]


def test_survey_hashes_the_id_and_keeps_no_personal_data(tmp_path: Path) -> None:
    rows = [
        [
            "R-0001",
            "张三",
            "13800138000",
            "2023010101",
            "10.1.2.3",
            "SC1",
            "学生",
            "四年级",
            "想踢足球",
            "体、美",
            "周二、星期四",
        ],
        [
            "R-0002",
            "李四",
            "13900139000",
            "2023010102",
            "10.1.2.4",
            "SC1",
            "家长",
            "",
            "希望多点劳动课",
            "劳",
            "",
        ],
    ]
    result = _load(write_csv(tmp_path / "surveys.csv", SURVEY_HEADER, rows), semester="2026秋")
    assert result.ok, result.problems
    first = result.records[0]
    assert isinstance(first, SurveyResponse)
    assert first.respondent_key == respondent_key("R-0001", "test-secret", scope="SC1|2026秋")
    assert first.grade == 4 and first.semester == "2026秋"
    assert first.preferred_days == ["周二", "周四"]
    stored = "".join(r.model_dump_json() for r in result.records)
    for secret in ("R-0001", "张三", "李四", "13800138000", "2023010101", "10.1.2.3"):
        assert secret not in stored


def test_survey_school_from_argument_and_duplicate_respondent(tmp_path: Path) -> None:
    header = ["respondent_id", "respondent", "interests"]
    rows = [["7", "学生", "画画"], ["8", "parent", "编程"], ["7", "学生", "又填了一次"]]
    result = _load(write_csv(tmp_path / "问卷.csv", header, rows), school_id="SC9")
    assert [r.school_id for r in result.records] == ["SC9", "SC9"]  # type: ignore[attr-defined]
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.value) == (4, "respondent_id", None)


def test_survey_without_school_is_refused_but_an_id_is_optional(tmp_path: Path) -> None:
    """Anonymous tally sheets carry no respondent id (issue 11); the school is still needed."""
    result = _load(write_csv(tmp_path / "surveys.csv", ["respondent", "兴趣"], [["学生", "跳舞"]]))
    columns = {p.column for p in result.problems}
    assert columns == {"学校编号 / school_id"}
    assert all(p.row == 1 for p in result.problems)
    fine = _load(
        write_csv(tmp_path / "surveys.csv", ["respondent", "兴趣"], [["学生", "跳舞"]]),
        school_id="SC9",
    )
    assert fine.ok and fine.id_less
    assert fine.records[0].respondent_key.startswith("anon-")  # type: ignore[attr-defined]


def test_survey_raw_id_in_key_column_is_refused(tmp_path: Path) -> None:
    rows = [["12345", "SC1", "学生"]]
    path = write_csv(tmp_path / "surveys.csv", ["respondent_key", "school_id", "填写人"], rows)
    (problem,) = _load(path).problems
    assert (problem.row, problem.column) == (2, "respondent_key")


def test_unknown_kind_says_how_to_name_the_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "data.csv", COURSE_HEADER_EN, COURSE_ROWS)
    with pytest.raises(ImportFailed, match="--kind"):
        _load(path)
    assert _load(path, kind=Kind.COURSE).ok


@pytest.mark.slow
def test_ten_megabyte_file_loads_every_row(tmp_path: Path) -> None:
    row = [
        "",
        "醴陵釉下五彩瓷绘与拉坯体验课",
        "学习勾线、分水、上釉和烧制的全过程" * 2,
        "美、劳",
        "3-6",
        "3元",
        "45",
        "30",
    ]
    rows = [[f"C{i:06d}", *row[1:]] for i in range(60_000)]
    path = write_csv(tmp_path / "courses.csv", COURSE_HEADER_ZH, rows, "gb18030")
    assert path.stat().st_size > 10 * 1024 * 1024 * 0.7
    start = time.perf_counter()
    result = _load(path)
    elapsed = time.perf_counter() - start
    assert result.ok and len(result.records) == 60_000
    assert elapsed < 60, f"10 MB load took {elapsed:.1f} s"


def test_xlsx_problems_name_excel_rows_and_the_written_header(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Course ID", "课程名称", "五育", "年级", "费用（元）", "时长", "名额"])
    sheet.append(["C1", "书法", "美", "1-6", 3, 45, 30])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append([2, "篮球", "体育", "初一至初三", "免费", 45.0, 2.5])
    path = tmp_path / "courses.xlsx"
    workbook.save(path)
    result = _load(path)
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (4, "费用（元）", "免费"),
        (4, "名额", "2.5"),
    ]
    assert [r.id for r in result.records] == ["C1"]  # type: ignore[attr-defined]
