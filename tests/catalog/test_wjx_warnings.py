"""问卷星 import says which question became which field and warns about what would otherwise
change silently: renamed or unknown questions, repeated headers, a missing 身份 question, 周八,
a current-classes question, scrubbed answers. Each export is a small file the test writes."""

from __future__ import annotations

import json
from pathlib import Path

from catalog import LoadResult, Respondent, Settings, SurveyResponse, load_file
from catalog._importer import import_paths
from catalog._problems import Notice
from tests.catalog.import_files import SCHOOLS, write_files

META = "序号,提交答卷时间,所用时间,来源,来自IP"
ROW_META = ["1,2025/9/8 18:41:10,151秒,微信,1.2.3.4", "2,2025/9/8 19:02:00,90秒,微信,1.2.3.5"]
SCHOOL_Q = "1、学校编号"
WHO_Q = "2、填写人身份"
CURRENT_Q = "3、您的孩子参加以下哪些兴趣班："
WISH_Q = "4、孩子最想学什么？"
DAYS_Q = "5、您希望孩子每周哪几天参加课后兴趣活动？"


def export(
    tmp_path: Path, questions: list[str], answers: list[list[str]], name: str = "问卷星.csv"
) -> Path:
    """A 按选项文本 export with the given question columns and one answer list per row."""
    lines = [",".join([META, *questions])]
    lines += [",".join([meta, *row]) for meta, row in zip(ROW_META, answers, strict=True)]
    return write_files(tmp_path / "in", {name: "\n".join(lines) + "\n"}) / name


def load(path: Path, marks: dict[int, str] | None = None) -> LoadResult:
    from catalog._column_map import ColumnMap

    settings = Settings(db=str(path.parent / "k.db"), hmac_secret="test-secret")
    column_map = ColumnMap(questions=marks or {})
    return load_file(path, settings=settings, semester="2025秋", column_map=column_map)


def records(result: LoadResult) -> list[SurveyResponse]:
    assert result.problems == []
    return [r for r in result.records if isinstance(r, SurveyResponse)]


def notices(result: LoadResult, code: str) -> list[Notice]:
    return [n for n in result.notices if n.code == code]


STANDARD = [SCHOOL_Q, WHO_Q, CURRENT_Q, WISH_Q, DAYS_Q]
ANSWERS = [
    ["S1", "家长", "美术┋文化班补习", "机器人", "周二┋周四"],
    ["S1", "学生", "舞蹈", "围棋", "周三"],
]


def test_mapping_table_names_every_question(tmp_path: Path) -> None:
    result = load(export(tmp_path, STANDARD, ANSWERS))
    fields = {use.column: use.field for use in result.columns}
    assert fields["序号"].startswith("respondent_key")
    assert fields[SCHOOL_Q] == "school_id" and fields[WHO_Q] == "respondent"
    assert fields[WISH_Q] == "interests" and fields[DAYS_Q] == "preferred_days"
    assert "current classes" in fields[CURRENT_Q]


def test_current_classes_are_not_wishes_unless_marked(tmp_path: Path) -> None:
    path = export(tmp_path, STANDARD, ANSWERS)
    result = load(path)
    assert [r.interests for r in records(result)] == ["机器人", "围棋"]
    (notice,) = notices(result, "current_classes")
    assert notice.column == CURRENT_Q and "--question 3=wishes" in notice.message
    marked = load(path, {3: "wishes"})
    assert "文化班补习" in records(marked)[0].interests
    assert not notices(marked, "current_classes")


def test_renamed_question_warns_that_its_answers_are_dropped(tmp_path: Path) -> None:
    renamed = [SCHOOL_Q, WHO_Q, CURRENT_Q, "4、孩子的小心愿", DAYS_Q]
    result = load(export(tmp_path, renamed, ANSWERS))
    assert [r.interests for r in records(result)] == ["", ""]
    (dropped,) = notices(result, "question_not_read")
    assert dropped.column == "4、孩子的小心愿" and dropped.rows == (2, 3)
    assert notices(result, "no_interests")
    assert load(export(tmp_path, renamed, ANSWERS), {4: "wishes"}).records[0].interests == "机器人"


def test_renamed_respondent_question_warns_about_the_default(tmp_path: Path) -> None:
    renamed = [SCHOOL_Q, "2、您是？", CURRENT_Q, WISH_Q, DAYS_Q]
    result = load(export(tmp_path, renamed, ANSWERS))
    assert {r.respondent for r in records(result)} == {Respondent.PARENT}  # "您的孩子…"
    (notice,) = notices(result, "respondent_default")
    assert "家长" in notice.message
    assert [n.column for n in notices(result, "question_not_read")] == ["2、您是？"]


def test_duplicated_header_is_never_mixed_in(tmp_path: Path) -> None:
    doubled = [SCHOOL_Q, WHO_Q, WISH_Q, CURRENT_Q, WISH_Q, DAYS_Q]
    answers = [[*row[:2], row[3], row[2], "不该混入", row[4]] for row in ANSWERS]
    result = load(export(tmp_path, doubled, answers))
    assert [r.interests for r in records(result)] == ["机器人", "围棋"]
    (notice,) = notices(result, "duplicate_header")
    assert notice.column == WISH_Q and "8" in notice.message  # repeats column 8


def test_unknown_header_is_named(tmp_path: Path) -> None:
    result = load(export(tmp_path, [*STANDARD, "自定义字段"], [[*r, "x"] for r in ANSWERS]))
    assert [n.column for n in notices(result, "unknown_column")] == ["自定义字段"]
    assert len(records(result)) == 2


def test_unknown_day_words_are_dropped_with_a_warning(tmp_path: Path) -> None:
    answers = [[*ANSWERS[0][:4], "周二┋周八"], ANSWERS[1]]
    result = load(export(tmp_path, STANDARD, answers))
    assert [r.preferred_days for r in records(result)] == [["周二"], ["周三"]]
    (notice,) = notices(result, "unknown_day")
    assert "周八" in notice.message and notice.rows == (2,) and notice.column == DAYS_Q


def test_free_text_names_and_numbers_are_scrubbed(tmp_path: Path) -> None:
    answers = [[*ANSWERS[0][:3], "机器人 联系电话13812345678 王小明", ANSWERS[0][4]], ANSWERS[1]]
    result = load(export(tmp_path, STANDARD, answers))
    assert records(result)[0].interests == "机器人"
    (notice,) = notices(result, "scrubbed")
    assert notice.rows == (2,)


def test_warnings_reach_the_import_summary_and_do_not_block(tmp_path: Path) -> None:
    path = export(tmp_path, [*STANDARD, "自定义字段"], [[*r, "x"] for r in ANSWERS], "surveys.csv")
    write_files(path.parent, {"schools.csv": SCHOOLS})
    settings = Settings(db=str(tmp_path / "k.db"), hmac_secret="test-secret")
    summary = import_paths([path.parent], settings, semester="2025秋")
    assert summary.inserted["surveys"] == 2
    doc = summary.to_json()
    assert {"current_classes", "unknown_column"} <= {n["code"] for n in doc["notices"]}
    assert any(c["column"] == WISH_Q and c["field"] == "interests" for c in doc["columns"])


def test_the_real_questionnaire_question_3_is_current_classes(
    tmp_path: Path, shared_data: Path
) -> None:
    """An export of the real 14-question questionnaire: 文化班补习 (question 3) is no wish."""
    source = shared_data / "afterschool" / "questionnaire_primary_interest_classes_wjx.json"
    questions = json.loads(source.read_text(encoding="utf-8"))
    header = [f"{q['no']}、{q['question']}" for q in questions]
    rows = [[q["options"][0] for q in questions] for _ in ROW_META]
    rows[0][2] = "美术┋文化班补习"
    path = export(tmp_path, header, rows)
    result = load_file(
        path,
        settings=Settings(hmac_secret="test-secret"),
        school_id="S1",
        semester="2025秋",
    )
    assert result.problems == []
    assert all("文化班补习" not in r.interests for r in records(result))
    assert [n.column for n in notices(result, "current_classes")] == [header[2]]
    fields = {use.column: use.field for use in result.columns}
    assert fields[header[0]] == "grade" and fields[header[10]] == "preferred_domains"
