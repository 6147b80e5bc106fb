"""The allocation owns cross-school decisions: specialists' days (one school per afternoon),
max_schools decided by value not by id order, rotation across semesters and the fairness-over-
time figure. Real HiGHS solves on small cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.allocation import (
    ALL_DAYS,
    WEEKDAYS,
    BureauConfig,
    ResourceInfo,
    SchoolInfo,
    allocate,
    assign_days,
    gini,
    weekdays,
)

NO_FLOOR = BureauConfig(science_floor=0)


def school(sid: str, days: str = "", students: int = 500) -> SchoolInfo:
    return SchoolInfo(
        sid, "天元区", "城区", students, days=weekdays(days.split("、") if days else [])
    )


def specialist(rid: str, max_schools: int, days: str) -> ResourceInfo:
    return ResourceInfo(rid, max_schools, False, 0.0, "非遗传承人", weekdays(days.split("、")))


def test_weekdays_read_slots_and_default_to_the_whole_week() -> None:
    assert weekdays(["周二下午", "星期四 16:00-17:30"]) == frozenset({1, 3})
    assert weekdays([]) == ALL_DAYS
    assert weekdays(["周六上午"]) == frozenset()


def test_assign_days_moves_earlier_schools_to_seat_everyone() -> None:
    days = [frozenset({1, 3}), frozenset({1}), frozenset({3, 4})]
    got, missing = assign_days([0, 1, 2], days, frozenset({1, 3, 4}))
    assert missing == []
    assert got == {1: 1, 0: 3, 2: 4}
    got, missing = assign_days([0, 1, 2], days, frozenset({1, 3}))  # two afternoons, three
    assert len(got) == 2 and len(missing) == 1 and len(set(got.values())) == 2


def test_specialist_one_school_per_afternoon_on_shared_days() -> None:
    schools = [school("A", "周二下午"), school("B", "周二下午"), school("C", "周二下午、周四下午")]
    coach = specialist("P1", 3, "周二下午、周四下午")
    report = allocate(np.full((3, 1), 0.9), schools, [coach], config=NO_FLOOR)
    given_ = [a for a in report.allocations if a.resource_id == "P1"]
    # max_schools 3, but A and B can only have 周二: two afternoons seat two schools.
    assert len(given_) == 2
    assert len({a.day for a in given_}) == 2
    info = {s.id: s for s in schools}
    for a in given_:
        assert a.day is not None
        assert WEEKDAYS.index(a.day) in info[a.school_id].days & coach.days  # type: ignore[operator]
    assert any(a.school_id == "C" and a.day == "周四" for a in given_)


def test_max_schools_decided_by_value_not_by_id_order() -> None:
    schools = [school("S01"), school("S02"), school("S03")]
    values = np.array([[0.2], [0.3], [0.9]])
    report = allocate(values, schools, [specialist("P1", 1, "周三下午")], config=NO_FLOOR)
    assert [(a.school_id, a.day) for a in report.allocations] == [("S03", "周三")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**31 - 1))
def test_days_never_double_booked_and_within_both_calendars(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_s, n_r = int(rng.integers(2, 7)), int(rng.integers(1, 4))
    schools = [
        SchoolInfo(f"S{k}", "荷塘区", "农村", 300, demand=2, days=_days(rng)) for k in range(n_s)
    ]
    resources = [
        ResourceInfo(f"P{k}", int(rng.integers(1, 5)), False, days=_days(rng)) for k in range(n_r)
    ]
    report = allocate(rng.random((n_s, n_r)), schools, resources, config=NO_FLOOR)
    by_id = {s.id: s for s in schools} | {r.id: r for r in resources}
    seen: set[tuple[str, str | None]] = set()
    for a in report.allocations:
        day = WEEKDAYS.index(a.day or "")
        assert day in by_id[a.school_id].days and day in by_id[a.resource_id].days  # type: ignore[union-attr,operator]
        assert (a.resource_id, a.day) not in seen
        seen.add((a.resource_id, a.day))
    for use, res in zip(report.resources, resources, strict=True):
        assert use.used <= min(res.capacity, len(res.days or ()))


def _days(rng: np.random.Generator) -> frozenset[int]:
    return frozenset(int(d) for d in rng.choice(5, size=int(rng.integers(1, 4)), replace=False))


def test_two_semesters_rotate_a_scarce_resource_and_report_fairness_over_time() -> None:
    schools = [school("X"), school("Y")]
    values = np.array([[0.8], [0.7]])  # X fits a little better
    visit = [ResourceInfo("R1", 1, True, 0.0, "进校园")]
    first = allocate(values, schools, visit, config=NO_FLOOR)
    assert [a.school_id for a in first.allocations] == ["X"]
    assert first.fairness.gini_over_time == pytest.approx(first.fairness.gini_per_student)
    assert first.fairness.gini_per_student > 0

    got = {a.school_id: {a.resource_id} for a in first.allocations}
    earlier = {s.school_id: s.activities for s in first.schools}
    second = allocate(values, schools, visit, config=NO_FLOOR, previous=got, earlier=earlier)
    assert [(a.school_id, a.rotated) for a in second.allocations] == [("Y", False)]
    # one semester each: unequal this semester, equal over time
    assert second.fairness.gini_per_student == first.fairness.gini_per_student
    assert second.fairness.gini_over_time == pytest.approx(gini([1.0, 1.0]))
    assert second.fairness.gini_over_time < second.fairness.gini_per_student

    without = allocate(
        values,
        schools,
        visit,
        config=NO_FLOOR.model_copy(update={"rotation": 0.0}),
        previous=got,
    )
    assert [(a.school_id, a.rotated) for a in without.allocations] == [("X", True)]
