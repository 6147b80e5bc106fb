"""The daily timetable on adversarial schools, solved by the real CP-SAT model.

Invariants checked on every plan: every row has a school day, clock times and a room; nobody
is in two places at once; no room holds more sections than it has; outside people teach only
when they are available and on the days the allocation gives them; own teachers never exceed
their headcount; everyone who stays has a place in every period.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from catalog import Area, FeeCaps, School, SchoolLevel
from matcher._assemble import PlanParts, assemble
from matcher._plan import PlanConfig
from matcher._room_needs import room_need
from matcher._timetable import build_problem
from matcher._tt_inputs import (
    WEEKDAYS,
    SchoolTimetable,
    TimetableConfig,
    parse_room,
    periods_of,
    window_fits,
)
from matcher._types import ScoredItem

CAPS = FeeCaps()
CLOCK = re.compile(r"^\d{2}:\d{2}$")


class Profile:
    """What assemble reads of a profile: respondents and their preferred days."""

    def __init__(self, respondents: int = 100) -> None:
        self.respondents = respondents
        self.preferred_days: dict[str, int] = {}


def school(
    students: int = 900,
    facilities: tuple[str, ...] = ("计算机教室", "操场", "音乐室"),
    exempt: int = 20,
    level: SchoolLevel = SchoolLevel.PRIMARY,
    area: Area = Area.URBAN,
) -> School:
    return School(
        id="S1", name="测试小学", district="天元区", level=level, area=area, students=students,
        lat=27.8, lon=113.1, exempt_students=exempt, facilities=list(facilities),
    )  # fmt: skip


def item(
    i: int,
    title: str,
    domain: str = "智",
    *,
    wanted: int = 0,
    staff: str = "本校教师",
    person: str | None = None,
    slots: tuple[str, ...] = (),
    cap: int = 30,
    fee: float = 80.0,
) -> ScoredItem:
    return ScoredItem(
        id=f"I{i:02d}", kind="courses", title=title, domains=(domain,), score=1 - i / 100,
        reasons=("理由",), theme=title if wanted else None, theme_respondents=wanted,
        capacity=cap, staff=staff, person_id=person, available_slots=slots,
        room=room_need(title), grades=(1, 9), provider_id=person,
        staff_fee_per_session=fee if person else 0.0,
    )  # fmt: skip


def plan(
    sch: School,
    items: list[ScoredItem],
    inputs: SchoolTimetable | None = None,
    respondents: int = 100,
) -> PlanParts:
    return assemble(items, sch, CAPS, PlanConfig(), Profile(respondents), inputs)


def check_invariants(
    sch: School, items: list[ScoredItem], parts: PlanParts, inputs: SchoolTimetable | None = None
) -> None:
    """What we check on schools we have not seen (issue 13, "Done when")."""
    inputs = inputs or SchoolTimetable()
    cfg = TimetableConfig()
    problem, _, _ = build_problem(sch, items, inputs, cfg, 100, {})
    periods = {p.start: p for p in periods_of(sch, cfg)}
    by_id = {i.id: i for i in items}
    rooms = {r.name: r.count for r in problem.rooms}
    used: Counter[tuple[str, str, str]] = Counter()
    own: Counter[tuple[str, str]] = Counter()
    people: Counter[tuple[str, str, str]] = Counter()
    seats: Counter[tuple[str, str]] = Counter()
    for r in parts.timetable:
        assert r.slot in WEEKDAYS and CLOCK.match(r.start) and CLOCK.match(r.end) and r.room, r
        assert (r.item_id is None) == (r.kind in ("homework", "reading", "self_study")), r
        used[(r.slot, r.start, r.room)] += 1
        base = next((n for n in rooms if r.room.startswith(n)), None)
        if base is not None:
            assert rooms[base] >= 1
        if r.staff.startswith("本校教师"):
            own[(r.slot, r.start)] += 1
        else:
            people[(r.staff, r.slot, r.start)] += 1
        if r.kind != "event":
            seats[(r.slot, r.start)] += r.expected_students
        if r.item_id is not None:
            it = by_id[r.item_id]
            assert r.expected_students <= it.capacity
            assert window_fits(it.available_slots, r.slot, periods[r.start])
            allowed = inputs.allowed_days.get(it.person_id or "")
            assert allowed is None or r.slot in allowed
    assert max(used.values()) == 1  # one section per room and period
    for base, count in rooms.items():
        per_slot = Counter((s, t) for (s, t, room) in used if room.startswith(base))
        assert max(per_slot.values(), default=0) <= count, base
    assert max(own.values(), default=0) <= problem.teachers
    assert max(people.values(), default=0) <= 1  # nobody in two places at once
    for day in WEEKDAYS:
        staying = sum(problem.stay[(b.name, day)] for b in problem.bands)
        for start in periods:
            assert seats[(day, start)] >= staying, (day, start)


def test_every_school_day_has_homework_first_then_activities() -> None:
    sch = school()
    items = [item(0, "Scratch编程", wanted=30), item(1, "校园足球", "体", wanted=40),
             item(2, "合唱", "美", wanted=20), item(3, "红色故事", "德")]  # fmt: skip
    parts = plan(sch, items)
    check_invariants(sch, items, parts)
    first = {r.slot: r.start for r in parts.timetable if r.period == 0}
    assert set(first) == set(WEEKDAYS)
    kinds = {r.kind for r in parts.timetable if r.period == 0}
    assert kinds == {"homework", "reading"}  # grades 1–2 read or play
    assert max(r.end for r in parts.timetable) == "17:30"
    assert {"I00", "I01", "I02", "I03"} == {i.id for i in parts.items}


def test_one_computer_room_holds_one_section_and_says_what_binds() -> None:
    sch = school(facilities=("计算机教室", "操场"))
    items = [item(0, "Scratch编程", wanted=80), item(1, "Python编程", wanted=60),
             item(2, "人工智能编程", wanted=50)]  # fmt: skip
    parts = plan(sch, items)
    check_invariants(sch, items, parts)
    per_slot = Counter((r.slot, r.start) for r in parts.timetable if r.room == "计算机教室")
    assert per_slot and max(per_slot.values()) == 1
    reasons = " ".join(u.reason for u in parts.unmet)
    assert "计算机教室只有1间" in reasons and "班次" in reasons


def test_rooms_with_counts_are_parsed() -> None:
    cfg = TimetableConfig()
    room = parse_room("计算机教室2间", cfg)
    assert room is not None and (room.name, room.count) == ("计算机教室", 2)
    seated = parse_room("音乐室(40座)", cfg)
    assert seated is not None and (seated.name, seated.count, seated.seats) == ("音乐室", 1, 40)
    two = parse_room("舞蹈房两间", cfg)
    assert two is not None and two.count == 2
    sch = school(facilities=("计算机教室2间",))
    items = [item(0, "Scratch编程", wanted=90)]
    parts = plan(sch, items)
    check_invariants(sch, items, parts)
    rooms = {r.room for r in parts.timetable if r.item_id == "I00"}
    assert rooms == {"计算机教室1", "计算机教室2"}


def test_a_specialist_given_one_afternoon_teaches_only_then() -> None:
    sch = school()
    week = tuple(f"{d}下午" for d in WEEKDAYS)
    items = [item(0, "围棋", wanted=60, staff="退休教师·王", person="SP1", slots=week),
             item(1, "合唱", "美", wanted=20)]  # fmt: skip
    inputs = SchoolTimetable(allowed_days={"SP1": ("周三",)})
    parts = plan(sch, items, inputs)
    check_invariants(sch, items, parts, inputs)
    days = {r.slot for r in parts.timetable if r.item_id == "I00"}
    assert days == {"周三"}
    unmet = next(u for u in parts.unmet if u.item_id == "I00")
    assert "周三" in unmet.reason and "退休教师·王" in unmet.reason


def test_a_specialist_without_a_shared_afternoon_is_not_placed() -> None:
    sch = school()
    items = [item(0, "围棋", staff="退休教师·王", person="SP1", slots=("周六上午",))]
    parts = plan(sch, items)
    assert parts.items == () and "未排入" in parts.warnings[-1]


def test_rural_school_with_two_teachers_and_sixty_students() -> None:
    sch = school(students=60, facilities=("操场",), exempt=10, area=Area.RURAL)
    items = [item(0, "校园足球", "体", wanted=30), item(1, "剪纸", "美", wanted=20),
             item(2, "种菜", "劳", wanted=10)]  # fmt: skip
    inputs = SchoolTimetable(own_teachers=2)
    parts = plan(sch, items, inputs)
    check_invariants(sch, items, parts, inputs)
    homework = [r for r in parts.timetable if r.period == 0 and r.slot == "周一"]
    assert len(homework) == 2 and any("合班" in r.title for r in homework)
    assert any("本校教师每天下午只有2人" in w for w in parts.warnings)
    assert parts.costs.participants <= 60


def test_a_school_that_lists_no_facilities_gets_no_invented_rooms() -> None:
    """Only classrooms and the playground every school has (a setting); no computer room."""
    sch = school(facilities=())
    items = [item(0, "Scratch编程", wanted=30), item(1, "校园足球", "体", wanted=30),
             item(2, "合唱", "美", wanted=30)]  # fmt: skip
    parts = plan(sch, items)
    check_invariants(sch, items, parts)
    assert {i.id for i in parts.items} == {"I01", "I02"}  # football outside, a choir indoors
    assert {r.room for r in parts.timetable if r.item_id == "I01"} <= {"操场1", "操场2"}
    assert all(r.room.endswith("班教室") for r in parts.timetable if r.item_id != "I01")
    assert any("学校没有计算机教室" in w for w in parts.warnings)
    bare = plan(sch, items, SchoolTimetable(rooms=()))  # a rooms file that lists nothing
    assert {i.id for i in bare.items} == {"I02"}


def test_class_sizes_follow_survey_demand() -> None:
    sch = school(students=900)
    few = plan(sch, [item(0, "合唱", "美", wanted=5)], respondents=100)
    many = plan(sch, [item(0, "合唱", "美", wanted=50)], respondents=100)

    def seats(p: PlanParts) -> int:
        return sum(r.expected_students for r in p.timetable if r.item_id == "I00")

    assert seats(few) < seats(many)
    assert abs(seats(few) - round(0.05 * 900 * 0.85)) <= 3


def test_costs_follow_the_daily_plan_and_balance() -> None:
    sch = school(students=900, exempt=45)
    parts = plan(sch, [item(0, "合唱", "美", wanted=20)])
    c = parts.costs
    day = min(CAPS.yuan_per_day, 2 * CAPS.yuan_per_session_hour)  # homework + one activity
    assert c.fee_per_period * c.periods_per_day == pytest.approx(day)
    assert c.cost_per_student_semester == pytest.approx(day * 5 * 18, abs=1)
    assert c.exempt_waiver == pytest.approx(45 * c.waiver_per_exempt_student, abs=1)
    assert c.fee_income == pytest.approx(c.fees_due - c.exempt_waiver, abs=1)
    assert 0.80 <= c.staff_share <= 0.90
    assert c.budget >= c.fee_income - 1  # no surplus: income is all spent
    assert c.subsidy_needed == pytest.approx(max(0.0, c.budget - c.fee_income), abs=1)


def test_same_inputs_same_week() -> None:
    sch = school()
    items = [item(0, "Scratch编程", wanted=30), item(1, "校园足球", "体", wanted=40)]
    assert plan(sch, items).timetable == plan(sch, items).timetable
