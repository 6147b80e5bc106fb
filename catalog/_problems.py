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
