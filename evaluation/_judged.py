"""Judged sets: a query (or a school) with graded relevant catalogue ids, and who judged them.

The format is a CSV whose leading ``#`` lines are the judging note (who, when, how), then a
header. ``relevant`` lists ``ID:grade`` separated by ``;`` where an id is ``C123`` (course),
``SP045`` (specialist) or ``SR07`` (science resource), and ``C132-C138`` is an inclusive range.
Grades: 2 = exactly what was asked, 1 = related; the planner set (`judged_planner.csv`) grades
1-3 (3 = put it in the plan first) and is read with ``max_grade=3``. Ids that are not in the
catalogue are an error, not silently dropped: a judged set that points at nothing measures nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEARCH_CSV = DATA / "judged_search.csv"
RECOMMEND_CSV = DATA / "judged_recommend.csv"
PLANNER_CSV = DATA / "judged_planner.csv"
PLANNER_MAX_GRADE = 3
SPLITS = ("dev", "heldout")
PREFIXES = {"C": "courses", "SP": "specialists", "SR": "science_resources"}
_ID = re.compile(r"^(C|SP|SR)(\d+)$")


class JudgedSetError(ValueError):
    """A judged set that cannot be used: bad cell, unknown split, or ids not in the catalogue."""


@dataclass(frozen=True)
class JudgedCase:
    """One judged query: `text` is the query (search) or the school id (recommend)."""

    id: str
    split: str
    text: str
    relevant: dict[str, int]  # catalogue key ("courses/C001") -> grade 1..max_grade
    note: str = ""


@dataclass(frozen=True)
class JudgedSet:
    """Cases of one task with the judging note from the file header."""

    task: str
    note: str
    cases: tuple[JudgedCase, ...]

    def split(self, name: str) -> tuple[JudgedCase, ...]:
        return tuple(c for c in self.cases if c.split == name)


def expand_relevant(cell: str, max_grade: int = 2) -> dict[str, int]:
    """``C001-C003:2;SP045:1`` -> {"courses/C001": 2, ..., "specialists/SP045": 1}."""
    out: dict[str, int] = {}
    allowed = {str(g) for g in range(1, max_grade + 1)}
    for part in (p.strip() for p in cell.split(";")):
        if not part:
            continue
        ids, sep, grade_text = part.rpartition(":")
        if not sep or grade_text not in allowed:
            raise JudgedSetError(
                f"等级应为 1–{max_grade} / grade must be 1 to {max_grade}: {part!r}"
            )
        for key in _expand_ids(ids):
            out[key] = max(out.get(key, 0), int(grade_text))
    return out


def _expand_ids(ids: str) -> list[str]:
    first, _, last = ids.partition("-")
    a, b = _ID.match(first.strip()), _ID.match((last or first).strip())
    if a is None or b is None or a.group(1) != b.group(1):
        raise JudgedSetError(f"无法识别的编号 / unreadable id {ids!r}")
    prefix, width = a.group(1), len(a.group(2))
    lo, hi = int(a.group(2)), int(b.group(2))
    if hi < lo:
        raise JudgedSetError(f"编号范围颠倒 / reversed range {ids!r}")
    return [f"{PREFIXES[prefix]}/{prefix}{n:0{width}d}" for n in range(lo, hi + 1)]


def load_judged(
    path: Path,
    known: Collection[str],
    task: str = "search",
    text_column: str = "query",
    max_grade: int = 2,
) -> JudgedSet:
    """Read a judged set; raise JudgedSetError naming the row if any id is not in `known`
    or a grade is outside 1..`max_grade` (2 for the topical sets, 3 for the planner set)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    note = "\n".join(line.lstrip("# ").rstrip() for line in lines if line.startswith("#"))
    rows = csv.DictReader([line for line in lines if line and not line.startswith("#")])
    known_set = set(known)
    cases = []
    for n, row in enumerate(rows, start=1):
        case = _case(row, text_column, path, n, max_grade)
        missing = sorted(k for k in case.relevant if k not in known_set)
        if missing:
            raise JudgedSetError(
                f"{path.name} 第{n}行 {case.id}: 目录中没有 / not in the catalogue: "
                + ", ".join(missing[:5])
            )
        cases.append(case)
    if not cases:
        raise JudgedSetError(f"{path.name}: 没有评判数据 / no judged rows")
    return JudgedSet(task=task, note=note, cases=tuple(cases))


def _case(row: dict[str, str], text_column: str, path: Path, n: int, max_grade: int) -> JudgedCase:
    try:
        case_id, split, text = row["id"], row["split"], row[text_column]
        relevant = expand_relevant(row["relevant"], max_grade)
    except KeyError as exc:
        raise JudgedSetError(f"{path.name}: 缺少列 / missing column {exc}") from exc
    except JudgedSetError as exc:
        raise JudgedSetError(f"{path.name} 第{n}行 / row {n}: {exc}") from exc
    if split not in SPLITS:
        raise JudgedSetError(f"{path.name} 第{n}行: 未知划分 / unknown split {split!r}")
    if not relevant:
        raise JudgedSetError(f"{path.name} 第{n}行: 没有相关条目 / no relevant ids")
    return JudgedCase(case_id, split, text.strip(), relevant, row.get("themes", "") or "")
