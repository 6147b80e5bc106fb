"""问卷星 (wjx.cn) survey exports -> pseudonymous `SurveyResponse` records.

Both export styles are read (按选项文本 and 按选项序号, see `_wjx_answers`); questions are found by
keywords in their text (`_wjx_questions.ROLE_RULES`). What is never stored: the 序号 itself (only
its HMAC), 来自IP, 来源, 来源详情, 所用时间, and any 姓名 / 手机 / 学号 / 身份证 question; phone and
ID numbers typed into free text are removed too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pydantic import ValidationError

from catalog._kinds import Kind
from catalog._privacy import respondent_key
from catalog._problems import LoadResult, Problem
from catalog._records import SurveyResponse
from catalog._settings import Settings
from catalog._wjx_answers import (
    MULTI_SEPARATOR,
    Answer,
    CellIssue,
    decode_code,
    decode_split,
    decode_text,
    is_no_answer,
    merge,
)
from catalog._wjx_fields import (
    Answers,
    ProblemSink,
    school_of,
    submitted_at,
    survey_fields,
)
from catalog._wjx_layout import ID_COLUMN, TIME_COLUMN, Layout, QuestionColumns, build_layout
from catalog._wjx_questions import (
    Questionnaire,
    Role,
    find_questionnaire,
    normalise,
    parse_header,
)
from catalog._wjx_report import column_uses, layout_notices, row_notices

__all__ = ["TableLike", "find_questionnaire", "is_wjx_header", "parse_wjx", "sheet_id"]


class TableLike(Protocol):
    """What `parse_wjx` needs of `catalog._readers.Table` (all cells are str, "" when empty)."""

    @property
    def file(self) -> str: ...
    @property
    def header(self) -> list[str]: ...
    @property
    def rows(self) -> list[list[str]]: ...
    @property
    def first_row(self) -> int: ...


def is_wjx_header(header: list[str]) -> bool:
    """A 问卷星 export: 序号 and 提交答卷时间 columns and at least one numbered question column."""
    names = {normalise(h) for h in header}
    return (
        ID_COLUMN in names
        and TIME_COLUMN in names
        and any(parse_header(h) is not None for h in header)
    )


@dataclass(frozen=True)
class _Context:
    file: str
    header: Sequence[str]
    settings: Settings
    school_id: str | None
    semester: str
    #: (column, code, message) → rows: per-row warnings, grouped into notices at the end
    warnings: dict[tuple[int | None, str, str], list[int]]


def parse_wjx(
    table: TableLike,
    settings: Settings,
    *,
    school_id: str | None,
    semester: str,
    questionnaire: Questionnaire | None = None,
    marks: Mapping[int, str] | None = None,
) -> LoadResult:
    """Read every answer sheet of a 问卷星 export; every problem is collected, none raised.

    `school_id` is used when the export has no 学校 question (or a row leaves it empty or gives a
    name); `questionnaire` (see `find_questionnaire`) turns the 单选题 codes of the 按选项序号
    style into text where their order is not natural (grades and 德智体美劳 are); `marks`
    (question number → wishes / current / ignore) override what a question's text says.
    The result's `columns` say which question became which field; its `notices` warn.
    """
    result = LoadResult(file=table.file, kind=Kind.SURVEY)
    layout = build_layout(table.header, table.rows, questionnaire, marks)
    ctx = _Context(table.file, table.header, settings, school_id, semester, {})
    result.problems.extend(_file_problems(layout, ctx))
    result.columns.extend(column_uses(table.file, table.header, layout))
    result.notices.extend(
        layout_notices(table.file, table.header, layout, table.rows, table.first_row)
    )
    seen: dict[str, int] = {}
    for offset, row in enumerate(table.rows):
        row_no = table.first_row + offset
        if all(not cell.strip() for cell in row):
            continue
        raw_id = _cell(row, layout.id_column)
        if raw_id and raw_id in seen:
            result.problems.append(_duplicate(raw_id, row_no, seen[raw_id], ctx))
            continue
        seen[raw_id] = row_no
        record, problems = _parse_row(layout, list(row), row_no, ctx)
        result.problems.extend(problems)
        if record is not None:
            result.records.append(record)
            result.rows.append(row_no)
    result.notices.extend(row_notices(table.file, table.header, ctx.warnings))
    return result


def _file_problems(layout: Layout, ctx: _Context) -> list[Problem]:
    problems: list[Problem] = []
    if layout.id_column is None:
        reason = "缺少「序号」列 / missing column 序号 (answer id)"
        problems.append(Problem(ctx.file, 1, ID_COLUMN, None, reason))
    if not layout.of(Role.SCHOOL) and ctx.school_id is None:
        reason = (
            "缺少学校：导出里没有学校题，导入时也没有指定学校 / "
            "missing school: the export has no school question and no school was given"
        )
        problems.append(Problem(ctx.file, None, None, None, reason))
    return problems


def _duplicate(raw: str, row_no: int, first: int, ctx: _Context) -> Problem:
    return Problem(
        ctx.file,
        row_no,
        ID_COLUMN,
        raw,
        f"序号重复（与第{first}行相同）/ duplicate 序号 (same as row {first})",
    )


def _parse_row(
    layout: Layout, row: list[str], row_no: int, ctx: _Context
) -> tuple[SurveyResponse | None, list[Problem]]:
    """One answer sheet -> a record, or the problems that stop it."""
    problems: list[Problem] = []

    def problem(column: int | None, value: str | None, reason: str) -> None:
        name = ctx.header[column] if column is not None else None
        problems.append(Problem(ctx.file, row_no, name, value, reason))

    def warn(column: int | None, code: str, message: str) -> None:
        rows = ctx.warnings.setdefault((column, code, message), [])
        if row_no not in rows:
            rows.append(row_no)

    answers = _answers(layout, row, problem)
    raw_id = _cell(row, layout.id_column)
    if layout.id_column is not None and not raw_id:
        problem(layout.id_column, None, "缺少序号 / missing 序号 (answer id)")
    submitted = submitted_at(_cell(row, layout.time_column))
    if isinstance(submitted, str):
        problem(layout.time_column, _cell(row, layout.time_column), submitted)
    school = school_of(answers.get(Role.SCHOOL), ctx.school_id)
    if isinstance(school, tuple) and layout.of(Role.SCHOOL):  # else reported once per file
        problem(*school)
    values = survey_fields(answers, layout.default_respondent, problem, warn)
    if problems or not raw_id or not isinstance(school, str) or isinstance(submitted, str):
        return None, problems
    scope = f"{school}|{ctx.semester}"
    try:
        record = SurveyResponse(
            respondent_key=respondent_key(
                sheet_id(raw_id, submitted), ctx.settings.hmac_secret, scope=scope
            ),
            school_id=school,
            semester=ctx.semester,
            submitted_at=submitted,
            **values,
        )
    except ValidationError as error:
        for item in error.errors():
            problem(None, None, f"答卷无效 / invalid answer sheet: {item['msg']}")
        return None, problems
    return record, problems


def sheet_id(raw_id: str, submitted: datetime | None) -> str:
    """What is HMAC'd: 序号 plus 提交答卷时间 (ISO), when the export has it.

    问卷星 numbers every export from 1, so two exports for one school and semester (a parents'
    and a pupils' questionnaire, or a 问卷星 export next to a plain survey file) would share keys
    and overwrite each other; with the submission time they do not, and re-importing the same
    export (either style, CSV or XLSX) still gives the same keys.
    """
    return f"{raw_id}@{submitted.isoformat()}" if submitted is not None else raw_id


def _answers(layout: Layout, row: list[str], problem: ProblemSink) -> Answers:
    """Each role's answer in this row (several questions of one role are merged)."""
    answers: Answers = {}
    for question in layout.questions:
        if question.role in (Role.PRIVATE, Role.OTHER, Role.CURRENT):
            continue  # never read: 姓名, 手机, 学号 …, current classes, questions of no use
        answer, issues = _decode(question, row, layout.code_style)
        for issue in issues:
            problem(issue.column, issue.value, issue.reason)
        if question.role in answers:
            answer = merge([answers[question.role][1], answer])
        answers[question.role] = (question, answer)
    return answers


def _decode(
    question: QuestionColumns, row: list[str], code_style: bool
) -> tuple[Answer, list[CellIssue]]:
    """All columns of one question in one row -> its answer, and any cells that made no sense."""
    results: list[Answer | CellIssue] = []
    for position, (index, option) in enumerate(question.columns):
        cell = _cell(row, index)
        if is_no_answer(cell):
            continue
        if question.split:
            results.append(decode_split(cell, index, option or ""))
        elif position > 0:  # a column holding the text typed into one of the options
            results.append(Answer((), (cell,)) if cell not in ("0", "1") else Answer())
        elif question.choice and code_style and MULTI_SEPARATOR not in cell:
            results.append(decode_code(cell, index, question.options))
        else:
            results.append(decode_text(cell) if question.choice else Answer((cell,)))
    issues = [r for r in results if isinstance(r, CellIssue)]
    return merge([r for r in results if isinstance(r, Answer)]), issues


def _cell(row: Sequence[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""
