"""Recommending many schools in a row, the way the semester batch and the bureau see them.

Schools go in a fixed order (by id). Signatures already chosen in a district lower a feature's
uniqueness for the next school there, and the schools each outside specialist already serves
count against their `max_schools`. Programmes computed earlier (a resumed batch reads them
back) are `record`ed instead, so the carry-over is the same either way.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from catalog import School, SurveyResponse
from catalog.policy import ItemLoad
from matcher._continuity import Previous
from matcher._loads import count_served, specialist_loads
from matcher._recommend import Recommender
from matcher._tt_inputs import SchoolTimetable
from matcher._types import programme_json

Doc = dict[str, Any]


class ProgrammeSequence:
    """Carries district signatures and specialists' loads from one school to the next."""

    def __init__(self, specialist_ids: set[str]) -> None:
        self.specialist_ids = specialist_ids
        self.taken: dict[str, Counter[str]] = {}
        self.served: Counter[str] = Counter()

    def compute(
        self,
        rec: Recommender,
        school: School,
        responses: Sequence[SurveyResponse],
        fixed: Mapping[str, ItemLoad] | None = None,
        timetable: SchoolTimetable | None = None,
        previous: Mapping[str, Any] | None = None,
    ) -> Doc:
        """This school's programme as plain JSON data, given everything recorded so far.

        `fixed` (item key → load) overrides the running counts: the bureau allocation's
        decisions (`allocation_loads`), so shared people follow it, not the order of schools;
        `timetable` carries the days the allocation gives each shared person to this school;
        `previous` is the school's programme JSON of last semester (see matcher._continuity),
        with its semester under `semester`."""
        district = self.taken.get(school.district, Counter())
        loads = {**specialist_loads(rec.catalogue, self.served), **(fixed or {})}
        last = None if previous is None else Previous.from_json(previous)
        programme = rec.programme(
            school, responses, district_taken=district, loads=loads, timetable=timetable,
            previous=last,
        )  # fmt: skip
        doc = json.loads(json.dumps(programme_json(programme), ensure_ascii=False, default=str))
        self.record(school, doc)
        return dict(doc)

    def record(self, school: School, doc: Mapping[str, Any]) -> None:
        """Count a programme's signature and specialists toward the schools after it."""
        self.served.update(count_served(doc["items"], self.specialist_ids))
        sig = doc.get("signature")
        if sig:
            self.taken.setdefault(school.district, Counter())[sig["key"]] += 1


def recommend_all(
    rec: Recommender,
    schools: Sequence[School],
    surveys: Mapping[str, Sequence[SurveyResponse]],
    on_school: Callable[[int, int], None] | None = None,
) -> dict[str, Doc]:
    """Every school's programme, in id order, with the carry-over of `ProgrammeSequence`."""
    seq = ProgrammeSequence(set(rec.catalogue.specialists))
    out: dict[str, Doc] = {}
    ordered = sorted(schools, key=lambda s: s.id)
    for n, school in enumerate(ordered, 1):
        out[school.id] = seq.compute(rec, school, surveys.get(school.id, []))
        if on_school is not None:
            on_school(n, len(ordered))
    return out
