"""What an import found wrong, and what a file load produced.

Every problem names file, row, column, the offending value and a reason, so a planner can fix
the spreadsheet without guessing. Rows are numbered as the user sees them: for CSV/XLSX the
header is row 1 and the first data row is row 2; for JSON the first object is row 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog._kinds import Kind
from catalog._records import Record


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" 第{self.row}行 (row {self.row})"
        if self.column:
            where += f" 列「{self.column}」"
        shown = "" if self.value is None else f" 值「{self.value[:60]}」"
        return f"{where}{shown}: {self.reason}"


@dataclass(frozen=True)
class Notice:
    """Something an import did not take in, or took in by guessing: never blocks the import.

    `code` is stable for scripts (unknown_column, no_description, defaulted, …); `rows` are the
    rows it concerns (as the user numbers them), empty when it concerns the whole file.
    """

    file: str
    code: str
    column: str | None
    message: str
    rows: tuple[int, ...] = ()

    def __str__(self) -> str:
        where = self.file + (f" 列「{self.column}」" if self.column else "")
        if self.rows:
            shown = "、".join(str(r) for r in self.rows[:10])
            more = f" 等{len(self.rows)}行" if len(self.rows) > 10 else ""
            where += f" 第{shown}行{more}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "code": self.code,
            "column": self.column,
            "rows": list(self.rows),
            "message": self.message,
        }


@dataclass(frozen=True)
class ColumnUse:
    """Which field (or 问卷星 question role) one column of a file was read into."""

    file: str
    column: str
    field: str

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "column": self.column, "field": self.field}


@dataclass
class LoadResult:
    """The records read from one file and every problem found in it (empty when clean)."""

    file: str
    kind: Kind
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the row number (as the user sees it) of each record, parallel to `records`
    rows: list[int] = field(default_factory=list)
    #: a survey file without respondent ids: it replaces its schools' earlier id-less rows of
    #: the same semester instead of adding to them
    id_less: bool = False
    #: what was ignored or guessed (warnings; they never block the import)
    notices: list[Notice] = field(default_factory=list)
    #: which column became which field
    columns: list[ColumnUse] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportFailed(Exception):
    """Raised when an import is refused; carries every problem found. Nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{len(problems)} problem(s): {head}{more}")
