"""A planner's programme with swaps: the recommended plan, each item's alternatives, and the
plan rebuilt (timetable, costs) from the items the planner chose.

Swaps travel in the URL (`OLD~NEW,OLD~NEW`), so the page keeps no server-side state and the
same swaps always give the same figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api._errors import ApiError
from api._state import AppState
from catalog import School, SurveyResponse

if TYPE_CHECKING:
    from matcher import Programme, ScoredItem

_PAIR = re.compile(r"^[\w.\-]{1,64}~[\w.\-]{1,64}$")
MAX_SWAPS = 20


@dataclass(frozen=True)
class PlannerView:
    """What the programme page shows: the plan as JSON, alternatives per chosen item, swaps."""

    doc: dict[str, Any]
    alternatives: dict[str, tuple[ScoredItem, ...]]
    swaps: tuple[tuple[str, str], ...]

    @property
    def swaps_text(self) -> str:
        return format_swaps(self.swaps)


def parse_swaps(text: str | None) -> tuple[tuple[str, str], ...]:
    """`OLD~NEW,OLD~NEW` into pairs; a malformed list is a 422, not a silent drop."""
    parts = [p for p in (text or "").split(",") if p]
    if len(parts) > MAX_SWAPS or not all(_PAIR.match(p) for p in parts):
        raise ApiError(422, "invalid_request", "替换参数有误 / malformed swap list")
    return tuple((p.split("~")[0], p.split("~")[1]) for p in parts)


def format_swaps(swaps: tuple[tuple[str, str], ...]) -> str:
    return ",".join(f"{old}~{new}" for old, new in swaps)


def apply_swaps(base: Programme, swaps: tuple[tuple[str, str], ...]) -> Programme:
    """The programme after the planner's swaps, replanned by the matcher with the run's config."""
    from matcher import Changes, ReplanError, replan

    if not swaps:
        return base
    try:
        return replan(base, Changes(swap=swaps))
    except ReplanError as exc:
        raise ApiError(422, "invalid_swap", str(exc)) from exc


def alternatives_for(
    items: tuple[ScoredItem, ...], pool: list[ScoredItem], per_item: int = 3
) -> dict[str, tuple[ScoredItem, ...]]:
    """For each chosen item, the best eligible items not in the plan that share a domain."""
    taken = {i.id for i in items}
    free = [i for i in pool if i.id not in taken]
    return {
        item.id: tuple([o for o in free if set(o.domains) & set(item.domains)][:per_item])
        for item in items
    }


def planner_view(
    state: AppState,
    school: School,
    rows: list[SurveyResponse],
    swaps: tuple[tuple[str, str], ...] = (),
) -> PlannerView:
    """The recommended programme (same as the API's), with the planner's swaps applied."""
    from matcher import programme_json

    with state.lock:
        base = state.engine().recommender().programme(school, rows)
    pool = list(base.context.candidates) if base.context is not None else []
    programme = apply_swaps(base, swaps)
    return PlannerView(programme_json(programme), alternatives_for(programme.items, pool), swaps)
