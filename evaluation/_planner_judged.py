"""Planner judgments (issue 16 point 5): two judges' 0-3 grades -> `judged_planner.csv`.

Each judged school of `judged_recommend.csv` has a sheet (scripts/make_planner_sheets.py): its
candidate pool in id order, without scores. A judge writes one grades file per sheet
(`id,grade,note`, every sheet row graded 0-3 by data/planner_rubric.md). Judge A owns r01-r15,
judge B r16-r30; each also graded three of the other's cases, and on those six the owner's
grades are kept and the two are compared (exact agreement, quadratic-weighted Cohen's kappa).
The output has the format of the other judged sets with grades 1-3 (0 = not listed) and the
same dev/heldout split as `judged_recommend.csv`.
"""

from __future__ import annotations

import csv
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evaluation._judged import JudgedSetError

GRADES = (0, 1, 2, 3)


@dataclass(frozen=True)
class PlannerCase:
    """One judged school: its row of judged_recommend.csv and the owner's grades."""

    id: str
    split: str
    school_id: str
    themes: str
    owner: str
    grades: dict[str, int]  # sheet id ("C068") -> 0..3, in sheet order


def owner_of(case_id: str) -> str:
    """Judge A owns r01-r15, judge B r16-r30 (each judged 3 of the other's cases too)."""
    return "A" if int(case_id.lstrip("r")) <= 15 else "B"


def sheet_ids(path: Path) -> list[str]:
    """The item ids of one sheet, in its (id) order."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row["id"] for row in csv.DictReader(fh)]


def read_grades(path: Path, expected: Sequence[str] | None = None) -> dict[str, int]:
    """One judge's grades for one sheet; every sheet id (`expected`, when given) exactly once,
    each grade 0-3, or a JudgedSetError naming the file, the row and the column."""
    out: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"id", "grade"} <= set(reader.fieldnames or ()):
            raise JudgedSetError(f"{path.name}: 缺少列 id/grade / missing column id or grade")
        for n, row in enumerate(reader, start=2):
            where = f"{path.name} 第{n}行 / row {n}"
            item, grade = (row.get("id") or "").strip(), (row.get("grade") or "").strip()
            if grade not in {str(g) for g in GRADES}:
                raise JudgedSetError(
                    f"{where} 列 grade: 等级应为 0–3 / grade must be 0 to 3: {grade!r} ({item})"
                )
            if item in out:
                raise JudgedSetError(f"{where} 列 id: 重复 / duplicate id {item}")
            out[item] = int(grade)
    if expected is None:
        return out
    missing = [i for i in expected if i not in out]
    extra = sorted(set(out) - set(expected))
    if missing or extra:
        raise JudgedSetError(
            f"{path.name}: 与评判表不符 / ids differ from the sheet: "
            f"missing {missing[:5]}, not on the sheet {extra[:5]}"
        )
    return {i: out[i] for i in expected}


def recommend_rows(path: Path) -> list[dict[str, str]]:
    """The rows (id, split, school_id, themes) of judged_recommend.csv."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return list(csv.DictReader([ln for ln in lines if ln and not ln.startswith("#")]))


def collect(
    rows: Sequence[Mapping[str, str]], judges: Mapping[str, Path], sheets: Path | None = None
) -> tuple[list[PlannerCase], dict[str, dict[str, dict[str, int]]]]:
    """(cases with the owner's grades, overlap: case id -> judge -> grades). The ids must be
    the sheet's (`sheets` given) or else the owner's file's, for every judge of a case."""
    cases, overlap = [], {}
    for row in rows:
        stem = f"{row['id']}_{row['school_id']}"
        owner = owner_of(row["id"])
        own_file = judges[owner] / f"{stem}.csv"
        if not own_file.exists():
            raise JudgedSetError(f"{stem}.csv: 评判人 {owner} 未评 / judge {owner} has no grades")
        expected = sheet_ids(sheets / f"{stem}.csv") if sheets else list(read_grades(own_file))
        by_judge = {
            judge: read_grades(folder / f"{stem}.csv", expected)
            for judge, folder in sorted(judges.items())
            if (folder / f"{stem}.csv").exists()
        }
        if len(by_judge) > 1:
            overlap[row["id"]] = by_judge
        cases.append(
            PlannerCase(
                row["id"], row["split"], row["school_id"], row["themes"], owner, by_judge[owner]
            )
        )
    return cases, overlap


def agreement(overlap: Mapping[str, Mapping[str, Mapping[str, int]]]) -> dict[str, float]:
    """Item-level agreement of judges A and B over the overlap cases: exact share, share within
    one grade, and quadratic-weighted Cohen's kappa (sklearn)."""
    from sklearn.metrics import cohen_kappa_score

    a: list[int] = []
    b: list[int] = []
    for case in sorted(overlap):
        grades = overlap[case]
        for item in grades["A"]:
            a.append(grades["A"][item])
            b.append(grades["B"][item])
    if not a:
        return {"items": 0, "cases": 0}
    kappa = cohen_kappa_score(a, b, weights="quadratic", labels=list(GRADES))
    return {
        "cases": len(overlap),
        "items": len(a),
        "exact": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(a), 4),
        "within_one": round(sum(abs(x - y) <= 1 for x, y in zip(a, b, strict=True)) / len(a), 4),
        "kappa_quadratic": round(float(kappa), 4),
    }


def relevant_cell(grades: Mapping[str, int]) -> str:
    """``C068:1;SP036:3`` from the graded ids (grade 0 = not listed), in sheet order."""
    return ";".join(f"{item}:{g}" for item, g in grades.items() if g > 0)


def planner_csv(cases: Sequence[PlannerCase], note: Sequence[str]) -> str:
    """The judged set's text: `#` note lines, header, one row per case with a listed item."""
    lines = [f"# {line}".rstrip() for line in note]
    lines.append("id,split,school_id,themes,relevant")
    for c in cases:
        cell = relevant_cell(c.grades)
        if cell:
            lines.append(f"{c.id},{c.split},{c.school_id},{c.themes},{cell}")
    return "\n".join(lines) + "\n"


def planner_note(
    date: str,
    cases: Sequence[PlannerCase],
    overlap: Mapping[str, Mapping[str, Mapping[str, int]]],
    agree: Mapping[str, float],
) -> list[str]:
    """The judging note: who, when, the rubric in brief, the pool, the split, the owners of
    the overlap cases and the agreement."""
    dev = sum(c.split == "dev" for c in cases)
    shared = ", ".join(f"{c} ({owner_of(c)}'s kept)" for c in sorted(overlap)) or "none"
    empty = [c.id for c in cases if not relevant_cell(c.grades)]
    graded = sum(len(c.grades) for c in cases)
    listed = sum(g > 0 for c in cases for g in c.grades.values())
    text = (
        "kehou judged set: planner judgments of school programmes (issue 16 point 5), 株洲 demo "
        f"data. Judged {date} by two independent judges, A and B, each from the sheets and the "
        "rubric only (never the system's code, scores or rankings). Rubric: "
        "evaluation/data/planner_rubric.md. In brief, each candidate is graded 0-3 as the "
        "school's 课后服务 planner would: topic first (answers a main wish exactly, or related; "
        "bigger wishes count more), then practicality: distance (a weekly outside person 5-15 km "
        "one step lower, >15 km one or two; a resource >30 km one lower), cost (a family fee >= "
        "0.8 of the cap one lower unless it is the top wish and nothing cheaper does it; the "
        "school paying >= 150 yuan a session for what its own teachers could run is a concern), "
        "staffing (own teachers dependable, a matching strength a plus; a verified expert a plus; "
        "unverified one lower), grades outside the school's -> 0; a practical item filling a 五育 "
        "gap may get 1. 3 = put it in first, 2 = good, 1 = acceptable, 0 = would not choose it.\n"
        "Pool (scripts/make_planner_sheets.py, tfidf backend, the scorer before the fit): per "
        "school the union of the top 15 of the full scorer, of each one-term ablation and of a "
        "fit-only scorer, plus the items judged in judged_recommend.csv; all pass the hard rules; "
        "shown in id order with distance, fees, staffing and grades, without scores.\n"
        f"{len(cases)} schools, {graded} graded items, {listed} listed (grade >= 1; 0 = not "
        f"listed). Split: as judged_recommend.csv ({dev} dev, {len(cases) - dev} heldout; the "
        "weights are fitted on dev only).\n"
        f"Owners: A r01-r15, B r16-r30; graded by both: {shared}.\n"
        f"Agreement on the {agree.get('cases', 0)} overlap cases ({agree.get('items', 0)} "
        f"items): exact {agree.get('exact', 0):.1%}, within one grade "
        f"{agree.get('within_one', 0):.1%}, quadratic-weighted Cohen's kappa "
        f"{agree.get('kappa_quadratic', 0):.3f}.\n"
        "Assembled by scripts/assemble_planner_judgments.py from evaluation/data/planner_grades/."
    )
    if empty:
        text += f"\nLeft out (no item graded >= 1): {', '.join(empty)}."
    return [line for para in text.split("\n") for line in textwrap.wrap(para, 92)]
