"""Fee statements after 选课 (exempt students owe 0, with the waiver) and the public notice."""

from __future__ import annotations

from catalog import FeeCaps
from matcher.enrolment import EnrolConfig, Offering, Student, enrol, fee_notice, fee_statements

OFFERINGS = [
    Offering("A", "陶艺", "周二下午", 1, 9, fee_per_session=3.0, start="15:40"),
    Offering("B", "舞蹈", "周四下午", 1, 9, fee_per_session=2.5, start="15:40"),
]


def test_statement_per_student_and_exempt_owes_nothing() -> None:
    students = [
        Student("k1", 3, ("A", "B"), code="S1"),
        Student("k2", 3, ("A", "B"), code="S2", exempt=True),
        Student("k3", 3, ("X",), code="S3"),  # nothing on the timetable: unplaced, owes 0
    ]
    run = enrol(OFFERINGS, students, EnrolConfig(mechanism="rsd", max_per_week=2))
    paying, exempt, unplaced = fee_statements(run, weeks=16)
    assert paying.weekly == 5.5 and paying.semester_total == 88.0 and paying.due == 88.0
    assert [line.slot for line in paying.lines] == ["周二下午", "周四下午"]
    assert exempt.due == 0.0 and exempt.waived == 88.0
    assert unplaced.lines == () and unplaced.due == 0.0


def test_notice_lists_caps_courses_and_no_names() -> None:
    text = "\n".join(fee_notice(OFFERINGS, FeeCaps(), weeks=16))
    assert "4 元" in text and "8 元" in text and "免费" in text
    assert "陶艺（A）\t周二下午 15:40\t3.00\t48.00" in text


def test_optimal_serves_priority_first() -> None:
    offerings = [Offering("A", "围棋", "周一下午", 1, 1)]
    students = [Student(f"s{i}", 3, ("A",)) for i in range(4)] + [
        Student("p", 3, ("A",), priority=1)
    ]
    for seed in range(3):
        run = enrol(offerings, students, EnrolConfig(mechanism="optimal", seed=seed))
        assert run.instance.students[run.placements[0].student].key == "p"
