"""Demand the week could not meet, per topic, and the constraint that binds, in Chinese.

"计算机教室只有1间，编程类需要3个班次" tells a planner what to change (a room, a day of a
specialist, a teacher), which "infeasible" never does.
"""

from __future__ import annotations

from collections.abc import Sequence

from matcher._tt_inputs import CLASSROOM
from matcher._tt_model import Offer, Problem, Solution, needed_sections
from matcher._types import ScoredItem, UnmetDemand


def _rooms_bind(offer: Offer, item: ScoredItem, problem: Problem, solution: Solution) -> str:
    """The special rooms this item may use are full every period of the week."""
    special = [r for r in problem.rooms if r.name in offer.rooms]
    if not special or CLASSROOM in offer.rooms:
        return ""
    names = {r.name for r in special}
    slots = len(problem.days) * len(problem.periods)
    capacity = sum(r.count for r in special) * slots
    used = sum(n for k, n in solution.sections.items() if k[4] in names)
    if used < capacity:
        return ""
    sharing = [o for o in problem.offers if names & set(o.rooms)]
    needed = sum(needed_sections(sum(o.demand.values()), o.capacity) for o in sharing)
    count = sum(r.count for r in special)
    return (
        f"{item.room.label}只有{count}间，{item.room.label}类课程需要{needed}个班次，"
        f"每周最多{capacity}个（{len(problem.days)}天×{len(problem.periods)}节）"
    )


def _person_binds(offer: Offer, item: ScoredItem, solution: Solution) -> str:
    if offer.person is None:
        return ""
    mine = sum(n for k, n in solution.sections.items() if k[0] == offer.item_id)
    if mine < len(offer.when) * offer.person_limit:
        return ""
    days = "、".join(dict.fromkeys(d for d, _ in offer.when))
    return f"{item.staff}每周只能在本校上{len(offer.when)}次课（{days}）"


def _teachers_bind(offer: Offer, problem: Problem, solution: Solution) -> str:
    if offer.person is not None:
        return ""
    for (day, per), groups in solution.self_study.items():
        own = sum(
            n for k, n in solution.sections.items()
            if k[1] == day and k[2] == per and _is_own(problem, k[0])
        )  # fmt: skip
        if own + groups >= problem.teachers:
            return f"本校教师每天下午只有{problem.teachers}人，还要看护自主学习"
    return ""


def _is_own(problem: Problem, item_id: str) -> bool:
    return any(o.item_id == item_id and o.person is None for o in problem.offers)


def binding(offer: Offer, item: ScoredItem, problem: Problem, solution: Solution) -> str:
    """The first constraint that explains why this item got fewer students than wanted."""
    if not offer.rooms:
        return f"学校没有{item.room.label}，{item.title}无法安排"
    if not offer.when:
        return f"{item.staff}在本校没有可上课的课后服务时段（本人时段或教育局分配的日子）"
    if not any(offer.demand.values()):
        return "本校没有适合该项目年级的学生"
    return (
        _rooms_bind(offer, item, problem, solution)
        or _person_binds(offer, item, solution)
        or _teachers_bind(offer, problem, solution)
        or "活动课时已排满：留校学生每天只有一个活动时段"
    )


def diagnose(
    items: Sequence[ScoredItem], problem: Problem, solution: Solution, placed: frozenset[str]
) -> tuple[list[UnmetDemand], list[str]]:
    """Unmet demand per topic, and a warning for each item that could not be placed at all."""
    by_id = {i.id: i for i in items}
    unmet, warnings = [], []
    if solution.status not in ("OPTIMAL", "FEASIBLE"):
        warnings.append(f"排课模型无解（{solution.status}） / the timetable model has no solution")
    for offer in problem.offers:
        item = by_id[offer.item_id]
        wanted = sum(offer.demand.values())
        got = sum(n for k, n in solution.students.items() if k[0] == offer.item_id)
        if got >= wanted and item.id in placed:
            continue
        reason = binding(offer, item, problem, solution)
        topic = item.theme or item.title
        unmet.append(UnmetDemand(topic, item.id, wanted, got, reason))
        if item.id not in placed:
            warnings.append(f"{item.title}：未排入（{reason}） / not placed")
    return unmet, warnings
