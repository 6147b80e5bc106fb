"""The kinds of file kehou imports, their record class, file-name stems and import order."""

from __future__ import annotations

from enum import StrEnum

from catalog._records import (
    Course,
    Institution,
    Record,
    School,
    SchoolRoom,
    ScienceResource,
    Specialist,
    SurveyResponse,
)


class Kind(StrEnum):
    INSTITUTION = "institutions"
    SPECIALIST = "specialists"
    COURSE = "courses"
    SCIENCE_RESOURCE = "science_resources"
    SCHOOL = "schools"
    ROOM = "rooms"
    SURVEY = "surveys"


#: Dependency order: institutions before specialists (institution_id), specialists before
#: courses (provider_id), schools before rooms and surveys (school_id).
IMPORT_ORDER: tuple[Kind, ...] = (
    Kind.INSTITUTION,
    Kind.SPECIALIST,
    Kind.COURSE,
    Kind.SCIENCE_RESOURCE,
    Kind.SCHOOL,
    Kind.ROOM,
    Kind.SURVEY,
)

#: kinds whose rows each belong to one school (a school's own upload: its rows only)
SCHOOL_ROWS: tuple[Kind, ...] = (Kind.ROOM, Kind.SURVEY)

RECORD_TYPES: dict[Kind, type[Record]] = {
    Kind.INSTITUTION: Institution,
    Kind.SPECIALIST: Specialist,
    Kind.COURSE: Course,
    Kind.SCIENCE_RESOURCE: ScienceResource,
    Kind.SCHOOL: School,
    Kind.ROOM: SchoolRoom,
    Kind.SURVEY: SurveyResponse,
}

#: File-name stems (lower-case, before the extension) that identify a kind.
FILE_STEMS: dict[Kind, tuple[str, ...]] = {
    Kind.INSTITUTION: ("institutions", "institution", "机构", "培训机构", "准入机构"),
    Kind.SPECIALIST: ("specialists", "specialist", "专家", "校外人员", "师资", "人才库"),
    Kind.COURSE: ("courses", "course", "课程", "课程目录"),
    Kind.SCIENCE_RESOURCE: ("science_resources", "science_resource", "科普资源", "科普"),
    Kind.SCHOOL: ("schools", "school", "学校"),
    Kind.ROOM: ("rooms", "room", "场地", "功能室"),
    Kind.SURVEY: ("surveys", "survey", "问卷", "调查问卷", "问卷星"),
}


def kind_from_filename(name: str) -> Kind | None:
    """The kind named by a file's stem, e.g. ``课程_2026秋.xlsx`` -> courses; None if unknown.

    The stem matches when it equals a known stem or starts with one followed by ``_``/``-``/``.``.
    """
    stem = name.rsplit("/", 1)[-1].split(".", 1)[0].lower()
    for kind in IMPORT_ORDER:
        for known in FILE_STEMS[kind]:
            if stem == known or any(stem.startswith(known + sep) for sep in "_-. "):
                return kind
    return None
