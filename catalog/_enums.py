"""Closed vocabularies of the domain: the five domains, specialist kinds, school levels, areas.

Values are the Chinese words planners write; parsing accepts English names too (see `parse_enum`).
"""

from __future__ import annotations

from enum import StrEnum


class Domain(StrEnum):
    """德智体美劳: the five-domain course system every programme must balance."""

    DE = "德"
    ZHI = "智"
    TI = "体"
    MEI = "美"
    LAO = "劳"


class SpecialistKind(StrEnum):
    """Who may be brought in from outside, as listed in the source policy."""

    RETIRED_TEACHER = "退休教师"
    VETERAN = "退役军人"
    UNIVERSITY_STUDENT = "高校青年"
    COACH = "体育教练"
    ARTIST = "文艺工作者"
    SCIENCE_WORKER = "科普工作者"
    CRAFTSMAN = "能工巧匠"
    ICH_INHERITOR = "非遗传承人"
    VOLUNTEER = "志愿者"
    INSTITUTION = "培训机构"


class SchoolLevel(StrEnum):
    PRIMARY = "小学"
    JUNIOR = "初中"
    NINE_YEAR = "九年一贯制"
    SENIOR = "高中"


class Area(StrEnum):
    URBAN = "城区"
    COUNTY_TOWN = "县城"
    RURAL = "农村"


class ResourceFormat(StrEnum):
    ON_CAMPUS = "进校园"
    STUDY_TRIP = "研学"
    ONLINE = "线上"


class Respondent(StrEnum):
    STUDENT = "学生"
    PARENT = "家长"


#: English / alternative spellings accepted on import, mapped to the canonical value.
ENUM_SYNONYMS: dict[str, str] = {
    # domains
    "moral": "德",
    "德育": "德",
    "intellectual": "智",
    "智育": "智",
    "physical": "体",
    "体育": "体",
    "aesthetic": "美",
    "美育": "美",
    "labour": "劳",
    "labor": "劳",
    "劳育": "劳",
    "劳动": "劳",
    "劳动教育": "劳",
    # specialist kinds
    "retired_teacher": "退休教师",
    "veteran": "退役军人",
    "university_student": "高校青年",
    "大学生": "高校青年",
    "coach": "体育教练",
    "artist": "文艺工作者",
    "science_worker": "科普工作者",
    "科技工作者": "科普工作者",
    "craftsman": "能工巧匠",
    "ich_inheritor": "非遗传承人",
    "非物质文化遗产传承人": "非遗传承人",
    "volunteer": "志愿者",
    "institution": "培训机构",
    "机构": "培训机构",
    # levels / areas
    "primary": "小学",
    "junior": "初中",
    "nine_year": "九年一贯制",
    "九年制": "九年一贯制",
    "senior": "高中",
    "urban": "城区",
    "county_town": "县城",
    "county": "县城",
    "rural": "农村",
    "乡村": "农村",
    "乡镇": "农村",
    # formats / respondents
    "on_campus": "进校园",
    "study_trip": "研学",
    "online": "线上",
    "student": "学生",
    "parent": "家长",
}
