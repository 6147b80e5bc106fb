"""问卷星 questions: header parsing, the keyword table that gives each question its role, and
the questionnaire definition (the 单选题 option lists that a 按选项序号 export needs to turn
codes into text).

A 问卷星 export names each question column "3、您的孩子参加以下哪些兴趣班：" (number, 、 or ．,
text); the 按选项序号 style splits a 多选题 into one column per option, headed
"3、您的孩子参加以下哪些兴趣班：(美术)", "3(美术)" or "第3题(美术)". Questions are recognised by
keywords in their text, never by number, so schools may reorder or add questions freely.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Role(StrEnum):
    """What kehou reads from a question; OTHER questions are ignored, PRIVATE ones never read."""

    PRIVATE = "private"
    SCHOOL = "school"
    RESPONDENT = "respondent"
    GRADE = "grade"
    DOMAINS = "domains"
    INTEREST_CHOICE = "interest_choice"
    INTEREST_TEXT = "interest_text"
    DAYS = "days"
    PICKUP = "pickup"
    #: classes the child attends now (目前参加的兴趣班): never read as wishes
    CURRENT = "current"
    OTHER = "other"


@dataclass(frozen=True)
class RoleRule:
    """A question has `role` when its normalised text matches `include` and not `exclude`."""

    role: Role
    include: str
    exclude: str = ""


#: Keyword table, tried in order; the first match wins. Texts are normalised first (NFKC, no
#: spaces or quotes). PRIVATE comes first so "学生姓名" or "家长手机号" never reach another role.
ROLE_RULES: tuple[RoleRule, ...] = (
    RoleRule(
        Role.PRIVATE,
        r"姓名|名字|称呼|手机|电话|联系方式|学号|学籍|身份证|证件|微信号|QQ|qq|"
        r"邮箱|住址|地址|出生日期|生日|IP",
    ),
    RoleRule(Role.SCHOOL, r"学校(编号|代码|代号|名称|ID|id)|(就读|所在|所属)的?学校|^学校$"),
    RoleRule(
        Role.RESPONDENT, r"填写人|填表人|填写者|答卷人|您的身份|身份是|您是(学生|家长)|本人还是"
    ),
    RoleRule(Role.GRADE, r"几年级|哪个年级|所在年级|就读年级|^年级|年级是"),
    RoleRule(
        Role.DOMAINS,
        r"德智体美劳.*(哪|偏重|侧重|重视|看重|最希望)|(偏重|侧重).*德智体美劳",
        r"一手抓|一步步",
    ),
    RoleRule(
        Role.DAYS, r"哪几天|哪些天|星期几|周几|哪天|每周.*(时间|几次)|哪些时段|什么时间参加", r"接"
    ),
    RoleRule(Role.PICKUP, r"接孩子|接送|几点接|来接|放学.*接"),
    RoleRule(
        Role.CURRENT,
        r"目前|正在|现在(参加|上|学|报)|已经?(参加|报|在)|上过|参加过|学过|报过|报了|在上|在学|"
        r"(参加|报)了?(以下)?(的)?哪些",
        r"希望|想|愿意|打算|计划|将来|以后|感兴趣|喜欢|意向|期望|最好|几种|目的|因素|意愿",
    ),
    RoleRule(
        Role.INTEREST_TEXT,
        r"想学|最想|希望学|还想|想参加什么|想让孩子学|感兴趣的是|兴趣爱好是|"
        r"特长是|希望开设|希望增加",
    ),
    RoleRule(
        Role.INTEREST_CHOICE,
        r"(参加|报|喜欢|感兴趣|希望).*哪些|哪些.*(兴趣班|兴趣|课程|活动|项目|社团)",
        r"几种|目的|因素|了解|意愿|作用|能力|德智体美劳",
    ),
)

_QUESTION = re.compile(r"^(?:第)?([0-9０-９]{1,3})(?:题)?(?:[、．.:：]|(?=[(（]))\s*(.*)$", re.S)
_QUOTES = re.compile(r"[\s\"'“”‘’「」『』]")
_REMARK = re.compile(r"\([^()]*\)")


def normalise(text: str) -> str:
    """NFKC (full-width to half-width), no BOM, spaces or quotes: what keyword matching sees."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", text.replace("\ufeff", "")))


def role_of(text: str) -> Role:
    """The role of a question from its text (see ROLE_RULES); OTHER when nothing matches.

    Bracketed remarks such as "(请向班主任询问)" are left out, so a hint cannot change the role.
    """
    plain = _REMARK.sub("", normalise(text)).rstrip(":?。.")
    for rule in ROLE_RULES:
        if re.search(rule.include, plain) and not (rule.exclude and re.search(rule.exclude, plain)):
            return rule.role
    return Role.OTHER


@dataclass(frozen=True)
class HeaderParts:
    """One export column header split into question number, text and (split style) option.

    `full` is the text with any trailing "(…)" kept, for when the column turns out not to be
    one of several option columns (e.g. "1、您的身份(单选)").
    """

    number: int
    text: str
    option: str | None
    full: str


def parse_header(header: str) -> HeaderParts | None:
    """Split "3、题目：(美术)" into (3, "题目：", "美术"); None for metadata columns like 序号."""
    match = _QUESTION.match(header.replace("\ufeff", "").strip())
    if match is None:
        return None
    number = int(unicodedata.normalize("NFKC", match.group(1)))
    rest = match.group(2).strip()
    text, option = split_trailing_option(rest)
    return HeaderParts(number, text, option, rest)


def split_trailing_option(rest: str) -> tuple[str, str | None]:
    """Split off a final balanced "(…)" (the option of a split 多选题 column), if any.

    问卷星 uses half-width brackets there; full-width ones are accepted when the text ends in one.
    """
    if not rest.endswith((")", "）")):
        return rest, None
    close = rest[-1]
    pair = {close: 1, "(" if close == ")" else "（": -1}
    depth = 0
    for i in range(len(rest) - 1, -1, -1):
        depth += pair.get(rest[i], 0)
        if depth == 0:
            return rest[:i].strip(), rest[i + 1 : -1].strip()
    return rest, None


@dataclass(frozen=True)
class Question:
    """One question of a questionnaire definition."""

    number: int
    text: str
    kind: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    """A 问卷星 questionnaire definition, as 问卷星 downloads it (text) or as JSON."""

    questions: tuple[Question, ...]

    def find(self, number: int, text: str) -> Question | None:
        """The question with this text (normalised, prefix allowed), else with this number."""
        plain = normalise(text).rstrip(":：?？。")
        for question in self.questions:
            theirs = normalise(question.text).rstrip(":：?？。")
            if plain and theirs and (plain == theirs or theirs.startswith(plain)):
                return question
        return next((q for q in self.questions if q.number == number), None)


_TXT_QUESTION = re.compile(r"^(\d{1,3})[.、．]\s*(.+?)\s*\[([^\]]+)\]\s*$")

#: File names looked for beside an export when no questionnaire is given (kept off the survey
#: file-name stems so that `kehou import DIR` does not take them for survey files).
SIDECAR_NAMES: tuple[str, ...] = ("questionnaire.txt", "问卷题目.txt", "问卷定义.txt")


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read a questionnaire: 问卷星's text download ("1. 题目[单选题]" + option lines) or JSON
    (a list of {"no", "question", "type", "options"})."""
    file = Path(path)
    raw = file.read_bytes()
    text = next(
        (decoded for enc in ("utf-8-sig", "gb18030") if (decoded := _decode(raw, enc)) is not None),
        raw.decode("utf-8", errors="replace"),
    )
    if file.suffix.lower() == ".json":
        items = json.loads(text)
        items = items.get("items", items) if isinstance(items, dict) else items
        return Questionnaire(
            tuple(
                Question(
                    int(it["no"]),
                    str(it["question"]),
                    str(it.get("type", "")),
                    tuple(str(o) for o in it.get("options", [])),
                )
                for it in items
            )
        )
    return _parse_txt(text)


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _parse_txt(text: str) -> Questionnaire:
    questions: list[Question] = []
    head: tuple[int, str, str] | None = None
    options: list[str] = []
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        match = _TXT_QUESTION.match(line)
        if match or not line:
            if head is not None:
                questions.append(Question(*head, tuple(options)))
            head, options = None, []
            if match:
                head = (int(match.group(1)), match.group(2), match.group(3))
        elif head is not None:
            options.append(line)
    return Questionnaire(tuple(questions))


def find_questionnaire(export_file: str | Path) -> Questionnaire | None:
    """The questionnaire saved beside an export (full path) under one of SIDECAR_NAMES, if any."""
    folder = Path(export_file).parent
    for name in SIDECAR_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return load_questionnaire(candidate)
    return None
