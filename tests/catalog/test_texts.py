"""`item_text`: what gets embedded for each catalogue kind, and nothing for other records."""

from __future__ import annotations

import pytest

from catalog import (
    Course,
    Domain,
    GradeRange,
    Institution,
    School,
    ScienceResource,
    Specialist,
    SpecialistKind,
    item_text,
)
from catalog._enums import Area, ResourceFormat, SchoolLevel
from catalog._texts import MAX_BODY_CHARS

COURSE = Course(
    id="C1",
    title="釉下五彩瓷体验",
    description="跟传承人学习勾线、分水和填色。" * 30,
    domains=[Domain.MEI, Domain.LAO],
    grades=GradeRange(lo=3, hi=6),
    fee_per_session=2,
    session_minutes=45,
    capacity=30,
    tags=["陶瓷", "非遗"],
)


def test_course_title_tags_body_and_domains() -> None:
    text = item_text(COURSE)
    assert text.startswith("釉下五彩瓷体验。标签：陶瓷、非遗。跟传承人")
    assert text.endswith("五育：美育、劳动教育")
    assert len(text) < MAX_BODY_CHARS + 60  # the long description is cut


def test_specialist_kind_name_skills_bio() -> None:
    person = Specialist(
        id="P1",
        name="李师傅",
        kind=SpecialistKind.ICH_INHERITOR,
        skills=["拉坯", "釉下彩"],
        bio="  醴陵  瓷厂老师傅。 ",
        district="醴陵市",
        lat=27.6,
        lon=113.5,
        max_travel_km=30,
        max_schools=2,
        fee_per_session=0,
    )
    assert item_text(person) == "非遗传承人：李师傅。专长：拉坯、釉下彩。醴陵 瓷厂老师傅"


def test_science_resource_and_institution() -> None:
    resource = ScienceResource(
        id="R1",
        title="陶瓷里的科学",
        provider="醴陵陶瓷博物馆",
        topics=["材料"],
        format=ResourceFormat.STUDY_TRIP,
        district="醴陵市",
        lat=27.6,
        lon=113.5,
        visits_per_semester=4,
        grades=GradeRange(lo=4, hi=9),
        cost_per_visit=0,
    )
    assert item_text(resource) == "陶瓷里的科学。主题：材料。醴陵陶瓷博物馆（研学）"
    place = Institution(id="I1", name="星光艺术培训中心", district="天元区", services=["舞蹈"])
    assert item_text(place) == "星光艺术培训中心。服务项目：舞蹈"


def test_pure_function_of_the_record() -> None:
    assert item_text(COURSE) == item_text(COURSE.model_copy())
    assert item_text(COURSE) != item_text(COURSE.model_copy(update={"title": "陶艺"}))


def test_other_records_are_refused() -> None:
    school = School(
        id="S1",
        name="实验小学",
        district="天元区",
        level=SchoolLevel.PRIMARY,
        area=Area.URBAN,
        students=100,
        lat=27.8,
        lon=113.1,
    )
    with pytest.raises(TypeError, match="not a catalogue item"):
        item_text(school)
