"""选课 counts into the programme: real class sizes replace the estimates, sections shrink.

The timetable was planned from estimated class sizes (participation share × staying students).
Once students have enrolled, each weekly course meeting (item, day, clock start) has a real
count. `apply_enrolment` keeps the timetable's rooms and days, keeps as many of a meeting's
sections as the count needs (never more than were planned, each within the course capacity),
spreads the count evenly over them, moves the rest of the day's stayers to supervised
self-study, and recomputes the semester's money through the same `semester_costs`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from matcher._assemble import money_of
from matcher._costs import semester_costs
from matcher._tt_inputs import period_minutes
from matcher._tt_rows import split
from matcher._types import Programme, TimetableEntry

Key = tuple[str, str, str]  # (item_id, slot, start)
_FIXED = ("homework", "reading")  # every stayer is in one of these rows first


@dataclass(frozen=True)
class EnrolledSection:
    """Students placed in one weekly meeting of a course (all its parallel sections)."""

    item_id: str
    slot: str
    start: str
    enrolled: int

    @property
    def key(self) -> Key:
        return (self.item_id, self.slot, self.start)


def enrolled_counts(sections: Iterable[Mapping[str, Any]]) -> tuple[EnrolledSection, ...]:
    """From the enrolment JSON's `sections` (or a stored version's `changes.enrolment`)."""
    return tuple(
        EnrolledSection(
            str(s["item_id"]), str(s["slot"]), str(s.get("start") or ""), int(s["enrolled"])
        )
        for s in sections
    )


def apply_enrolment(programme: Programme, counts: Sequence[EnrolledSection]) -> Programme:
    """The programme with enrolled class sizes, fewer sections where few enrolled, and costs
    recomputed from them (needs the programme's context: school, config, fee caps)."""
    ctx = programme.context
    if ctx is None:
        raise ValueError("apply_enrolment needs a computed programme (with its context)")
    by_key = {c.key: c.enrolled for c in counts}
    capacity = {i.id: max(1, i.capacity) for i in programme.items}
    rows, warnings = _club_rows(programme.timetable, by_key, capacity)
    rows = _self_study(rows)
    staying = _staying(rows)
    plan = ctx.config.plan
    costs = semester_costs(
        rows, programme.items, ctx.school,
        staying, 1 + plan.timetable.activity_periods,
        period_minutes(ctx.school, plan.timetable), ctx.fee_caps, money_of(plan, ctx.fee_caps),
    )  # fmt: skip
    return replace(
        programme,
        timetable=tuple(rows),
        costs=costs,
        warnings=(*programme.warnings, *warnings),
        enrolled=True,
    )


def _club_rows(
    rows: Sequence[TimetableEntry], counts: Mapping[Key, int], capacity: Mapping[str, int]
) -> tuple[list[TimetableEntry], list[str]]:
    """Each enrolled meeting's first `needed` rows (timetable order) with the count split."""
    groups: dict[Key, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        if r.kind == "activity" and r.item_id is not None:
            groups[(r.item_id, r.slot, r.start)].append(k)
    new: dict[int, TimetableEntry | None] = {}
    warnings: list[str] = []
    for key, members in groups.items():
        if key not in counts:
            continue
        n, cap = counts[key], capacity.get(key[0], 1)
        needed = min(len(members), math.ceil(n / cap))
        if n > needed * cap:
            warnings.append(f"{rows[members[0]].title} {key[1]} {key[2]}：选课{n}人超过容量")
        if needed == 0:
            warnings.append(f"{rows[members[0]].title} {key[1]} {key[2]}：无人选课，停开")
        sizes = split(min(n, needed * cap), needed)  # a section never over capacity
        for j, k in enumerate(members):
            new[k] = (
                replace(rows[k], expected_students=sizes[j], enrolled_students=sizes[j])
                if j < needed
                else None
            )
    out = [new.get(k, r) for k, r in enumerate(rows)]
    return [r for r in out if r is not None], warnings


def _self_study(rows: list[TimetableEntry]) -> list[TimetableEntry]:
    """Stayers of a day not in a club that period go to self-study, over its existing rows."""
    stayers = _staying(rows)
    clubs: dict[tuple[str, str], int] = defaultdict(int)
    study: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        if r.kind == "activity":
            clubs[(r.slot, r.start)] += r.expected_students
        elif r.kind == "self_study":
            study[(r.slot, r.start)].append(k)
    out = list(rows)
    for (slot, start), members in study.items():
        left = max(0, stayers.get(slot, 0) - clubs[(slot, start)])
        for k, n in zip(members, split(left, len(members)), strict=True):
            out[k] = replace(out[k], expected_students=n)
    return out


def _staying(rows: Iterable[TimetableEntry]) -> dict[str, int]:
    """Students staying each day: everyone is in a homework or reading row first."""
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        if r.kind in _FIXED:
            out[r.slot] += r.expected_students
    return dict(out)


def changed_sections(
    before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]
) -> str:
    """What enrolment changed between two JSON timetables, in words:
    书法 周一 16:50 3→1班（60→7人）；… (empty when no meeting changed)."""
    old, new = _tally(before), _tally(after)
    parts = []
    for key in [*old, *(k for k in new if k not in old)]:  # a meeting opened again counts too
        s0, n0, title = old.get(key, (0, 0, new[key][2] if key in new else ""))
        s1, n1, _ = new.get(key, (0, 0, title))
        if (s0, n0) != (s1, n1):
            parts.append(f"{title} {key[1]} {key[2]} {s0}→{s1}班（{n0}→{n1}人）")
    return "；".join(parts)


def _tally(rows: Sequence[Mapping[str, Any]]) -> dict[Key, tuple[int, int, str]]:
    acc: dict[Key, tuple[int, int, str]] = {}
    for r in rows:
        if r.get("kind") == "activity" and r.get("item_id") is not None:
            key = (str(r["item_id"]), str(r["slot"]), str(r.get("start") or ""))
            s, n, title = acc.get(key, (0, 0, str(r.get("title", ""))))
            acc[key] = (s + int(r["sections"]), n + int(r["expected_students"]), title)
    return acc
