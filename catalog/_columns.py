"""Which spreadsheet column holds which record field.

A header may be the English field name, the Chinese ``title`` of the field in `_records.py`, or
an alias from `COLUMN_ALIASES`. Matching ignores case, surrounding spaces, 全角/半角 and a
trailing unit in brackets (「每次收费(元)」), because planners rename columns freely.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog._kinds import RECORD_TYPES, Kind

if TYPE_CHECKING:
    from catalog._column_map import ColumnMap

#: Surveys carry the export's raw respondent id in this column; it is hashed, never stored.
RESPONDENT_ID = "respondent_id"
#: An already-hashed key (what `export_records` writes for surveys); accepted instead of an id.
RESPONDENT_KEY = "respondent_key"

_ID = ("编号", "代码", "编码", "id号")
_GEO = {"lat": ("纬度", "latitude", "y"), "lon": ("经度", "longitude", "lng", "long", "x")}
_DISTRICT = ("区县", "所在区县", "区域", "地区", "所属区县", "县区", "区")

#: Extra spellings per kind and field, beyond the field name and its Chinese title.
COLUMN_ALIASES: dict[Kind, dict[str, tuple[str, ...]]] = {
    Kind.COURSE: {
        "id": (*_ID, "课程代码", "course_id", "course_no", "code"),
        "title": (
            "课程",
            "名称",
            "课程名",
            "课程标题",
            "课程名字",
            "course",
            "name",
            "course_title",
        ),
        "description": (
            *("简介", "课程介绍", "介绍", "描述", "课程内容", "内容", "课程描述", "课程概述"),
            *("intro", "introduction", "summary", "desc", "details", "课程简述", "说明"),
        ),
        "domains": (
            *("五育领域", "五育类别", "五育分类", "五育类型", "领域", "类别", "domain"),
            *("wuyu_category", "wuyu", "wuyu_categories", "category", "categories", "五育"),
        ),
        "grades": ("适用年级", "年级范围", "grade", "grade_range", "适合年级", "grade_levels"),
        "fee_per_session": (
            *("费用", "每课时费用", "每次费用", "收费", "收费标准", "单价", "fee", "price"),
            "价格",
        ),
        "session_minutes": ("时长", "每次时长", "课时长度", "分钟", "minutes", "duration"),
        "capacity": ("人数上限", "名额", "限额", "最多人数", "班额", "max_students", "班级人数"),
        "provider_id": ("提供者", "提供方编号", "授课人编号", "授课方编号", "provider"),
        "tags": ("关键词", "tag", "keywords", "levels", "level", "级别", "难度", "课程级别"),
        "room_type": ("场地", "上课场地", "所需场地", "教室类型", "功能室", "room"),
    },
    Kind.SPECIALIST: {
        "id": (*_ID, "专家编号", "人员编号", "specialist_id"),
        "name": ("名字",),
        "kind": ("类型", "人员类别", "身份", "type"),
        "skills": ("特长", "技能", "擅长"),
        "bio": ("个人简介", "介绍", "简历"),
        "district": _DISTRICT,
        "max_travel_km": ("服务半径", "出行半径", "最远距离", "最远出行距离"),
        "available_slots": ("可服务时间", "可用时间", "空闲时间", "时段", "slots"),
        "max_schools": ("最多服务学校数", "学校数上限", "最多学校"),
        "fee_per_session": ("费用", "每次收费", "课酬", "每次课酬", "fee"),
        "qualification": ("资格证书", "证书", "资质证书"),
        "verified": ("审核", "是否审核", "资质审核", "审核状态", "已核验"),
        "institution_id": ("机构编号", "所属机构"),
        **_GEO,
    },
    Kind.SCIENCE_RESOURCE: {
        "id": (*_ID, "资源编号", "resource_id"),
        "title": ("资源名称", "项目名称", "名字", "name"),
        "provider": ("提供方", "单位", "来源单位", "主办单位"),
        "description": ("介绍", "内容", "描述"),
        "topics": ("学科主题", "关键词", "topic"),
        "format": ("活动形式", "方式", "类型"),
        "district": _DISTRICT,
        "visits_per_semester": ("场次", "次数", "每学期次数", "visits"),
        "grades": ("适用年级", "年级范围", "grade"),
        "cost_per_visit": ("费用", "单场费用", "每次费用", "cost"),
        **_GEO,
    },
    Kind.INSTITUTION: {
        "id": (*_ID, "institution_id"),
        "name": ("名称", "机构", "单位名称", "title"),
        "description": ("介绍", "机构简介"),
        "district": _DISTRICT,
        "services": ("服务内容", "项目", "课程项目"),
        "license_no": ("许可证", "办学许可证号", "统一社会信用代码", "license"),
        "admitted": ("准入", "是否准入", "准入状态", "准入审核"),
        **_GEO,
    },
    Kind.SCHOOL: {
        "id": (*_ID, "学校代码", "school_id"),
        "name": ("学校", "校名", "名称", "学校全称", "title"),
        "district": _DISTRICT,
        "level": ("类型", "办学类型", "学校类型", "学段类型"),
        "area": ("城乡类型", "城乡分类", "区域类型"),
        "students": ("在校生数", "学生人数", "在校学生数", "人数"),
        "facilities": ("设施", "场地", "场地设施条件"),
        "teacher_strengths": ("师资特长", "教师专长"),
        "exempt_students": ("免费人数", "减免人数", "免费学生", "困难学生数", "exempt"),
        "after_school_slots": ("课后时段", "服务时段", "时段", "slots"),
        "classes": ("班级数", "行政班数", "班数", "每年级班数", "classes_per_grade"),
        "own_teachers": ("可带课教师数", "本校教师数", "课后教师数", "每天可带课教师", "teachers"),
        **_GEO,
    },
    Kind.ROOM: {
        "id": ("编号",),
        "school_id": ("学校代码", "学校", "school"),
        "room_type": ("场地", "类型", "功能室", "教室类型", "room", "type"),
        "count": ("数量", "间", "个数", "number"),
        "seats": ("座位", "容纳人数", "每间座位", "capacity"),
    },
    Kind.SURVEY: {
        RESPONDENT_ID: ("答卷编号", "答卷人编号", "问卷编号", "编号", "序号", "id"),
        RESPONDENT_KEY: ("答卷标识",),
        "school_id": ("学校代码", "学校", "school"),
        "respondent": ("填写人身份", "身份", "角色", "答卷人", "respondent_type"),
        "grade": ("就读年级", "孩子年级", "所在年级"),
        "interests": ("兴趣爱好", "兴趣描述", "感兴趣的内容", "希望开设的课程", "interest"),
        "preferred_domains": ("偏好领域", "五育偏好", "感兴趣的领域"),
        "preferred_days": ("希望时段", "方便时间", "希望上课时间"),
        "submitted_at": ("提交答卷时间", "提交日期"),
    },
}

#: List fields whose items are weekday slots (周二下午), not free text.
SLOT_FIELDS = frozenset({"available_slots", "after_school_slots", "preferred_days"})

#: Survey columns that identify a person; never mapped, never stored.
_PRIVATE_RE = re.compile(
    r"(姓名|名字|name|电话|手机|联系方式|phone|mobile|^tel|学号|身份证|student_?(no|number)|邮箱"
    r"|e_?mail|微信|wechat|^qq|住址|address|(^|_|来自)ip($|_|地址))"
)

_BRACKET_UNIT = re.compile(r"[(\[【][^()\[\]【】]*[)\]】]$")


def normalise_header(header: str) -> str:
    """The comparison form of a header: NFKC, lower case, no unit suffix, no required mark."""
    text = unicodedata.normalize("NFKC", header).strip().lower().strip("*").strip()
    text = _BRACKET_UNIT.sub("", text).strip()
    return re.sub(r"[\s\-]+", "_", text)


def column_fields(kind: Kind) -> tuple[str, ...]:
    """The fields a file of `kind` may carry, in export order (surveys: id instead of key)."""
    names = tuple(RECORD_TYPES[kind].model_fields)
    if kind is Kind.SURVEY:
        return (RESPONDENT_ID, *names)
    return names


def column_title(kind: Kind, field: str) -> str:
    """The Chinese column name of a field (its pydantic title)."""
    if field == RESPONDENT_ID:
        return "答卷编号"
    info = RECORD_TYPES[kind].model_fields[field]
    return info.title or field


def alias_table(kind: Kind) -> dict[str, str]:
    """Normalised header → field. Field names and titles win over the extra aliases."""
    table: dict[str, str] = {}
    for field, aliases in COLUMN_ALIASES[kind].items():
        for alias in aliases:
            table.setdefault(normalise_header(alias), field)
    for field in column_fields(kind):
        table[normalise_header(column_title(kind, field))] = field
    for field in column_fields(kind):
        table[normalise_header(field)] = field
    return table


def required_fields(kind: Kind) -> tuple[str, ...]:
    """Fields whose column must be present (for surveys the respondent id stands for the key)."""
    fields = RECORD_TYPES[kind].model_fields
    return tuple(
        RESPONDENT_ID if name == RESPONDENT_KEY else name
        for name, info in fields.items()
        if info.is_required()
    )


def is_private_column(header: str) -> bool:
    """A survey column naming a person (name, phone, 学号, IP, …), dropped on import."""
    return bool(_PRIVATE_RE.search(normalise_header(header)))


@dataclass(frozen=True)
class HeaderMatch:
    """How a file's header maps onto a kind's fields."""

    fields: dict[int, str]
    #: Required fields with no column.
    missing: tuple[str, ...]
    #: Column indexes dropped for privacy (surveys only).
    dropped: tuple[int, ...]
    #: (column index, field) of a second column that maps to an already-mapped field.
    duplicates: tuple[tuple[int, str], ...]
    #: Column indexes no field matched: their values are not imported (a notice says so).
    unknown: tuple[int, ...] = ()
    #: Column indexes the --map file says to ignore (no notice).
    ignored: tuple[int, ...] = ()
    #: (column index, field) where the --map file names a field this kind does not have.
    bad_targets: tuple[tuple[int, str], ...] = ()


def match_header(kind: Kind, header: list[str], column_map: ColumnMap | None = None) -> HeaderMatch:
    """Map column index → field; unknown columns are listed, private survey columns dropped.

    The --map file, when given, wins over the built-in names and aliases.
    """
    table = alias_table(kind)
    known = set(column_fields(kind))
    fields: dict[int, str] = {}
    dropped: list[int] = []
    duplicates: list[tuple[int, str]] = []
    unknown: list[int] = []
    ignored: list[int] = []
    bad: list[tuple[int, str]] = []
    for index, text in enumerate(header):
        key = normalise_header(text)
        named, target = column_map.target(text) if column_map else (False, None)
        field = target if named else table.get(key)
        if kind is Kind.SURVEY and key and is_private_column(text):
            dropped.append(index)
        elif named and field is None:
            ignored.append(index)
        elif field is not None and field not in known:
            bad.append((index, field))
        elif field is not None and field in fields.values():
            duplicates.append((index, field))
        elif field is not None:
            fields[index] = field
        elif key:
            unknown.append(index)
    present = set(fields.values()) | set(column_map.defaults if column_map else ())
    if RESPONDENT_KEY in present:
        present.add(RESPONDENT_ID)
    missing = tuple(f for f in required_fields(kind) if f not in present)
    found = (tuple(dropped), tuple(duplicates), tuple(unknown), tuple(ignored), tuple(bad))
    return HeaderMatch(fields, missing, *found)
