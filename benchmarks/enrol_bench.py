"""Every enrolment mechanism on one school: 3,000 students × 40 sections, skewed popularity.

Prints one table: seconds (median of runs), first-choice share, mean rank, placed, unplaced,
envy, and each mechanism's time against `rsd` (the baseline) in the same process.
Targets (issue 15): `optimal` ≤ 5 s on 2 cores; better mean rank than `rsd`, no more unplaced.

Reproduce:
    PYTHONPATH=. python benchmarks/enrol_bench.py [--students 3000] [--sections 40] [--runs 3]
        [--per-week 2 1] [--manipulate 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from matcher.enrolment import MECHANISMS, EnrolConfig, Offering, Student, enrol, figures

_DAYS = ("周一", "周二", "周三", "周四", "周五")


def _in_grades(offering: Offering, grade: int) -> bool:
    return offering.grades is None or offering.grades[0] <= grade <= offering.grades[1]


def _offerings(n_sections: int, capacity: int, rng: np.random.Generator) -> list[Offering]:
    """Courses of 1–2 sections over five afternoons, two periods each, random grade ranges."""
    n_courses = max(1, int(n_sections * 0.75))
    section_counts = [1] * n_courses
    for i in range(n_sections - n_courses):
        section_counts[i % n_courses] += 1
    offerings = []
    for c, sections in enumerate(section_counts):
        lo = int(rng.integers(1, 5))
        offerings.append(
            Offering(
                item_id=f"C{c:03d}",
                title=f"课程{c}",
                slot=f"{_DAYS[c % 5]}下午",
                start=("15:40", "16:30")[(c // 5) % 2],
                sections=sections,
                capacity=capacity,
                fee_per_session=float(rng.choice([2.0, 3.0, 4.0])),
                grades=(lo, min(6, lo + int(rng.integers(2, 6)))),
            )
        )
    return offerings


def make_school(
    n_students: int, n_sections: int, seed: int, *, choices: int = 5
) -> tuple[list[Offering], list[Student]]:
    """Zipf-like popularity (exponent 0.9); seats ≈ 1.1 × students; 80% stay each afternoon."""
    rng = np.random.default_rng(seed)
    offerings = _offerings(n_sections, max(1, round(1.1 * n_students / n_sections)), rng)
    popularity = 1.0 / np.arange(1, len(offerings) + 1) ** 0.9
    start = datetime(2026, 9, 1, 12, 0, 0)
    students = []
    for s in range(n_students):
        grade = int(rng.integers(1, 7))
        fits = [i for i, o in enumerate(offerings) if _in_grades(o, grade)]
        p = popularity[fits] / popularity[fits].sum()
        picked = rng.choice(fits, size=min(choices, len(fits)), replace=False, p=p)
        stays = tuple(d for d in _DAYS if rng.random() < 0.8) or _DAYS[:1]
        students.append(
            Student(
                key=f"k{s:05d}",
                code=f"S{s:05d}",
                grade=grade,
                choices=tuple(offerings[i].item_id for i in picked),
                exempt=bool(rng.random() < 0.08),
                days=stays,
                submitted_at=start + timedelta(seconds=float(rng.exponential(30))),
            )
        )
    return offerings, students


def _table(offerings: list[Offering], students: list[Student], per_week: int, args: Any) -> None:
    print(
        f"\n{len(students)} students × {sum(o.sections for o in offerings)} sections "
        f"({len(offerings)} courses), {sum(o.seats for o in offerings)} seats, "
        f"≤ {per_week} a week, seed {args.seed}, median of {args.runs} runs"
    )
    print(
        f"{'mechanism':<10}{'seconds':>9}{'× rsd':>8}{'first':>8}{'mean rank':>11}"
        f"{'+unplaced':>11}{'placed':>8}{'unplaced':>10}{'placements':>12}{'envy':>8}"
    )
    base = None
    for name in ("rsd", *[m for m in MECHANISMS if m != "rsd"]):
        cfg = EnrolConfig(mechanism=name, seed=args.seed, max_per_week=per_week)
        times, run = [], None
        for _ in range(args.runs):
            t0 = time.perf_counter()
            run = enrol(offerings, students, cfg)
            times.append(time.perf_counter() - t0)
        assert run is not None
        seconds = statistics.median(times)
        base = base or seconds
        f = figures(run)
        print(
            f"{name:<10}{seconds:>9.3f}{seconds / base:>8.1f}{f['first_choice_share']:>8.3f}"
            f"{f['mean_rank']:>11.3f}{f['mean_rank_with_unplaced']:>11.3f}{f['placed']:>8}"
            f"{f['unplaced']:>10}{f['placements']:>12}{f['envy']:>8}"
        )


def _quiet_courses(offerings: list[Offering], students: list[Student]) -> list[str]:
    """Courses from least to most demanded (seats per student who listed it): the safe picks."""
    listed: dict[str, int] = {}
    for st in students:
        for item in st.choices:
            listed[item] = listed.get(item, 0) + 1
    seats: dict[str, int] = {}
    for o in offerings:
        seats[o.item_id] = seats.get(o.item_id, 0) + o.seats
    return sorted(seats, key=lambda item: -seats[item] / max(1, listed.get(item, 0)))


def _lie(student: Student, strategy: str, quiet: list[str], offerings: list[Offering]) -> Student:
    """`truncate`: the first choice alone; `safety`: the first choice, then two quiet courses."""
    if strategy == "truncate":
        return replace(student, choices=student.choices[:1])
    open_to = {o.item_id for o in offerings if _in_grades(o, student.grade)}
    fits = [item for item in quiet if item != student.choices[0] and item in open_to]
    return replace(student, choices=(student.choices[0], *fits[:2]))


def manipulation(
    offerings: list[Offering], students: list[Student], name: str, per_week: int, args: Any
) -> dict[str, int]:
    """Of `args.manipulate` students without their first choice, how many get it by lying
    alone (everyone else truthful)? rsd is strategy-proof: always 0."""
    cfg = EnrolConfig(mechanism=name, seed=args.seed, max_per_week=per_week)
    held = enrol(offerings, students, cfg).held()
    missed = [s for s, ps in enumerate(held) if not any(p.rank == 1 for p in ps)]
    quiet = _quiet_courses(offerings, students)
    gains = {"tried": 0, "truncate": 0, "safety": 0}
    for s in missed[: args.manipulate]:
        gains["tried"] += 1
        for strategy in ("truncate", "safety"):
            liar = _lie(students[s], strategy, quiet, offerings)
            lied = enrol(offerings, [*students[:s], liar, *students[s + 1 :]], cfg)
            gains[strategy] += any(p.student == s and p.rank == 1 for p in lied.placements)
    return gains


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--students", type=int, default=3000)
    parser.add_argument("--sections", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-week", type=int, nargs="+", default=[2, 1])
    parser.add_argument(
        "--manipulate", type=int, default=0, help="students who try truncating their list"
    )
    args = parser.parse_args()
    offerings, students = make_school(args.students, args.sections, args.seed)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for per_week in args.per_week:
        _table(offerings, students, per_week, args)
        if args.manipulate:
            for name in MECHANISMS:
                g = manipulation(offerings, students, name, per_week, args)
                print(
                    f"  {name}: of {g['tried']} without their first choice, {g['truncate']} get "
                    f"it by listing it alone, {g['safety']} by adding two quiet courses after it"
                )


if __name__ == "__main__":
    main()
