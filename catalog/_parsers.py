"""Cell parsers per record field, and bilingual reasons for pydantic errors.

The parser of a field is chosen from its annotation in `_records.py`, so a new field needs no
new code here unless it has a new type.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from functools import partial
from typing import Any, Union, get_args, get_origin

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
)
from catalog._columns import RESPONDENT_ID, RESPONDENT_KEY, SLOT_FIELDS
from catalog._kinds import RECORD_TYPES, Kind
from catalog._records import GradeRange

Parser = Callable[[str], Any]


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
