"""What a plain (CSV/XLSX/JSON) import tells the user besides errors: unknown columns, rows
without a description, defaults used, and which column became which field.

A vendor file's ``intro`` column once vanished silently and blinded the 学科类 rule; so every
column that is not read is named, and so is every row the rule cannot check. Notices never
block an import (the all-or-nothing contract is about errors).
"""

from __future__ import annotations

from collections.abc import Sequence

from catalog._columns import HeaderMatch, column_title
from catalog._kinds import Kind
from catalog._problems import ColumnUse, Notice, Problem
from catalog._records import Record

#: Kinds whose description feeds the 学科类 (academic content) rule.
DESCRIBED = frozenset({Kind.COURSE, Kind.SCIENCE_RESOURCE, Kind.INSTITUTION})

UNKNOWN_COLUMN = (
    "未识别的列，其内容没有导入；如有用，请改列名或用 --map 指定对应字段 / "
    "unknown column, not imported: rename it or map it to a field with --map"
)
NO_DESCRIPTION = "没有简介：无法检查是否学科类 / no description: the 学科类 rule cannot check it"
PRIVATE_COLUMN = (
    "含个人信息的列（姓名、电话、学号…）从不导入 / personal column (name, phone, 学号…), "
    "never imported"
)


#: What the mapping table says for a column that is not read.
NOT_READ = {
    "unknown": "(未识别，不导入 / unknown, not imported)",
    "ignored": "(映射文件：不导入 / not imported, per --map)",
    "dropped": "(个人信息，从不导入 / personal, never imported)",
    "duplicate": "(重复列 / duplicate column)",
}


def column_uses(file: str, header: Sequence[str], match: HeaderMatch) -> list[ColumnUse]:
    """Column → field for every non-empty column of the file, in its order (unread ones say so)."""
    uses = dict(match.fields)
    uses |= {i: NOT_READ["unknown"] for i in match.unknown}
    uses |= {i: NOT_READ["ignored"] for i in match.ignored}
    uses |= {i: NOT_READ["dropped"] for i in match.dropped}
    uses |= {i: NOT_READ["duplicate"] for i, _ in match.duplicates}
    return [ColumnUse(file, header[i], field) for i, field in sorted(uses.items())]


def header_notices(file: str, header: Sequence[str], match: HeaderMatch) -> list[Notice]:
    """One notice per unknown column, and one per survey column dropped for privacy."""
    notices = [Notice(file, "unknown_column", header[i], UNKNOWN_COLUMN) for i in match.unknown]
    notices += [Notice(file, "private_column", header[i], PRIVATE_COLUMN) for i in match.dropped]
    return notices


def bad_target_problems(
    file: str, kind: Kind, header: Sequence[str], match: HeaderMatch, map_name: str
) -> list[Problem]:
    """A --map entry naming a field this kind does not have is an error (nothing changes)."""
    return [
        Problem(
            file,
            1,
            header[index],
            field,
            f"映射文件 {map_name} 指定的字段「{field}」不是{kind.value}的字段 / "
            f"the map file names a field {kind.value} do not have: {field}",
        )
        for index, field in match.bad_targets
    ]


def description_notice(
    file: str, kind: Kind, records: Sequence[Record], rows: Sequence[int]
) -> list[Notice]:
    """One notice listing the rows with an empty description (courses, resources, institutions)."""
    if kind not in DESCRIBED:
        return []
    empty = tuple(row for record, row in zip(records, rows, strict=True) if not _described(record))
    if not empty:
        return []
    column = f"{column_title(kind, 'description')} / description"
    message = f"{len(empty)} 行{NO_DESCRIPTION}"
    return [Notice(file, "no_description", column, message, empty)]


def defaulted_notices(
    file: str, kind: Kind, used: dict[str, list[int]], map_name: str
) -> list[Notice]:
    """One notice per field filled from the --map file's defaults, naming the rows."""
    return [
        Notice(
            file,
            "defaulted",
            f"{column_title(kind, field)} / {field}",
            f"{len(rows)} 行没有此值，用了映射文件 {map_name} 的默认值 / "
            f"{len(rows)} row(s) had no value; the map file's default was used",
            tuple(rows),
        )
        for field, rows in used.items()
        if rows
    ]


def _described(record: Record) -> bool:
    return bool(str(getattr(record, "description", "") or "").strip())
