"""A planner's edits on a programme: swaps, additions and removals, planned again.

`replan` needs nothing but the programme (it keeps its school, candidate pool and config) and
the other schools' current claims on shared people (`bookings`). Every caller (the web page,
the API, the batch) goes through it, so an edited plan is timetabled and costed exactly as a
fresh one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from matcher._assemble import assemble
from matcher._continuity import remarked
from matcher._types import PlanContext, Programme, ScoredItem

#: Other schools' claims on shared outside specialists: specialist id -> schools they serve.
Bookings = Mapping[str, int]


class ReplanError(ValueError):
    """An edit that cannot apply (unknown item, not eligible here, already in the plan)."""


@dataclass(frozen=True)
class Changes:
    """Edits in the order they apply: swaps (old → new), then removals, then additions."""

    swap: tuple[tuple[str, str], ...] = ()
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.swap or self.remove or self.add)


def _context(programme: Programme) -> PlanContext:
    if programme.context is None:
        raise ReplanError("方案缺少规划上下文，无法调整 / programme has no plan context")
    return programme.context


def edited_items(
    items: tuple[ScoredItem, ...], pool: Mapping[str, ScoredItem], changes: Changes
) -> list[ScoredItem]:
    """The item list after the edits; every new id must come from the eligible pool."""
    chosen = list(items)
    for old, new in changes.swap:
        ids = [i.id for i in chosen]
        if old not in ids or new not in pool or new in ids:
            raise ReplanError(f"无法替换 {old} → {new} / cannot swap {old} for {new}")
        chosen[ids.index(old)] = pool[new]
    for gone in changes.remove:
        if gone not in {i.id for i in chosen}:
            raise ReplanError(f"方案中没有 {gone} / {gone} is not in the programme")
        chosen = [i for i in chosen if i.id != gone]
    for new in changes.add:
        if new not in pool or new in {i.id for i in chosen}:
            raise ReplanError(f"无法加入 {new} / cannot add {new}")
        chosen.append(pool[new])
    return chosen


def _overbooked(item: ScoredItem, bookings: Bookings, ctx: PlanContext) -> bool:
    """True when other schools already hold every place this item's specialist can give."""
    shared = ctx.shared.get(item.id)
    return shared is not None and bookings.get(shared[0], 0) >= shared[1]


def replan(
    programme: Programme,
    changes: Changes | None = None,
    bookings: Bookings | None = None,
) -> Programme:
    """The programme after `changes`, timetabled and costed again with the run's own config.

    `bookings` drop items whose shared specialist is now fully claimed by other schools (their
    `max_schools` reached), with a warning saying so.
    """
    ctx = _context(programme)
    pool = {i.id: i for i in ctx.candidates}
    # edit what was handed to the timetable (an item a full room left out stays in the running)
    handed = tuple(pool[i] for i in ctx.chosen if i in pool) or programme.items
    chosen = edited_items(handed, pool, changes or Changes())
    warnings: list[str] = []
    if bookings:
        full = [i for i in chosen if _overbooked(i, bookings, ctx)]
        warnings += [f"{i.title}：已被其他学校约满 / fully booked elsewhere" for i in full]
        chosen = [i for i in chosen if i not in full]
    parts = assemble(chosen, ctx.school, ctx.fee_caps, ctx.config.plan, ctx.profile, ctx.timetable)
    kept = [w for w in programme.warnings if not _from_assemble(w)]
    items, continuity = remarked(parts.items, programme.continuity)
    return replace(
        programme,
        items=items,
        continuity=continuity,
        timetable=parts.timetable,
        domains_covered=parts.domains_covered,
        costs=parts.costs,
        warnings=(*kept, *parts.warnings, *warnings),
        unmet_demand=parts.unmet,
        context=replace(ctx, chosen=tuple(i.id for i in chosen)),
    )


def _from_assemble(warning: str) -> bool:
    """Warnings the timetable writes; a replan writes them afresh."""
    return any(k in warning for k in ("未排入", "本校教师每天下午", "没有座位", "不再单列", "无解"))
