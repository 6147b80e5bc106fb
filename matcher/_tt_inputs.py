"""What a school's daily timetable is made of, with defaults that work when a school gives nothing.

Rooms come from the facilities cell (「计算机教室2间」「操场」「音乐室(40座)」) or an explicit
room list; classes (行政班) per grade from the students and the grade range of the school level;
periods as clock times (primary 40 minutes, middle 45, homework guidance first, ending about
17:30); own teachers per afternoon from the classes. Every number is a setting (TimetableConfig)
or an input (SchoolTimetable), never a hidden constant.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pydantic import BaseModel, Field

from catalog import School, SchoolLevel, SchoolRoom, classes_by_grade
from catalog.policy import LEVEL_GRADES, slot_window

WEEKDAYS: tuple[str, ...] = ("周一", "周二", "周三", "周四", "周五")
CLASSROOM = "普通教室"
OUTDOOR = ("操场", "田径场")
_COUNT = re.compile(r"^(.*?)\s*[×xX*]?\s*(\d+)\s*(?:间|个|块|处|片|座)?$")
_SEATS = re.compile(r"[（(]\s*(\d+)\s*(?:座|人|座位)\s*[)）]")
_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_CN_COUNT = re.compile(r"^(.*?)([一二两三四五六七八])(?:间|个|块|处|片|座)$")


class TimetableConfig(BaseModel):
    """The daily service's numbers, all settings (DESIGN, "The daily service and its money")."""

    period_minutes_primary: int = Field(40, gt=0, description="小学一课时（分钟）")
    period_minutes_middle: int = Field(45, gt=0, description="初中一课时（分钟）")
    break_minutes: int = Field(10, ge=0, description="课间")
    end_time: str = Field("17:30", pattern=r"^\d{2}:\d{2}$", description="最后一节结束时间")
    activity_periods: int = Field(1, ge=1, le=3, description="作业辅导之后的活动课时数")
    class_size_primary: int = Field(45, gt=0, description="小学标准班额")
    class_size_middle: int = Field(50, gt=0, description="初中标准班额")
    teachers_per_class: float = Field(1.2, gt=0, description="每班每天下午可到岗的本校教师")
    stay_share: float = Field(0.85, gt=0, le=1, description="无问卷时每天留校学生比例（自愿）")
    untargeted_share: float = Field(0.08, ge=0, le=1, description="无人点名的项目的预期兴趣")
    outdoor_zones: int = Field(2, ge=1, description="操场/田径场可同时分几个场地")
    rooms_when_none: tuple[str, ...] = Field(
        ("操场",), description="学校未填场地设施时假定的场地（办学标准要求的运动场）"
    )
    institution_sections: int = Field(2, ge=1, description="一家准入机构同一时段最多带几个班")
    own_sections_per_item: int = Field(6, ge=1, description="本校教师同一项目同一时段最多开几个班")
    min_section: int = Field(8, ge=1, description="一个班次至少的人数（人少时按实际）")
    solver_seconds: float = Field(0.5, gt=0, description="CP-SAT 确定性时间上限（同输入同结果）")
    solver_gap: float = Field(5e-4, ge=0, description="CP-SAT 相对最优性间隙：够好即停")


@dataclass(frozen=True)
class Room:
    """A kind of room the school has: how many, and how many students one holds."""

    name: str
    count: int
    seats: int


@dataclass(frozen=True)
class Period:
    """One 课时 of the afternoon: index 0 is homework guidance; the rest are activities."""

    index: int
    start: str
    end: str

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Band:
    """A grade band whose students share clubs (走班 within the band)."""

    name: str
    lo: int
    hi: int
    classes: int
    students: int


@dataclass(frozen=True)
class SchoolTimetable:
    """Per-school inputs beyond the school record; every field is optional.

    `rooms`: facility cells that replace the school's facilities (a rooms file);
    `classes`: grade -> 行政班 count; `own_teachers`: teachers free per afternoon;
    `allowed_days`: person or resource id -> the days the bureau's allocation gives them to
    this school (the allocation owns that decision; absent id = any day they are available).
    """

    rooms: tuple[str, ...] | None = None
    classes: Mapping[int, int] | None = None
    own_teachers: int | None = None
    allowed_days: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def school_inputs_of(
    school: School, rooms: Sequence[SchoolRoom], given: SchoolTimetable | None
) -> SchoolTimetable:
    """The stored inputs under the caller's: a rooms file's rows replace the facilities cell,
    the school's ``classes`` and ``own_teachers`` replace the defaults; a field the caller set
    (`given`) wins over both, and nothing stored leaves the defaults in place."""
    given = given or SchoolTimetable()
    grades = LEVEL_GRADES[school.level]
    stored_classes = classes_by_grade(school.classes, range(grades.lo, grades.hi + 1))
    return replace(
        given,
        rooms=given.rooms if given.rooms is not None else (
            tuple(r.cell() for r in rooms) if rooms else None
        ),
        classes=given.classes if given.classes is not None else stored_classes,
        own_teachers=given.own_teachers if given.own_teachers is not None else (
            school.own_teachers
        ),
    )  # fmt: skip


def parse_room(cell: str, cfg: TimetableConfig) -> Room | None:
    """「计算机教室2间」→ (计算机教室, 2); 「音乐室(40座)」→ seats 40; 「操场」→ its zones."""
    text = cell.strip()
    if not text:
        return None
    seats_match = _SEATS.search(text)
    seats = int(seats_match.group(1)) if seats_match else 0
    text = _SEATS.sub("", text).strip()
    count = 0
    if m := _COUNT.match(text):
        text, count = m.group(1).strip(), int(m.group(2))
    elif m := _CN_COUNT.match(text):
        text, count = m.group(1).strip(), _CN_NUM[m.group(2)]
    if not text or count < 0:
        return None
    outdoor = any(text.startswith(o) for o in OUTDOOR)
    count = count or (cfg.outdoor_zones if outdoor else 1)
    return Room(text, count, seats or (120 if outdoor else 45))


def rooms_of(school: School, inputs: SchoolTimetable, cfg: TimetableConfig) -> tuple[Room, ...]:
    """The school's special rooms, merged by name (ordinary classrooms are counted apart)."""
    cells = inputs.rooms  # a rooms file is the whole truth, even an empty one
    if cells is None:  # a school that lists nothing has what every school has (a setting)
        cells = tuple(school.facilities) or cfg.rooms_when_none
    merged: dict[str, Room] = {}
    for cell in cells:
        room = parse_room(cell, cfg)
        if room is None or room.name == CLASSROOM:
            continue
        old = merged.get(room.name)
        merged[room.name] = (
            room if old is None else Room(room.name, old.count + room.count, old.seats)
        )
    return tuple(sorted(merged.values(), key=lambda r: r.name))


def is_middle(school: School) -> bool:
    return school.level in (SchoolLevel.JUNIOR, SchoolLevel.SENIOR)


def classes_per_grade(
    school: School, inputs: SchoolTimetable, cfg: TimetableConfig
) -> dict[int, int]:
    """行政班 per grade: given, else students spread evenly over the level's grades."""
    grades = LEVEL_GRADES[school.level]
    span = list(range(grades.lo, grades.hi + 1))
    if inputs.classes:
        return {g: max(0, int(inputs.classes.get(g, 0))) for g in span}
    per_grade = school.students / len(span)
    out = {}
    for g in span:
        size = cfg.class_size_middle if g >= 7 else cfg.class_size_primary
        out[g] = max(1, math.ceil(per_grade / size))
    return out


def bands_of(school: School, classes: Mapping[int, int]) -> tuple[Band, ...]:
    """Grade bands 1-2, 3-4, 5-6, 7-9, 10-12 that the school has, with classes and students."""
    spans = ((1, 2), (3, 4), (5, 6), (7, 9), (10, 12))
    total = sum(classes.values()) or 1
    out = []
    for lo, hi in spans:
        n = sum(c for g, c in classes.items() if lo <= g <= hi)
        if n:
            out.append(Band(f"{lo}-{hi}年级", lo, hi, n, round(school.students * n / total)))
    return tuple(out)


def own_teachers(inputs: SchoolTimetable, classes: Mapping[int, int], cfg: TimetableConfig) -> int:
    if inputs.own_teachers is not None:
        return max(0, inputs.own_teachers)
    return math.ceil(sum(classes.values()) * cfg.teachers_per_class)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def periods_of(school: School, cfg: TimetableConfig) -> tuple[Period, ...]:
    """Homework guidance, then the activity periods, the last ending at `end_time`."""
    length = cfg.period_minutes_middle if is_middle(school) else cfg.period_minutes_primary
    n = 1 + cfg.activity_periods
    hh, mm = (int(x) for x in cfg.end_time.split(":"))
    start = hh * 60 + mm - n * length - (n - 1) * cfg.break_minutes
    out = []
    for k in range(n):
        begin = start + k * (length + cfg.break_minutes)
        out.append(Period(k, _clock(begin), _clock(begin + length)))
    return tuple(out)


def period_minutes(school: School, cfg: TimetableConfig) -> int:
    return cfg.period_minutes_middle if is_middle(school) else cfg.period_minutes_primary


def club_days(school: School) -> tuple[str, ...]:
    """Days clubs (走班) run: the school's stated after-school slots, else every school day."""
    days = {w.day for w in (slot_window(s) for s in school.after_school_slots) if w is not None}
    chosen = tuple(d for n, d in enumerate(WEEKDAYS) if n in days)
    return chosen or WEEKDAYS


def stay_shares(
    preferred_days: Mapping[str, int], respondents: int, cfg: TimetableConfig
) -> dict[str, float]:
    """Share of students staying each day: survey day choices when given, else the setting."""
    counts = dict.fromkeys(WEEKDAYS, 0)
    for text, n in preferred_days.items():
        w = slot_window(text)
        if w is not None and w.day < len(WEEKDAYS):
            counts[WEEKDAYS[w.day]] += n
    if not respondents or not any(counts.values()):
        return dict.fromkeys(WEEKDAYS, cfg.stay_share)
    return {d: min(1.0, max(0.2, c / respondents)) for d, c in counts.items()}


def window_fits(slots: Sequence[str], day: str, period: Period) -> bool:
    """Whether a person's stated slots (周二下午, 周二 16:00-17:30) cover this period."""
    if not slots:
        return True
    d = WEEKDAYS.index(day)
    hh, mm = (int(x) for x in period.start.split(":"))
    eh, em = (int(x) for x in period.end.split(":"))
    for text in slots:
        w = slot_window(text)
        if w is not None and w.day == d and w.start <= hh * 60 + mm and eh * 60 + em <= w.end:
            return True
    return False
