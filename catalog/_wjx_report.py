"""What a 问卷星 import tells the user: which question became which field, and warnings.

Warnings never block the import; they name what would otherwise change silently: a question
that is not read (renamed, or of no use to kehou) and whose answers are therefore dropped, a
repeated header (its column is never read, so two questions cannot mix), a column that is no
question, a missing 身份 question (every row then gets the questionnaire's default), day words
that are no weekday (周八), a current-classes question (not read as wishes), scrubbed answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from catalog._problems import ColumnUse, Notice
from catalog._wjx_answers import is_no_answer
from catalog._wjx_layout import Layout, QuestionColumns
from catalog._wjx_questions import Role

#: The field (or what happens) for each question role, as the mapping table shows it.
ROLE_FIELDS: dict[Role, str] = {
    Role.SCHOOL: "school_id",
    Role.RESPONDENT: "respondent",
    Role.GRADE: "grade",
    Role.DOMAINS: "preferred_domains",
    Role.INTEREST_CHOICE: "interests",
    Role.INTEREST_TEXT: "interests",
    Role.DAYS: "preferred_days",
    Role.PICKUP: "pickup_time",
    Role.CURRENT: "(目前参加的班，不作为意愿 / current classes, not read as wishes)",
    Role.PRIVATE: "(个人信息，从不读取 / personal, never read)",
    Role.OTHER: "(未读取 / not read)",
}

NOT_READ = (
    "此题没有对应字段，{n} 份答案不导入；若是意愿、年级、身份或时间题（题目改了名？），请改回题目"
    "或用 --question {q}=wishes / question not read, {n} answers dropped: renamed? restore its "
    "text or mark it"
)
DUPLICATE = (
    "表头与第{first}列重复，此列不读取（两道题不会混在一起）/ header repeats column {first}: "
    "this column is not read, so two questions cannot mix"
)
UNKNOWN = "未识别的列（不是题目），没有导入 / unknown column (not a question), not imported"
NO_RESPONDENT = (
    "没有找到填写人身份题：所有答卷都按「{who}」计；身份题改名时请改回或用 --map 指定 / "
    "no 身份 question found: every answer sheet counts as {who}"
)
CURRENT = (
    "此题问的是孩子目前参加的班，不作为兴趣意愿（如「文化班补习」）；若确是意愿，用 "
    "--question {n}=wishes / asks which classes the child attends now: not read as wishes"
)
NO_INTERESTS = (
    "没有找到兴趣意愿题，本文件不会带来任何兴趣 / no wishes question found: "
    "this file brings no interests"
)


def column_uses(file: str, header: Sequence[str], layout: Layout) -> list[ColumnUse]:
    """Every column of the export and the field its answers go to (or why they do not)."""
    uses: list[ColumnUse] = []
    if layout.id_column is not None:
        uses.append(ColumnUse(file, header[layout.id_column], "respondent_key (HMAC)"))
    if layout.time_column is not None:
        uses.append(ColumnUse(file, header[layout.time_column], "submitted_at"))
    for question in layout.questions:
        field = ROLE_FIELDS[question.role]
        uses += [ColumnUse(file, header[i], field) for i, _ in question.columns]
    return uses


def layout_notices(
    file: str,
    header: Sequence[str],
    layout: Layout,
    rows: Sequence[Sequence[str]],
    first_row: int = 2,
) -> list[Notice]:
    """Warnings about the export as a whole (before any row is read)."""
    notices = [
        Notice(file, "duplicate_header", header[i], DUPLICATE.format(first=first + 1))
        for i, first in layout.duplicates
    ]
    notices += [Notice(file, "unknown_column", header[i], UNKNOWN) for i in layout.unknown]
    for question in layout.questions:
        name = header[question.columns[0][0]]
        if question.role is Role.CURRENT:
            message = CURRENT.format(n=question.number)
            notices.append(Notice(file, "current_classes", name, message))
        elif question.role is Role.OTHER and question.number not in layout.marked:
            answered = _answered(question, rows, first_row)
            if answered:
                message = NOT_READ.format(n=len(answered), q=question.number)
                notices.append(Notice(file, "question_not_read", name, message, answered))
    if not layout.of(Role.RESPONDENT):
        who = layout.default_respondent.value
        notices.append(Notice(file, "respondent_default", None, NO_RESPONDENT.format(who=who)))
    if not layout.of(Role.INTEREST_CHOICE, Role.INTEREST_TEXT):
        notices.append(Notice(file, "no_interests", None, NO_INTERESTS))
    return notices


def row_notices(
    file: str, header: Sequence[str], warnings: dict[tuple[int | None, str, str], list[int]]
) -> list[Notice]:
    """Per-row warnings (周八, scrubbed text) grouped: one notice per column and message."""
    return [
        Notice(file, code, header[column] if column is not None else None, message, tuple(rows))
        for (column, code, message), rows in warnings.items()
    ]


def _answered(
    question: QuestionColumns, rows: Sequence[Sequence[str]], first_row: int
) -> tuple[int, ...]:
    """Rows (as the user numbers them) where the question has an answer."""
    unset = {"0"} if question.split else set()
    found = []
    for offset, row in enumerate(rows):
        cells = [row[i].strip() for i, _ in question.columns if i < len(row)]
        if any(c and not is_no_answer(c) and c not in unset for c in cells):
            found.append(first_row + offset)
    return tuple(found)
