"""A school's daily timetable: its inputs, one CP-SAT model, rows with clock times and rooms.

`plan_week` is the whole tail: the school's rooms, classes, teachers, periods and staying
students (`_tt_inputs`), the chosen items as model offers (who, where, when, for whom, how many
want them), the solve (`_tt_model`), then the rows (`_tt_rows`) and what demand was not met
with the constraint that binds, in Chinese.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from catalog import School
from matcher._room_needs import ANY_ROOM
from matcher._tt_inputs import (
    CLASSROOM,
    WEEKDAYS,
    Band,
    Period,
    Room,
    SchoolTimetable,
    TimetableConfig,
    bands_of,
    classes_per_grade,
    club_days,
    own_teachers,
    periods_of,
    rooms_of,
    stay_shares,
    window_fits,
)
from matcher._tt_model import Offer, Problem, Solution, solve
from matcher._types import ScoredItem, TimetableEntry, UnmetDemand


@dataclass(frozen=True)
class Week:
    """Everything the rows and the costs need: inputs, the solution and the rows themselves."""

    problem: Problem
    solution: Solution
    classes: dict[int, int]
    shares: dict[str, float]
    rows: tuple[TimetableEntry, ...]
    unmet: tuple[UnmetDemand, ...]
    warnings: tuple[str, ...]
    placed: frozenset[str]


def _overlap(band: Band, grades: tuple[int, int]) -> float:
    """Share of a band's grades an item is open to."""
    lo, hi = max(band.lo, grades[0]), min(band.hi, grades[1])
    return max(0, hi - lo + 1) / (band.hi - band.lo + 1)


def demand_of(
    item: ScoredItem,
    bands: Sequence[Band],
    shares: Mapping[str, float],
    respondents: int,
    cfg: TimetableConfig,
) -> dict[str, int]:
    """Weekly attendances wanted per band: survey share of the item's theme × staying students."""
    if item.theme_respondents and respondents:
        share = min(1.0, item.theme_respondents / respondents)
    else:
        share = cfg.untargeted_share
    stay = sum(shares.values()) / max(1, len(shares))
    out = {}
    for band in bands:
        wanted = math.ceil(share * stay * band.students * _overlap(band, item.grades))
        if wanted:
            out[band.name] = wanted
    return out


def fitting_rooms(item: ScoredItem, rooms: Sequence[Room]) -> tuple[str, ...]:
    """Rooms the item may use, best first; a classroom stands in only where the need allows."""
    need = item.room
    fit = tuple(r.name for r in rooms if need.fits(r)) if need is not ANY_ROOM else ()
    if not need.strict:
        fit = (*fit, CLASSROOM)
    return fit


def _when(
    item: ScoredItem, days: Sequence[str], periods: Sequence[Period], inputs: SchoolTimetable
) -> tuple[tuple[str, int], ...]:
    """(day, period) the item's person is there: their stated slots and the bureau's days."""
    allowed = inputs.allowed_days.get(item.person_id) if item.person_id else None
    return tuple(
        (day, per.index)
        for day in days
        if allowed is None or day in allowed
        for per in periods
        if window_fits(item.available_slots, day, per)
    )


@dataclass(frozen=True)
class _Frame:
    bands: tuple[Band, ...]
    rooms: tuple[Room, ...]
    days: tuple[str, ...]
    periods: tuple[Period, ...]


def offers_of(
    items: Sequence[ScoredItem],
    frame: _Frame,
    inputs: SchoolTimetable,
    respondents: int,
    shares: Mapping[str, float],
    cfg: TimetableConfig,
) -> tuple[Offer, ...]:
    """The chosen items as the model sees them."""
    out = []
    for item in items:
        outside = not item.staff.startswith("本校教师")
        out.append(
            Offer(
                item_id=item.id,
                domain=item.domains[0] if item.domains else "",
                capacity=max(1, item.capacity),
                person=(item.person_id or item.staff) if outside else None,
                person_limit=cfg.institution_sections if "准入机构" in item.staff else 1,
                rooms=fitting_rooms(item, frame.rooms),
                when=_when(item, frame.days, frame.periods, inputs),
                demand=demand_of(item, frame.bands, shares, respondents, cfg),
            )
        )
    return tuple(out)


def build_problem(
    school: School,
    items: Sequence[ScoredItem],
    inputs: SchoolTimetable,
    cfg: TimetableConfig,
    respondents: int = 0,
    preferred_days: Mapping[str, int] | None = None,
) -> tuple[Problem, dict[int, int], dict[str, float]]:
    """The school's model inputs; weekly items only (science visits are placed apart)."""
    classes = classes_per_grade(school, inputs, cfg)
    bands = bands_of(school, classes)
    shares = stay_shares(preferred_days or {}, respondents, cfg)
    periods = periods_of(school, cfg)[1:]
    rooms = rooms_of(school, inputs, cfg)
    days = club_days(school)
    frame = _Frame(bands, rooms, days, periods)
    stay = {(b.name, d): round(b.students * shares[d]) for b in bands for d in WEEKDAYS}
    size = (
        cfg.class_size_middle if school.level.value in ("初中", "高中") else cfg.class_size_primary
    )
    weekly = [i for i in items if i.kind != "science_resources"]
    problem = Problem(
        days=days,
        periods=periods,
        bands=bands,
        stay=stay,
        rooms=rooms,
        classrooms=sum(classes.values()),
        class_seats=size,
        teachers=own_teachers(inputs, classes, cfg),
        own_per_item=cfg.own_sections_per_item,
        min_section=cfg.min_section,
        offers=offers_of(weekly, frame, inputs, respondents, shares, cfg),
        seconds=cfg.solver_seconds,
        gap=cfg.solver_gap,
    )
    return problem, classes, shares


def plan_week(
    school: School,
    items: Sequence[ScoredItem],
    inputs: SchoolTimetable | None,
    cfg: TimetableConfig,
    respondents: int = 0,
    preferred_days: Mapping[str, int] | None = None,
) -> Week:
    """Solve the school's week and write its rows (see the module docstring)."""
    from matcher._tt_diagnose import diagnose
    from matcher._tt_rows import week_rows

    inputs = inputs or SchoolTimetable()
    problem, classes, shares = build_problem(
        school, items, inputs, cfg, respondents, preferred_days
    )
    solution = solve(problem)
    rows, row_warnings = week_rows(school, items, problem, solution, classes, shares, cfg)
    placed = frozenset(r.item_id for r in rows if r.item_id is not None)
    unmet, warnings = diagnose(items, problem, solution, placed)
    return Week(
        problem, solution, classes, shares, tuple(rows), tuple(unmet),
        (*row_warnings, *warnings), placed,
    )  # fmt: skip


def placeable(
    items: Sequence[ScoredItem],
    school: School,
    inputs: SchoolTimetable | None,
    cfg: TimetableConfig,
) -> frozenset[str]:
    """Ids of items this school could host at all: a room that fits and a shared period."""
    problem, _, _ = build_problem(school, items, inputs or SchoolTimetable(), cfg)
    weekly = {o.item_id for o in problem.offers if o.rooms and o.when}
    return frozenset(weekly | {i.id for i in items if i.kind == "science_resources"})


def weekly_demand(
    school: School,
    items: Sequence[ScoredItem],
    respondents: int = 0,
    preferred_days: Mapping[str, int] | None = None,
    cfg: TimetableConfig | None = None,
) -> dict[str, int]:
    """Weekly attendances the surveys ask for, per item (the model's own demand)."""
    problem, _, _ = build_problem(
        school, items, SchoolTimetable(), cfg or TimetableConfig(), respondents, preferred_days
    )
    return {o.item_id: sum(o.demand.values()) for o in problem.offers}
