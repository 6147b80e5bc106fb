"""The greedy plan kehou used before the timetable model: kept only as the benchmark's baseline.

It puts each item on the least-filled stated slot, sizes classes from a fixed participation
guess (0.6) and charges one session a day for 16 weeks; `benchmarks/timetable_bench.py`
compares it with the CP-SAT week in the same run. Nothing else calls it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from catalog import FeeCaps, School
from catalog.policy import daily_fee_ok, shared_slots
from matcher._costs import costs_of
from matcher._types import Costs, ScoredItem, TimetableEntry

DEFAULT_SLOTS: tuple[str, ...] = ("周一下午", "周二下午", "周三下午", "周四下午", "周五下午")
EVENT_SLOT = "专题活动"
PARTICIPATION = 0.6
MAX_SECTIONS_OWN = 8


def build_timetable(
    items: Sequence[ScoredItem], school: School, caps: FeeCaps
) -> tuple[list[TimetableEntry], list[str]]:
    """Place weekly items on the school's slots (fewest-first), events apart; size the classes."""
    slots = list(school.after_school_slots) or list(DEFAULT_SLOTS)
    placed: dict[str, list[ScoredItem]] = {s: [] for s in slots}
    events: list[ScoredItem] = []
    warnings = []
    for item in items:
        if item.kind == "science_resources":
            events.append(item)
            continue
        allowed = shared_slots(slots, item.available_slots) if item.available_slots else slots
        if not daily_fee_ok([item.fee_per_session], caps):
            warnings.append(f"{item.title}：单日费用超过上限，未排入 / over the daily cap")
            continue
        if not allowed:
            warnings.append(f"{item.title}：没有共同时段，未排入 / no shared slot")
            continue
        slot = min(allowed, key=lambda s: (len(placed[s]), slots.index(s)))
        placed[slot].append(item)
    participants = math.ceil(school.students * PARTICIPATION)
    entries = [e for s in slots for e in _slot_entries(s, placed[s], participants)]
    entries += _slot_entries(EVENT_SLOT, events, participants)
    return entries, warnings


def _slot_entries(
    slot: str, items: Sequence[ScoredItem], participants: int
) -> list[TimetableEntry]:
    """Split a slot's participants by demand; one outside person runs one class at a time."""
    weights = [1 + i.theme_respondents for i in items]
    total = sum(weights)
    out = []
    for item, weight in zip(items, weights, strict=True):
        own = item.staff.startswith("本校教师")
        most = item.capacity * (MAX_SECTIONS_OWN if own else 1)
        expected = min(most, max(1, round(participants * weight / total)))
        out.append(
            TimetableEntry(
                slot=slot,
                item_id=item.id,
                title=item.title,
                domain=item.domains[0] if item.domains else "",
                sections=math.ceil(expected / max(1, item.capacity)),
                expected_students=expected,
                fee_per_session=item.fee_per_session,
                staff=item.staff,
            )
        )
    return out


def semester_costs(
    entries: Sequence[TimetableEntry],
    items: Sequence[ScoredItem],
    school: School,
) -> Costs:
    """Fees due, the exempt students' waiver, staff and equipment, and the subsidy to break even."""
    by_id = {i.id: i for i in items}
    weeks = 16
    due = staff = 0.0
    for e in entries:
        meetings = 2 if e.slot == EVENT_SLOT else weeks
        due += meetings * e.expected_students * e.fee_per_session
        pay = by_id[str(e.item_id)].staff_fee_per_session
        if by_id[str(e.item_id)].staff.startswith("本校教师"):
            pay = 50.0
        staff += meetings * e.sections * pay
    participants = math.ceil(school.students * PARTICIPATION)
    exempt_share = school.exempt_students / school.students
    waiver = due * exempt_share
    budget = staff / (1.0 - 0.15)
    income = due - waiver
    return costs_of(
        weeks=weeks,
        participants=participants,
        paying=participants - round(participants * exempt_share),
        per_student=due / participants if participants else 0.0,
        income=income,
        waiver=waiver,
        staff=staff,
        budget=budget,
    )


def greedy_room_clashes(
    rows: Sequence[TimetableEntry], items: Sequence[ScoredItem], school: School
) -> int:
    """Sections the greedy plan puts in a special room beyond the school's count in one slot,
    plus sections needing a room the school does not have (it never looked at rooms)."""
    from matcher._timetable import fitting_rooms
    from matcher._tt_inputs import CLASSROOM, SchoolTimetable, TimetableConfig, rooms_of

    rooms = rooms_of(school, SchoolTimetable(), TimetableConfig())
    counts = {x.name: x.count for x in rooms}
    by_id = {i.id: i for i in items}
    use: dict[tuple[str, str], int] = {}
    clashes = 0
    for r in rows:
        item = by_id.get(r.item_id or "")
        if item is None or item.kind == "science_resources":
            continue
        fit = fitting_rooms(item, rooms)
        if not fit:
            clashes += r.sections
        elif CLASSROOM not in fit:
            use[(r.slot, fit[0])] = use.get((r.slot, fit[0]), 0) + r.sections
    return clashes + sum(max(0, n - counts[room]) for (_, room), n in use.items())
