"""The catalogue as the matcher sees it: items keyed ``kind/id`` with providers resolved.

A course inherits its provider's rules, so each item carries its provider (a specialist or an
institution) and, for a specialist provider, that specialist's institution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from catalog import (
    Course,
    Institution,
    Kind,
    Record,
    SchoolRoom,
    ScienceResource,
    Specialist,
    item_text,
)
from catalog.policy import ItemLoad, Violation, check_load

Item = Course | Specialist | ScienceResource
Provider = Specialist | Institution
ITEM_KINDS: tuple[Kind, ...] = (Kind.COURSE, Kind.SPECIALIST, Kind.SCIENCE_RESOURCE)


def item_key(kind: Kind | str, item_id: str) -> str:
    """The key an item has in every index: ``courses/C001``."""
    return f"{Kind(kind).value}/{item_id}"


@dataclass(frozen=True)
class CatalogueItem:
    key: str
    kind: Kind
    record: Item
    provider: Provider | None
    institution: Institution | None
    text: str

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def title(self) -> str:
        rec = self.record
        if isinstance(rec, Specialist):
            return f"{rec.kind}·{rec.name or rec.id}"
        return rec.title


class Catalogue:
    """Items in a fixed order (kind, then id), so every run sees them the same way."""

    def __init__(
        self,
        courses: Iterable[Course],
        specialists: Iterable[Specialist],
        resources: Iterable[ScienceResource],
        institutions: Iterable[Institution],
        rooms: Iterable[SchoolRoom] = (),
    ) -> None:
        #: A rooms file's rows per school (the timetable's rooms when a school has any).
        self.rooms: dict[str, tuple[SchoolRoom, ...]] = {}
        for room in sorted(rooms, key=lambda r: r.id):
            self.rooms[room.school_id] = (*self.rooms.get(room.school_id, ()), room)
        self.specialists = {s.id: s for s in specialists}
        self.institutions = {i.id: i for i in institutions}
        groups: tuple[tuple[Kind, Iterable[Item]], ...] = (
            (Kind.COURSE, courses),
            (Kind.SPECIALIST, self.specialists.values()),
            (Kind.SCIENCE_RESOURCE, resources),
        )
        items = [
            self._item(kind, rec)
            for kind, records in groups
            for rec in sorted(records, key=lambda r: r.id)
        ]
        self.items: tuple[CatalogueItem, ...] = tuple(items)
        self.by_key = {i.key: i for i in self.items}

    @classmethod
    def from_records(cls, records: dict[Kind, Sequence[Record]]) -> Catalogue:
        """Build from records grouped by kind (as a store returns them)."""
        return cls(
            [r for r in records.get(Kind.COURSE, ()) if isinstance(r, Course)],
            [r for r in records.get(Kind.SPECIALIST, ()) if isinstance(r, Specialist)],
            [r for r in records.get(Kind.SCIENCE_RESOURCE, ()) if isinstance(r, ScienceResource)],
            [r for r in records.get(Kind.INSTITUTION, ()) if isinstance(r, Institution)],
            [r for r in records.get(Kind.ROOM, ()) if isinstance(r, SchoolRoom)],
        )

    def _item(self, kind: Kind, rec: Item) -> CatalogueItem:
        provider: Provider | None = None
        institution: Institution | None = None
        if isinstance(rec, Course) and rec.provider_id:
            provider = self.specialists.get(rec.provider_id) or self.institutions.get(
                rec.provider_id
            )
            if isinstance(provider, Specialist) and provider.institution_id:
                institution = self.institutions.get(provider.institution_id)
        elif isinstance(rec, Specialist) and rec.institution_id:
            provider = self.institutions.get(rec.institution_id)
        return CatalogueItem(
            item_key(kind, rec.id), kind, rec, provider, institution, item_text(rec)
        )

    def keys(self) -> list[str]:
        return [i.key for i in self.items]

    @cached_property
    def run_by(self) -> tuple[tuple[str, str], ...]:
        """(item key, specialist id) of every item a specialist runs (itself, or as provider),
        in catalogue order: what a specialist's load applies to."""
        out = []
        for item in self.items:
            who = item.record if isinstance(item.record, Specialist) else item.provider
            if isinstance(who, Specialist):
                out.append((item.key, who.id))
        return tuple(out)

    @cached_property
    def unloaded(self) -> dict[str, list[Violation]]:
        """The capacity rules' verdict on each item that carries no load yet (only a zero
        capacity breaks them), by key: asked for every item of every school otherwise."""
        empty = ItemLoad()
        found = {i.key: check_load(i.record, provider=i.provider, load=empty) for i in self.items}
        return {key: v for key, v in found.items() if v}

    def texts(self) -> list[str]:
        return [i.text for i in self.items]
