"""Where things are in a 问卷星 export: the id and time columns, each question's columns and
role, the option lists codes refer to, and which of the two export styles the file uses.

Only 序号 and 提交答卷时间 are read from the metadata columns; 所用时间, 来源, 来源详情,
来自IP, 总分 and custom fields are skipped, and so is every question whose role is PRIVATE
(姓名, 手机, 学号…).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from catalog._enums import Respondent
from catalog._wjx_answers import MULTI_SEPARATOR, is_no_answer
from catalog._wjx_questions import (
    HeaderParts,
    Questionnaire,
    Role,
    normalise,
    parse_header,
    role_of,
)

ID_COLUMN = "序号"
TIME_COLUMN = "提交答卷时间"
#: Metadata columns 问卷星 writes that kehou knowingly skips (no notice).
KNOWN_META = frozenset(
    {"所用时间", "来源", "来源详情", "来自IP", "总分", "答题时长", "填写设备", "操作系统", "浏览器"}
)
#: What a --question N=… mark turns a question into.
_MARKED = {"current": Role.CURRENT, "ignore": Role.OTHER}

#: Roles whose answers are typed text unless the questionnaire says the question is a choice.
TEXT_ROLES = frozenset({Role.SCHOOL, Role.INTEREST_TEXT, Role.OTHER, Role.PRIVATE})
#: Words in question texts that show the questionnaire is addressed to parents.
PARENT_ADDRESS = ("您的孩子", "您孩子", "您家孩子", "贵子女", "孩子的家长")


@dataclass(frozen=True)
class QuestionColumns:
    """One question: its role, text, columns (index, option of a split column) and options."""

    role: Role
    number: int
    text: str
    columns: tuple[tuple[int, str | None], ...]
    options: tuple[str, ...]
    choice: bool

    @property
    def split(self) -> bool:
        """按选项序号 多选题: one column per option."""
        return len(self.columns) > 1 and all(option is not None for _, option in self.columns)


@dataclass(frozen=True)
class Layout:
    """The columns of an export that kehou reads, and how to read them."""

    id_column: int | None
    time_column: int | None
    questions: tuple[QuestionColumns, ...]
    default_respondent: Respondent
    code_style: bool
    #: (column index, index of the earlier column with the same header): never read
    duplicates: tuple[tuple[int, int], ...] = ()
    #: columns that are neither a question nor a known 问卷星 metadata column
    unknown: tuple[int, ...] = ()
    #: question numbers whose role came from a --question mark, not from the text
    marked: frozenset[int] = frozenset()

    def of(self, *roles: Role) -> list[QuestionColumns]:
        return [q for q in self.questions if q.role in roles]


def default_options(role: Role, text: str) -> tuple[str, ...]:
    """Option lists whose order is natural, so codes can be read without the questionnaire."""
    if role is Role.GRADE:
        if "初中" in text:
            return ("初一", "初二", "初三")
        if "高中" in text:
            return ("高一", "高二", "高三")
        return tuple("一二三四五六" if "小学" in text else "一二三四五六七八九")
    if role is Role.DOMAINS and "德智体美劳" in normalise(text):
        return tuple("德智体美劳")
    return ()


def build_layout(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    questionnaire: Questionnaire | None,
    marks: Mapping[int, str] | None = None,
) -> Layout:
    """Group the header into questions, give each its role and options, and detect the style.

    A column whose header repeats an earlier one is never read (two questions must not mix);
    `marks` (question number → wishes / current / ignore) override the role from the text.
    """
    names = [normalise(h) for h in header]
    groups, duplicates, unknown = _scan(header, names)
    questions = tuple(_question(group, questionnaire, marks or {}) for group in groups)
    all_text = " ".join(q.text for q in questions)
    return Layout(
        id_column=names.index(ID_COLUMN) if ID_COLUMN in names else None,
        time_column=names.index(TIME_COLUMN) if TIME_COLUMN in names else None,
        questions=questions,
        default_respondent=(
            Respondent.PARENT if any(w in all_text for w in PARENT_ADDRESS) else Respondent.STUDENT
        ),
        code_style=_is_code_style(questions, rows),
        duplicates=tuple(duplicates),
        unknown=tuple(unknown),
        marked=frozenset(q.number for q in questions if q.number in (marks or {})),
    )


_Groups = list[list[tuple[int, HeaderParts]]]


def _scan(
    header: Sequence[str], names: list[str]
) -> tuple[_Groups, list[tuple[int, int]], list[int]]:
    """Question groups (consecutive columns of one number), repeated headers, unknown columns."""
    groups: _Groups = []
    first_seen: dict[str, int] = {}
    duplicates: list[tuple[int, int]] = []
    unknown: list[int] = []
    for index, name in enumerate(header):
        if names[index] and names[index] in first_seen:
            duplicates.append((index, first_seen[names[index]]))
            continue
        first_seen.setdefault(names[index], index)
        parts = parse_header(name)
        if parts is None and role_of(name) is Role.SCHOOL and names[index] != ID_COLUMN:
            parts = HeaderParts(0, name.strip(), None, name.strip())
        if parts is None:
            if names[index] and names[index] not in {ID_COLUMN, TIME_COLUMN, *KNOWN_META}:
                unknown.append(index)
            continue
        if groups and groups[-1][0][1].number == parts.number and parts.number:
            groups[-1].append((index, parts))
        else:
            groups.append([(index, parts)])
    return groups, duplicates, unknown


def _marked_role(role: Role, mark: str | None, choice: bool) -> Role:
    """The role a --question mark gives: wishes (choice or text), current classes, or ignore.

    A private question (姓名, 手机…) stays private whatever the mark says.
    """
    if role is Role.PRIVATE:
        return role
    if mark == "wishes":
        return Role.INTEREST_CHOICE if choice else Role.INTEREST_TEXT
    return _MARKED.get(mark or "", role)


def _question(
    group: list[tuple[int, HeaderParts]],
    questionnaire: Questionnaire | None,
    marks: Mapping[int, str],
) -> QuestionColumns:
    first = group[0][1]
    split = len(group) > 1 and all(parts.option is not None for _, parts in group)
    text = first.text if split else first.full
    known = questionnaire.find(first.number, text) if questionnaire else None
    text = text or (known.text if known else "")  # "3(美术)" headers carry no question text
    role = role_of(text)
    if split:
        options = tuple(parts.option or "" for _, parts in group)
    elif known is not None:
        options = known.options
    else:
        options = default_options(role, text)
    choice = split or (
        ("选" in known.kind or "判断" in known.kind) if known else role not in TEXT_ROLES
    )
    role = _marked_role(role, marks.get(first.number), choice)
    if marks.get(first.number) == "wishes" and known is None:
        choice = True  # a 多选题's "美术┋书法" must split; plain text reads the same either way
    columns = tuple((index, parts.option if split else None) for index, parts in group)
    return QuestionColumns(role, first.number, text, columns, options, choice)


_CODE_CELL = re.compile(r"-?\d+(\^.*)?", re.S)


def _one_zero(question: QuestionColumns, rows: Sequence[Sequence[str]]) -> bool:
    """Option columns of a 按选项序号 多选题: some 0, and no number other than 0 / 1 / -2 / -3."""
    values = {row[i].strip() for i, _ in question.columns for row in rows if i < len(row)}
    numbers = {v.split("^")[0] for v in values if _CODE_CELL.fullmatch(v)}
    return "0" in numbers and numbers <= {"0", "1", "-2", "-3"}


def _is_code_style(questions: tuple[QuestionColumns, ...], rows: Sequence[Sequence[str]]) -> bool:
    """按选项序号 when a 多选题 is split into 1/0 option columns, or when no cell holds ┋ and the
    answers to the closed questions kehou reads (grade, respondent, domains) are all numbers.

    (A 矩阵题 is split into columns in both styles, but holds no 0, so it does not count.)
    """
    cells = [row[i] for q in questions for i, _ in q.columns for row in rows if i < len(row)]
    if any(MULTI_SEPARATOR in cell for cell in cells):
        return False
    if any(q.split and _one_zero(q, rows) for q in questions):
        return True
    closed = [
        row[i].strip()
        for q in questions
        if q.role in (Role.GRADE, Role.RESPONDENT, Role.DOMAINS) and q.choice
        for i, _ in q.columns
        for row in rows
        if i < len(row) and not is_no_answer(row[i])
    ]
    return bool(closed) and all(_CODE_CELL.fullmatch(cell) for cell in closed)
