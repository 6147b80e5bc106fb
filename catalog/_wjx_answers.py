"""问卷星 answer cells in both export styles, and the readers that turn answers into values.

按选项文本: a cell holds the chosen option text; a 多选题 joins options with ┋, and text typed
into an option (其他) follows it in 〖〗: "美术┋书法┋其他〖机器人〗".
按选项序号: a 单选题 cell holds the option's number ("3", "5^机器人" with typed text); a 多选题
has one column per option holding 1 or 0, or the typed text in place of 1.
-2 (跳过, skipped by logic) and -3 (未显示, not shown), and the text style's "(跳过)" / "(空)",
are no answer, not errors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from catalog._enums import ENUM_SYNONYMS, Domain, Respondent
from catalog._privacy import scrub_free_text
from catalog._wjx_questions import normalise

#: Cells that mean "no answer" (compared after NFKC, so full-width brackets match too).
NO_ANSWER: frozenset[str] = frozenset(
    {"", "-2", "-3", "(跳过)", "(空)", "(未显示)", "(未填)", "跳过", "未显示", "N/A"}
)
MULTI_SEPARATOR = "┋"
#: Option words that only announce typed text; the text itself is what counts.
OTHER_WORDS: frozenset[str] = frozenset({"其他", "其它", "其他:", "其它:", "其他(请注明)"})

_CODE = re.compile(r"(-?\d+)(?:\.0+)?(?:\^(.*)|〖(.*)〗)?", re.S)
_FILL = re.compile(r"^(.*?)〖(.*)〗$", re.S)


@dataclass(frozen=True)
class Answer:
    """What one respondent answered to one question: option texts and text typed into them."""

    chosen: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.chosen and not self.fills


@dataclass(frozen=True)
class CellIssue:
    """A cell that could not be read: its column index, its text and why (bilingual)."""

    column: int
    value: str
    reason: str


def is_no_answer(cell: str) -> bool:
    return unicodedata.normalize("NFKC", cell).strip() in NO_ANSWER


def decode_text(cell: str) -> Answer:
    """按选项文本 cell: options joined by ┋, typed text in 〖〗."""
    chosen: list[str] = []
    fills: list[str] = []
    for part in (p.strip() for p in cell.split(MULTI_SEPARATOR)):
        if is_no_answer(part):
            continue
        match = _FILL.match(part)
        option, fill = (match.group(1).strip(), match.group(2).strip()) if match else (part, "")
        if option:
            chosen.append(option)
        if fill:
            fills.append(fill)
    return Answer(tuple(chosen), tuple(fills))


def decode_code(cell: str, column: int, options: tuple[str, ...]) -> Answer | CellIssue:
    """按选项序号 cell of a 单选题: "3" or "3^typed text"; an option's own text is accepted too."""
    value = cell.strip()
    match = _CODE.fullmatch(value)
    if match is None:
        plain = normalise(value)
        if any(normalise(o) == plain for o in options):
            return Answer((value,))
        return CellIssue(column, value, "不是选项序号 / not an option code")
    code, fill = int(match.group(1)), (match.group(2) or match.group(3) or "").strip()
    if not options:
        return CellIssue(
            column,
            value,
            "无法把选项序号还原成文字：请按选项文本导出，或提供问卷题目（questionnaire.txt）/ "
            "cannot turn an option code into text: export by answer text, or supply the "
            "questionnaire (questionnaire.txt)",
        )
    if not 1 <= code <= len(options):
        return CellIssue(
            column,
            value,
            f"未知的选项序号（该题有 {len(options)} 个选项）/ unknown option code "
            f"(the question has {len(options)} options)",
        )
    return Answer((options[code - 1],), (fill,) if fill else ())


def decode_split(cell: str, column: int, option: str) -> Answer | CellIssue:
    """One option column of a split 多选题: 1 chosen, 0 not, or the typed text in place of 1."""
    value = cell.strip()
    if is_no_answer(value) or value == "0":
        return Answer()
    match = _CODE.fullmatch(value)
    if match is None:
        return Answer((option,), (value,))
    if match.group(1) != "1":
        return CellIssue(
            column, value, "多选题的选项列只能是 1 或 0 / a multi-select option column holds 1 or 0"
        )
    fill = (match.group(2) or match.group(3) or "").strip()
    return Answer((option,), (fill,) if fill else ())


def merge(answers: list[Answer]) -> Answer:
    return Answer(
        tuple(c for a in answers for c in a.chosen), tuple(f for a in answers for f in a.fills)
    )


# --- readers: answer -> value; each returns the value or a bilingual reason ---------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_GRADE = re.compile(r"^(小学|初中|高中|初|高)?([一二三四五六七八九]|1[0-2]|[1-9])$")
_BAD_GRADE = "无法识别的年级 / unrecognised grade"


def read_grade(answer: Answer, question: str) -> int | str | None:
    """一..六 -> 1..6, 初一 -> 7, 高一 -> 10; a bare 一 in a question about 初中 means 7."""
    if not answer.chosen:
        return None
    value = re.sub(r"年?级$", "", normalise(answer.chosen[0]))
    match = _GRADE.match(value)
    if match is None:
        return _BAD_GRADE
    stage, digit = match.group(1) or "", match.group(2)
    grade = _CN_DIGITS.get(digit) or int(digit)
    if not stage and grade <= 3:
        stage = "初" if "初中" in question else "高" if "高中" in question else ""
    if stage.startswith(("初", "高")):
        if grade > 3:
            return _BAD_GRADE
        grade += 6 if stage.startswith("初") else 9
    return grade


_PARENT_WORDS = ("家长", "监护人", "父亲", "母亲", "爸爸", "妈妈", "爷爷", "奶奶", "外公", "外婆")
_STUDENT_WORDS = ("学生", "孩子本人", "本人", "孩子")


def read_respondent(answer: Answer) -> Respondent | str | None:
    """学生 / 家长 and the usual ways of writing them (妈妈, 监护人, 学生本人, …)."""
    if not answer.chosen:
        return None
    value = normalise(answer.chosen[0])
    value = ENUM_SYNONYMS.get(value.lower(), value)
    if any(w in value for w in _PARENT_WORDS):
        return Respondent.PARENT
    if any(w in value for w in _STUDENT_WORDS):
        return Respondent.STUDENT
    return "未知的填写人，可选：学生、家长 / unknown respondent, allowed: 学生, 家长"


def read_domains(answer: Answer) -> list[Domain] | str:
    """德智体美劳 (or 德育, 体育, …; an option like "德（品德）" counts by its first character)."""
    found: list[Domain] = []
    for option in answer.chosen:
        value = normalise(option)
        value = ENUM_SYNONYMS.get(value.lower(), value)
        if value not in {d.value for d in Domain} and value[:1] in {d.value for d in Domain}:
            value = value[:1] if len(value) == 1 or value[1] in "(:：、" else value
        if value not in {d.value for d in Domain}:
            allowed = "、".join(d.value for d in Domain)
            return f"未知的五育，可选：{allowed} / unknown domain, allowed: {allowed}"
        if Domain(value) not in found:
            found.append(Domain(value))
    return found


_DAY_PREFIX = re.compile(r"^(星期|礼拜|周)")


def read_days(answer: Answer) -> list[str]:
    """Chosen days, 星期二 / 礼拜二 written 周二 as the slot vocabulary has it."""
    days: list[str] = []
    for item in (*answer.chosen, *answer.fills):
        value = normalise(item)
        if value in OTHER_WORDS:
            continue
        value = _DAY_PREFIX.sub("周", value).replace("周天", "周日")
        if value and value not in days:
            days.append(value)
    return days


def read_text(answer: Answer) -> str:
    """Option texts and typed texts as one string; a bare 其他 (no typed text) is dropped."""
    parts = [c for c in answer.chosen if normalise(c) not in OTHER_WORDS]
    return "、".join(dict.fromkeys([*parts, *answer.fills]))


def scrub(text: str) -> str:
    """Free text without names, phone / ID / 学号 numbers, IP or e-mail addresses."""
    return scrub_free_text(text)
