"""Which afternoon each school gets a shared specialist: one place at a time.

A specialist given to several schools must be at most one school per afternoon, on a day the
specialist is available AND the school runs after-school service. Given the schools the solver
chose for one specialist, `assign_days` finds a day for each by maximum bipartite matching
(schools × days, each day used once); a school left without a day is returned so the caller
can forbid that pair and solve again. Science resources (visits by date) carry no weekly days.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from catalog.policy import slot_window
from matcher.allocation._model import SolveResult

if TYPE_CHECKING:
    from matcher.allocation._bureau import ResourceInfo, SchoolInfo

#: School afternoons, 周一 … 周五 (index 0 = Monday).
WEEKDAYS: tuple[str, ...] = ("周一", "周二", "周三", "周四", "周五")
ALL_DAYS: frozenset[int] = frozenset(range(len(WEEKDAYS)))


def weekdays(slots: Sequence[str]) -> frozenset[int]:
    """School days named in `slots` (`周二下午`, `星期四 16:00-17:30`); none stated → all five."""
    days = {s.day for s in (slot_window(t) for t in slots) if s is not None and s.day < 5}
    return frozenset(days) if slots else ALL_DAYS


def day_names(days: frozenset[int] | Sequence[int]) -> list[str]:
    return [WEEKDAYS[d] for d in sorted(days)]


def _augment(
    school: int,
    options: Mapping[int, Sequence[int]],
    owner: dict[int, int],
    seen: set[int],
) -> bool:
    """Kuhn's augmenting path: give `school` a day, moving earlier schools if needed."""
    for day in options[school]:
        if day in seen:
            continue
        seen.add(day)
        if day not in owner or _augment(owner[day], options, owner, seen):
            owner[day] = school
            return True
    return False


def assign_days(
    schools: Sequence[int],
    school_days: Sequence[frozenset[int]],
    resource_days: frozenset[int],
) -> tuple[dict[int, int], list[int]]:
    """(school → day, schools without a day) for one specialist's chosen `schools`.

    Maximum matching, so a day is missing only when no assignment of afternoons can seat them
    all (Hall's condition fails); schools with fewer options are seated first, ties by index,
    so the answer is the same every run.
    """
    options = {s: sorted(school_days[s] & resource_days) for s in schools}
    owner: dict[int, int] = {}
    unplaced = []
    for school in sorted(schools, key=lambda s: (len(options[s]), s)):
        if not _augment(school, options, owner, set()):
            unplaced.append(school)
    return {s: d for d, s in owner.items()}, sorted(unplaced)


def had_before(
    schools: Sequence[SchoolInfo],
    resources: Sequence[ResourceInfo],
    previous: Mapping[str, Collection[str]],
) -> npt.NDArray[np.bool_]:
    """had[s, r]: school s received resource r last semester."""
    return np.array(
        [[r.id in previous.get(s.id, ()) for r in resources] for s in schools], dtype=bool
    ).reshape(len(schools), len(resources))


def day_mask(
    schools: Sequence[SchoolInfo], resources: Sequence[ResourceInfo]
) -> npt.NDArray[np.bool_]:
    """A specialist only for a school that runs after-school service on one of its days."""
    return np.array(
        [[r.days is None or bool(s.days & r.days) for r in resources] for s in schools],
        dtype=bool,
    ).reshape(len(schools), len(resources))


def day_capacity(resource: ResourceInfo) -> ResourceInfo:
    """One school per afternoon: a specialist serves at most as many schools as days."""
    if resource.days is None:
        return resource
    return replace(resource, capacity=min(resource.capacity, len(resource.days)))


def settle_days(
    result: SolveResult, schools: Sequence[SchoolInfo], resources: Sequence[ResourceInfo]
) -> tuple[dict[tuple[int, int], int], list[tuple[int, int]]]:
    """Day per chosen (resource, school) pair of a specialist, and the pairs with no day."""
    chosen: dict[int, list[int]] = {}
    for r, s in result.assignment:
        if resources[r].days is not None:
            chosen.setdefault(r, []).append(s)
    days: dict[tuple[int, int], int] = {}
    clashes: list[tuple[int, int]] = []
    for r, group in sorted(chosen.items()):
        got, missing = assign_days(group, [s.days for s in schools], resources[r].days or ALL_DAYS)
        days.update({(r, s): d for s, d in got.items()})
        clashes += [(r, s) for s in missing]
    return days, clashes
