"""Turning retrieved items into scored, explained candidates for one school.

The per-item numbers the scorer needs (distance, cost, load, quality) and who would staff the
item are read off the records here; the arithmetic itself lives in `_scoring` as pure functions.
Quality is a small documented prior: 0.5, +0.2 with a stated qualification, +0.2 for kinds whose
expertise is the point (非遗传承人, 科普工作者, 体育教练, 文艺工作者, 退休教师); science-outreach
resources 0.8; a course run by the school's own teachers 0.6.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from catalog import Course, FeeCaps, Institution, School, ScienceResource, Specialist
from catalog.policy import ItemLoad, fee_cap_per_session, fee_per_hour, haversine_km
from matcher._catalogue import CatalogueItem

EXPERT_KINDS = frozenset({"非遗传承人", "科普工作者", "体育教练", "文艺工作者", "退休教师"})
CLASS_SIZE = 30  # students sharing one specialist's session fee, for the cost term only


def place_of(item: CatalogueItem) -> tuple[float, float] | None:
    """Where the item comes from: its provider's or its own coordinates; None = no travel."""
    rec = item.record
    if isinstance(rec, ScienceResource):
        return None if rec.format == "线上" else (rec.lat, rec.lon)
    if isinstance(rec, Specialist):
        return rec.lat, rec.lon
    prov = item.provider
    if isinstance(prov, Specialist):
        return prov.lat, prov.lon
    if isinstance(prov, Institution) and prov.lat is not None and prov.lon is not None:
        return prov.lat, prov.lon
    return None


def distance_km(school: School, item: CatalogueItem) -> float:
    place = place_of(item)
    return math.nan if place is None else haversine_km(school.lat, school.lon, *place)


def student_fee(item: CatalogueItem) -> float:
    """What one student pays per session: a course's fee; outside people are paid by the school."""
    return item.record.fee_per_session if isinstance(item.record, Course) else 0.0


def cost_ratio(item: CatalogueItem, caps: FeeCaps) -> float:
    """Cost per student-session relative to the cap, for scoring (0 = free, 1 = at the cap)."""
    rec = item.record
    if isinstance(rec, Course):
        return rec.fee_per_session / max(1e-9, fee_cap_per_session(rec.session_minutes, caps))
    paid = rec.fee_per_session if isinstance(rec, Specialist) else rec.cost_per_visit
    return min(1.0, paid / CLASS_SIZE / caps.yuan_per_session_hour)


def load_of(item: CatalogueItem, loads: Mapping[str, ItemLoad] | None) -> float:
    """Share of the provider's capacity already promised to other schools (0 without loads)."""
    if not loads:
        return 0.0
    load = loads.get(item.key, ItemLoad())
    rec = item.record
    if isinstance(rec, ScienceResource):
        return load.visits / max(1, rec.visits_per_semester)
    who = rec if isinstance(rec, Specialist) else item.provider
    if isinstance(who, Specialist):
        return load.schools / max(1, who.max_schools)
    return 0.0


def quality_of(item: CatalogueItem) -> float:
    rec = item.record
    if isinstance(rec, ScienceResource):
        return 0.8
    who = rec if isinstance(rec, Specialist) else item.provider
    if not isinstance(who, Specialist):
        return 0.6 if item.provider is None else 0.5
    return 0.5 + 0.2 * bool(who.qualification) + 0.2 * (who.kind.value in EXPERT_KINDS)


def staffing(school: School, item: CatalogueItem) -> tuple[str, float]:
    """Who runs the item and what the school pays them per session.

    A course with a named provider is taught by that provider (never 本校教师 while showing the
    provider's distance); a course without one by the school's own teachers.
    """
    rec = item.record
    own = [s for s in school.teacher_strengths if s and s in item.text]
    if isinstance(rec, Course) and item.provider is None:
        return ("本校教师" + (f"（{own[0]}特长）" if own else ""), 0.0)
    if isinstance(rec, ScienceResource):
        return f"{rec.provider}（科普资源）", rec.cost_per_visit
    who = rec if isinstance(rec, Specialist) else item.provider
    if isinstance(who, Specialist):
        return f"{who.kind.value}·{who.name or who.id}", who.fee_per_session
    assert isinstance(rec, Course) and isinstance(who, Institution)
    return f"{who.name}（准入机构）", rec.fee_per_session * rec.capacity


def hour_fee(item: CatalogueItem, caps: FeeCaps) -> float:
    rec = item.record
    if isinstance(rec, Course):
        return fee_per_hour(rec.fee_per_session, rec.session_minutes, caps)
    return 0.0


def person_of(item: CatalogueItem) -> str | None:
    """The outside person, institution or resource whose time the item takes (None: own staff)."""
    rec = item.record
    if isinstance(rec, Specialist | ScienceResource):
        return rec.id
    prov = item.provider
    return prov.id if isinstance(prov, Specialist | Institution) else None


def grades_of(item: CatalogueItem) -> tuple[int, int]:
    grades = getattr(item.record, "grades", None)
    return (grades.lo, grades.hi) if grades is not None else (1, 12)


def slots_of(item: CatalogueItem) -> tuple[str, ...]:
    rec = item.record
    who = rec if isinstance(rec, Specialist) else item.provider
    return tuple(who.available_slots) if isinstance(who, Specialist) else ()
