"""Timetable inputs in the data contract: courses 场地类型, schools 行政班 and 本校可带课教师数,
and a rooms file (场地.csv), through the real loaders into a real SQLite file and back out."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import (
    Course,
    ImportFailed,
    Kind,
    School,
    SchoolRoom,
    Settings,
    classes_by_grade,
    export_records,
    kind_from_filename,
    load_file,
)
from catalog._importer import import_paths
from catalog._rooms import classes_value
from catalog._store import open_store
from tests.catalog.import_files import GOOD, write_files

SCHOOLS = """学校编号,学校名称,区县,学段,城乡,学生数,纬度,经度,行政班,本校可带课教师数
S1,天元区实验小学,天元区,小学,城区,1800,27.83,113.09,1:6;2:6;3:5;4:5;5:5;6:5,20
S2,茶陵县思聪中学,茶陵县,初中,农村,420,26.79,113.54,每年级3个班,
"""
COURSES = """课程编号,课程名称,五育,年级,每次收费(元),每次时长,容量,提供者编号,场地类型
C1,釉下五彩瓷体验,美、劳,3-6,2,45,30,P1,陶艺室
C2,足球,体,1-6,0,60,25,,操场
C3,民族舞,美,1-6,3,45,20,I1,
"""
ROOMS = """学校编号,场地类型,间数,座位数
S1,计算机教室,1,45
S1,操场,2,
S2,普通教室,6,50
"""


def _files(**changes: str) -> dict[str, str]:
    files = {**GOOD, "schools.csv": SCHOOLS, "courses.csv": COURSES, "场地.csv": ROOMS}
    return {**files, **changes}


def test_the_rooms_file_is_recognised_by_its_name() -> None:
    assert kind_from_filename("场地_2026秋.xlsx") is Kind.ROOM
    assert kind_from_filename("rooms.csv") is Kind.ROOM


def test_classes_have_one_canonical_form() -> None:
    assert classes_value("每年级3个班") == "3" == classes_value(" 3 ")
    assert classes_value("2：4，1：3") == "1:3;2:4"
    assert classes_by_grade("3", range(7, 10)) == {7: 3, 8: 3, 9: 3}
    assert classes_by_grade("7:2;9:1", range(7, 10)) == {7: 2, 8: 0, 9: 1}
    assert classes_by_grade(None, range(1, 7)) is None


def test_new_columns_and_rooms_land_in_the_database(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "k.db"))
    summary = import_paths([write_files(tmp_path / "in", _files())], settings)
    assert summary.inserted["rooms"] == 3
    with open_store(settings) as store:
        s1, s2 = store.get(Kind.SCHOOL, "S1"), store.get(Kind.SCHOOL, "S2")
        assert isinstance(s1, School) and isinstance(s2, School)
        assert (s1.classes, s1.own_teachers) == ("1:6;2:6;3:5;4:5;5:5;6:5", 20)
        assert (s2.classes, s2.own_teachers) == ("3", None)
        rooms = {r.id: r for r in store.records(Kind.ROOM) if isinstance(r, SchoolRoom)}
        courses = {c.id: c for c in store.records(Kind.COURSE) if isinstance(c, Course)}
    assert rooms["S1-计算机教室"] == SchoolRoom(
        school_id="S1", room_type="计算机教室", count=1, seats=45
    )
    assert rooms["S1-操场"].seats is None and rooms["S2-普通教室"].count == 6
    assert [courses[c].room_type for c in ("C1", "C2", "C3")] == ["陶艺室", "操场", None]


@pytest.mark.parametrize(
    ("name", "old", "new", "row", "column", "word"),
    [
        ("courses.csv", ",P1,陶艺室", ",P1,魔法教室", 2, "场地类型", "魔法教室"),
        ("schools.csv", "1:6;2:6;3:5", "1:6;二年级6班", 2, "行政班", "二年级6班"),
        ("schools.csv", "农村,420,26.79,113.54,每年级3个班,", "农村,420,26.79,113.54,3,-2", 3,
         "本校可带课教师数", "-2"),
        ("场地.csv", "S1,操场,2,", "S1,操场,0,", 3, "间数", "0"),
        ("场地.csv", "S2,普通教室", "S2,游乐园", 4, "场地类型", "游乐园"),
        ("场地.csv", "S2,普通教室", "S404,普通教室", 4, "school_id", "S404"),
        ("场地.csv", "S1,操场,2,", "S1,计算机教室,2,", 3, "场地类型", "S1-计算机教室"),
    ],
)  # fmt: skip
def test_bad_cells_fail_with_file_row_and_column_and_nothing_changes(
    tmp_path: Path, name: str, old: str, new: str, row: int, column: str, word: str
) -> None:
    settings = Settings(db=str(tmp_path / "k.db"))
    files = _files()
    assert old in files[name]
    files[name] = files[name].replace(old, new)
    with pytest.raises(ImportFailed) as failed:
        import_paths([write_files(tmp_path / "in", files)], settings)
    found = [p for p in failed.value.problems if (p.file, p.row) == (name, row)]
    assert found, failed.value.problems
    assert any(p.column == column for p in found), found
    assert any(word in f"{p.value} {p.reason}" for p in found), found
    assert not (tmp_path / "k.db").exists() or _empty(settings)


def _empty(settings: Settings) -> bool:
    with open_store(settings) as store:
        return not any(store.counts().values())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_round_trip_of_the_rooms_and_new_columns(tmp_path: Path, suffix: str) -> None:
    settings = Settings(db=str(tmp_path / "k.db"))
    import_paths([write_files(tmp_path / "in", _files())], settings)
    with open_store(settings) as store:
        stored = {k: store.records(k) for k in (Kind.SCHOOL, Kind.COURSE, Kind.ROOM)}
    for kind, records in stored.items():
        path = tmp_path / "out" / f"{kind.value}{suffix}"
        path.parent.mkdir(exist_ok=True)
        export_records(records, kind, path)
        assert load_file(path, settings=settings).records == records
