"""A `--map` file: the user's own answer to "which column is which field", for what aliases miss.

Two formats (see docs/import_formats.md). JSON::

    {"columns": {"intro": "description", "name_en": null},
     "defaults": {"fee_per_session": 4, "capacity": 30},
     "id_prefix": "USK-",
     "questions": {"3": "current"}}

or the same as plain ``key = value`` lines (no YAML needed), in optional sections::

    # source column = field   (- or empty: ignore the column without a notice)
    intro = description
    name_en = -
    [defaults]
    fee_per_session = 4
    [options]
    id_prefix = USK-
    [questions]
    3 = current

Lines before any section header belong to ``[columns]``. A default fills a field whose cell is
empty or whose column is absent; every row that got one is named in the import's notices.
"""

from __future__ import annotations

import configparser
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog._columns import normalise_header
from catalog._problems import ImportFailed, Problem

#: What a 问卷星 question may be marked as in the map's ``questions`` section.
QUESTION_ROLES = ("wishes", "current", "ignore")
_SECTIONS = ("columns", "defaults", "options", "questions")


@dataclass(frozen=True)
class ColumnMap:
    """Source column (normalised) → field (None: ignore it quietly), defaults, id prefix."""

    columns: Mapping[str, str | None] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)
    id_prefix: str = ""
    #: 问卷星 question number → wishes / current / ignore
    questions: Mapping[int, str] = field(default_factory=dict)
    source: str = ""

    def target(self, header: str) -> tuple[bool, str | None]:
        """(whether the map names this column, the field it maps it to or None to ignore)."""
        key = normalise_header(header)
        return (key in self.columns, self.columns.get(key))

    def with_questions(self, questions: Mapping[int, str]) -> ColumnMap:
        """This map with more question marks (from the command line), those winning."""
        merged = {**self.questions, **questions}
        return ColumnMap(self.columns, self.defaults, self.id_prefix, merged, self.source)


def load_column_map(path: Path) -> ColumnMap:
    """Read a map file (JSON when it starts with ``{``, else ``key = value`` lines)."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(name, f"无法读取映射文件 / cannot read the map file ({exc})") from None
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            reason = f"JSON 格式错误 / invalid JSON: {exc.msg} (line {exc.lineno})"
            raise _bad(name, reason) from None
    else:
        doc = _read_lines(name, text)
    return _from_doc(name, doc)


def _read_lines(name: str, text: str) -> dict[str, Any]:
    parser = configparser.ConfigParser(
        delimiters=("=",), comment_prefixes=("#", ";"), interpolation=None, strict=True
    )
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    body = text if text.lstrip().startswith("[") else "[columns]\n" + text
    try:
        parser.read_string(body, source=name)
    except configparser.Error as exc:
        raise _bad(name, f"映射文件格式错误 / malformed map file: {exc.message}") from None
    doc: dict[str, Any] = {s: dict(parser.items(s)) for s in parser.sections()}
    doc["id_prefix"] = doc.pop("options", {}).get("id_prefix", "")
    return doc


def _from_doc(name: str, doc: Any) -> ColumnMap:
    if not isinstance(doc, dict) or set(doc) - {*_SECTIONS, "id_prefix"}:
        extra = sorted(set(doc) - {*_SECTIONS, "id_prefix"}) if isinstance(doc, dict) else doc
        reason = f"映射文件只能有 columns、defaults、id_prefix、questions / unknown keys: {extra}"
        raise _bad(name, reason)
    for section in ("columns", "defaults", "questions"):
        if not isinstance(doc.get(section) or {}, dict):
            reason = f"「{section}」应是 名→值 的对象 / {section} must be a key → value object"
            raise _bad(name, reason, column=section)
    columns = {
        normalise_header(str(k)): (None if v in (None, "", "-") else str(v).strip())
        for k, v in dict(doc.get("columns") or {}).items()
    }
    defaults = {str(k).strip(): _text(v) for k, v in dict(doc.get("defaults") or {}).items()}
    questions: dict[int, str] = {}
    for number, role in dict(doc.get("questions") or {}).items():
        if not str(number).strip().isdigit() or str(role).strip() not in QUESTION_ROLES:
            reason = f"题号应为数字，标记应为 {'/'.join(QUESTION_ROLES)} / bad question mark"
            raise _bad(name, reason, column=f"{number} = {role}")
        questions[int(str(number).strip())] = str(role).strip()
    prefix = str(doc.get("id_prefix") or "").strip()
    return ColumnMap(columns, defaults, prefix, questions, name)


def parse_question_marks(items: list[str]) -> dict[int, str]:
    """``--question 3=current`` options → {3: "current"}; ValueError names the bad one."""
    marks: dict[int, str] = {}
    for item in items:
        number, _, role = item.partition("=")
        if not number.strip().isdigit() or role.strip() not in QUESTION_ROLES:
            allowed = "/".join(QUESTION_ROLES)
            raise ValueError(f"应为 题号=标记（{allowed}），如 3=current / expected N=ROLE: {item}")
        marks[int(number.strip())] = role.strip()
    return marks


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def _bad(name: str, reason: str, column: str | None = None) -> ImportFailed:
    return ImportFailed([Problem(name, None, column, None, reason)])
