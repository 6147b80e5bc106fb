"""Import tells what it ignored: unknown columns, rows without a description, vendor aliases,
the --map file (columns, defaults, id prefix), scrubbed survey answers, and the real vendor
catalogue in one command. Every file is written by the test; warnings never block."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalog import Course, ImportFailed, Kind, Settings, SurveyResponse, match_header
from catalog._column_map import ColumnMap, load_column_map
from catalog._importer import import_paths
from catalog._store import open_store
from tests.catalog.import_files import SCHOOLS, write_files

ROOT = Path(__file__).resolve().parents[2]
VENDOR_MAP = ROOT / "docs" / "maps" / "uskid_courses.map"

#: A vendor-style course file: English column names, an `intro`, a `wuyu_category`, and two
#: columns kehou has no field for (remark, 合作方式); row 3 has no description.
VENDOR_CSV = """id,name,intro,wuyu_category,grade,price,minutes,班额,remark,合作方式
V1,创意折纸,动手折出立体作品,美育、劳育,一–九年级,2,40,30,热门,ToG
V2,奇妙围棋课,,智育,一年级、二年级,3,40,25,,ToB
"""


def _settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "kehou.db"), hmac_secret="test-secret")


def _courses(settings: Settings) -> dict[str, Course]:
    with open_store(settings) as store:
        return {c.id: c for c in store.records(Kind.COURSE) if isinstance(c, Course)}


def test_vendor_aliases_are_read() -> None:
    header = ["name", "intro", "wuyu_category", "五育类别", "课程名称", "levels", "简介"]
    match = match_header(Kind.COURSE, header)
    assert match.fields == {0: "title", 1: "description", 2: "domains", 5: "tags"}
    assert {field for _, field in match.duplicates} == {"domains", "title", "description"}


def test_unknown_columns_and_missing_descriptions_are_named(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = write_files(tmp_path / "in", {"courses.csv": VENDOR_CSV}) / "courses.csv"
    summary = import_paths([path], settings)
    assert summary.inserted["courses"] == 2  # notices do not block
    unknown = {n.column for n in summary.notices if n.code == "unknown_column"}
    assert unknown == {"remark", "合作方式"}
    (empty,) = [n for n in summary.notices if n.code == "no_description"]
    assert empty.rows == (3,) and "无法检查是否学科类" in empty.message
    courses = _courses(settings)
    assert courses["V1"].description == "动手折出立体作品"
    assert courses["V1"].grades.lo == 1 and courses["V1"].grades.hi == 9
    assert [d.value for d in courses["V1"].domains] == ["美", "劳"]
    assert (courses["V2"].grades.lo, courses["V2"].grades.hi) == (1, 2)
    doc = summary.to_json()
    assert {n["code"] for n in doc["notices"]} == {"unknown_column", "no_description"}
    assert {"file": "courses.csv", "column": "intro", "field": "description"} in doc["columns"]
    assert any(c["column"] == "remark" and "unknown" in c["field"] for c in doc["columns"])


def _map_files(tmp_path: Path) -> list[Path]:
    as_json = tmp_path / "map.json"
    as_json.write_text(
        json.dumps(
            {
                "columns": {"外部说明": "description", "remark": None, "合作方式": "-"},
                "defaults": {"capacity": 20, "session_minutes": 45},
                "id_prefix": "VX-",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    as_text = tmp_path / "map.txt"
    as_text.write_text(
        "# comment\n外部说明 = description\nremark = -\n合作方式 =\n"
        "[defaults]\ncapacity = 20\nsession_minutes = 45\n[options]\nid_prefix = VX-\n",
        encoding="utf-8",
    )
    return [as_json, as_text]


def test_both_map_formats_read_the_same(tmp_path: Path) -> None:
    first, second = (load_column_map(p) for p in _map_files(tmp_path))
    assert (first.columns, first.defaults, first.id_prefix) == (
        second.columns,
        second.defaults,
        second.id_prefix,
    )
    assert first.columns["remark"] is None and first.defaults["capacity"] == "20"


@pytest.mark.parametrize("which", [0, 1], ids=["json", "text"])
def test_map_maps_ignores_defaults_and_prefixes(tmp_path: Path, which: int) -> None:
    settings = _settings(tmp_path)
    csv = (
        "id,name,外部说明,wuyu_category,grade,price,remark,合作方式\nV1,书法,练字,美育,3-6,2,,ToG\n"
    )
    path = write_files(tmp_path / "in", {"courses.csv": csv}) / "courses.csv"
    column_map = load_column_map(_map_files(tmp_path)[which])
    summary = import_paths([path], settings, column_map=column_map)
    course = _courses(settings)["VX-V1"]
    assert (course.description, course.capacity, course.session_minutes) == ("练字", 20, 45)
    assert not [n for n in summary.notices if n.code == "unknown_column"]  # map says ignore
    defaulted = {n.column: n.rows for n in summary.notices if n.code == "defaulted"}
    assert defaulted == {"容量 / capacity": (2,), "每次时长 / session_minutes": (2,)}


def test_map_naming_an_unknown_field_refuses_and_changes_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = write_files(tmp_path / "in", {"courses.csv": VENDOR_CSV}) / "courses.csv"
    bad = ColumnMap(columns={"remark": "remarks_field"}, source="bad.map")
    with pytest.raises(ImportFailed) as failed:
        import_paths([path], settings, column_map=bad)
    (problem,) = failed.value.problems
    assert problem.column == "remark" and "remarks_field" in problem.reason
    assert not Path(settings.db).exists() or _courses(settings) == {}


@pytest.mark.parametrize(
    "text",
    [
        '{"columns": ',
        '{"colums": {}}',
        '{"columns": ["intro"]}',
        "[questions]\nthree = current\n",
        "[columns]\nintro = description\nintro = title\n",
    ],
)
def test_malformed_map_files_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.map"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        load_column_map(path)
    assert failed.value.problems[0].file == "bad.map"


def test_survey_free_text_is_scrubbed_before_storage(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    surveys = (
        "school_id,respondent_id,respondent,grade,interests,家长手机\n"
        "S1,R1,家长,4,想学围棋 联系电话13812345678 王小明,13900001111\n"
        "S1,R2,学生,3,姓名：李华，学号20230101，喜欢足球,\n"
        "S1,R3,学生,5,舞蹈,\n"
    )
    folder = write_files(tmp_path / "in", {"schools.csv": SCHOOLS, "surveys.csv": surveys})
    summary = import_paths([folder], settings)
    with open_store(settings) as store:
        stored = [r.interests for r in store.records(Kind.SURVEY) if isinstance(r, SurveyResponse)]
    text = " ".join(stored)
    for secret in ("13812345678", "王小明", "李华", "20230101"):
        assert secret not in text
    assert sorted(stored) == ["喜欢足球", "想学围棋", "舞蹈"]
    (scrubbed,) = [n for n in summary.notices if n.code == "scrubbed"]
    assert scrubbed.rows == (2, 3)
    (private,) = [n for n in summary.notices if n.code == "private_column"]
    assert private.column == "家长手机" and "13900001111" not in str(summary.to_json())


def test_the_real_vendor_catalogue_imports_with_one_command(
    tmp_path: Path, shared_data: Path
) -> None:
    """The documented command: --kind courses --map docs/maps/uskid_courses.map."""
    source = shared_data / "afterschool" / "uskid_school_course_catalogue.json"
    items = json.loads(source.read_text(encoding="utf-8"))
    settings = _settings(tmp_path)
    summary = import_paths(
        [source], settings, kind=Kind.COURSE, column_map=load_column_map(VENDOR_MAP)
    )
    courses = _courses(settings)
    assert summary.inserted["courses"] == len(items) == len(courses)
    without_intro = [i for i in items if not i["intro"]]
    (empty,) = [n for n in summary.notices if n.code == "no_description"]
    assert len(empty.rows) == len(without_intro)
    assert not [n for n in summary.notices if n.code == "unknown_column"]
    for item in items:
        course = courses[f"USK-{item['id']}"]
        intro = item["intro"].replace("\u200b", "").strip()  # zero-width spaces are dropped
        assert course.title == item["name"] and course.description == intro
        if item["wuyu_category"]:
            wanted = {c.removesuffix("育") for c in item["wuyu_category"]}
            assert {d.value for d in course.domains} == wanted
