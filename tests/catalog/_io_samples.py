"""Sample records of every kind and helpers to write test files (shared by the H1 I/O tests)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from catalog import (
    Area,
    Course,
    Domain,
    GradeRange,
    Institution,
    Kind,
    Record,
    ResourceFormat,
    Respondent,
    School,
    SchoolLevel,
    SchoolRoom,
    ScienceResource,
    Specialist,
    SpecialistKind,
    SurveyResponse,
)

COURSE_HEADER_ZH = [
    "课程编号",
    "课程名称",
    "课程简介",
    "五育",
    "年级",
    "每次收费(元)",
    "每次时长",
    "容量",
]
COURSE_HEADER_EN = [
    "id",
    "title",
    "description",
    "domains",
    "grades",
    "fee_per_session",
    "session_minutes",
    "capacity",
]
COURSE_ROWS = [
    ["C001", "醴陵釉下五彩瓷绘", "学习釉下五彩的勾线与分水", "美、劳", "3-6", "3", "45", "30"],
    ["C002", "校园足球", "基本传接球与小场地比赛", "体", "一至六年级", "2.5元", "60", "40"],
    ["C003", "红色故事会", "讲述株洲本地的红色故事", "德；智", "初一-初三", "0", "40", "50"],
]


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    """Write a CSV as Excel or WPS would, in the given encoding."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def sample_records() -> dict[Kind, list[Record]]:
    """Two or more valid records per kind, with the awkward values a round trip must keep."""
    return {
        Kind.INSTITUTION: [
            Institution(
                id="I1",
                name="株洲市少儿美术培训中心",
                district="天元区",
                services=["美术", "书法"],
                license_no="教民143",
                admitted=True,
                lat=27.83,
                lon=113.08,
            ),
            Institution(
                id="I2",
                name='=HYPERLINK("x")机构',
                district="荷塘区",
                description="-先看后签",
                admitted=False,
            ),
        ],
        Kind.SPECIALIST: [
            Specialist(
                id="S1",
                name="李师傅",
                kind=SpecialistKind.ICH_INHERITOR,
                skills=["釉下五彩", "拉坯"],
                bio="醴陵瓷非遗传承人",
                district="醴陵市",
                lat=27.65,
                lon=113.5,
                max_travel_km=30.5,
                available_slots=["周二下午", "周四"],
                max_schools=3,
                fee_per_session=150,
                qualification="省级传承人",
                verified=True,
                institution_id=None,
            ),
            Specialist(
                id="S2",
                kind=SpecialistKind.VOLUNTEER,
                district="攸县",
                lat=27.0,
                lon=113.34,
                max_travel_km=5,
                max_schools=1,
                fee_per_session=0.00001,
                institution_id="I1",
                bio="@提到我",
            ),
        ],
        Kind.COURSE: [
            Course(
                id="C1",
                title="航空模型",
                description="+加分项：动手",
                domains=[Domain.ZHI, Domain.LAO],
                grades=GradeRange(lo=4, hi=9),
                fee_per_session=3.5,
                session_minutes=45,
                capacity=25,
                provider_id="S1",
                tags=["航模", "科创"],
            ),
            Course(
                id="C2",
                title="合唱",
                domains=[Domain.MEI],
                grades=GradeRange(lo=3, hi=3),
                fee_per_session=0,
                session_minutes=40,
                capacity=60,
                room_type="音乐室",
            ),
        ],
        Kind.SCIENCE_RESOURCE: [
            ScienceResource(
                id="R1",
                title="轨道交通科普进校园",
                provider="中车株机",
                topics=["轨道交通", "电力机车"],
                format=ResourceFormat.ON_CAMPUS,
                district="石峰区",
                lat=27.87,
                lon=113.1,
                visits_per_semester=8,
                grades=GradeRange(lo=4, hi=9),
                cost_per_visit=0,
            ),
            ScienceResource(
                id="R2",
                title="航空研学",
                provider="株洲航空城",
                description="多行\n简介",
                format=ResourceFormat.STUDY_TRIP,
                district="芦淞区",
                lat=27.78,
                lon=113.15,
                visits_per_semester=2,
                grades=GradeRange(lo=7, hi=12),
                cost_per_visit=1200.25,
            ),
        ],
        Kind.SCHOOL: [
            School(
                id="SC1",
                name="天元区实验小学",
                district="天元区",
                level=SchoolLevel.PRIMARY,
                area=Area.URBAN,
                students=2100,
                lat=27.83,
                lon=113.08,
                facilities=["操场", "美术室"],
                teacher_strengths=["书法"],
                exempt_students=40,
                after_school_slots=["周一下午", "周三下午"],
                classes="1:3;2:3;3:2",
                own_teachers=12,
            ),
            School(
                id="SC2",
                name="茶陵县严塘中学",
                district="茶陵县",
                level=SchoolLevel.JUNIOR,
                area=Area.RURAL,
                students=600,
                lat=26.79,
                lon=113.54,
                exempt_students=120,
                classes="4",
            ),
        ],
        Kind.ROOM: [
            SchoolRoom(school_id="SC1", room_type="计算机教室", count=1, seats=40),
            SchoolRoom(school_id="SC1", room_type="操场", count=2),
        ],
        Kind.SURVEY: [
            SurveyResponse(
                respondent_key="a" * 64,
                school_id="SC1",
                respondent=Respondent.STUDENT,
                grade=4,
                interests="想学足球，还有画画",
                preferred_domains=[Domain.TI, Domain.MEI],
                preferred_days=["周二"],
                pickup_time="17:30",
                semester="2026秋",
                submitted_at=datetime(2026, 9, 3, 18, 5, 7),
            ),
            SurveyResponse(
                respondent_key="0123456789abcdef" * 4,
                school_id="SC2",
                respondent=Respondent.PARENT,
                interests="=希望多些劳动课",
            ),
        ],
    }
