"""From one 问卷星 answer sheet's answers (by role) to the fields of a `SurveyResponse`.

Each reader returns the value, or records a problem through the `ProblemSink` it is given so
that every bad cell of a file is reported, not only the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from catalog._cells import parse_slots
from catalog._enums import Respondent
from catalog._wjx_answers import (
    Answer,
    read_days,
    read_domains,
    read_grade,
    read_respondent,
    read_text,
    scrub,
)
from catalog._wjx_layout import QuestionColumns
from catalog._wjx_questions import Role

Answers = dict[Role, tuple[QuestionColumns, Answer]]


class ProblemSink(Protocol):
    """Records one problem of the current row: column index, offending text, reason."""

    def __call__(self, column: int | None, value: str | None, reason: str) -> None: ...


class WarningSink(Protocol):
    """Records one warning of the current row (never blocks): column index, code, message."""

    def __call__(self, column: int | None, code: str, message: str) -> None: ...


def _ignore(column: int | None, code: str, message: str) -> None:
    """The warning sink used when the caller does not collect warnings."""


_SEPARATORS = re.compile(r"[\s,，、;；:：]+")
UNKNOWN_DAY = "不是星期几，已忽略 / not a weekday, ignored"
SCRUBBED = (
    "自由填写内容含姓名、电话、证件号或学号，已删除后保存 / "
    "names, phone, ID or student numbers removed from the free-text answer"
)


_TIME_FORMATS = (
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
)
_EXCEL_EPOCH = datetime(1899, 12, 30)
BAD_TIME = "提交答卷时间格式不对 / malformed submission time"


def submitted_at(value: str) -> datetime | str | None:
    """提交答卷时间 as 问卷星 writes it ("2025/9/8 19:42:13"), ISO, or an Excel serial number."""
    if not value:
        return None
    text = re.sub(r"\.\d+$", "", value.strip()) if ":" in value else value.strip()
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    if re.fullmatch(r"\d{5}(\.\d+)?", text) and 20000 < float(text) < 80000:
        return (_EXCEL_EPOCH + timedelta(days=float(text))).replace(microsecond=0)
    return BAD_TIME


_CJK = re.compile(r"[\u4e00-\u9fff]")
MISSING_SCHOOL = "缺少学校编号 / missing school id"
SCHOOL_NAME = (
    "这里只认学校编号，学校名称无法对应到学校：请填写学校编号或导入时指定学校 / "
    "only a school id can be used here, not a school name: "
    "write the id or give the school when importing"
)


def school_of(
    found: tuple[QuestionColumns, Answer] | None, given: str | None
) -> str | tuple[int | None, str | None, str]:
    """The row's school id, or (column, value, reason) when it cannot be known.

    A name (any Chinese text) cannot be turned into an id here; the id given for the import is
    used instead when there is one, and a different id is refused rather than silently moved.
    """
    column = found[0].columns[0][0] if found else None
    value = read_text(found[1]) if found else ""
    if not value:
        return given if given else (column, None, MISSING_SCHOOL)
    if _CJK.search(value):
        return given if given else (column, value, SCHOOL_NAME)
    if given and value != given:
        reason = (
            f"学校编号与本次导入指定的学校 {given} 不一致 / "
            f"school id differs from the school given for this import ({given})"
        )
        return column, value, reason
    return value


def _checked(
    answers: Answers,
    role: Role,
    read: Callable[[QuestionColumns, Answer], object],
    accept: Callable[[object], bool],
    problem: ProblemSink,
) -> object | None:
    """Run `read` on the role's answer; a result `accept` refuses is a reason -> problem."""
    if role not in answers:
        return None
    question, answer = answers[role]
    value = read(question, answer)
    if value is None or accept(value):
        return value
    problem(question.columns[0][0], "、".join(answer.chosen), str(value))
    return None


def survey_fields(
    answers: Answers, default: Respondent, problem: ProblemSink, warn: WarningSink = _ignore
) -> dict[str, object]:
    """respondent, grade, preferred_domains / days, pickup_time and interests of one row.

    Day words that are no weekday (周八) are dropped and warned about; names and numbers in
    free text are scrubbed (`catalog._privacy`), and the row is warned about too.
    """
    who = _checked(
        answers,
        Role.RESPONDENT,
        lambda q, a: read_respondent(a),
        lambda v: isinstance(v, Respondent),
        problem,
    )
    grade = _checked(
        answers,
        Role.GRADE,
        lambda q, a: read_grade(a, q.text),
        lambda v: isinstance(v, int),
        problem,
    )
    domains = _checked(
        answers,
        Role.DOMAINS,
        lambda q, a: read_domains(a),
        lambda v: isinstance(v, list),
        problem,
    )
    values: dict[str, object] = {"respondent": who or default, "grade": grade}
    values["preferred_domains"] = domains or []
    if Role.DAYS in answers:
        values["preferred_days"] = _days(answers[Role.DAYS], warn)
    if Role.PICKUP in answers:
        values["pickup_time"] = _scrubbed(answers[Role.PICKUP], warn)
    parts = [
        _scrubbed(answers[role], warn)
        for role in (Role.INTEREST_CHOICE, Role.INTEREST_TEXT)
        if role in answers
    ]
    values["interests"] = "；".join(p for p in parts if p)
    return values


def _days(found: tuple[QuestionColumns, Answer], warn: WarningSink) -> list[str]:
    """The weekday slots chosen; anything else (周八, 随便) is dropped with a warning."""
    days: list[str] = []
    for day in read_days(found[1]):
        try:
            slots = parse_slots(day)
        except ValueError:
            warn(found[0].columns[0][0], "unknown_day", f"「{day}」{UNKNOWN_DAY}")
            continue
        days.extend(slot for slot in slots if slot not in days)
    return days


def _scrubbed(found: tuple[QuestionColumns, Answer], warn: WarningSink) -> str:
    text = read_text(found[1])
    cleaned = scrub(text)
    if _SEPARATORS.sub("", cleaned) != _SEPARATORS.sub("", text):
        warn(found[0].columns[0][0], "scrubbed", SCRUBBED)
    return cleaned
