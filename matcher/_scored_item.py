"""One candidate as the planner reads it: what the scorer needs (`score_inputs`) and the
finished `ScoredItem` with its staff, fee, room, reasons and evidence (`scored_item`).

Kept apart from the Recommender, which finds and ranks candidates; this turns one catalogue
entry into what a programme shows, for one school.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from catalog import FeeCaps, School, Specialist
from catalog.policy import ItemLoad
from matcher._candidates import (
    cost_ratio,
    distance_km,
    grades_of,
    hour_fee,
    load_of,
    person_of,
    quality_of,
    slots_of,
    staffing,
    student_fee,
)
from matcher._catalogue import Catalogue
from matcher._evidence import ItemTopics
from matcher._notes import domains_of
from matcher._reasons import ReasonDetail, adds_details, reason_lines, wish_detail
from matcher._room_needs import room_need
from matcher._scoring import ScoreInputs
from matcher._staffing import as_proposed_course
from matcher._types import ScoredItem
from matcher._wishes import Found, demand_of


@dataclass(frozen=True)
class ItemFacts:
    """What every item of one catalogue carries, computed once per recommender."""

    catalogue: Catalogue
    caps: FeeCaps
    features: Mapping[str, str | None]
    topics: Mapping[str, ItemTopics]


def score_inputs(
    catalogue: Catalogue,
    caps: FeeCaps,
    school: School,
    keys: Sequence[str],
    best: Mapping[str, Found],
    loads: Mapping[str, ItemLoad] | None,
) -> ScoreInputs:
    """The scorer's per-candidate arrays (fit, demand, distance, cost, load, quality)."""
    items = [catalogue.by_key[k] for k in keys]
    return ScoreInputs(
        fit=np.array([best[k].match.similarity for k in keys]),
        demand=np.array([demand_of(best[k]) for k in keys]),
        distance_km=np.array([distance_km(school, i) for i in items]),
        cost_ratio=np.array([cost_ratio(i, caps) for i in items]),
        load=np.array([load_of(i, loads) for i in items]),
        quality=np.array([quality_of(i) for i in items]),
    )


def scored_item(
    facts: ItemFacts,
    school: School,
    key: str,
    found: Found,
    score: float,
    terms: Mapping[str, np.ndarray],
    idx: int,
) -> ScoredItem:
    """The item as the programme shows it; an outside person becomes a proposed course."""
    item = facts.catalogue.by_key[key]
    staff, staff_fee = staffing(school, item)
    dist = distance_km(school, item)
    km = None if np.isnan(dist) else float(dist)
    rec = item.record
    domains = domains_of(item.record)
    details = _details(facts, school, key, found, staff, domains, km)
    fee = hour_fee(item, facts.caps)
    scored = ScoredItem(
        id=rec.id,
        kind=item.kind.value,
        title=item.title,
        domains=domains,
        score=round(score, 6),
        reasons=reason_lines(details, km, fee, found.found_by, staff),
        theme=found.query.label if found.cited else None,
        theme_respondents=found.query.respondents if found.cited else 0,
        feature=facts.features[key],
        fee_per_session=student_fee(item),
        session_minutes=getattr(rec, "session_minutes", 45) or 45,
        capacity=getattr(rec, "capacity", 30) or 30,
        available_slots=slots_of(item),
        provider_id=getattr(rec, "provider_id", None),
        staff=staff,
        staff_fee_per_session=staff_fee,
        distance_km=None if km is None else round(km, 2),
        found_by=found.found_by,
        terms={name: round(float(v[idx]), 6) for name, v in terms.items()},
        reason_details=tuple(details),
        similarity=round(found.match.similarity, 6),
        interest=facts.topics[key].interest,
        grades=grades_of(item),
        room=room_need(
            item.text, tuple(getattr(rec, "tags", ())), item.title, getattr(rec, "room_type", None)
        ),
        person_id=person_of(item),
        visits=getattr(rec, "visits_per_semester", 0) or 0,
    )
    return as_proposed_course(scored, rec) if isinstance(rec, Specialist) else scored


def _details(
    facts: ItemFacts,
    school: School,
    key: str,
    found: Found,
    staff: str,
    domains: Sequence[str],
    km: float | None,
) -> list[ReasonDetail]:
    """The wishes it answers (with evidence), or what it adds when it answers none."""
    if found.cited:
        return [wish_detail(q.label, q.respondents, m) for q, m in found.cited]
    return adds_details(
        school,
        facts.topics[key],
        kind=facts.catalogue.by_key[key].kind.value,
        staff=staff,
        domains=domains,
        fill_domain=found.query.domain if found.query.domain in domains else None,
        distance_km=km,
    )
