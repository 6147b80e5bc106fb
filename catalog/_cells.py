"""Pure parsers for one spreadsheet cell, following the cell contract in docs/design.md.

Planners type cells by hand in Excel, so each parser accepts the spellings people actually
use (全角 digits, 「一至六年级」, 「星期二下午」, 「3元」) and turns them into one canonical value.
Every parser raises ValueError with a Chinese / English reason; the caller adds file, row, column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TypeVar

from catalog._enums import ENUM_SYNONYMS
from catalog._records import GradeRange

E = TypeVar("E", bound=StrEnum)

#: Separators of multi-value cells; ┋ is what 问卷星 puts between chosen options.
MULTI_SEPARATORS = "、,，;；┋"
JOINER = "、"
_SPLIT_RE = re.compile(f"[{MULTI_SEPARATORS}]")

_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def normalise_text(raw: str, *, fold_width: bool = False) -> str:
    """Trim a cell and drop invisible characters; `fold_width` also applies NFKC.

    NFKC turns 全角 letters, digits and punctuation into half-width ones, which is safe for codes,
    numbers and vocabulary but would rewrite a description's Chinese punctuation, so free text
    keeps its own characters and only loses surrounding whitespace.
    """
    text = _INVISIBLE.sub("", raw)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fold_width:
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        text = _SPACES.sub(" ", text)
    return text.strip()


def split_multi(raw: str) -> list[str]:
    """Split a multi-value cell on 、 , ， ; ； ┋; items are trimmed and empty ones dropped."""
    return [item for part in _SPLIT_RE.split(raw) if (item := normalise_text(part))]


def join_multi(items: list[str]) -> str:
    """The export form of a multi-value cell: items joined with 、."""
    return JOINER.join(items)


# -- formula injection ---------------------------------------------------------------------

_FORMULA_RE = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED_RE = re.compile(r"^'+[=+\-@\t\r]")


def escape_formula(text: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula (= + - @ tab CR).

    Cells that already look escaped get one more apostrophe, so `unescape_formula` is an exact
    inverse and export → re-import never changes text.
    """
    return "'" + text if _FORMULA_RE.match(text) else text


def unescape_formula(text: str) -> str:
    """Remove the apostrophe that `escape_formula` (or a careful user) put before = + - @."""
    return text[1:] if _ESCAPED_RE.match(text) else text


# -- booleans and numbers ------------------------------------------------------------------

_TRUE = {"是", "已审核", "审核通过", "已准入", "准入", "通过", "已通过", "有"}
_TRUE |= {"true", "t", "yes", "y", "1", "✓", "✔", "√", "对"}
_FALSE = {"否", "未审核", "审核未通过", "未准入", "不准入", "未通过", "不通过", "无"}
_FALSE |= {"false", "f", "no", "n", "0", "✗", "✘", "×", "x", "错"}


def parse_bool(raw: str) -> bool:
    """是/否, 已审核/未审核, 已准入/未准入, true/false, yes/no, y/n, 1/0, ✓/✗."""
    text = normalise_text(raw, fold_width=True).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("不是“是/否” / not a yes/no value (是/否, true/false, 1/0)")


_UNITS = ("公里", "分钟", "km", "元", "人", "次", "个", "分", "名", "场", "所")
_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")


def parse_float(raw: str) -> float:
    """A number such as 3, 3.5, 1,200 or 3元; anything else is 不是数字 / not a number."""
    text = normalise_text(raw, fold_width=True).lower().replace(" ", "")
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    if text.startswith("¥"):
        text = text[1:]
    if not text or not any(c.isdigit() for c in text) or not _NUMBER_RE.match(text):
        raise ValueError("不是数字 / not a number")
    return float(text.replace(",", ""))


def parse_int(raw: str) -> int:
    """A whole number (3, 3.0, 1,200人); 3.5 is 不是整数 / not a whole number."""
    value = parse_float(raw)
    if not value.is_integer():
        raise ValueError("不是整数 / not a whole number")
    return int(value)


def format_number(value: float) -> str:
    """A number as plain digits that `parse_float` reads back exactly: 3 for 3.0, 0.00001 for
    1e-05 (exponents are not accepted on import, since 「1e3」 in a fee cell is a typo)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text or "E" in text else text


# -- enums ---------------------------------------------------------------------------------


def _enum_key(text: str) -> str:
    return normalise_text(text, fold_width=True).lower().replace(" ", "_").replace("-", "_")


_SYNONYMS = {_enum_key(k): v for k, v in ENUM_SYNONYMS.items()}


@cache
def _enum_keys(enum_type: type[StrEnum]) -> dict[str, StrEnum]:
    return {_enum_key(m.value): m for m in enum_type} | {m.name.lower(): m for m in enum_type}


def parse_enum(enum_type: type[E], raw: str) -> E:
    """The canonical Chinese value, its English member name, or an ENUM_SYNONYMS entry."""
    key = _enum_key(raw)
    found = _enum_keys(enum_type).get(key)
    if found is not None:
        return enum_type(found)
    canonical = _SYNONYMS.get(key)
    if canonical is not None and canonical in {m.value for m in enum_type}:
        return enum_type(canonical)
    allowed = "、".join(m.value for m in enum_type)
    raise ValueError(f"不是允许的取值 / not an allowed value; 可选 / allowed: {allowed}")


def parse_enum_list(enum_type: type[E], raw: str) -> list[E]:
    """A multi-value enum cell; a run of one-character values like 「德体美」 is split too."""
    out: list[E] = []
    for item in split_multi(raw):
        try:
            values = [parse_enum(enum_type, item)]
        except ValueError:
            if len(item) < 2:
                raise
            try:
                values = [parse_enum(enum_type, ch) for ch in item]
            except ValueError:
                raise ValueError(_bad_item(enum_type, item)) from None
        out.extend(v for v in values if v not in out)
    return out


def _bad_item(enum_type: type[StrEnum], item: str) -> str:
    allowed = "、".join(m.value for m in enum_type)
    return f"「{item}」不是允许的取值 / not an allowed value; 可选 / allowed: {allowed}"


# -- grades --------------------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DIGITS |= {"十": 10, "十一": 11, "十二": 12}
_STAGES = {"小学": (1, 6), "初中": (7, 9), "高中": (10, 12)}
_RANGE_RE = re.compile(r"^(.+?)\s*(?:-|~|至|到|—|–)\s*(.+)$")
_GRADE_ERROR = "不是年级或年级范围 / not a grade or grade range (e.g. 1-6, 一至六年级, 初一-初三)"


def _parse_grade(token: str) -> int:
    text = token.strip().removesuffix("年级").removesuffix("年").strip()
    if text.startswith("初") and text[1:] in ("一", "二", "三"):
        return 6 + _CN_DIGITS[text[1:]]
    if text.startswith("高") and text[1:] in ("一", "二", "三"):
        return 9 + _CN_DIGITS[text[1:]]
    grade = int(text) if text.isdigit() else _CN_DIGITS.get(text)
    if grade is None or not 1 <= grade <= 12:
        raise ValueError(_GRADE_ERROR)
    return grade


def parse_grades(raw: str) -> GradeRange:
    """「1-6」「1～6」「1至6」「3」「一至六年级」「初一-初三」「高一」「一年级、二年级、三年级」."""
    text = normalise_text(raw, fold_width=True).replace(" ", "")
    if text in _STAGES:
        lo, hi = _STAGES[text]
        return GradeRange(lo=lo, hi=hi)
    items = split_multi(text)
    if len(items) > 1:
        grades = sorted({_parse_grade(item) for item in items})
        if grades != list(range(grades[0], grades[-1] + 1)):
            raise ValueError("年级不连续 / grades are not contiguous")
        return GradeRange(lo=grades[0], hi=grades[-1])
    match = _RANGE_RE.match(text)
    if match:
        lo, hi = _parse_grade(match.group(1)), _parse_grade(match.group(2))
    else:
        lo = hi = _parse_grade(text)
    if lo > hi:
        raise ValueError(f"年级范围起点大于终点 / grade range start {lo} > end {hi}")
    return GradeRange(lo=lo, hi=hi)


def parse_grade(raw: str) -> int:
    """One grade: 「4」「四年级」「初二」「高一」 (a range is not a single grade)."""
    grades = parse_grades(raw)
    if grades.lo != grades.hi:
        raise ValueError("应为单个年级 / expected a single grade, not a range")
    return grades.lo


# -- time slots ----------------------------------------------------------------------------

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
PARTS = ("上午", "下午", "晚上", "全天")
_DAY_ALIASES = {"天": "日", "七": "日", "1": "一", "2": "二", "3": "三", "4": "四", "5": "五"}
_DAY_ALIASES |= {"6": "六", "7": "日"}
_DAY = r"(?:周|星期|礼拜)([一二三四五六日天七1-7])"
_SLOT_RE = re.compile(f"^{_DAY}(?:(?:至|到|-|~){_DAY})?({'|'.join(PARTS)})?$")
_SLOT_ERROR = "不是有效时段 / not a time slot (e.g. 周二下午, 周一)"


def parse_slots(raw: str) -> list[str]:
    """Slots like 周二下午、周四下午 or 周一至周五下午, normalised to 「周X[上午|下午|晚上]」."""
    out: list[str] = []
    for item in split_multi(raw):
        for slot in _expand_slot(item):
            if slot not in out:
                out.append(slot)
    return out


def parse_slot(raw: str) -> str:
    """One slot, e.g. 「星期二下午」 → 「周二下午」; a range like 周一至周五 needs `parse_slots`."""
    slots = _expand_slot(raw)
    if len(slots) != 1:
        raise ValueError(_SLOT_ERROR)
    return slots[0]


def _expand_slot(item: str) -> list[str]:
    match = _SLOT_RE.match(normalise_text(item, fold_width=True).replace(" ", ""))
    if not match:
        raise ValueError(f"「{item}」{_SLOT_ERROR}")
    first, last, part = match.group(1), match.group(2) or match.group(1), match.group(3) or ""
    lo = WEEKDAYS.index(_DAY_ALIASES.get(first, first))
    hi = WEEKDAYS.index(_DAY_ALIASES.get(last, last))
    if lo > hi:
        raise ValueError(f"「{item}」{_SLOT_ERROR}")
    return [f"周{WEEKDAYS[i]}{part}" for i in range(lo, hi + 1)]


# -- dates ---------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y年%m月%d日 %H:%M:%S")


def parse_datetime(raw: str) -> datetime:
    """ISO 8601 or the 「2024/9/1 12:00:00」 form that 问卷星 and Excel write."""
    text = normalise_text(raw, fold_width=True)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError("不是日期时间 / not a date-time (e.g. 2024-09-01 12:00:00)")
