"""The records every enrolment mechanism shares: offerings, students, the config, the instance.

An `Offering` is one timetable row: an item meeting in one period (slot + clock start) with
`sections` parallel sections of `capacity` each. A student takes at most one offering of a
course, at most one offering per period, only on the afternoons they stay, only in their
grade range, within the daily fee cap and the weekly limit. `Instance` turns those rules into
arrays once, so that every mechanism reads the same constraints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, Field

from catalog import Settings

DEFAULT_MECHANISM = "optimal"


class EnrolConfig(BaseModel):
    """One run's settings; the caps are policy (DESIGN: ≤ 8 元 a day), the rest kehou's choices."""

    mechanism: str = Field(DEFAULT_MECHANISM, description="rsd | optimal | fcfs | ps")
    seed: int = Field(20230901, description="the lottery's seed: same seed, same result")
    max_per_week: int = Field(
        2, ge=1, description="每生每周最多几门课 / courses per student a week"
    )
    daily_fee_cap: float = Field(8.0, ge=0, description="每生每天 上限（元）")
    priority_first: bool = Field(
        True, description="上学期未录取的学生优先 / students left unplaced last semester go first"
    )
    min_choices: int = Field(
        3,
        ge=1,
        description="每生至少填几个志愿（不超过该年级可选课程数）/ shortest list accepted: a short "
        "list is how a family games `optimal` (docs/enrolment.md)",
    )
    time_limit: float = Field(30.0, gt=0, description="optimal: HiGHS seconds per stage")
    threads: int = Field(1, ge=1, description="optimal: HiGHS threads")

    @classmethod
    def for_settings(
        cls,
        settings: Settings,
        mechanism: str,
        seed: int | None = None,
        per_week: int = 2,
        min_choices: int = 3,
    ) -> EnrolConfig:
        """The run's config as the CLI and the API build it: the city's daily cap, the
        settings' seed unless one is given."""
        return cls(
            mechanism=mechanism,
            seed=settings.seed if seed is None else seed,
            max_per_week=per_week,
            min_choices=min_choices,
            daily_fee_cap=settings.fee_caps.yuan_per_day,
        )


@dataclass(frozen=True)
class Offering:
    """One timetable row (DESIGN keys item_id, slot, start, sections); start None = whole slot."""

    item_id: str
    title: str
    slot: str
    sections: int
    capacity: int
    fee_per_session: float = 0.0
    start: str | None = None
    grades: tuple[int, int] | None = None

    @property
    def day(self) -> str:
        """周一下午 → 周一: the afternoon a family's daily fee cap counts against."""
        return self.slot[:2]

    @property
    def period(self) -> tuple[str, str]:
        """(slot, start): with no clock times yet, a whole slot is one period."""
        return (self.slot, self.start or "")

    @property
    def seats(self) -> int:
        return self.sections * self.capacity


@dataclass(frozen=True)
class Student:
    """A student's ranked course ids; `key` is the HMAC, `code` the school's code (rosters only)."""

    key: str
    grade: int
    choices: tuple[str, ...]
    code: str = ""
    exempt: bool = False
    days: tuple[str, ...] = ()
    submitted_at: datetime | None = None
    priority: int = 0


@dataclass(frozen=True)
class Option:
    """A student's rank-`rank` choice (1 = first) and the offerings of it they could attend."""

    rank: int
    item_id: str
    offerings: tuple[int, ...]


@dataclass
class Instance:
    """Students × offerings with each student's individually feasible options, in rank order."""

    offerings: list[Offering]
    students: list[Student]
    options: list[list[Option]]
    max_per_week: int
    daily_fee_cap: float
    reasons: dict[int, str] = field(default_factory=dict)

    @property
    def seats(self) -> list[int]:
        return [o.seats for o in self.offerings]


def build_instance(
    offerings: Sequence[Offering], students: Sequence[Student], cfg: EnrolConfig
) -> Instance:
    """Each student's options: offerings of chosen courses in grade, on their days, under cap."""
    by_item: dict[str, list[int]] = {}
    for index, offering in enumerate(offerings):
        by_item.setdefault(offering.item_id, []).append(index)
    inst = Instance(list(offerings), list(students), [], cfg.max_per_week, cfg.daily_fee_cap)
    for s, student in enumerate(students):
        opts = []
        for rank, item_id in enumerate(student.choices, start=1):
            ok = tuple(o for o in by_item.get(item_id, []) if _fits(offerings[o], student, cfg))
            if ok:
                opts.append(Option(rank, item_id, ok))
        inst.options.append(opts)
        if not opts:
            inst.reasons[s] = _why_none(student, by_item, offerings)
    return inst


def _fits(offering: Offering, student: Student, cfg: EnrolConfig) -> bool:
    if offering.grades and not offering.grades[0] <= student.grade <= offering.grades[1]:
        return False
    if student.days and offering.day not in student.days:
        return False
    return offering.fee_per_session <= cfg.daily_fee_cap and offering.seats > 0


def _why_none(
    student: Student, by_item: dict[str, list[int]], offerings: Sequence[Offering]
) -> str:
    if not any(item in by_item for item in student.choices):
        return "所选课程都不在课表中 / none of the chosen courses is on the timetable"
    days = {offerings[o].day for item in student.choices for o in by_item.get(item, [])}
    if student.days and not days & set(student.days):
        return "所选课程都不在该生留校的日子 / no chosen course meets on the student's days"
    return "所选课程都不适合该生（年级或费用）/ no chosen course fits (grade or fee)"
