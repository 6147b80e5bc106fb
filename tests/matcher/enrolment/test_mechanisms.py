"""Every mechanism keeps the same rules: seats, grades, periods, days, the fee cap, the week."""

from __future__ import annotations

from datetime import datetime

import pytest

from matcher.enrolment import (
    MECHANISMS,
    EnrolConfig,
    Offering,
    Student,
    enrol,
    figures,
    violations,
)

NAMES = sorted(MECHANISMS)


def _student(key: str, grade: int, *choices: str, **kw: object) -> Student:
    return Student(key=key, grade=grade, choices=choices, code=key.upper(), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_section_seats_are_never_exceeded(name: str) -> None:
    offerings = [Offering("A", "围棋", "周一下午", sections=2, capacity=3)]
    students = [_student(f"s{i}", 3, "A") for i in range(10)]
    run = enrol(offerings, students, EnrolConfig(mechanism=name, seed=1))
    assert len(run.placements) == 6
    assert sorted(p.section for p in run.placements) == [1, 1, 1, 2, 2, 2]
    assert len(run.unplaced) == 4
    assert len(run.waitlists["A"]) == 4


@pytest.mark.parametrize("name", NAMES)
def test_grade_range_is_kept(name: str) -> None:
    offerings = [Offering("A", "机器人", "周一下午", sections=1, capacity=9, grades=(4, 6))]
    students = [_student("young", 2, "A"), _student("old", 5, "A")]
    run = enrol(offerings, students, EnrolConfig(mechanism=name))
    assert [run.instance.students[p.student].key for p in run.placements] == ["old"]
    assert "年级" in run.unplaced[0]


@pytest.mark.parametrize("name", NAMES)
def test_one_course_per_period(name: str) -> None:
    offerings = [
        Offering("A", "围棋", "周一下午", 1, 9, start="15:40"),
        Offering("B", "足球", "周一下午", 1, 9, start="15:40"),
        Offering("C", "书法", "周一下午", 1, 9, start="16:30"),
    ]
    students = [_student("s", 3, "A", "B", "C")]
    run = enrol(offerings, students, EnrolConfig(mechanism=name, max_per_week=3))
    assert sorted(run.instance.offerings[p.offering].item_id for p in run.placements) == ["A", "C"]


@pytest.mark.parametrize("name", NAMES)
def test_without_start_a_slot_is_one_period(name: str) -> None:
    offerings = [Offering("A", "围棋", "周一下午", 1, 9), Offering("B", "足球", "周一下午", 1, 9)]
    run = enrol(offerings, [_student("s", 3, "A", "B")], EnrolConfig(mechanism=name))
    assert len(run.placements) == 1


@pytest.mark.parametrize("name", NAMES)
def test_daily_fee_cap(name: str) -> None:
    offerings = [
        Offering("A", "陶艺", "周二下午", 1, 9, fee_per_session=5.0, start="15:40"),
        Offering("B", "舞蹈", "周二下午", 1, 9, fee_per_session=4.0, start="16:30"),
        Offering("C", "合唱", "周三下午", 1, 9, fee_per_session=4.0, start="15:40"),
        Offering("D", "击剑", "周四下午", 1, 9, fee_per_session=9.0, start="15:40"),
    ]
    students = [_student("s", 3, "D", "A", "B", "C")]
    run = enrol(offerings, students, EnrolConfig(mechanism=name, max_per_week=3))
    got = sorted(run.instance.offerings[p.offering].item_id for p in run.placements)
    assert got == ["A", "C"]  # A+B = 9 元 > 8 on 周二; D alone is over the cap


@pytest.mark.parametrize("name", NAMES)
def test_students_days_and_weekly_limit(name: str) -> None:
    offerings = [
        Offering(x, x, f"{d}下午", 1, 9)
        for x, d in zip("ABC", ("周一", "周二", "周三"), strict=True)
    ]
    students = [_student("s", 3, "A", "B", "C", days=("周二", "周三"))]
    run = enrol(offerings, students, EnrolConfig(mechanism=name, max_per_week=1))
    assert [run.instance.offerings[p.offering].item_id for p in run.placements] == ["B"]


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_result_and_file_order_does_not_matter(name: str) -> None:
    offerings = [Offering("A", "围棋", "周一下午", 1, 4), Offering("B", "足球", "周二下午", 1, 4)]
    students = [_student(f"s{i}", 3, "A", "B") for i in range(12)]

    def keys(students: list[Student], seed: int) -> list[tuple[str, str]]:
        run = enrol(offerings, students, EnrolConfig(mechanism=name, seed=seed, max_per_week=1))
        return sorted(
            (run.instance.students[p.student].key, run.instance.offerings[p.offering].item_id)
            for p in run.placements
        )

    assert keys(students, 5) == keys(students, 5) == keys(students[::-1], 5)
    if name != "fcfs":
        assert any(keys(students, 5) != keys(students, seed) for seed in range(6, 12))


def test_fcfs_serves_the_earliest_submission() -> None:
    offerings = [Offering("A", "围棋", "周一下午", 1, 1)]
    students = [
        _student("late", 3, "A", submitted_at=datetime(2026, 9, 1, 12, 0, 5)),
        _student("early", 3, "A", submitted_at=datetime(2026, 9, 1, 12, 0, 1)),
    ]
    run = enrol(offerings, students, EnrolConfig(mechanism="fcfs"))
    assert run.instance.students[run.placements[0].student].key == "early"


def test_priority_goes_first_in_rsd() -> None:
    offerings = [Offering("A", "围棋", "周一下午", 1, 1)]
    students = [_student(f"s{i}", 3, "A") for i in range(5)] + [_student("p", 3, "A", priority=1)]
    for seed in range(5):
        run = enrol(offerings, students, EnrolConfig(mechanism="rsd", seed=seed))
        assert run.instance.students[run.placements[0].student].key == "p"


def test_optimal_places_more_and_ranks_better_than_a_bad_lottery_draw() -> None:
    # s1 only wants A; s0 likes A and B equally well: rsd may give A to s0, optimal never does.
    offerings = [Offering("A", "围棋", "周一下午", 1, 1), Offering("B", "足球", "周二下午", 1, 1)]
    students = [_student("s0", 3, "A", "B"), _student("s1", 3, "A")]
    rsd_unplaced = [
        len(enrol(offerings, students, EnrolConfig(mechanism="rsd", seed=k)).unplaced)
        for k in range(20)
    ]
    best = enrol(offerings, students, EnrolConfig(mechanism="optimal", seed=0))
    assert max(rsd_unplaced) == 1 and not best.unplaced
    stats = figures(best)
    assert stats["placed"] == 2 and stats["mean_rank"] == 1.5


def test_unknown_mechanism_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="rsd"):
        enrol([], [], EnrolConfig(mechanism="nope"))


def test_violations_catches_a_broken_assignment() -> None:
    from matcher.enrolment import build_instance

    offerings = [Offering("A", "围棋", "周一下午", 1, 1)]
    students = [_student("a", 3, "A"), _student("b", 3, "A")]
    inst = build_instance(offerings, students, EnrolConfig())
    assert violations(inst, [[0], [0]])  # two students in a one-seat section
    assert not violations(inst, [[0], []])
