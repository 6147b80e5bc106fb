"""Catalogue records → the allocation's small metadata records (no match values here).

The match values and the allowed-pairs mask (travel radius, free slots, grades) come from the
matcher; these helpers only carry over what the records say about capacity, cost and place.
"""

from __future__ import annotations

from catalog import School, ScienceResource, Specialist, SpecialistKind
from matcher.allocation._bureau import ResourceInfo, SchoolInfo
from matcher.allocation._days import weekdays


def school_info(school: School, demand: int = 1) -> SchoolInfo:
    """`demand`: how many activities the school asked for this semester."""
    return SchoolInfo(
        id=school.id,
        district=school.district,
        area=str(school.area),
        students=school.students,
        exempt=school.exempt_students,
        demand=demand,
        days=weekdays(school.after_school_slots),
    )


def science_resource_info(resource: ScienceResource) -> ResourceInfo:
    """A science resource serves as many schools as it has visits per semester."""
    return ResourceInfo(
        id=resource.id,
        capacity=resource.visits_per_semester,
        science=True,
        cost_per_visit=resource.cost_per_visit,
        kind=str(resource.format),
    )


def specialist_info(specialist: Specialist) -> ResourceInfo:
    """A specialist serves at most `max_schools`, one school per available afternoon; 科普工作者
    count toward the science floor."""
    return ResourceInfo(
        id=specialist.id,
        capacity=specialist.max_schools,
        science=specialist.kind == SpecialistKind.SCIENCE_WORKER,
        cost_per_visit=specialist.fee_per_session,
        kind=str(specialist.kind),
        days=weekdays(specialist.available_slots),
    )
