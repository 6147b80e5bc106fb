"""What outside specialists have already been promised to other schools in a run, so a batch
never recommends a specialist to more schools than their `max_schools`.

A single-school recommendation cannot know other schools' claims; the semester batch, which
recommends every school in a fixed order, carries these counts from one school to the next.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from catalog import Specialist
from catalog.policy import ItemLoad
from matcher._catalogue import Catalogue


def specialist_of(item: Mapping[str, Any], specialist_ids: set[str]) -> str | None:
    """The outside specialist a programme item (its JSON) takes, or None (own teachers, others)."""
    if str(item.get("staff", "")).startswith("本校教师"):
        return None
    if item.get("kind") == "specialists":
        return str(item["id"])
    provider = item.get("provider_id")
    return str(provider) if provider in specialist_ids else None


def count_served(items: Iterable[Mapping[str, Any]], specialist_ids: set[str]) -> Counter[str]:
    """Specialists taken by one programme's items, once each."""
    return Counter({s for i in items if (s := specialist_of(i, specialist_ids)) is not None})


def specialist_loads(catalogue: Catalogue, served: Mapping[str, int]) -> dict[str, ItemLoad]:
    """ItemLoad per item key: the schools its specialist (itself or its provider) already serves."""
    return {key: ItemLoad(schools=served.get(who, 0)) for key, who in catalogue.run_by}


def shared_people(catalogue: Catalogue, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
    """Item id -> (specialist id, max_schools) for items that take a shared outside specialist."""
    out: dict[str, tuple[str, int]] = {}
    by_id = {i.id: i for i in catalogue.items}
    for item_id in ids:
        item = by_id.get(item_id) or by_id.get(item_id.removeprefix("NEW-"))
        if item is None:
            continue
        who = item.record if isinstance(item.record, Specialist) else item.provider
        if isinstance(who, Specialist):
            out[item_id] = (who.id, who.max_schools)
    return out
