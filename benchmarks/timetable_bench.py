"""The daily timetable: CP-SAT solve time per school and demand covered, against the old greedy
plan in the same run; then the semester waiver per exempt student by district, beside the
source policy's spring-2023 figures.

For every demo school the recommender picks its items once (tfidf backend: the timetable does
not depend on the embedder); then the same items are (a) placed by the CP-SAT week
(`plan_week`, inputs built from the school record, model built and solved) and (b) by the greedy
plan kehou used before (`_greedy_plan.build_timetable`). Both are timed (median of --runs).
"Demand covered" is the weekly attendances the surveys ask for (per item and grade band, the
model's own demand) that a plan seats, capped per item; "room clashes" counts sections beyond a
room's count in one period (the greedy plan has no rooms and no clock times, so every section
of a special-room item in one slot beyond the count is a clash).

Reproduce (from the project root, after `make demo`, or with --import to build a demo db):

    .venv/bin/python -m benchmarks.timetable_bench --db demo-out/kehou-demo.db
    .venv/bin/python -m benchmarks.timetable_bench --import /tmp/tt-demo.db --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from benchmarks._timing import median_seconds
from catalog import Kind, School, Settings
from catalog._store import open_store
from matcher import (
    TimetableEntry,
    Week,
    district_costs,
    greedy_room_clashes,
    greedy_timetable,
    open_engine,
    plan_week,
    surveys_by_school,
    weekly_demand,
)

#: Spring 2023, the source policy: district -> (exempt students, yuan waived).
POLICY_2023: dict[str, tuple[int, float]] = {
    "天元区": (525, 472_675), "荷塘区": (1071, 959_265), "芦淞区": (743, 655_226),
    "石峰区": (460, 429_034), "渌口区": (380, 283_951), "醴陵市": (3414, 2_189_196),
    "攸县": (2056, 1_208_967.5), "茶陵县": (7281, 3_743_330.5), "炎陵县": (22, 17_080),
}  # fmt: skip


def _covered(rows: Sequence[TimetableEntry], want: Mapping[str, int]) -> int:
    """Attendances seated, capped per item by what the surveys ask for."""
    got: Counter[str] = Counter()
    for r in rows:
        if r.item_id is not None and r.item_id in want:
            got[r.item_id] += r.expected_students
    return sum(min(n, want[i]) for i, n in got.items())


def _clashes(week: Week) -> int:
    """Sections beyond one per concrete room and period in the CP-SAT week (should be 0)."""
    per_room = Counter((r.slot, r.start, r.room) for r in week.rows)
    return sum(n - 1 for n in per_room.values() if n > 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="demo-out/kehou-demo.db")
    ap.add_argument(
        "--import", dest="build", default=None, help="import the demo data into this db"
    )
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    settings = Settings(db=args.build or args.db)
    if args.build and not Path(args.build).exists():
        from catalog._importer import import_paths
        from catalog.demo_data import DEMO_DATA_DIR

        import_paths([DEMO_DATA_DIR], settings, semester="2026秋", user="bench")
    with open_store(settings) as store:
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        surveys = surveys_by_school(store, "2026秋")
        engine = open_engine(store, settings, "tfidf")
    rec = engine.recommender()
    cfg = rec.config.plan
    new_t, old_t, new_cov, old_cov, wanted, clash_old, clash_new = [], [], 0, 0, 0, 0, 0
    costs = []
    for sid in sorted(schools):
        school = schools[sid]
        p = rec.programme(school, surveys.get(sid, []))
        items = list(p.items)
        prof = p.context.profile if p.context else None
        solve = partial(
            plan_week, school, items, None, cfg.timetable, getattr(prof, "respondents", 0),
            getattr(prof, "preferred_days", {}),
        )  # fmt: skip
        new_t.append(median_seconds(solve, args.runs))
        old_t.append(
            median_seconds(partial(greedy_timetable, items, school, settings.fee_caps), args.runs)
        )
        week: Week = solve()
        greedy, _ = greedy_timetable(items, school, settings.fee_caps)
        want = weekly_demand(
            school, items, getattr(prof, "respondents", 0), getattr(prof, "preferred_days", {}),
            cfg.timetable,
        )  # fmt: skip
        wanted += sum(want.values())
        new_cov += _covered(week.rows, want)
        old_cov += _covered(greedy, want)
        clash_old += greedy_room_clashes(greedy, items, school)
        clash_new += _clashes(week)
        costs.append((school, p.costs))
    load = os.getloadavg()[0]
    cores = os.cpu_count()
    print(f"{len(schools)} demo schools, {args.runs} runs each, load {load:.1f} on {cores} cores")
    print(
        f"{'plan':<22} {'median s':>9} {'worst s':>8} {'demand covered':>15} {'room clashes':>13}"
    )
    print(f"{'CP-SAT week (new)':<22} {statistics.median(new_t):>9.3f} {max(new_t):>8.3f} "
          f"{100 * new_cov / max(1, wanted):>14.1f}% {clash_new:>13}")  # fmt: skip
    print(f"{'greedy (old)':<22} {statistics.median(old_t):>9.4f} {max(old_t):>8.4f} "
          f"{100 * old_cov / max(1, wanted):>14.1f}% {clash_old:>13}")  # fmt: skip
    ratio = statistics.median(new_t) / max(1e-9, statistics.median(old_t))
    print(f"ratio new/old median time: {ratio:.0f}x")
    print()
    print(f"{'district':<8} {'schools':>7} {'exempt':>7} {'waiver/exempt':>14} "
          f"{'policy 2023':>12} {'subsidy':>12}")  # fmt: skip
    for d in district_costs(costs):
        n, yuan = POLICY_2023.get(d.district, (0, 0.0))
        policy = f"{yuan / n:.0f}" if n else "—"
        print(f"{d.district:<8} {d.schools:>7} {d.exempt_students:>7} {d.waiver_per_exempt:>14.0f} "
              f"{policy:>12} {d.subsidy_needed:>12.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
