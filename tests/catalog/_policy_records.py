"""Hand-made records for the policy tests: a 株洲 school, a ceramics specialist, and so on."""

from __future__ import annotations

from typing import Any

from catalog import (
    Course,
    FeeCaps,
    GradeRange,
    Institution,
    School,
    ScienceResource,
    Settings,
    Specialist,
)
from catalog.policy import RuleCode, Violation

ZHUZHOU = (27.8274, 113.1340)
CHANGSHA = (28.2282, 112.9388)
SETTINGS = Settings(db="unused.db")
CAPS = FeeCaps()


def course(**kw: Any) -> Course:
    base: dict[str, Any] = {
        "id": "C1",
        "title": "校园足球",
        "description": "传接球与小场地比赛",
        "domains": ["体"],
        "grades": GradeRange(lo=1, hi=6),
        "fee_per_session": 4.0,
        "session_minutes": 45,
        "capacity": 30,
    }
    return Course(**(base | kw))


def specialist(**kw: Any) -> Specialist:
    base: dict[str, Any] = {
        "id": "S1",
        "name": "李师傅",
        "kind": "非遗传承人",
        "skills": ["釉下五彩瓷"],
        "district": "醴陵市",
        "lat": ZHUZHOU[0],
        "lon": ZHUZHOU[1],
        "max_travel_km": 30,
        "available_slots": ["周二下午", "周四下午"],
        "max_schools": 3,
        "fee_per_session": 200,
        "verified": True,
    }
    return Specialist(**(base | kw))


def institution(**kw: Any) -> Institution:
    base: dict[str, Any] = {"id": "I1", "name": "星光艺术培训", "district": "天元区"}
    return Institution(**(base | {"admitted": True} | kw))


def school(**kw: Any) -> School:
    base: dict[str, Any] = {
        "id": "X1",
        "name": "天元小学",
        "district": "天元区",
        "level": "小学",
        "area": "城区",
        "students": 800,
        "lat": ZHUZHOU[0],
        "lon": ZHUZHOU[1],
        "after_school_slots": ["周二下午", "周三下午"],
    }
    return School(**(base | kw))


def resource(**kw: Any) -> ScienceResource:
    base: dict[str, Any] = {
        "id": "R1",
        "title": "流动科技馆",
        "provider": "株洲市科协",
        "format": "进校园",
        "district": "天元区",
        "lat": ZHUZHOU[0],
        "lon": ZHUZHOU[1],
        "visits_per_semester": 4,
        "grades": GradeRange(lo=1, hi=9),
        "cost_per_visit": 0,
    }
    return ScienceResource(**(base | kw))


def rules(violations: list[Violation]) -> set[RuleCode]:
    return {v.rule for v in violations}
