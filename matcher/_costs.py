"""The semester's money from the daily plan (DESIGN, "The daily service and its money").

Families pay the school's service rate for every 课时 attended, homework period included (≤ 4
元 per 课时, ≤ 8 元 a day); exempt students pay nothing and their waiver is what they would have
paid. Fee income pays staff (80–90%) and equipment (10–20%) and the budget balances with no
surplus: the planned staff cost (own teachers' stipend per period, outside people's fee per
session, visits) sets its floor; income above it raises the staff pool; below it, the subsidy
balances the rest. Nothing here is tuned to hit a figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from catalog import FeeCaps, School
from catalog.policy import session_hours
from matcher._types import Costs, ScoredItem, TimetableEntry


@dataclass(frozen=True)
class MoneyConfig:
    """The cost side's settings (PlanConfig carries them)."""

    weeks: int
    fee_per_period: float
    stipend_per_period: float
    equipment_share: float


def daily_fee(rate: float, periods: int, period_minutes: int, caps: FeeCaps) -> float:
    """A student's fee for one afternoon: rate × 课时, within the per-课时 and per-day caps."""
    per_period = min(rate, caps.yuan_per_session_hour) * session_hours(period_minutes, caps)
    return round(min(per_period * periods, caps.yuan_per_day), 2)


def _staff_pay(
    rows: Iterable[TimetableEntry], items: Mapping[str, ScoredItem], m: MoneyConfig
) -> float:
    """One week's planned pay, times the weeks; science visits only on their visit days."""
    week = visits = 0.0
    for r in rows:
        item = items.get(r.item_id) if r.item_id else None
        if item is None or item.staff.startswith("本校教师"):
            week += m.stipend_per_period
        elif r.kind == "event":
            visits += item.staff_fee_per_session * max(1, item.visits)
        else:
            week += item.staff_fee_per_session
    return week * m.weeks + visits


def semester_costs(
    rows: Sequence[TimetableEntry],
    items: Sequence[ScoredItem],
    school: School,
    staying: Mapping[str, int],
    periods: int,
    period_minutes: int,
    caps: FeeCaps,
    money: MoneyConfig,
) -> Costs:
    """Fees due for every period attended, the waiver, staff and equipment, and the subsidy."""
    day_fee = daily_fee(money.fee_per_period, periods, period_minutes, caps)
    days = max(1, len(staying))
    participants = round(sum(staying.values()) / days)
    stay_share = participants / school.students if school.students else 0.0
    per_student = day_fee * days * money.weeks * stay_share
    per_attendee = day_fee * money.weeks * days  # participants = the average day's stayers
    due = sum(staying.values()) * day_fee * money.weeks
    exempt = min(school.exempt_students, participants)
    waiver = exempt * per_attendee
    income = due - waiver
    planned = _staff_pay(rows, {i.id: i for i in items}, money)
    budget = max(planned / (1.0 - money.equipment_share), income)
    staff = budget * (1.0 - money.equipment_share)
    return costs_of(
        weeks=money.weeks,
        participants=participants,
        paying=participants - exempt,
        per_student=per_attendee,
        income=income,
        waiver=waiver,
        staff=staff,
        budget=budget,
        fee_per_period=round(day_fee / max(1, periods), 2),
        periods_per_day=periods,
        days_per_week=days,
        fee_per_student_semester=round(per_student, 2),
        waiver_per_exempt_student=round(per_attendee if exempt else 0.0, 2),
        fees_due=round(due, 2),
        planned_staff_cost=round(planned, 2),
        equipment_share=money.equipment_share,
    )


@dataclass(frozen=True)
class DistrictMoney:
    """A district's semester totals, summed from its schools' costs."""

    district: str
    schools: int
    exempt_students: int
    fees_due: float
    fee_income: float
    exempt_waiver: float
    budget: float
    subsidy_needed: float

    @property
    def waiver_per_exempt(self) -> float:
        return round(self.exempt_waiver / self.exempt_students, 1) if self.exempt_students else 0.0


def district_costs(pairs: Iterable[tuple[School, Costs]]) -> list[DistrictMoney]:
    """Per-district totals (the bureau's budget view), in district order."""
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0] * 7)
    for school, c in pairs:
        row = acc[school.district]
        exempt = c.participants - c.paying_participants
        for k, v in enumerate(
            (1, exempt, c.fees_due, c.fee_income, c.exempt_waiver, c.budget, c.subsidy_needed)
        ):
            row[k] += v
    return [
        DistrictMoney(d, int(r[0]), int(r[1]), *(round(x, 2) for x in r[2:]))
        for d, r in sorted(acc.items())
    ]


def costs_of(
    *,
    weeks: int,
    participants: int,
    paying: int,
    per_student: float,
    income: float,
    waiver: float,
    staff: float,
    budget: float,
    **extra: Any,
) -> Costs:
    """The money block from its parts, rounded to the fen; the budget beyond staff buys
    equipment and the subsidy covers what fees do not (one formula for every planner)."""
    return Costs(
        weeks=weeks,
        participants=participants,
        paying_participants=paying,
        cost_per_student_semester=round(per_student, 2),
        fee_income=round(income, 2),
        exempt_waiver=round(waiver, 2),
        staff_cost=round(staff, 2),
        equipment_cost=round(budget - staff, 2),
        budget=round(budget, 2),
        staff_share=round(staff / budget, 4) if budget else 0.0,
        subsidy_needed=round(max(0.0, budget - income), 2),
        **extra,
    )
