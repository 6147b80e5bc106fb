"""Staffing that holds: who teaches what, without a person listed twice.

A specialist with no course of their own in the plan becomes a clearly marked proposed new
course with a stable id (``NEW-<specialist id>``), never a bare person item; a specialist whose
course is already in the plan is not listed beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from catalog import Specialist
from matcher._types import ScoredItem

PROPOSED_PREFIX = "NEW-"
PROPOSED_KIND = "proposed_course"


def proposed_id(specialist_id: str) -> str:
    return f"{PROPOSED_PREFIX}{specialist_id}"


def specialist_id_of(item_id: str) -> str:
    """The catalogue id behind a programme item id (a proposed course's specialist)."""
    return item_id.removeprefix(PROPOSED_PREFIX)


def as_proposed_course(item: ScoredItem, who: Specialist) -> ScoredItem:
    """新开课程：围棋，由退休教师·王某承担 (id NEW-SP001), taught by that specialist."""
    topic = "、".join(who.skills[:2]) or who.kind.value
    return replace(
        item,
        id=proposed_id(who.id),
        kind=PROPOSED_KIND,
        title=f"新开课程：{topic}，由{item.staff}承担",
        provider_id=who.id,
        person_id=who.id,
    )


def without_duplicate_people(items: Sequence[ScoredItem]) -> tuple[list[ScoredItem], list[str]]:
    """Drop a proposed course whose specialist already teaches a chosen course."""
    teaching = {i.provider_id for i in items if i.kind != PROPOSED_KIND and i.provider_id}
    kept, warnings = [], []
    for item in items:
        if item.kind == PROPOSED_KIND and item.person_id in teaching:
            warnings.append(f"{item.title}：该专家已在本方案中授课，不再单列 / already teaching")
            continue
        kept.append(item)
    return kept, warnings
