"""选课 choices: one row per student, ranked course choices, read from CSV, XLSX or 问卷星.

A student's own code (学号 or the school's code) is kept only in memory, for the school's own
rosters; what may be stored is `student_key`, an HMAC scoped by school and stable across
semesters. Courses are named by id or by title; a title shared by two courses is an error that
names the row, so nobody is silently placed in the wrong club. The whole file is checked before
anything is returned: one bad row refuses the file, listing every problem found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from catalog._cells import (
    normalise_text,
    parse_bool,
    parse_datetime,
    parse_grade,
    parse_int,
    parse_slots,
    split_multi,
)
from catalog._choices_columns import ChoiceColumns, find_columns
from catalog._privacy import student_key
from catalog._problems import ImportFailed, Problem
from catalog._readers import Table, read_table
from catalog._records import GradeRange

T = TypeVar("T")


@dataclass(frozen=True)
class OfferedCourse:
    """A course of the school's programme that students may choose (grades None: any grade)."""

    id: str
    title: str
    grades: GradeRange | None = None


@dataclass(frozen=True)
class StudentChoice:
    """One student's ranked choices. `code` is the school's own code: rosters only, never stored."""

    row: int
    code: str
    key: str
    grade: int
    choices: tuple[str, ...]
    exempt: bool = False
    days: tuple[str, ...] = ()
    submitted_at: datetime | None = None
    priority: int = 0


def read_choices(
    path: Path,
    *,
    school_id: str,
    secret: str,
    offered: Sequence[OfferedCourse],
    max_bytes: int | None = None,
    min_choices: int = 1,
) -> list[StudentChoice]:
    """Read and check a choices file; raise ImportFailed with every problem (file, row, column).

    `min_choices`: each student must list at least that many courses (or every course open to
    their grade, if fewer): a short list is how families game a placement-maximising mechanism.
    """
    table = read_table(path, max_bytes=max_bytes)
    return parse_choices(
        table, school_id=school_id, secret=secret, offered=offered, min_choices=min_choices
    )


def parse_choices(
    table: Table,
    *,
    school_id: str,
    secret: str,
    offered: Sequence[OfferedCourse],
    min_choices: int = 1,
) -> list[StudentChoice]:
    """Every data row as a StudentChoice, or ImportFailed listing every problem in the table."""
    columns, problems = find_columns(table)
    if problems:
        raise ImportFailed(problems)
    resolver = _Resolver(offered, min_choices)
    out: list[StudentChoice] = []
    seen: dict[str, int] = {}
    for i, cells in enumerate(table.rows):
        row = table.first_row + i
        if not any(c.strip() for c in cells):
            continue
        reader = _RowReader(table.file, row, cells, problems)
        choice = reader.read(columns, resolver, school_id, secret)
        if reader.key and reader.key in seen:
            first = seen[reader.key]
            reader.bad(
                columns.student_name,
                reader.code,
                f"学生重复（已在第{first}行）/ duplicate student (already in row {first})",
            )
            continue
        if reader.key:
            seen[reader.key] = row
        if choice is not None:
            out.append(choice)
    if not out and not problems:
        problems.append(Problem(table.file, None, None, None, "没有学生 / no students"))
    if problems:
        raise ImportFailed(problems)
    return out


_PAREN = re.compile(r"[（(【\[].*?[）)】\]]")


def _fold(text: str) -> str:
    return normalise_text(text, fold_width=True).casefold().replace(" ", "")


class _Resolver:
    """Course id or title → course; a title shared by two courses is ambiguous."""

    def __init__(self, offered: Sequence[OfferedCourse], min_choices: int = 1) -> None:
        self.offered, self.min_choices = offered, min_choices
        self.by_id = {_fold(c.id): c for c in offered}
        self.by_title: dict[str, list[OfferedCourse]] = {}
        for course in offered:
            self.by_title.setdefault(_fold(course.title), []).append(course)

    def needed(self, grade: int) -> int:
        """How many choices a student of `grade` must list (never more than are open to them)."""
        open_to = sum(1 for c in self.offered if c.grades is None or c.grades.contains(grade))
        return min(self.min_choices, open_to)

    def resolve(self, raw: str) -> OfferedCourse:
        """The course named by `raw`; ValueError (Chinese / English) when none or two match."""
        text = normalise_text(raw, fold_width=True)
        tries = [text, text.split(" ")[0], _PAREN.sub("", text)]
        for attempt in tries:
            key = _fold(attempt)
            if key in self.by_id:
                return self.by_id[key]
            found = self.by_title.get(key, [])
            if len(found) > 1:
                ids = "、".join(c.id for c in found)
                raise ValueError(
                    f"课程名称对应多门课程（{ids}），请写课程编号 / ambiguous title: {ids}"
                )
            if found:
                return found[0]
        raise ValueError("方案中没有这门课程 / unknown course (not in the school's programme)")


class _RowReader:
    """Reads one row, adding a Problem for each bad cell instead of stopping at the first."""

    def __init__(self, file: str, row: int, cells: list[str], problems: list[Problem]) -> None:
        self.file, self.row, self.cells, self.problems = file, row, cells, problems
        self.code = self.key = ""

    def cell(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return normalise_text(self.cells[index])

    def bad(self, column: str, value: str | None, reason: str) -> None:
        self.problems.append(Problem(self.file, self.row, column, value, reason))

    def read(
        self, cols: ChoiceColumns, resolver: _Resolver, school_id: str, secret: str
    ) -> StudentChoice | None:
        before = len(self.problems)
        code = self.code = self.cell(cols.student)
        if not code:
            self.bad(cols.student_name, None, "学生编号为空 / empty student code")
        else:
            self.key = student_key(code, secret, school_id=school_id)
        grade = self._grade(cols)
        choices = self._choices(cols, resolver, grade)
        exempt = self._optional(cols.exempt, cols.names, parse_bool, False)
        no_days: tuple[str, ...] = ()
        days = self._optional(cols.days, cols.names, _days, no_days)
        submitted = self._optional(cols.submitted_at, cols.names, parse_datetime, None)
        priority = self._optional(cols.priority, cols.names, _priority, 0)
        if len(self.problems) > before or grade is None:
            return None
        return StudentChoice(
            self.row, code, self.key, grade, choices, exempt, days, submitted, priority
        )

    def _grade(self, cols: ChoiceColumns) -> int | None:
        raw = self.cell(cols.grade)
        try:
            return parse_grade(raw)
        except ValueError as exc:
            self.bad(cols.names[cols.grade], raw, str(exc) if raw else "年级为空 / empty grade")
            return None

    def _choices(
        self, cols: ChoiceColumns, resolver: _Resolver, grade: int | None
    ) -> tuple[str, ...]:
        picked: list[str] = []
        for index in cols.choices:
            name = cols.names[index]
            for raw in split_multi(self.cell(index)):
                try:
                    course = resolver.resolve(raw)
                except ValueError as exc:
                    self.bad(name, raw, str(exc))
                    continue
                if grade is not None and course.grades and not course.grades.contains(grade):
                    self.bad(
                        name,
                        raw,
                        f"{course.title} 只收 {course.grades} 年级，学生是 {grade} 年级 / "
                        f"course is for grades {course.grades}, student is in grade {grade}",
                    )
                elif course.id in picked:
                    self.bad(name, raw, "同一课程填了两次 / the same course chosen twice")
                else:
                    picked.append(course.id)
        if not picked and not any(self.cell(i) for i in cols.choices):
            self.bad(cols.names[cols.choices[0]], None, "没有填写任何志愿 / no choices given")
        elif grade is not None and 0 < len(picked) < resolver.needed(grade):
            need = resolver.needed(grade)
            column = cols.names[cols.choices[min(len(picked), len(cols.choices) - 1)]]
            self.bad(column, None, f"至少填写 {need} 个志愿 / list at least {need} choices")
        return tuple(picked)

    def _optional(
        self, index: int | None, names: list[str], parse: Callable[[str], T], default: T
    ) -> T:
        raw = self.cell(index)
        if index is None or not raw:
            return default
        try:
            return parse(raw)
        except ValueError as exc:
            self.bad(names[index], raw, str(exc))
            return default


def _days(raw: str) -> tuple[str, ...]:
    """「周一、周三」「周一至周五」 → ('周一', '周三'): the afternoons a student stays."""
    return tuple(dict.fromkeys(slot[:2] for slot in parse_slots(raw)))


def _priority(raw: str) -> int:
    """是/否 (left unplaced last semester) or a whole number; higher is served first."""
    try:
        return int(parse_bool(raw))
    except ValueError:
        return parse_int(raw)
