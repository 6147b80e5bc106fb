"""A solved week as timetable rows (one per section, each with clock times and a room).

Homework guidance first, in each class's own room (grades 1–2: reading or play); then each
activity period: the solved club sections in their rooms, supervised self-study for everyone
else in free classrooms, and the science-outreach visits wherever a room is free.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from catalog import School
from matcher._tt_inputs import CLASSROOM, WEEKDAYS, Period, TimetableConfig, periods_of
from matcher._tt_model import Problem, Solution
from matcher._types import ScoredItem, TimetableEntry

OWN_STAFF = "本校教师"


def class_rooms(classes: Mapping[int, int]) -> list[tuple[int, str]]:
    """Every 行政班's own room, in grade order: (grade, 3年级2班教室)."""
    return [(g, f"{g}年级{k}班教室") for g in sorted(classes) for k in range(1, classes[g] + 1)]


def split(total: int, parts: int) -> list[int]:
    """`total` students over `parts` sections as evenly as possible (largest first)."""
    if parts <= 0:
        return []
    base, extra = divmod(max(0, total), parts)
    return [base + (k < extra) for k in range(parts)]


def _row(day: str, per: Period, room: str, n: int, **kw: object) -> TimetableEntry:
    fields: dict[str, object] = {
        "slot": day, "start": per.start, "end": per.end, "room": room, "sections": 1,
        "expected_students": n, "period": per.index, "fee_per_session": 0.0, "domain": "",
    } | kw  # fmt: skip
    return TimetableEntry(**fields)  # type: ignore[arg-type]


def class_stayers(problem: Problem, classes: Mapping[int, int], day: str) -> list[int]:
    """Each class's staying students that day: its band's stayers split over the band's classes."""
    out: list[int] = []
    for band in problem.bands:
        n = sum(c for g, c in classes.items() if band.lo <= g <= band.hi)
        out += split(problem.stay.get((band.name, day), 0), n)
    return out


def homework_rows(
    day: str, per: Period, stayers: Sequence[int], classes: Mapping[int, int], teachers: int
) -> tuple[list[TimetableEntry], list[str]]:
    """One row per class in its own room; with fewer teachers than classes, neighbouring
    classes share a room and a teacher (合班)."""
    rooms = class_rooms(classes)
    groups = min(len(rooms), teachers)
    if groups <= 0:
        return [], [f"{day}：没有本校教师到岗，作业辅导无法安排"]
    out = []
    for k in range(groups):
        lo, hi = k * len(rooms) // groups, (k + 1) * len(rooms) // groups
        members = rooms[lo:hi]
        g_lo, g_hi = members[0][0], members[-1][0]
        young = g_hi <= 2
        grades = f"{g_lo}年级" if g_lo == g_hi else f"{g_lo}-{g_hi}年级"
        title = "阅读与游戏" if young else "作业辅导"
        if len(members) > 1:
            title += f"（合班：{g_lo}-{g_hi}年级）" if g_lo != g_hi else f"（合班：{g_lo}年级）"
        out.append(
            _row(day, per, members[0][1], sum(stayers[lo:hi]),
                 item_id=None, title=title, kind="reading" if young else "homework",
                 staff=f"{OWN_STAFF}（班主任）", band=grades)
        )  # fmt: skip
    warn = []
    if groups < len(rooms):
        warn.append(f"本校教师每天下午只有{teachers}人：{len(rooms)}个班的作业辅导合为{groups}组")
    return out, warn


class _Rooms:
    """Hands out concrete rooms in one (day, period): 计算机教室2, 3年级1班教室."""

    def __init__(self, problem: Problem, classrooms: Sequence[str]) -> None:
        self.counts = {r.name: r.count for r in problem.rooms}
        self.used: Counter[str] = Counter()
        self.free_classrooms = list(classrooms)

    def take(self, name: str) -> str | None:
        if name == CLASSROOM:
            return self.free_classrooms.pop(0) if self.free_classrooms else None
        if self.used[name] >= self.counts.get(name, 0):
            return None
        self.used[name] += 1
        return name if self.counts[name] == 1 else f"{name}{self.used[name]}"


def _club_rows(
    day: str, per: Period, rooms: _Rooms, solution: Solution, by_id: Mapping[str, ScoredItem]
) -> list[TimetableEntry]:
    out = []
    keys = sorted(k for k in solution.sections if k[1] == day and k[2] == per.index)
    groups: dict[tuple[str, str], list[str]] = {}
    for item_id, _d, _p, band, room in keys:
        for _ in range(solution.sections[(item_id, day, per.index, band, room)]):
            got = rooms.take(room)
            if got is not None:
                groups.setdefault((item_id, band), []).append(got)
    for (item_id, band), names in groups.items():
        item = by_id[item_id]
        seats = split(solution.students.get((item_id, day, per.index, band), 0), len(names))
        for name, n in zip(names, seats, strict=True):
            out.append(
                _row(day, per, name, n, item_id=item_id, title=item.title,
                     domain=item.domains[0] if item.domains else "", kind="activity",
                     staff=item.staff, band=band, fee_per_session=item.fee_per_session)
            )  # fmt: skip
    return out


def _self_study_rows(
    day: str, per: Period, rooms: _Rooms, groups: int, students: int
) -> list[TimetableEntry]:
    names = [n for n in (rooms.take(CLASSROOM) for _ in range(groups)) if n is not None]
    return [
        _row(day, per, name, n, item_id=None, title="自主学习（看护）", kind="self_study",
             staff=f"{OWN_STAFF}（看护）", band="")
        for name, n in zip(names, split(students, len(names)), strict=True)
    ]  # fmt: skip


def _events(
    events: Sequence[ScoredItem],
    per: Period,
    days: Sequence[str],
    taken: Mapping[str, _Rooms],
    staying: Mapping[str, int],
) -> tuple[list[TimetableEntry], list[str]]:
    """Science-outreach visits (a few a semester) in a free hall, field or classroom."""
    out, warn = [], []
    for k, item in enumerate(events):
        day = days[k % len(days)]
        rooms = taken[day]
        hall = next((r for r in sorted(rooms.counts) if "报告" in r or "礼堂" in r), None)
        name = (rooms.take(hall) if hall else None) or rooms.take(CLASSROOM)
        if name is None:
            warn.append(f"{item.title}：{day}没有空闲场地，未排入")
            continue
        visits = f"（每学期{item.visits}次）" if item.visits else ""
        out.append(
            _row(day, per, name, min(staying[day], 60 if hall is None else 200),
                 item_id=item.id, title=item.title + visits, kind="event", staff=item.staff,
                 domain=item.domains[0] if item.domains else "", band="")
        )  # fmt: skip
    return out, warn


def week_rows(
    school: School,
    items: Sequence[ScoredItem],
    problem: Problem,
    solution: Solution,
    classes: Mapping[int, int],
    shares: Mapping[str, float],
    cfg: TimetableConfig,
) -> tuple[list[TimetableEntry], list[str]]:
    """Every school day: homework period, then each activity period's sections and self-study."""
    periods = periods_of(school, cfg)
    by_id = {i.id: i for i in items}
    rooms_list = [name for _, name in class_rooms(classes)]
    rows, warn = [], []
    staying = {d: sum(problem.stay.get((b.name, d), 0) for b in problem.bands) for d in WEEKDAYS}
    last_rooms: dict[str, _Rooms] = {}
    for day in WEEKDAYS:
        stayers = class_stayers(problem, classes, day)
        hw, w = homework_rows(day, periods[0], stayers, classes, problem.teachers)
        rows += hw
        warn += w if day == WEEKDAYS[0] else []
        for per in periods[1:]:
            rooms = _Rooms(problem, rooms_list)
            clubs = _club_rows(day, per, rooms, solution, by_id) if day in problem.days else []
            left = staying[day] - sum(r.expected_students for r in clubs)
            groups = solution.self_study.get((day, per.index), 0) if day in problem.days else 0
            if day not in problem.days:
                groups = min(
                    problem.teachers, problem.classrooms, math.ceil(left / problem.class_seats)
                )
            groups = min(groups, math.ceil(max(0, left) / problem.class_seats))
            rows += clubs + _self_study_rows(day, per, rooms, groups, left)
            if groups * problem.class_seats < left:
                warn.append(
                    f"{day} {per.start}：{left - groups * problem.class_seats}名学生"
                    "没有座位或看护教师"
                    f"（本校教师{problem.teachers}人，普通教室{problem.classrooms}间）"
                )
            last_rooms[day] = rooms
    events = [i for i in items if i.kind == "science_resources"]
    if events and len(periods) > 1:
        ev, w = _events(events, periods[-1], problem.days, last_rooms, staying)
        rows += ev
        warn += w
    return rows, warn
