"""Stored timetable inputs reach the solver: a rooms file replaces the facilities cell, a
school's classes and own teachers replace the defaults, a course's room_type wins over the
room inferred from its topic. Real CP-SAT, real recommender (TF-IDF embedder)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from catalog import Course, Domain, GradeRange, Kind, School, SchoolRoom, Settings, SurveyResponse
from embeddings import NumpyIndex, TfidfEmbedder
from matcher import Programme
from matcher._catalogue import Catalogue
from matcher._recommend import Recommender
from matcher._room_needs import room_need
from matcher._tt_inputs import SchoolTimetable, TimetableConfig, rooms_of, school_inputs_of
from tests.matcher.test_timetable import check_invariants, item, plan


def _school(**extra: object) -> School:
    return School(
        id="S1", name="试验小学", district="天元区", level="小学", area="城区", students=900,
        lat=27.84, lon=113.10, facilities=["计算机教室3间", "操场", "音乐室"],
        after_school_slots=["周二下午", "周四下午"], **extra,
    )  # fmt: skip


ONE_PC_ROOM = (
    SchoolRoom(school_id="S1", room_type="计算机教室", count=1, seats=45),
    SchoolRoom(school_id="S1", room_type="操场", count=2),
)


def test_stored_values_replace_the_defaults_and_the_caller_wins() -> None:
    sch = _school(classes="1:2;2:2;3:3", own_teachers=4)
    inputs = school_inputs_of(sch, ONE_PC_ROOM, None)
    rooms = {r.name: (r.count, r.seats) for r in rooms_of(sch, inputs, TimetableConfig())}
    assert rooms == {"计算机教室": (1, 45), "操场": (2, 120)}  # 音乐室 only in the cell: gone
    assert inputs.classes == {1: 2, 2: 2, 3: 3, 4: 0, 5: 0, 6: 0}
    assert inputs.own_teachers == 4
    given = SchoolTimetable(rooms=("美术室",), own_teachers=9, allowed_days={"P1": ("周二",)})
    mine = school_inputs_of(sch, ONE_PC_ROOM, given)
    assert (
        mine.rooms == ("美术室",)
        and mine.own_teachers == 9
        and mine.allowed_days == {"P1": ("周二",)}
    )
    per_grade = school_inputs_of(_school(classes="3"), (), None)
    assert per_grade.classes == dict.fromkeys(range(1, 7), 3) and per_grade.rooms is None
    nothing = school_inputs_of(_school(), (), None)
    assert nothing == SchoolTimetable()  # nothing stored: the defaults stay


def test_one_computer_room_in_the_rooms_file_holds_one_section_per_period() -> None:
    sch = _school()
    items = [item(0, "Scratch编程", wanted=60), item(1, "Python入门", wanted=60),
             item(2, "人工智能启蒙", wanted=60), item(3, "校园足球", "体", wanted=40)]  # fmt: skip
    inputs = school_inputs_of(sch, ONE_PC_ROOM, None)
    parts = plan(sch, items, inputs)
    check_invariants(sch, items, parts, inputs)
    pc = Counter((r.slot, r.start) for r in parts.timetable if r.room.startswith("计算机教室"))
    assert pc and max(pc.values()) == 1
    without = plan(sch, items)  # the facilities cell alone says three computer rooms
    pc3 = Counter((r.slot, r.start) for r in without.timetable if r.room.startswith("计算机教室"))
    assert max(pc3.values()) > 1


def test_room_type_wins_over_the_inferred_room() -> None:
    assert room_need("趣味游戏").label == "普通教室"
    need = room_need("趣味游戏", (), "趣味游戏", "操场")
    assert need.strict and "操场" in need.words
    sch = _school()
    game = item(0, "趣味游戏", "体", wanted=40)
    moved = type(game)(**{**game.__dict__, "room": need})
    parts = plan(sch, [moved])
    rooms = {r.room for r in parts.timetable if r.item_id == moved.id}
    assert rooms and all(r.startswith("操场") for r in rooms)


def _recommender(tmp: Path) -> tuple[Recommender, School]:
    courses = [
        Course(id=cid, title=t, description=d, domains=[Domain(dom)], grades=GradeRange(lo=1, hi=6),
               fee_per_session=0, session_minutes=40, capacity=30, room_type=room)
        for cid, t, d, dom, room in (
            ("K1", "Scratch编程", "用Scratch做小游戏", "智", None),
            ("K2", "图形化编程进阶", "积木编程做动画", "智", "计算机教室"),
            ("K3", "趣味游戏", "老鹰捉小鸡、丢手绢等集体游戏", "体", "操场"),
            ("K4", "红色故事会", "讲述革命先辈的故事", "德", None),
            ("K5", "种菜小能手", "认识蔬菜，动手劳动", "劳", None),
        )
    ]  # fmt: skip
    records = {Kind.COURSE: courses, Kind.ROOM: list(ONE_PC_ROOM)}
    catalogue = Catalogue.from_records(records)  # type: ignore[arg-type]
    embedder = TfidfEmbedder()
    embedder.fit(catalogue.texts())
    vectors = np.asarray(embedder.encode_documents(catalogue.texts()), dtype=np.float32)
    index = NumpyIndex(embedder.dim)
    index.add(catalogue.keys(), vectors)
    settings = Settings(db=str(tmp / "k.db"), hmac_secret="test")
    rec = Recommender(catalogue, embedder, index, settings, vectors=vectors)
    return rec, _school(classes="3", own_teachers=8)


def _surveys() -> list[SurveyResponse]:
    wishes = ["编程", "Scratch", "做游戏", "户外游戏", "编程小游戏", "讲故事", "种菜"] * 6
    return [
        SurveyResponse(respondent_key=f"{n:064x}", school_id="S1", respondent="学生", grade=4,
                       interests=text, preferred_days=["周二下午"])
        for n, text in enumerate(wishes)
    ]  # fmt: skip


def test_the_recommender_uses_the_stored_rooms_classes_and_room_types(tmp_path: Path) -> None:
    rec, sch = _recommender(tmp_path)
    assert [r.room_type for r in rec.catalogue.rooms["S1"]] == ["操场", "计算机教室"]
    programme: Programme = rec.programme(sch, _surveys())
    rows = programme.timetable
    assert rows and all(r.start and r.room for r in rows)
    pc = Counter((r.slot, r.start) for r in rows if r.room.startswith("计算机教室"))
    assert max(pc.values(), default=0) <= 1
    game = [r for r in rows if r.item_id == "K3"]
    assert game and all(r.room.startswith("操场") for r in game)
    assert not any(r.room.startswith("音乐室") for r in rows)  # the rooms file replaced the cell
    ctx = programme.context
    assert ctx is not None and ctx.timetable is not None
    assert ctx.timetable.own_teachers == 8 and ctx.timetable.classes == dict.fromkeys(
        range(1, 7), 3
    )
