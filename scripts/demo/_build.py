"""Assemble the demo dataset and write it in the mix of formats real users send."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from demo._breakers import BREAKER_COURSES, UNVERIFIED_SPECIALIST
from demo._courses import make_courses
from demo._io import write_csv, write_json, write_xlsx
from demo._people import make_institutions
from demo._resources import make_resources
from demo._schools import make_schools
from demo._specialists import make_specialists
from demo._surveys import make_surveys

DEFAULT_SEED = 20260901

SCHOOL_COLUMNS = (
    ("id", "学校编号"),
    ("name", "学校名称"),
    ("district", "区县"),
    ("level", "学段"),
    ("area", "城乡"),
    ("students", "学生数（人）"),
    ("lat", "纬度"),
    ("lon", "经度"),
    ("facilities", "场地设施"),
    ("teacher_strengths", "教师特长"),
    ("exempt_students", "免费学生数"),
    ("after_school_slots", "课后服务时段"),
)
COURSE_COLUMNS = (
    ("id", "课程编号"),
    ("title", "课程名称"),
    ("description", "课程简介"),
    ("domains", "五育"),
    ("grades", "年级"),
    ("fee_per_session", "每次收费(元)"),
    ("session_minutes", "每次时长(分钟)"),
    ("capacity", "容量"),
    ("provider_id", "提供者编号"),
    ("tags", "标签"),
)
SPECIALIST_COLUMNS = (
    ("id", "编号"),
    ("name", "姓名"),
    ("kind", "类别"),
    ("skills", "专长"),
    ("bio", "简介"),
    ("district", "区县"),
    ("lat", "纬度"),
    ("lon", "经度"),
    ("max_travel_km", "最远出行公里"),
    ("available_slots", "可用时段"),
    ("max_schools", "最多学校数"),
    ("fee_per_session", "每次费用（元）"),
    ("qualification", "资质"),
    ("verified", "已审核"),
    ("institution_id", "所属机构编号"),
)
INSTITUTION_FIELDS = (
    "id",
    "name",
    "description",
    "district",
    "services",
    "license_no",
    "admitted",
    "lat",
    "lon",
)
SURVEY_FIELDS = (
    "school_id",
    "respondent_id",
    "respondent",
    "grade",
    "interests",
    "preferred_domains",
    "preferred_days",
    "pickup_time",
    "semester",
    "submitted_at",
)


@dataclass(frozen=True)
class Demo:
    """Every row of the demo dataset, as the cell texts written to the files."""

    schools: list[dict[str, str]]
    courses: list[dict[str, str]]
    specialists: list[dict[str, str]]
    institutions: list[dict[str, str]]
    resources: list[dict[str, object]]
    surveys: list[dict[str, str]]


def build_demo(seed: int = DEFAULT_SEED) -> Demo:
    """Everything from one seed; each part has its own stream so parts stay independent."""

    def rng(part: str) -> random.Random:
        return random.Random(f"{seed}:{part}")

    schools = make_schools(rng("schools"))
    institutions = make_institutions(rng("institutions"))
    people = make_specialists(rng("specialists"), institutions)
    courses = make_courses(rng("courses"), people, institutions) + [
        dict(c) for c in BREAKER_COURSES
    ]
    return Demo(
        schools=[s.cells() for s in schools],
        courses=courses,
        specialists=[p.cells for p in people] + [dict(UNVERIFIED_SPECIALIST)],
        institutions=[row for row, _ in institutions],
        resources=make_resources(rng("resources")),
        surveys=make_surveys(rng("surveys"), schools),
    )


def write_demo(demo: Demo, out: Path) -> list[Path]:
    """Write the six files; returns their paths in import order."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [
        out / n
        for n in (
            "institutions.csv",
            "specialists.csv",
            "courses.xlsx",
            "science_resources.json",
            "学校.csv",
            "surveys.csv",
        )
    ]
    inst_cols = [(f, f) for f in INSTITUTION_FIELDS]
    write_csv(paths[0], inst_cols, demo.institutions)
    write_csv(paths[1], SPECIALIST_COLUMNS, demo.specialists, encoding="utf-8-sig")
    write_xlsx(paths[2], COURSE_COLUMNS, demo.courses, sheet="课程目录")
    write_json(paths[3], demo.resources)
    write_csv(paths[4], SCHOOL_COLUMNS, demo.schools, encoding="gb18030", crlf=True)
    write_csv(paths[5], [(f, f) for f in SURVEY_FIELDS], demo.surveys)
    return paths
