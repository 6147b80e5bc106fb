"""Turn a table of text into records, collecting every problem in the file, not just the first.

A planner fixing a spreadsheet wants the whole list at once: each problem names the file, the
row as Excel numbers it, the column as the planner wrote it, the value and a bilingual reason.
"""

from __future__ import annotations

import hashlib
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import partial
from typing import Any, Union, get_args, get_origin

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from catalog._cells import (
    normalise_text,
    parse_bool,
    parse_datetime,
    parse_enum,
    parse_enum_list,
    parse_float,
    parse_grade,
    parse_grades,
    parse_int,
    parse_slots,
    split_multi,
    unescape_formula,
)
from catalog._columns import (
    RESPONDENT_ID,
    RESPONDENT_KEY,
    SLOT_FIELDS,
    HeaderMatch,
    column_title,
    match_header,
)
from catalog._kinds import RECORD_TYPES, Kind
from catalog._privacy import ID_LESS_PREFIX, respondent_key
from catalog._problems import LoadResult, Problem
from catalog._readers import Table
from catalog._records import GradeRange, Record, School
from catalog._settings import Settings

Parser = Callable[[str], Any]
KEYS_REFUSED = (
    "上传的问卷不能带现成的答卷标识（respondent_key）列；请删去该列，原始编号放在「答卷编号」列"
    "或不带编号 / an upload may not carry a ready-made respondent_key column: remove it and put "
    "raw ids in respondent_id, or send no id at all"
)
_HEX_KEY = re.compile(r"(?:anon-)?[0-9a-f]{64}")
#: Which column a record-level (model validator) error belongs to.
_MODEL_ERROR_FIELD: dict[type[Record], str] = {School: "exempt_students"}


def field_parser(kind: Kind, field: str) -> Parser:
    """The cell parser for one field, chosen from its annotation in `_records.py`."""
    if field in (RESPONDENT_ID, RESPONDENT_KEY):
        return normalise_text
    if kind is Kind.SURVEY and field == "grade":
        return parse_grade
    annotation = RECORD_TYPES[kind].model_fields[field].annotation
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if field in SLOT_FIELDS:
            return parse_slots
        if isinstance(item, type) and issubclass(item, StrEnum):
            return partial(parse_enum_list, item)
        return split_multi
    simple: dict[Any, Parser] = {
        bool: parse_bool,
        int: parse_int,
        float: parse_float,
        GradeRange: parse_grades,
        datetime: parse_datetime,
    }
    if annotation in simple:
        return simple[annotation]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return partial(parse_enum, annotation)
    if field == "id" or field.endswith("_id"):
        return partial(normalise_text, fold_width=True)
    return normalise_text


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
    accept_keys: bool = True,
) -> LoadResult:
    """Records from every good row and a problem for every bad cell, row or header.

    `accept_keys=False` (uploads) refuses a ready-made respondent_key column: only the CLI may
    re-import exported keys; an upload sends raw ids (hashed here) or none.
    """
    match = match_header(kind, table.header)
    ctx = _Context(
        table.file,
        table.header,
        kind,
        match,
        {i: field_parser(kind, f) for i, f in match.fields.items()},
        settings,
        semester,
        school_id,
        tally_digest(table) if kind is Kind.SURVEY and RESPONDENT_ID in match.missing else None,
    )
    result = LoadResult(file=table.file, kind=kind, id_less=ctx.tally is not None)
    result.problems.extend(_header_problems(ctx, table.first_row == 2))
    if not accept_keys and ctx.has_column(RESPONDENT_KEY):
        header_row = 1 if table.first_row == 2 else None
        column = ctx.column(RESPONDENT_KEY)
        result.problems.append(Problem(ctx.table_file, header_row, column, None, KEYS_REFUSED))
        return result
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
    return result


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
    if ctx.kind is Kind.SURVEY:
        problems.extend(_survey_values(ctx, row_number, values, failed))
    key = values.get(RESPONDENT_KEY if ctx.kind is Kind.SURVEY else "id")
    try:
        return RECORD_TYPES[ctx.kind](**values), key, problems
    except ValidationError as exc:
        skip = failed | set(ctx.match.missing)
        problems.extend(_translate(ctx, row_number, row, exc, skip))
        return None, key, problems


def _survey_values(
    ctx: _Context, row_number: int, values: dict[str, Any], failed: set[str]
) -> list[Problem]:
    """Replace the raw respondent id by its HMAC; fill school and semester from the arguments."""
    raw_id = values.pop(RESPONDENT_ID, None)
    given_key = values.pop(RESPONDENT_KEY, None)
    if "school_id" not in values and ctx.school_id:
        values["school_id"] = ctx.school_id
    if "semester" not in values and ctx.semester:
        values["semester"] = ctx.semester
    scope = f"{values.get('school_id', '')}|{values.get('semester', '')}"
    if ctx.tally is not None:
        tally = respondent_key(f"{ctx.tally}#{row_number}", ctx.settings.hmac_secret, scope=scope)
        values[RESPONDENT_KEY] = ID_LESS_PREFIX + tally
    elif raw_id:
        values[RESPONDENT_KEY] = respondent_key(raw_id, ctx.settings.hmac_secret, scope=scope)
    elif given_key:
        if not _HEX_KEY.fullmatch(given_key):
            reason = (
                "答卷标识应是导出的 64 位哈希；原始编号请放在「答卷编号」列 / "
                "respondent_key must be an exported 64-hex hash; put raw ids in respondent_id"
            )
            failed.add(RESPONDENT_KEY)
            return [Problem(ctx.table_file, row_number, ctx.column(RESPONDENT_KEY), None, reason)]
        values[RESPONDENT_KEY] = given_key
    return []


def tally_digest(table: Table) -> str:
    """SHA-256 of a table's text: what an id-less row's key is derived from (with its row)."""
    digest = hashlib.sha256()
    for row in [table.header, *table.rows]:
        digest.update("\x1f".join(row).encode("utf-8") + b"\x1e")
    return digest.hexdigest()


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


def explain(error: ErrorDetails) -> str:
    """A Chinese / English reason for one pydantic error."""
    ctx = error.get("ctx", {})
    kind = error["type"]
    reasons = {
        "missing": "必填，不能为空 / required, must not be empty",
        "string_too_short": "不能为空 / must not be empty",
        "too_short": "至少需要一项 / needs at least one item",
        "greater_than_equal": f"不能小于 {ctx.get('ge')} / must be ≥ {ctx.get('ge')}",
        "greater_than": f"必须大于 {ctx.get('gt')} / must be > {ctx.get('gt')}",
        "less_than_equal": f"不能大于 {ctx.get('le')} / must be ≤ {ctx.get('le')}",
        "less_than": f"必须小于 {ctx.get('lt')} / must be < {ctx.get('lt')}",
    }
    if kind in reasons:
        return reasons[kind]
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return f"取值无效 / invalid value ({error['msg']})"


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
    value = None if is_survey else key
    reason = f"编号重复，与第{first}行相同 / duplicate id, same as row {first}"
    return Problem(ctx.table_file, row_number, ctx.column(field), value, reason)
