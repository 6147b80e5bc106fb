"""School × item rules: grades, travel, shared free slots, senior-high semester fee, load.

A course has no place or timetable of its own: it is where and when its provider is. A course
with no provider is run by the school's own teachers, so it travels nowhere and fits any slot.
"""

from __future__ import annotations

from catalog._enums import SchoolLevel
from catalog._policy_rules import (
    LEVEL_GRADES,
    ItemLoad,
    PolicyConfig,
    RuleCode,
    Violation,
    haversine_km,
    semester_fee_ok,
    slots_overlap,
    yuan,
)
from catalog._records import Course, Institution, School, ScienceResource, Specialist
from catalog._settings import Settings

Item = Course | Specialist | ScienceResource
Provider = Specialist | Institution


def _grades(school: School, item: Item) -> list[Violation]:
    if isinstance(item, Specialist):
        return []
    have = LEVEL_GRADES[school.level]
    if item.grades.overlaps(have):
        return []
    reason = f"适用 {item.grades} 年级，{school.name}（{school.level}）为 {have} 年级"
    return [Violation(item.id, RuleCode.GRADE_MISMATCH, reason)]


def _place(item: Item, provider: Provider | None, policy: PolicyConfig) -> Place | None:
    """(who travels, lat, lon, radius km) of the one who comes, or None when nobody travels."""
    who = item if isinstance(item, Specialist) else provider
    if isinstance(item, ScienceResource):
        radius = policy.resource_max_trip_km.get(item.format)
        return None if radius is None else (item.title, item.lat, item.lon, radius)
    if isinstance(who, Specialist):
        return (who.name or who.id, who.lat, who.lon, who.max_travel_km)
    if isinstance(item, Course) and isinstance(who, Institution):
        if who.lat is None or who.lon is None:
            return None
        return (who.name, who.lat, who.lon, policy.institution_max_travel_km)
    return None


Place = tuple[str, float, float, float]


def _travel(
    school: School,
    item: Item,
    provider: Provider | None,
    policy: PolicyConfig,
    places: dict[Place, str | None] | None = None,
) -> list[Violation]:
    place = _place(item, provider, policy)
    if place is None:
        return []
    if places is None:
        reason = _too_far(school, place)
    elif place in places:
        reason = places[place]
    else:
        reason = places[place] = _too_far(school, place)
    return [] if reason is None else [Violation(item.id, RuleCode.TOO_FAR, reason)]


def _too_far(school: School, place: Place) -> str | None:
    """Why the one who comes is too far from `school`, or None when within their radius."""
    who, lat, lon, radius = place
    km = haversine_km(school.lat, school.lon, lat, lon)
    if km <= radius + 1e-9:
        return None
    return f"{who} 距 {school.name} {km:.1f} 公里，超出出行半径 {yuan(radius)} 公里"


def _slots(school: School, item: Item, provider: Provider | None) -> list[Violation]:
    who = item if isinstance(item, Specialist) else provider
    if not isinstance(who, Specialist) or isinstance(item, ScienceResource):
        return []
    if slots_overlap(who.available_slots, school.after_school_slots):
        return []
    reason = (
        f"{who.name or who.id} 可用 {'、'.join(who.available_slots)}，"
        f"学校课后服务时段 {'、'.join(school.after_school_slots)}，没有重合"
    )
    return [Violation(item.id, RuleCode.NO_SHARED_SLOT, reason)]


def _senior_fee(
    school: School, item: Item, settings: Settings, policy: PolicyConfig
) -> list[Violation]:
    """Senior high: one session a week for the semester must stay within the semester cap."""
    if not isinstance(item, Course) or school.level != SchoolLevel.SENIOR:
        return []
    total = item.fee_per_session * policy.weeks_per_semester
    if semester_fee_ok(total, settings.fee_caps):
        return []
    cap = settings.fee_caps.senior_high_yuan_per_semester
    weeks = policy.weeks_per_semester
    reason = (
        f"每次 {yuan(item.fee_per_session)} 元 × {weeks} 周 = {yuan(total)} 元，"
        f"超过高中每学期上限 {yuan(cap)} 元"
    )
    return [Violation(item.id, RuleCode.FEE_OVER_CAP, reason)]


def _load(item: Item, provider: Provider | None, load: ItemLoad) -> list[Violation]:
    out = []
    if isinstance(item, Course) and load.participants > item.capacity:
        reason = f"预计 {load.participants} 人参加，超过容量 {item.capacity} 人"
        out.append(Violation(item.id, RuleCode.OVER_CAPACITY, reason))
    if isinstance(item, ScienceResource) and load.visits >= item.visits_per_semester:
        reason = f"本学期 {item.visits_per_semester} 场已全部分配（已用 {load.visits} 场）"
        out.append(Violation(item.id, RuleCode.OVER_CAPACITY, reason))
    who = item if isinstance(item, Specialist) else provider
    if isinstance(who, Specialist) and load.schools >= who.max_schools:
        reason = f"{who.name or who.id} 已服务 {load.schools} 所学校，达到上限 {who.max_schools} 所"
        out.append(Violation(item.id, RuleCode.MAX_SCHOOLS_REACHED, reason))
    return out


def check_pair(
    school: School,
    item: Item,
    *,
    provider: Provider | None = None,
    settings: Settings,
    load: ItemLoad | None = None,
    policy: PolicyConfig | None = None,
    places: dict[Place, str | None] | None = None,
) -> list[Violation]:
    """Rules that depend on the school: grades, travel, slots, senior fee, and (given) load.

    `load` is what the item already carries elsewhere; None skips the capacity rules.
    `places`: an empty dict shared by the calls for one school, so each place (the provider's
    or specialist's location and radius, shared by all their items) is measured once.
    """
    policy = policy or PolicyConfig()
    out = _grades(school, item) + _travel(school, item, provider, policy, places)
    out += _slots(school, item, provider) + _senior_fee(school, item, settings, policy)
    if load is not None:
        out += _load(item, provider, load)
    return out


def check_load(item: Item, *, provider: Provider | None = None, load: ItemLoad) -> list[Violation]:
    """The capacity rules alone: `check_pair(..., load=load)` is `check_pair(...)` followed by
    these, so the school's part can be computed once and the load's part per call."""
    return _load(item, provider, load)
