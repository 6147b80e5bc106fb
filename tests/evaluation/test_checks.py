"""Programme checks on a few demo schools with the tfidf backend: no rule is ever broken."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from catalog import Kind, School, Settings
from catalog._store import open_store
from evaluation._programme_checks import programme_checks
from evaluation._recommend_eval import recommender
from matcher import Engine, surveys_by_school


def test_programmes_break_no_rule_and_cover_domains(
    demo_db: Settings, demo_engine: Callable[[str], Engine]
) -> None:
    engine = demo_engine("tfidf")
    vectors = np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()))
    rec = recommender(engine, demo_db, vectors)
    with open_store(demo_db) as store:
        schools = sorted(
            (s for s in store.records(Kind.SCHOOL) if isinstance(s, School)), key=lambda s: s.id
        )[:5]
        surveys = surveys_by_school(store)
    profiles = {s.id: rec.profile(s.id, surveys.get(s.id, [])) for s in schools}
    checks = programme_checks(rec, schools, profiles)
    assert checks.schools == 5 and checks.items > 5
    assert checks.violations == 0, checks.violation_examples
    assert 0 < checks.coverage < 1
    assert 0 < checks.intra_list_diversity <= 2
    assert sum(checks.domain_share.values()) >= 0.99  # an item may carry several domains
    assert sum(1 for v in checks.domain_share.values() if v > 0) >= 3
