"""The hard rules' vocabulary and their pure building blocks: fee caps, distance, slots, grades.

Every number comes from `FeeCaps` (a city's caps) or `PolicyConfig` (kehou's own reading of the
policy), never from a constant, because caps differ per city and change over time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from pydantic import BaseModel, Field

from catalog._enums import ResourceFormat, SchoolLevel
from catalog._records import GradeRange
from catalog._settings import FeeCaps


class RuleCode(StrEnum):
    """Why an item may not be recommended; `message` is the Chinese text a planner reads."""

    ACADEMIC = "ACADEMIC"
    EXAM_PREP = "EXAM_PREP"
    UNVERIFIED_SPECIALIST = "UNVERIFIED_SPECIALIST"
    INSTITUTION_NOT_ADMITTED = "INSTITUTION_NOT_ADMITTED"
    FEE_OVER_CAP = "FEE_OVER_CAP"
    GRADE_MISMATCH = "GRADE_MISMATCH"
    TOO_FAR = "TOO_FAR"
    NO_SHARED_SLOT = "NO_SHARED_SLOT"
    OVER_CAPACITY = "OVER_CAPACITY"
    MAX_SCHOOLS_REACHED = "MAX_SCHOOLS_REACHED"

    @property
    def message(self) -> str:
        return RULE_MESSAGES[self]


RULE_MESSAGES: dict[RuleCode, str] = {
    RuleCode.ACADEMIC: "学科类内容",
    RuleCode.EXAM_PREP: "应试类内容（考试、测验、竞赛备考）",
    RuleCode.UNVERIFIED_SPECIALIST: "未审核的校外人员",
    RuleCode.INSTITUTION_NOT_ADMITTED: "未准入的培训机构",
    RuleCode.FEE_OVER_CAP: "超过收费上限",
    RuleCode.GRADE_MISMATCH: "年级不符",
    RuleCode.TOO_FAR: "超出出行半径",
    RuleCode.NO_SHARED_SLOT: "没有共同的空闲时段",
    RuleCode.OVER_CAPACITY: "超出容量",
    RuleCode.MAX_SCHOOLS_REACHED: "已达最多服务学校数",
}


@dataclass(frozen=True)
class Violation:
    """One broken rule: which item, which rule, and a concrete reason in plain Chinese."""

    item_id: str
    rule: RuleCode
    reason: str


@dataclass(frozen=True)
class ItemLoad:
    """What an item already carries elsewhere, for the capacity rules (all counts, default 0).

    `schools`: other schools a specialist already serves; `participants`: students expected in
    one class of this course; `visits`: visits of a science resource already given out.
    """

    schools: int = 0
    participants: int = 0
    visits: int = 0


class PolicyConfig(BaseModel):
    """kehou's reading of the policy where the city's text gives no number (one per run)."""

    resource_max_trip_km: dict[ResourceFormat, float | None] = Field(
        default_factory=lambda: {
            ResourceFormat.ON_CAMPUS: 200.0,  # the provider comes to the school: whole city
            ResourceFormat.STUDY_TRIP: 100.0,  # a class goes by bus and returns the same day
            ResourceFormat.ONLINE: None,  # no travel at all
        },
        description="科普资源 最远出行公里（按形式；None 表示不限）",
    )
    institution_max_travel_km: float = Field(50.0, gt=0, description="培训机构 最远出行公里")
    weeks_per_semester: int = Field(18, gt=0, description="高中 学期上限按每周一次计算的周数")


# ---- fees -------------------------------------------------------------------------------------


def session_hours(session_minutes: int, caps: FeeCaps) -> int:
    """课时 in one session: a started 课时 counts whole (ceil), so 46 minutes are 2 课时.

    The policy caps the fee per 课时 of up to `session_hour_minutes`; reading "up to" as the
    length of one 课时 means any part beyond a full 课时 begins the next one.
    """
    if session_minutes <= 0:
        return 0
    return math.ceil(session_minutes / caps.session_hour_minutes)


def fee_cap_per_session(session_minutes: int, caps: FeeCaps) -> float:
    """Highest fee per student for one session: 45 min -> 4 yuan, 90 min -> 8 yuan (株洲)."""
    return session_hours(session_minutes, caps) * caps.yuan_per_session_hour


def fee_per_hour(fee: float, session_minutes: int, caps: FeeCaps) -> float:
    """What a session costs per 课时, the figure quoted in reasons."""
    hours = session_hours(session_minutes, caps)
    return fee / hours if hours else fee


def daily_fee_ok(sessions_on_day: Iterable[float], caps: FeeCaps) -> bool:
    """Whether one student's fees for one day (each session's fee) stay within the daily cap."""
    return sum(sessions_on_day) <= caps.yuan_per_day + 1e-9


def semester_fee_ok(total_yuan: float, caps: FeeCaps) -> bool:
    """Whether one senior-high student's fees for a semester stay within the semester cap."""
    return total_yuan <= caps.senior_high_yuan_per_semester + 1e-9


def yuan(x: float) -> str:
    """A fee as a planner writes it: 4 -> "4", 5.333 -> "5.33"."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


# ---- distance ---------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km; roads are longer, radii in the data are meant as crow-flies."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# ---- grades -----------------------------------------------------------------------------------

LEVEL_GRADES: dict[SchoolLevel, GradeRange] = {
    SchoolLevel.PRIMARY: GradeRange(lo=1, hi=6),
    SchoolLevel.JUNIOR: GradeRange(lo=7, hi=9),
    SchoolLevel.NINE_YEAR: GradeRange(lo=1, hi=9),
    SchoolLevel.SENIOR: GradeRange(lo=10, hi=12),
}


def is_compulsory(grades: GradeRange) -> bool:
    """Whether any grade of the range is compulsory education (1–9), where per-课时 caps apply."""
    return grades.lo <= 9


# ---- slots ------------------------------------------------------------------------------------

_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_DAYS.update({str(i + 1): i for i in range(7)})
#: Parts of a day in minutes after midnight; a day with no part is the whole day.
_PARTS: dict[str, tuple[int, int]] = {
    "上午": (6 * 60, 12 * 60),
    "中午": (12 * 60, 14 * 60),
    "下午": (14 * 60, 18 * 60),
    "放学后": (15 * 60 + 30, 18 * 60),
    "傍晚": (17 * 60, 19 * 60),
    "晚上": (18 * 60, 22 * 60),
    "晚间": (18 * 60, 22 * 60),
    "全天": (0, 24 * 60),
}
_WHOLE_DAY = (0, 24 * 60)
_DAY_RE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天七1-7])")
_TIME_RE = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-~－—至到]+\s*(\d{1,2})[:：](\d{2})")


@dataclass(frozen=True)
class Slot:
    """A weekly time window: day 0 = Monday, [start, end) in minutes after midnight."""

    day: int
    start: int
    end: int


@lru_cache(maxsize=4096)
def slot_window(text: str) -> Slot | None:
    """`周二下午` / `星期二 16:00-17:30` / `周二` or `周二全天` (the whole day); None if no day.

    Reads the forms `catalog.parse_slots` writes (周X[上午|下午|晚上|全天]) and a few more.
    """
    day = _DAY_RE.search(text)
    if day is None:
        return None
    times = _TIME_RE.search(text)
    if times is not None:
        h1, m1, h2, m2 = (int(g) for g in times.groups())
        return Slot(_DAYS[day.group(1)], h1 * 60 + m1, h2 * 60 + m2)
    rest = text[day.end() :]
    start, end = next((span for part, span in _PARTS.items() if part in rest), _WHOLE_DAY)
    return Slot(_DAYS[day.group(1)], start, end)


def _overlap(a: Slot, b: Slot) -> bool:
    return a.day == b.day and max(a.start, b.start) < min(a.end, b.end)


def shared_slots(a: Sequence[str], b: Sequence[str]) -> list[str]:
    """The slots of `a` that share time with some slot of `b` (unparsed texts are ignored)."""
    parsed_b = [s for s in (slot_window(t) for t in b) if s is not None]
    out = []
    for text in a:
        slot = slot_window(text)
        if slot is not None and any(_overlap(slot, other) for other in parsed_b):
            out.append(text)
    return out


def slots_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two lists of weekly slots share any time; an empty list means "not stated"."""
    if not a or not b:
        return True
    return _overlapping(tuple(a), tuple(b))


@lru_cache(maxsize=65536)
def _overlapping(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """`slots_overlap` remembered: every school x specialist pair asks it, from few patterns."""
    return bool(shared_slots(a, b))
