"""Assemble `evaluation/data/judged_planner.csv` from the two judges' grades (issue 16 point 5).

With `--import-from DIR` (the judging folder: sheets/, grades_A/, grades_B/, RUBRIC.md) the
grades are first checked against the sheets (every sheet row graded once, 0-3) and copied into
evaluation/data/planner_grades/{A,B}/ and the rubric into evaluation/data/planner_rubric.md;
without it the judged set is rebuilt from those copies (same output for the same files).

    PYTHONPATH=. .venv/bin/python scripts/assemble_planner_judgments.py \\
        --import-from /work/wt/_judge --date 2026-11-29
    PYTHONPATH=. .venv/bin/python scripts/assemble_planner_judgments.py --date 2026-11-29
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation._judged import DATA, PLANNER_CSV, RECOMMEND_CSV, JudgedSetError  # noqa: E402
from evaluation._planner_judged import (  # noqa: E402
    agreement,
    collect,
    planner_csv,
    planner_note,
    recommend_rows,
)

GRADES_DIR = DATA / "planner_grades"
JUDGES = ("A", "B")


def import_grades(source: Path, dest: Path) -> None:
    """Check the judges' files against the sheets, then copy them (and the rubric) in."""
    rows = recommend_rows(RECOMMEND_CSV)
    folders = {j: source / f"grades_{j}" for j in JUDGES}
    collect(rows, folders, sheets=source / "sheets")
    for judge, folder in folders.items():
        (dest / judge).mkdir(parents=True, exist_ok=True)
        for path in sorted(folder.glob("r*.csv")):
            shutil.copyfile(path, dest / judge / path.name)
    shutil.copyfile(source / "RUBRIC.md", DATA / "planner_rubric.md")


def assemble(grades: Path, out: Path, date: str) -> str:
    """Write the judged set from the grades under `grades`; returns the agreement line."""
    rows = recommend_rows(RECOMMEND_CSV)
    cases, overlap = collect(rows, {j: grades / j for j in JUDGES})
    agree = agreement(overlap)
    note = planner_note(date, cases, overlap, agree)
    out.write_text(planner_csv(cases, note), encoding="utf-8")
    return next(line for line in note if line.startswith("Agreement"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--import-from", type=Path, default=None)
    p.add_argument("--grades", type=Path, default=GRADES_DIR)
    p.add_argument("--out", type=Path, default=PLANNER_CSV)
    p.add_argument("--date", required=True, help="the day the judges graded, YYYY-MM-DD")
    args = p.parse_args(argv)
    try:
        if args.import_from is not None:
            import_grades(args.import_from, args.grades)
        print(assemble(args.grades, args.out, args.date))
    except (JudgedSetError, FileNotFoundError) as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
