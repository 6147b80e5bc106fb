"""Small catalogues for the 学科类 end-to-end tests: records, a real TF-IDF recommender, surveys."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from catalog import (
    Course,
    GradeRange,
    Institution,
    School,
    Settings,
    Specialist,
    SurveyResponse,
)
from embeddings import FaissIndex, Fittable, create_embedder
from matcher import Catalogue, Recommender

HERE = (27.8274, 113.1340)
SLOTS = ["周二下午", "周四下午"]
SCHOOL = School(
    id="X1",
    name="天元小学",
    district="天元区",
    level="小学",
    area="城区",
    students=600,
    lat=HERE[0],
    lon=HERE[1],
    after_school_slots=SLOTS,
)


def person(sid: str, kind: str, skills: list[str], bio: str, **kw: Any) -> Specialist:
    """A verified specialist near the school, free on the school's afternoons."""
    base: dict[str, Any] = {
        "id": sid,
        "name": sid,
        "kind": kind,
        "skills": skills,
        "bio": bio,
        "district": "天元区",
        "lat": HERE[0],
        "lon": HERE[1],
        "max_travel_km": 30,
        "available_slots": SLOTS,
        "max_schools": 5,
        "fee_per_session": 100,
        "verified": True,
    }
    return Specialist(**(base | kw))


def course(cid: str, title: str, description: str, domain: str, **kw: Any) -> Course:
    """A primary-school course within the fee cap."""
    base: dict[str, Any] = {
        "id": cid,
        "title": title,
        "description": description,
        "domains": [domain],
        "grades": GradeRange(lo=1, hi=6),
        "fee_per_session": 3.0,
        "session_minutes": 40,
        "capacity": 30,
    }
    return Course(**(base | kw))


def institution(iid: str, name: str, services: list[str], description: str) -> Institution:
    """An admitted institution (准入 passed): only the 学科类 rule can keep it out."""
    return Institution(
        id=iid,
        name=name,
        district="天元区",
        admitted=True,
        services=services,
        description=description,
        lat=HERE[0],
        lon=HERE[1],
    )


def build_recommender(catalogue: Catalogue, folder: Path) -> Recommender:
    """Real parts: a TF-IDF embedder fitted on the catalogue, a FAISS index, the real rules."""
    embedder = create_embedder("tfidf")
    assert isinstance(embedder, Fittable)
    embedder.fit(catalogue.texts())
    vectors = np.asarray(embedder.encode_documents(catalogue.texts()), dtype=np.float32)
    index = FaissIndex(vectors.shape[1])
    index.add(catalogue.keys(), vectors)
    settings = Settings(db=str(folder / "unused.db"))
    return Recommender(catalogue, embedder, index, settings, vectors=vectors)


def responses(wishes: Sequence[str]) -> list[SurveyResponse]:
    """One parent's answer per wish, all free on Tuesday."""
    return [
        SurveyResponse(
            respondent_key=f"k{n:020d}",
            school_id="X1",
            respondent="家长",
            grade=4,
            interests=w,
            preferred_days=["周二"],
        )
        for n, w in enumerate(wishes)
    ]
