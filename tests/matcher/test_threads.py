"""One cached Recommender serves many request threads at once: the same programmes (warnings
included) as one thread computing them in turn, so the service needs no engine lock on reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from catalog import Settings, open_store
from matcher import Engine, programme_json, schools_of


def test_concurrent_programmes_equal_sequential_ones(
    demo_db: Settings, demo_engine: Callable[[str], Engine]
) -> None:
    rec = demo_engine("tfidf").recommender()
    with open_store(demo_db) as store:
        schools = schools_of(store)[:12]
        rows = {s.id: store.surveys(s.id) for s in schools}

    def one(n: int) -> str:
        school = schools[n % len(schools)]
        doc = programme_json(rec.programme(school, rows[school.id]))  # type: ignore[arg-type]
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, default=str)

    alone = [one(n) for n in range(len(schools))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(one, range(3 * len(schools))))
    assert together == alone * 3
    assert any(json.loads(d)["warnings"] for d in alone)  # warnings exist and were not mixed up


def test_retriever_warnings_are_per_thread(demo_engine: Callable[[str], Engine]) -> None:
    retriever = demo_engine("tfidf").retriever()
    retriever.warnings = ["main"]
    seen: list[list[str]] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: seen.append(list(retriever.warnings))).result()
    assert seen == [[]] and retriever.warnings == ["main"]
