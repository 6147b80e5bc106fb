"""Turn a table of text into records, collecting every problem in the file, not just the first.

A planner fixing a spreadsheet wants the whole list at once: each problem names the file, the
row as Excel numbers it, the column as the planner wrote it, the value and a bilingual reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from catalog._cells import normalise_text, unescape_formula
from catalog._column_map import ColumnMap
from catalog._columns import (
    RESPONDENT_ID,
    RESPONDENT_KEY,
    HeaderMatch,
    column_title,
    match_header,
)
from catalog._import_notices import (
    bad_target_problems,
    column_uses,
    defaulted_notices,
    description_notice,
    header_notices,
)
from catalog._kinds import RECORD_TYPES, SCHOOL_ROWS, Kind
from catalog._parsers import Parser, explain, field_parser
from catalog._privacy import ID_LESS_PREFIX, respondent_key, scrub_free_text
from catalog._problems import LoadResult, Notice, Problem
from catalog._readers import Table
from catalog._records import Record, School
from catalog._settings import Settings
from catalog._survey_keys import HEX_KEY, KEYS_REFUSED, tally_digest

#: Which column a record-level (model validator) error belongs to.
_MODEL_ERROR_FIELD: dict[type[Record], str] = {School: "exempt_students"}


@dataclass(frozen=True)
class _Context:
    table_file: str
    header: list[str]
    kind: Kind
    match: HeaderMatch
    parsers: dict[int, Parser]
    settings: Settings
    semester: str
    school_id: str | None
    column_map: ColumnMap
    #: field → rows filled from the map's defaults; "scrubbed" → rows whose free text was cleaned
    used: dict[str, list[int]]
    #: a digest of the whole table when it has no respondent id column (an anonymous tally
    #: sheet): each row's key is then an HMAC of this digest and the row number
    tally: str | None = None

    def column(self, field: str) -> str:
        """The header text the user wrote for `field`, else its Chinese / English name."""
        for index, name in self.match.fields.items():
            if name == field:
                return self.header[index]
        return f"{column_title(self.kind, field)} / {field}"

    def has_column(self, field: str) -> bool:
        return field in self.match.fields.values()

    def cell(self, row: list[str], field: str) -> str | None:
        for index, name in self.match.fields.items():
            if name == field:
                return row[index] if index < len(row) else ""
        return None


def validate_table(
    table: Table,
    kind: Kind,
    settings: Settings,
    *,
    semester: str = "",
    school_id: str | None = None,
    column_map: ColumnMap | None = None,
    accept_keys: bool = True,
) -> LoadResult:
    """Records from every good row and a problem for every bad cell, row or header.

    Notices (never blocking) name unknown columns, rows without a description, defaults used
    from `column_map` and survey answers whose names or numbers were scrubbed.
    `accept_keys=False` (uploads) refuses a ready-made respondent_key column: only the CLI may
    re-import exported keys; an upload sends raw ids (hashed here) or none. A survey file with
    no id column at all is an anonymous tally sheet (`tally_digest`).
    """
    cmap = column_map or ColumnMap()
    match = match_header(kind, table.header, cmap)
    parsers = {i: field_parser(kind, f) for i, f in match.fields.items()}
    tally = tally_digest(table) if kind is Kind.SURVEY and RESPONDENT_ID in match.missing else None
    ctx = _Context(
        table.file,
        table.header,
        kind,
        match,
        parsers,
        settings,
        semester,
        school_id,
        cmap,
        {},
        tally,
    )
    result = LoadResult(file=table.file, kind=kind, id_less=tally is not None)
    result.problems.extend(_header_problems(ctx, table.first_row == 2))
    if not accept_keys and ctx.has_column(RESPONDENT_KEY):
        header_row = 1 if table.first_row == 2 else None
        column = ctx.column(RESPONDENT_KEY)
        result.problems.append(Problem(ctx.table_file, header_row, column, None, KEYS_REFUSED))
        return result
    result.problems.extend(bad_target_problems(table.file, kind, table.header, match, cmap.source))
    seen: dict[str, int] = {}
    for offset, row in enumerate(table.rows):
        if not any(cell.strip() for cell in row):
            continue
        row_number = table.first_row + offset
        record, key, problems = _build_row(ctx, row_number, row)
        result.problems.extend(problems)
        duplicate = _duplicate(ctx, key, row_number, seen)
        if duplicate is not None:
            result.problems.append(duplicate)
        elif record is not None:
            result.records.append(record)
            result.rows.append(row_number)
    _add_notices(ctx, result)
    return result


def _add_notices(ctx: _Context, result: LoadResult) -> None:
    """What was not read (unknown columns), not checkable (no description), filled or scrubbed."""
    file, kind = ctx.table_file, ctx.kind
    result.columns.extend(column_uses(file, ctx.header, ctx.match))
    result.notices.extend(header_notices(file, ctx.header, ctx.match))
    result.notices.extend(description_notice(file, kind, result.records, result.rows))
    scrubbed = ctx.used.pop(_SCRUBBED, [])
    result.notices.extend(defaulted_notices(file, kind, ctx.used, ctx.column_map.source))
    if scrubbed:
        message = (
            f"{len(scrubbed)} 行的自由填写内容含姓名、电话、证件号或学号，已删除后保存 / "
            "names, phone, ID or student numbers removed from free-text answers"
        )
        result.notices.append(Notice(file, "scrubbed", None, message, tuple(scrubbed)))


def _header_problems(ctx: _Context, has_header_row: bool) -> list[Problem]:
    row = 1 if has_header_row else None
    problems = [
        Problem(
            ctx.table_file,
            row,
            f"{column_title(ctx.kind, field)} / {field}",
            None,
            "缺少必填列 / missing required column",
        )
        for field in ctx.match.missing
        if not (field == "school_id" and ctx.school_id) and field != RESPONDENT_ID
    ]
    for index, field in ctx.match.duplicates:
        title = column_title(ctx.kind, field)
        reason = f"与另一列重复（都对应「{title}」）/ duplicate column for {field}"
        problems.append(Problem(ctx.table_file, row, ctx.header[index], None, reason))
    return problems


def _build_row(
    ctx: _Context, row_number: int, row: list[str]
) -> tuple[Record | None, str | None, list[Problem]]:
    """The row's record (None if any cell is bad), its identity key, and its problems."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    failed: set[str] = set()
    if len(row) > len(ctx.header) and any(cell.strip() for cell in row[len(ctx.header) :]):
        reason = "该行单元格比表头多（可能有未加引号的逗号）/ more cells than header columns"
        problems.append(Problem(ctx.table_file, row_number, None, None, reason))
    for index, field in ctx.match.fields.items():
        raw = row[index] if index < len(row) else ""
        text = unescape_formula(normalise_text(raw))
        if not text:
            continue
        try:
            values[field] = ctx.parsers[index](text)
        except ValueError as exc:
            failed.add(field)
            problems.append(Problem(ctx.table_file, row_number, ctx.header[index], raw, str(exc)))
    _defaults(ctx, row_number, values, failed, problems)
    if ctx.school_id and "school_id" not in values and ctx.kind in SCHOOL_ROWS:
        values["school_id"] = ctx.school_id  # a school's own file may omit its id
    if ctx.kind is Kind.SURVEY:
        problems.extend(_survey_values(ctx, row_number, values, failed))
    key = values.get(RESPONDENT_KEY if ctx.kind is Kind.SURVEY else "id")
    try:
        record = RECORD_TYPES[ctx.kind](**values)
        return record, key or getattr(record, "id", None), problems  # a room's id is derived
    except ValidationError as exc:
        skip = failed | set(ctx.match.missing)
        problems.extend(_translate(ctx, row_number, row, exc, skip))
        return None, key, problems


_SCRUBBED = "\x00scrubbed"
_FREE_TEXT = ("interests", "pickup_time")


def _defaults(
    ctx: _Context, row_number: int, values: dict[str, Any], failed: set[str], out: list[Problem]
) -> None:
    """Fill empty fields from the --map defaults; prefix the id with the map's id_prefix."""
    known = set(RECORD_TYPES[ctx.kind].model_fields)
    for field, text in ctx.column_map.defaults.items():
        if field not in known or field in values or field in failed or not text:
            continue
        try:
            values[field] = field_parser(ctx.kind, field)(text)
        except ValueError as exc:
            failed.add(field)
            reason = f"映射文件的默认值无效 / invalid default in the map file: {exc}"
            out.append(Problem(ctx.column_map.source, None, field, text, reason))
            continue
        ctx.used.setdefault(field, []).append(row_number)
    prefix = ctx.column_map.id_prefix
    if prefix and isinstance(values.get("id"), str) and not values["id"].startswith(prefix):
        values["id"] = prefix + values["id"]


def _scrub(ctx: _Context, row_number: int, values: dict[str, Any]) -> None:
    """Names, phone / ID / 学号 numbers never reach a stored survey answer."""
    for field in _FREE_TEXT:
        text = values.get(field)
        if isinstance(text, str) and text:
            cleaned = scrub_free_text(text)
            if cleaned != text:
                values[field] = cleaned
                rows = ctx.used.setdefault(_SCRUBBED, [])
                if row_number not in rows:
                    rows.append(row_number)


def _survey_values(
    ctx: _Context, row_number: int, values: dict[str, Any], failed: set[str]
) -> list[Problem]:
    """Replace the raw respondent id by its HMAC; fill school and semester from the arguments."""
    _scrub(ctx, row_number, values)
    raw_id = values.pop(RESPONDENT_ID, None)
    given_key = values.pop(RESPONDENT_KEY, None)
    if "semester" not in values and ctx.semester:
        values["semester"] = ctx.semester
    scope = f"{values.get('school_id', '')}|{values.get('semester', '')}"
    if ctx.tally is not None:
        tally = respondent_key(f"{ctx.tally}#{row_number}", ctx.settings.hmac_secret, scope=scope)
        values[RESPONDENT_KEY] = ID_LESS_PREFIX + tally
    elif raw_id:
        values[RESPONDENT_KEY] = respondent_key(raw_id, ctx.settings.hmac_secret, scope=scope)
    elif given_key:
        if not HEX_KEY.fullmatch(given_key):
            reason = (
                "答卷标识应是导出的 64 位哈希；原始编号请放在「答卷编号」列 / "
                "respondent_key must be an exported 64-hex hash; put raw ids in respondent_id"
            )
            failed.add(RESPONDENT_KEY)
            return [Problem(ctx.table_file, row_number, ctx.column(RESPONDENT_KEY), None, reason)]
        values[RESPONDENT_KEY] = given_key
    return []


def _translate(
    ctx: _Context, row_number: int, row: list[str], exc: ValidationError, skip: set[str]
) -> list[Problem]:
    """Pydantic errors → problems on the column the user wrote, with a bilingual reason."""
    problems: list[Problem] = []
    record_type = RECORD_TYPES[ctx.kind]
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else _MODEL_ERROR_FIELD.get(record_type)
        if field == RESPONDENT_KEY:
            field = RESPONDENT_KEY if ctx.has_column(RESPONDENT_KEY) else RESPONDENT_ID
        if field in skip:
            continue
        column = ctx.column(field) if field else None
        value = ctx.cell(row, field) if field and field != RESPONDENT_ID else None
        problem = Problem(ctx.table_file, row_number, column, value, explain(error))
        if problem not in problems:
            problems.append(problem)
    return problems


def _duplicate(
    ctx: _Context, key: str | None, row_number: int, seen: dict[str, int]
) -> Problem | None:
    """The later of two rows with the same id (for surveys: the same respondent) is a problem."""
    if not key:
        return None
    first = seen.setdefault(key, row_number)
    if first == row_number:
        return None
    is_survey = ctx.kind is Kind.SURVEY
    field = "id"
    if is_survey:
        field = RESPONDENT_ID if ctx.has_column(RESPONDENT_ID) else RESPONDENT_KEY
    if ctx.kind is Kind.ROOM and not ctx.has_column("id"):
        field = "room_type"  # the id is school-room type: the type is what repeats
    value = None if is_survey else key
    reason = f"编号重复，与第{first}行相同 / duplicate id, same as row {first}"
    return Problem(ctx.table_file, row_number, ctx.column(field), value, reason)
