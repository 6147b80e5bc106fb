"""The money block's one formula (matcher._costs.costs_of), used by the daily plan and by the
greedy baseline the timetable benchmark compares against."""

from __future__ import annotations

from matcher._costs import costs_of


def test_costs_of_splits_budget_and_subsidy() -> None:
    c = costs_of(weeks=18, participants=100, paying=90, per_student=720.004, income=64800.0,
                 waiver=7200.0, staff=68000.0, budget=80000.0, days_per_week=5)  # fmt: skip
    assert (c.equipment_cost, c.subsidy_needed, c.staff_share) == (12000.0, 15200.0, 0.85)
    assert c.cost_per_student_semester == 720.0 and c.days_per_week == 5


def test_no_subsidy_when_fees_cover_the_budget_and_empty_budget_is_safe() -> None:
    rich = costs_of(weeks=18, participants=10, paying=10, per_student=1.0, income=500.0,
                    waiver=0.0, staff=300.0, budget=400.0)  # fmt: skip
    assert rich.subsidy_needed == 0.0
    empty = costs_of(weeks=18, participants=0, paying=0, per_student=0.0, income=0.0,
                     waiver=0.0, staff=0.0, budget=0.0)  # fmt: skip
    assert empty.staff_share == 0.0 and empty.equipment_cost == 0.0
