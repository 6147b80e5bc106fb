"""Records of every kind built directly in Python, for the store tests (no file parsing)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from catalog import (
    Course,
    Domain,
    GradeRange,
    Institution,
    Kind,
    LoadResult,
    Record,
    School,
    SchoolRoom,
    ScienceResource,
    Specialist,
    SurveyResponse,
    respondent_key,
)


def samples() -> dict[Kind, list[Record]]:
    """Two records per kind, exercising lists, enums, optionals, floats and a timezone."""
    inst: list[Record] = [
        Institution(
            id="I1",
            name="星光艺术培训中心",
            district="天元区",
            services=["舞蹈", "书法"],
            admitted=True,
            lat=27.83,
            lon=113.08,
            license_no="湘教许-001",
        ),
        Institution(id="I2", name="未准入机构", district="攸县", description="=cmd|' /C calc'!A0"),
    ]
    spec: list[Record] = [
        Specialist(
            id="P1",
            name="李师傅",
            kind="非遗传承人",
            skills=["醴陵釉下五彩瓷", "拉坯"],
            bio="国家级非遗项目传承人",
            district="醴陵市",
            lat=27.65,
            lon=113.50,
            max_travel_km=30.5,
            available_slots=["周二下午", "周四下午"],
            max_schools=3,
            fee_per_session=0.0,
            verified=True,
        ),
        Specialist(
            id="P2",
            kind="培训机构",
            district="天元区",
            lat=27.8,
            lon=113.1,
            max_travel_km=10,
            max_schools=5,
            fee_per_session=3.25,
            institution_id="I1",
        ),
    ]
    courses: list[Record] = [
        Course(
            id="C1",
            title="釉下五彩瓷体验",
            domains=[Domain.MEI, Domain.LAO],
            grades=GradeRange(lo=3, hi=6),
            fee_per_session=0.1 + 0.2,
            session_minutes=45,
            capacity=30,
            room_type="陶艺室",
            provider_id="P1",
            tags=["非遗", "手工"],
        ),
        Course(
            id="C2",
            title="足球",
            domains=[Domain.TI],
            grades=GradeRange(lo=1, hi=1),
            fee_per_session=4,
            session_minutes=60,
            capacity=25,
        ),
    ]
    science: list[Record] = [
        ScienceResource(
            id="R1",
            title="轨道交通科普进校园",
            provider="中车株机",
            topics=["轨道交通"],
            format="进校园",
            district="石峰区",
            lat=27.87,
            lon=113.14,
            visits_per_semester=6,
            grades=GradeRange(lo=4, hi=9),
            cost_per_visit=0,
        ),
        ScienceResource(
            id="R2",
            title="航空研学",
            provider="株洲航空城",
            format="研学",
            district="芦淞区",
            lat=27.79,
            lon=113.15,
            visits_per_semester=2,
            grades=GradeRange(lo=7, hi=9),
            cost_per_visit=1500.5,
        ),
    ]
    schools: list[Record] = [
        School(
            id="S1",
            name="天元区实验小学",
            district="天元区",
            level="小学",
            area="城区",
            students=1800,
            lat=27.83,
            lon=113.09,
            facilities=["操场", "美术室"],
            exempt_students=25,
            after_school_slots=["周一下午", "周三下午"],
            classes="1:5;2:5;3:5;4:5;5:4;6:4",
            own_teachers=30,
        ),
        School(
            id="S2",
            name="茶陵县农村中学",
            district="茶陵县",
            level="初中",
            area="农村",
            students=420,
            lat=26.79,
            lon=113.54,
        ),
    ]
    surveys: list[Record] = [
        SurveyResponse(
            respondent_key=respondent_key("1", "s", scope="S1|2026秋"),
            school_id="S1",
            respondent="学生",
            grade=4,
            interests="想学画画，还有踢足球",
            preferred_domains=[Domain.MEI, Domain.TI],
            preferred_days=["周三下午"],
            semester="2026秋",
            submitted_at=datetime(2026, 9, 1, 10, 0, tzinfo=timezone(timedelta(hours=8))),
        ),
        SurveyResponse(
            respondent_key=respondent_key("2", "s", scope="S2|2026秋"),
            school_id="S2",
            respondent="家长",
            interests="",
            semester="2026秋",
            submitted_at=datetime(2026, 9, 2, 8, 30),
        ),
    ]
    return {
        Kind.INSTITUTION: inst,
        Kind.SPECIALIST: spec,
        Kind.COURSE: courses,
        Kind.SCIENCE_RESOURCE: science,
        Kind.SCHOOL: schools,
        Kind.ROOM: [
            SchoolRoom(school_id="S1", room_type="计算机教室", count=1, seats=45),
            SchoolRoom(school_id="S2", room_type="操场", count=1),
        ],
        Kind.SURVEY: surveys,
    }


def batch(records: dict[Kind, list[Record]] | None = None) -> list[LoadResult]:
    """One LoadResult per kind, as the loaders would return them."""
    records = samples() if records is None else records
    return [LoadResult(f"{kind.value}.csv", kind, list(rs)) for kind, rs in records.items()]
