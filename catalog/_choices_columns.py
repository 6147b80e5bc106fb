"""Which column of a choices file is which: English names, Chinese names, 问卷星 question titles.

问卷星 numbers its questions ("3、第一志愿", "Q4. 第二志愿（选填）") and adds its own columns (序号,
所用时间, 来源, 来自IP); the numbering and hints in brackets are dropped before matching, and
its own columns (including the IP address) are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog._cells import normalise_text
from catalog._problems import Problem
from catalog._readers import Table

_NUMBERING = re.compile(r"^(?:Q?\d+[、.．:：)）]\s*)")
_HINT = re.compile(r"[（(【\[].*?[）)】\]]")
_CN_NUMBERS = "一二三四五六七八九十"
_ROLES: dict[str, tuple[str, ...]] = {
    "student": (
        "student",
        "student_code",
        "studentcode",
        "学生编号",
        "学生代码",
        "学号",
        "学籍号",
        "编号",
        "学生",
    ),
    "grade": ("grade", "年级"),
    "exempt": ("exempt", "免费", "是否免费", "免费学生", "困难学生", "是否减免", "减免"),
    "days": ("days", "留校日", "参加日", "参加日期", "参加哪几天", "星期", "哪几天参加"),
    "submitted_at": ("submitted_at", "submitted", "提交答卷时间", "提交时间", "答题时间"),
    "priority": ("priority", "优先", "上学期未录取", "上学期未选上", "优先录取"),
}
_CHOICE = re.compile(
    r"^(?:choice_?(\d+)|第?([0-9一二三四五六七八九十]+)志愿|志愿_?([0-9]+)|选择_?([0-9]+))$"
)


@dataclass
class ChoiceColumns:
    """Column indexes by role; `choices` in rank order; `names` are the header cells as written."""

    names: list[str]
    student: int | None = None
    grade: int = -1
    choices: list[int] = field(default_factory=list)
    exempt: int | None = None
    days: int | None = None
    submitted_at: int | None = None
    priority: int | None = None

    @property
    def student_name(self) -> str:
        return self.names[self.student] if self.student is not None else "student"


def _bare(header: str) -> str:
    text = normalise_text(header, fold_width=True)
    text = _NUMBERING.sub("", text)
    text = _HINT.sub("", text)
    return text.strip(" ：:").casefold().replace(" ", "")


def _choice_rank(bare: str) -> int | None:
    match = _CHOICE.match(bare)
    if not match:
        return None
    number = next(g for g in match.groups() if g)
    if number.isdigit():
        return int(number)
    if number == "十":
        return 10
    return _CN_NUMBERS.index(number) + 1 if len(number) == 1 else None


def find_columns(table: Table) -> tuple[ChoiceColumns, list[Problem]]:
    """The roles of the header's columns, and a problem for each required one that is missing."""
    cols = ChoiceColumns(names=list(table.header))
    ranked: list[tuple[int, int]] = []
    found: dict[str, int] = {}
    for index, header in enumerate(table.header):
        bare = _bare(header)
        rank = _choice_rank(bare)
        if rank is not None:
            ranked.append((rank, index))
            continue
        for role, names in _ROLES.items():
            if bare in names and role not in found:
                found[role] = index
                break
    cols.choices = [index for _, index in sorted(ranked)]
    cols.student = found.get("student")
    cols.grade = found.get("grade", -1)
    cols.exempt, cols.days = found.get("exempt"), found.get("days")
    cols.submitted_at, cols.priority = found.get("submitted_at"), found.get("priority")
    problems = []
    need = {
        "student（学生编号）": cols.student is not None,
        "grade（年级）": cols.grade >= 0,
        "choice_1（第一志愿）": bool(cols.choices),
    }
    for name, ok in need.items():
        if not ok:
            problems.append(
                Problem(table.file, 1, name, None, "缺少必需的列 / required column missing")
            )
    return cols, problems
