"""The pieces of the 问卷星 importer: headers, question roles on the real questionnaire, cells,
grades, free-text scrubbing, and the fixture generator staying in step with the fixtures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog import Kind, kind_from_filename, load_file, load_questionnaire, read_table
from catalog._wjx_answers import Answer, CellIssue, decode_split, decode_text, read_grade, scrub
from catalog._wjx_questions import Role, parse_header, role_of

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data" / "afterschool"
REAL = SHARED / "questionnaire_primary_interest_classes_wjx"


def needs_shared() -> None:
    if not (REAL.with_suffix(".json")).is_file():
        pytest.skip(f"../shared/data/afterschool is absent ({REAL}.json): real questionnaire")


@pytest.mark.parametrize(
    ("header", "number", "text", "option"),
    [
        ("3、您的孩子参加以下哪些兴趣班：", 3, "您的孩子参加以下哪些兴趣班：", None),
        ("3、您的孩子参加以下哪些兴趣班：(美术)", 3, "您的孩子参加以下哪些兴趣班：", "美术"),
        ("3(美术)", 3, "", "美术"),
        ("第3题(美术)", 3, "", "美术"),
        ("7、兴趣班：(钢琴（其它乐器）)", 7, "兴趣班：", "钢琴（其它乐器）"),
        ("１２．您的身份", 12, "您的身份", None),
        ("\ufeff1、学校编号", 1, "学校编号", None),
    ],
)
def test_parse_header(header: str, number: int, text: str, option: str | None) -> None:
    parts = parse_header(header)
    assert parts is not None
    assert (parts.number, parts.text, parts.option) == (number, text, option)


@pytest.mark.parametrize("header", ["序号", "提交答卷时间", "来自IP", "总分", "自定义字段"])
def test_metadata_headers_are_not_questions(header: str) -> None:
    assert parse_header(header) is None


def test_roles_of_the_real_questionnaire() -> None:
    """Of the 14 real questions kehou reads grade and 德智体美劳; 3 asks for current classes."""
    needs_shared()
    questions = load_questionnaire(REAL.with_suffix(".json")).questions
    roles = {q.number: role_of(q.text) for q in questions}
    assert roles.pop(1) is Role.GRADE
    assert roles.pop(3) is Role.CURRENT  # classes attended now, never wishes
    assert roles.pop(11) is Role.DOMAINS
    assert set(roles.values()) == {Role.OTHER}  # 13 (also about 德智体美劳) included


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("学生姓名", Role.PRIVATE),
        ("家长手机号码", Role.PRIVATE),
        ("学号", Role.PRIVATE),
        ("您的身份证号", Role.PRIVATE),
        ("学校编号（请向班主任询问）", Role.SCHOOL),
        ("您孩子就读的学校", Role.SCHOOL),
        ("填写人身份", Role.RESPONDENT),
        ("孩子最想学什么？（可以写多个）", Role.INTEREST_TEXT),
        ("您希望孩子每周哪几天参加课后兴趣活动？", Role.DAYS),
        ("您一般几点来接孩子？", Role.PICKUP),
        ("您更侧重德智体美劳哪一方面", Role.DOMAINS),
    ],
)
def test_roles_by_keyword(text: str, role: Role) -> None:
    assert role_of(text) is role


def test_questionnaire_text_and_json_agree() -> None:
    needs_shared()
    from_json = load_questionnaire(REAL.with_suffix(".json"))
    from_txt = load_questionnaire(REAL.with_suffix(".txt"))
    assert from_txt == from_json
    assert len(from_json.questions) == 14
    assert from_json.questions[0].options == tuple("一二三四五六")


def test_decode_text_cell() -> None:
    answer = decode_text("美术┋书法┋其他〖机器人〗")
    assert answer == Answer(("美术", "书法", "其他"), ("机器人",))
    assert decode_text("(跳过)").empty and decode_text("(空)").empty


_OPTION = (
    st.text(alphabet=st.characters(blacklist_characters="┋〖〗\r\n"), min_size=1)
    .map(str.strip)
    .filter(
        lambda s: s and s not in {"-2", "-3", "跳过", "未显示", "N/A"} and not s.startswith("(")
    )
)


@given(st.lists(_OPTION, min_size=1, max_size=6), st.one_of(st.none(), _OPTION))
def test_decode_text_round_trip(options: list[str], typed: str | None) -> None:
    cell = "┋".join(options + ([f"其他〖{typed}〗"] if typed else []))
    answer = decode_text(cell)
    assert list(answer.chosen) == options + (["其他"] if typed else [])
    assert list(answer.fills) == ([typed] if typed else [])


def test_decode_split_cells() -> None:
    assert decode_split("1", 9, "美术") == Answer(("美术",))
    assert decode_split("0", 9, "美术") == Answer() == decode_split("-3", 9, "美术")
    assert decode_split("机器人", 9, "其他") == Answer(("其他",), ("机器人",))
    issue = decode_split("2", 9, "美术")
    assert isinstance(issue, CellIssue) and (issue.column, issue.value) == (9, "2")


@pytest.mark.parametrize(
    ("value", "question", "grade"),
    [
        ("三", "您的孩子是小学几年级", 3),
        ("三年级", "年级", 3),
        ("初一", "年级", 7),
        ("二", "您的孩子是初中几年级", 8),
        ("七年级", "您的孩子是初中几年级", 7),
        ("高三", "年级", 12),
        ("6", "几年级", 6),
    ],
)
def test_read_grade(value: str, question: str, grade: int) -> None:
    assert read_grade(Answer((value,)), question) == grade


@pytest.mark.parametrize("value", ["十三", "初五", "幼儿园", "abc"])
def test_read_grade_refuses(value: str) -> None:
    reason = read_grade(Answer((value,)), "年级")
    assert isinstance(reason, str) and "unrecognised grade" in reason


def test_scrub_removes_contact_details() -> None:
    text = "想学编程 电话13873318562 或 0731-22334455，身份证43020319800101123X，ip 113.246.1.2"
    cleaned = scrub(text)
    for secret in ("13873318562", "22334455", "43020319800101123X", "113.246.1.2"):
        assert secret not in cleaned
    assert cleaned.startswith("想学编程")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_wjx_fixtures", ROOT / "scripts" / "make_wjx_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_wjx_fixtures", module)
    spec.loader.exec_module(module)
    return module


def test_fixtures_are_what_the_generator_makes() -> None:
    """The committed exports are exactly the generator's output from the real questionnaire."""
    needs_shared()
    gen = _generator()
    questions, text_rows, code_rows = gen.build(20250908, 40, gen.FIXTURE_SCHOOL)
    assert gen.build(20250908, 40, gen.FIXTURE_SCHOOL)[1] == text_rows
    for path, header, rows in (
        (ROOT / "tests/data/wjx/问卷星_按选项文本.csv", gen.headers(questions, False), text_rows),
        (ROOT / "tests/data/wjx/问卷星_按选项序号.csv", gen.headers(questions, True), code_rows),
    ):
        table = read_table(path)
        assert table.header == header
        assert table.rows == [[str(cell) for cell in row] for row in rows]


def test_demo_export_imports_for_a_demo_school() -> None:
    """The bundled demo 问卷星 export reads cleanly and names a school of the demo set."""
    demo = ROOT / "catalog" / "demo_data"
    exports = sorted(demo.glob("问卷星_*.xlsx"))
    if not exports:
        pytest.skip("no demo 问卷星 export yet (scripts/make_wjx_fixtures.py writes it)")
    schools_file = next(
        p
        for p in sorted(demo.iterdir())
        if kind_from_filename(p.name) is Kind.SCHOOL and p.suffix in (".csv", ".xlsx", ".json")
    )
    schools = load_file(schools_file)
    ids = {getattr(r, "id", None) for r in schools.records}
    result = load_file(exports[0], semester="2026秋")
    assert result.problems == []
    assert len(result.records) == 60
    assert {getattr(r, "school_id", None) for r in result.records} <= ids
