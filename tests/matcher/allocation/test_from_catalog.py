"""Catalogue records become allocation metadata with their capacity, cost and place intact."""

from __future__ import annotations

import numpy as np

from catalog import (
    Area,
    GradeRange,
    ResourceFormat,
    School,
    SchoolLevel,
    ScienceResource,
    Specialist,
    SpecialistKind,
)
from matcher.allocation import allocate, school_info, science_resource_info, specialist_info


def test_records_to_allocation() -> None:
    school = School(
        id="X01",
        name="茶陵县第一小学",
        district="茶陵县",
        level=SchoolLevel.PRIMARY,
        area=Area.RURAL,
        students=600,
        lat=26.8,
        lon=113.5,
        exempt_students=150,
    )
    lab = ScienceResource(
        id="K01",
        title="流动科技馆",
        provider="市科协",
        format=ResourceFormat.ON_CAMPUS,
        district="天元区",
        lat=27.8,
        lon=113.1,
        visits_per_semester=6,
        grades=GradeRange(lo=1, hi=9),
        cost_per_visit=800.0,
    )
    coach = Specialist(
        id="P01",
        kind=SpecialistKind.COACH,
        district="茶陵县",
        lat=26.8,
        lon=113.5,
        max_travel_km=20,
        max_schools=2,
        fee_per_session=50.0,
    )
    info = school_info(school, demand=3)
    assert (info.area, info.exempt, info.demand, info.students) == ("农村", 150, 3, 600)
    res = science_resource_info(lab)
    assert (res.capacity, res.science, res.cost_per_visit) == (6, True, 800.0)
    spec = specialist_info(coach)
    assert (spec.capacity, spec.science, spec.kind) == (2, False, "体育教练")
    report = allocate(np.array([[0.9, 0.4]]), [info], [res, spec])
    assert {a.resource_id for a in report.allocations} == {"K01", "P01"}
    assert report.schools[0].floored and report.schools[0].science == 1
