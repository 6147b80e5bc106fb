"""Pydantic records of the data contract (see docs/design.md, "Data contract").

Each field's ``title`` is its Chinese column name; `COLUMN_ALIASES` adds the other spellings
accepted on import. Multi-value fields are lists here; in CSV/XLSX cells they are joined by 、.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from catalog._enums import (
    Area,
    Domain,
    ResourceFormat,
    Respondent,
    SchoolLevel,
    SpecialistKind,
)
from catalog._rooms import classes_value, room_type_value


class Record(BaseModel):
    """Base of every record: frozen, strict about unknown fields, validated on assignment."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


#: A school id names files (programmes/<id>.json, reports/<id>.html): letters, digits, - and _,
#: and Chinese characters; never a path separator, a dot or a drive letter.
SAFE_ID = re.compile(r"^[A-Za-z0-9_\-\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,64}$")


def safe_id(value: str) -> str:
    """`value` if it is a safe school id, else ValueError with a clear bilingual reason."""
    if not SAFE_ID.fullmatch(value):
        raise ValueError(
            "学校编号只能含字母、数字、汉字、- 和 _（最多 64 个），不能含 / \\ . 等 / a school id "
            "may hold only letters, digits, Chinese characters, - and _ (at most 64)"
        )
    return value


Lat = Field(ge=-90, le=90, title="纬度")
Lon = Field(ge=-180, le=180, title="经度")


class GradeRange(Record):
    """Inclusive grade range, 1–12 (一年级 = 1, 高三 = 12)."""

    lo: int = Field(ge=1, le=12)
    hi: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def _ordered(self) -> GradeRange:
        if self.lo > self.hi:
            raise ValueError(f"年级范围起点大于终点 / grade range start {self.lo} > end {self.hi}")
        return self

    def __str__(self) -> str:
        return f"{self.lo}-{self.hi}" if self.lo != self.hi else str(self.lo)

    def contains(self, grade: int) -> bool:
        return self.lo <= grade <= self.hi

    def overlaps(self, other: GradeRange) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


class Course(Record):
    id: str = Field(min_length=1, title="课程编号")
    title: str = Field(min_length=1, title="课程名称")
    description: str = Field("", title="课程简介")
    domains: list[Domain] = Field(min_length=1, title="五育")
    grades: GradeRange = Field(title="年级")
    fee_per_session: float = Field(ge=0, title="每次收费")
    session_minutes: int = Field(gt=0, le=240, title="每次时长")
    capacity: int = Field(gt=0, title="容量")
    provider_id: str | None = Field(None, title="提供者编号")
    tags: list[str] = Field(default_factory=list, title="标签")
    room_type: str | None = Field(None, title="场地类型")

    @field_validator("room_type")
    @classmethod
    def _known_room(cls, value: str | None) -> str | None:
        return None if value is None else room_type_value(value)


class Specialist(Record):
    id: str = Field(min_length=1, title="编号")
    name: str = Field("", title="姓名")
    kind: SpecialistKind = Field(title="类别")
    skills: list[str] = Field(default_factory=list, title="专长")
    bio: str = Field("", title="简介")
    district: str = Field(min_length=1, title="区县")
    lat: float = Lat
    lon: float = Lon
    max_travel_km: float = Field(gt=0, title="最远出行公里")
    available_slots: list[str] = Field(default_factory=list, title="可用时段")
    max_schools: int = Field(ge=1, title="最多学校数")
    fee_per_session: float = Field(ge=0, title="每次费用")
    qualification: str = Field("", title="资质")
    verified: bool = Field(False, title="已审核")
    institution_id: str | None = Field(None, title="所属机构编号")


class ScienceResource(Record):
    id: str = Field(min_length=1, title="编号")
    title: str = Field(min_length=1, title="名称")
    provider: str = Field(min_length=1, title="提供单位")
    description: str = Field("", title="简介")
    topics: list[str] = Field(default_factory=list, title="主题")
    format: ResourceFormat = Field(title="形式")
    district: str = Field(min_length=1, title="区县")
    lat: float = Lat
    lon: float = Lon
    visits_per_semester: int = Field(ge=0, title="每学期场次")
    grades: GradeRange = Field(title="年级")
    cost_per_visit: float = Field(ge=0, title="每场费用")


class Institution(Record):
    """A non-academic training institution; only admitted (准入) ones may be used."""

    id: str = Field(min_length=1, title="机构编号")
    name: str = Field(min_length=1, title="机构名称")
    description: str = Field("", title="简介")
    district: str = Field(min_length=1, title="区县")
    services: list[str] = Field(default_factory=list, title="服务项目")
    license_no: str = Field("", title="许可证号")
    admitted: bool = Field(False, title="已准入")
    lat: float | None = Field(None, ge=-90, le=90, title="纬度")
    lon: float | None = Field(None, ge=-180, le=180, title="经度")


class School(Record):
    id: str = Field(min_length=1, title="学校编号")
    name: str = Field(min_length=1, title="学校名称")
    district: str = Field(min_length=1, title="区县")
    level: SchoolLevel = Field(title="学段")
    area: Area = Field(title="城乡")
    students: int = Field(gt=0, title="学生数")
    lat: float = Lat
    lon: float = Lon
    facilities: list[str] = Field(default_factory=list, title="场地设施")
    teacher_strengths: list[str] = Field(default_factory=list, title="教师特长")
    exempt_students: int = Field(0, ge=0, title="免费学生数")
    after_school_slots: list[str] = Field(default_factory=list, title="课后服务时段")
    classes: str | None = Field(None, title="行政班")
    own_teachers: int | None = Field(None, ge=0, title="本校可带课教师数")

    @field_validator("id")
    @classmethod
    def _safe_id(cls, value: str) -> str:
        return safe_id(value)

    @field_validator("classes")
    @classmethod
    def _classes(cls, value: str | None) -> str | None:
        return None if value is None else classes_value(value)

    @model_validator(mode="after")
    def _exempt_within_students(self) -> School:
        if self.exempt_students > self.students:
            raise ValueError(
                f"免费学生数 {self.exempt_students} 超过学生数 {self.students} / "
                "exempt_students exceeds students"
            )
        return self


class SchoolRoom(Record):
    """One row of a rooms file (场地): a school has `count` rooms of a type, `seats` each.

    The id is derived (school-room type), so one school lists each room type once.
    """

    id: str = Field("", title="场地编号")
    school_id: str = Field(min_length=1, title="学校编号")
    room_type: str = Field(min_length=1, title="场地类型")
    count: int = Field(1, ge=1, le=200, title="间数")
    seats: int | None = Field(None, ge=1, le=2000, title="座位数")

    @field_validator("room_type")
    @classmethod
    def _known_room(cls, value: str) -> str:
        return room_type_value(value)

    @model_validator(mode="after")
    def _derived_id(self) -> SchoolRoom:
        wanted = f"{self.school_id}-{self.room_type}"
        if self.id and self.id != wanted:
            raise ValueError(f"场地编号应为「{wanted}」/ room id must be {wanted!r}")
        object.__setattr__(self, "id", wanted)
        return self

    def cell(self) -> str:
        """The facilities-cell form the timetable parses: 计算机教室2间(40座)."""
        return f"{self.room_type}{self.count}间" + (f"({self.seats}座)" if self.seats else "")


class SurveyResponse(Record):
    """One pseudonymous respondent. `respondent_key` is an HMAC, never the export's raw id."""

    respondent_key: str = Field(min_length=16, title="答卷标识")
    school_id: str = Field(min_length=1, title="学校编号")
    respondent: Respondent = Field(title="填写人")
    grade: int | None = Field(None, ge=1, le=12, title="年级")
    interests: str = Field("", title="兴趣")
    preferred_domains: list[Domain] = Field(default_factory=list, title="偏好五育")
    preferred_days: list[str] = Field(default_factory=list, title="希望时间")
    pickup_time: str = Field("", title="接送时间")
    semester: str = Field("", title="学期")
    submitted_at: datetime | None = Field(None, title="提交时间")
