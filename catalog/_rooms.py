"""Timetable inputs a school may give: room types (场地类型) and 行政班 per grade.

`ROOM_TYPES` is the closed list a course's ``room_type`` and a rooms file's ``room_type`` are
checked against (the interest vocabulary's room types plus the usual school names), so a typo
fails the import with a reason instead of silently meaning "any classroom". ``classes`` has one
canonical text form, ``1:3;2:3;3:2`` (grade:classes), or a bare integer for the same number of
classes in every grade of the school's level; 「每年级3个班」 reads as ``3``.
"""

from __future__ import annotations

import re
import unicodedata

ROOM_TYPES: tuple[str, ...] = (
    *("普通教室", "计算机教室", "计算机房", "机房", "创客教室", "创客空间", "科学实验室"),
    *("实验室", "音乐教室", "音乐室", "美术室", "书法教室", "舞蹈房", "陶艺室", "厨艺教室"),
    *("劳动实践基地", "种植园", "图书室", "心理辅导室", "报告厅", "操场", "田径场", "体育馆"),
    *("篮球场", "足球场", "游泳馆", "乒乓球室", "羽毛球馆"),
)

_PAIR = re.compile(r"^(\d{1,2})\s*[:：]\s*(\d{1,3})$")
_EACH = re.compile(r"^(?:每(?:个)?年级)?\s*(\d{1,3})\s*(?:个)?(?:班|个班)?(?:/年级)?$")


def room_type_value(text: str) -> str:
    """A known room type (NFKC, no spaces), else ValueError naming the accepted ones."""
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if name in ROOM_TYPES:
        return name
    known = "、".join(ROOM_TYPES)
    raise ValueError(f"未知的场地类型「{text}」，可用：{known} / unknown room type {text!r}")


def classes_value(text: str) -> str:
    """The canonical form of a 行政班 cell: ``"3"`` or ``"1:3;2:3"`` (grades 1–12, ascending)."""
    raw = unicodedata.normalize("NFKC", text).strip()
    if m := _EACH.fullmatch(raw):
        if int(m.group(1)) < 1:
            raise ValueError("每年级班数至少为 1 / classes per grade must be ≥ 1")
        return str(int(m.group(1)))
    pairs: dict[int, int] = {}
    for part in re.split(r"[;；,，、\s]+", raw):
        if not part:
            continue
        m = _PAIR.fullmatch(part)
        if m is None or not 1 <= int(m.group(1)) <= 12 or int(m.group(1)) in pairs:
            raise ValueError(
                f"行政班格式应为「1:3;2:3」（年级:班数）或每年级班数「3」，「{part}」无效 / "
                f"classes must read grade:count;… (1:3;2:3) or one integer, not {part!r}"
            )
        pairs[int(m.group(1))] = int(m.group(2))
    if not pairs:
        raise ValueError("行政班不能为空 / classes must not be empty")
    return ";".join(f"{g}:{n}" for g, n in sorted(pairs.items()))


def classes_by_grade(text: str | None, grades: range) -> dict[int, int] | None:
    """Grade → classes for the school's `grades`, from a canonical cell; None when not given."""
    if not text:
        return None
    if ":" not in text:
        return dict.fromkeys(grades, int(text))
    given = {int(g): int(n) for g, n in (p.split(":") for p in text.split(";"))}
    return {g: given.get(g, 0) for g in grades}
