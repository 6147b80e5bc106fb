"""Figures of one enrolment: first-choice share, mean rank, unplaced, envy; by grade and exempt.

Envy counts (student, student, course) cases between students of equal priority where the
first ranked a course the second holds, ranked it higher than the second did, could attend it
(grade, days, fee) and would have wanted it (it beats something they hold, or they had room).
With one course a week these are the pairs of the issue's definition.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from matcher.enrolment._enrol import Enrolment


def _group(run: Enrolment, members: list[int], envy: int | None) -> dict[str, Any]:
    held = run.held()
    ranks = [p.rank for s in members for p in held[s]]
    first = sum(1 for s in members if any(p.rank == 1 for p in held[s]))
    n = len(members)
    students = run.instance.students
    # an unplaced student counts as one rank below their last choice (the "no worse off")
    with_unplaced = ranks + [len(students[s].choices) + 1 for s in members if not held[s]]
    out: dict[str, Any] = {
        "students": n,
        "placed": sum(1 for s in members if held[s]),
        "unplaced": sum(1 for s in members if not held[s]),
        "placements": len(ranks),
        "first_choice_share": round(first / n, 4) if n else 0.0,
        "mean_rank": round(sum(ranks) / len(ranks), 4) if ranks else None,
        "mean_rank_with_unplaced": (
            round(sum(with_unplaced) / len(with_unplaced), 4) if with_unplaced else None
        ),
    }
    if envy is not None:
        out["envy"] = envy
    return out


def envy_count(run: Enrolment, *, who: Callable[[int], bool] = lambda s: True) -> int:
    """Envy cases (see module doc) where the envious student satisfies `who`."""
    inst = run.instance
    held = run.held()
    holders: dict[tuple[str, int], list[int]] = defaultdict(list)
    for p in run.placements:
        item = inst.offerings[p.offering].item_id
        holders[(item, inst.students[p.student].priority)].append(p.rank)
    for ranks in holders.values():
        ranks.sort()
    total = 0
    for s, opts in enumerate(inst.options):
        if not who(s):
            continue
        got = {inst.offerings[p.offering].item_id for p in held[s]}
        worst = max((p.rank for p in held[s]), default=None)
        room = len(held[s]) < inst.max_per_week
        for opt in opts:
            if opt.item_id in got or not (room or (worst is not None and opt.rank < worst)):
                continue
            ranks = holders.get((opt.item_id, inst.students[s].priority), [])
            total += len(ranks) - bisect.bisect_right(ranks, opt.rank)
    return total


def figures(run: Enrolment) -> dict[str, Any]:
    """The `stats` object of `kehou enrol --json`: overall, by grade, and for exempt students."""
    students = run.instance.students
    everyone = list(range(len(students)))
    out = _group(run, everyone, envy_count(run))
    out["mechanism"] = run.mechanism
    out["seconds"] = round(run.seconds, 3)
    grades: dict[int, list[int]] = defaultdict(list)
    for s, st in enumerate(students):
        grades[st.grade].append(s)
    out["by_grade"] = {
        str(g): _group(run, members, envy_count(run, who=set(members).__contains__))
        for g, members in sorted(grades.items())
    }
    exempt = [s for s, st in enumerate(students) if st.exempt]
    out["exempt"] = _group(run, exempt, envy_count(run, who=lambda s: students[s].exempt))
    return out
