"""Specialists' max_schools across a run: loads counted from programmes, enforced by the rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from catalog import Kind, School, Settings, Specialist
from catalog._store import open_store
from matcher import (
    Engine,
    count_served,
    recommend_all,
    specialist_of,
    surveys_by_school,
)


def test_specialist_of_programme_items() -> None:
    ids = {"SP1", "SP2"}
    assert (
        specialist_of({"kind": "specialists", "id": "SP1", "staff": "非遗传承人·甲"}, ids) == "SP1"
    )
    assert (
        specialist_of({"kind": "courses", "id": "C1", "provider_id": "SP2", "staff": "x"}, ids)
        == "SP2"
    )
    assert (
        specialist_of(
            {"kind": "courses", "id": "C1", "provider_id": "SP2", "staff": "本校教师"}, ids
        )
        is None
    )
    assert (
        specialist_of({"kind": "courses", "id": "C2", "provider_id": "INS1", "staff": "机构"}, ids)
        is None
    )
    items = [
        {"kind": "specialists", "id": "SP1", "staff": "a"},
        {"kind": "courses", "id": "C", "provider_id": "SP1", "staff": "a"},
    ]
    assert count_served(items, ids) == Counter({"SP1": 1})  # once per school


def test_a_sequence_never_exceeds_max_schools(
    demo_engine: Callable[[str], Engine], demo_db: Settings
) -> None:
    engine = demo_engine("tfidf")
    rec = engine.recommender()
    with open_store(demo_db) as store:
        schools = [s for s in store.records(Kind.SCHOOL) if isinstance(s, School)]
        surveys = surveys_by_school(store, "2026秋")
    docs = recommend_all(rec, sorted(schools, key=lambda s: s.id)[:30], surveys)
    specialists = engine.catalogue.specialists
    served: Counter[str] = Counter()
    for doc in docs.values():
        served.update(count_served(doc["items"], set(specialists)))
    assert served, "the demo programmes do take outside specialists"
    for sid, n in served.items():
        assert isinstance(specialists[sid], Specialist)
        assert n <= specialists[sid].max_schools, (sid, n, specialists[sid].max_schools)
    # district uniqueness is carried too: recorded signatures lower a feature's uniqueness
    first = next(iter(docs.values()))
    assert first["signature"]["uniqueness"] == 1.0
