"""A school's wishes as queries, and which wishes each candidate item really answers.

Queries are the profile's non-academic themes (with the vocabulary topics that answer them) and
one query per wanted 五育 domain. `evidence` matches every candidate to every query and keeps
the wishes it answers (similarity over the calibrated threshold, best first); an item that
answers none is attached to the domain query it fills best.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from catalog import vocabulary
from matcher._evidence import EvidenceConfig, ItemTopics, Match, cites, match, wish_topics
from matcher._features import domain_terms, topic_domains
from matcher._notes import is_academic_theme
from matcher._phrases import split_parts
from matcher._profile import InterestProfile


@dataclass(frozen=True)
class Query:
    """A retrieval query: a theme of the profile, or a domain the themes left uncovered."""

    text: str
    label: str
    respondents: int
    demand: float
    topics: frozenset[str] = frozenset()  # vocabulary topics whose items answer it
    domain: str | None = None  # set for a query that fills a 五育 domain


@dataclass(frozen=True)
class Found:
    """Why a candidate is in the pool: the wish it answers (if any) and the query it fills."""

    query: Query
    match: Match
    cited: tuple[tuple[Query, Match], ...]
    found_by: tuple[str, ...]


def wish_queries(profile: InterestProfile, wanted: Sequence[str]) -> list[Query]:
    """Themes first; then one query per wanted domain, so every domain has candidates.

    Demand is relative to the most asked-for theme (1.0), so the biggest wish weighs fully
    whatever the number of respondents; a domain-filling query weighs at most 0.5.
    """
    themes = [t for t in profile.themes if not is_academic_theme(t)]
    top = max((t.respondents for t in themes), default=1)
    queries = [
        Query(
            t.query,
            t.label,
            t.respondents,
            t.respondents / top,
            wish_topics(t.interests) if t.topic else frozenset(),
        )
        for t in themes
    ]
    top_share = max(profile.domain_share.values(), default=0.0) or 1.0
    for domain in wanted:
        words = domain_terms(domain)
        share = profile.domain_share.get(domain, top_share) / top_share
        topics = topic_domains(domain)
        queries.append(Query(" ".join(words), f"{domain}育", 0, 0.5 * share, topics, domain))
    return queries


def evidence(
    queries: Sequence[Query],
    topics: Mapping[str, ItemTopics],
    dense: npt.NDArray[np.float64],
    rows: Mapping[str, int],
    cfg: EvidenceConfig,
    found_by: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, Found]:
    """`dense[q, rows[key]]` is query q's relative cosine to the item `key`."""
    out: dict[str, Found] = {}
    for key, item in topics.items():
        pairs = [
            (q, match(q.topics, item, float(dense[n, rows[key]]), cfg))
            for n, q in enumerate(queries)
        ]
        cited = sorted(
            ((q, m) for q, m in pairs if q.respondents and cites(m, cfg)),
            key=lambda qm: (-qm[1].similarity, -qm[0].respondents, qm[0].label),
        )
        fill = [(q, m) for q, m in pairs if not q.respondents]
        first = cited[0] if cited else max(fill or pairs, key=lambda qm: qm[1].similarity)
        out[key] = Found(first[0], first[1], tuple(cited), (found_by or {}).get(key, ()))
    return out


def demand_of(found: Found) -> float:
    """Demand counts for a cited wish, or for a domain query the item really belongs to."""
    return found.query.demand if found.cited or found.match.link == "same_topic" else 0.0


def wish_query(text: str, respondents: int = 1) -> Query:
    """One written wish as a theme query, the way the profile names it (跳舞 -> 舞蹈): what the
    judged citation pairs are scored with. Academic words are dropped; an unknown wish keeps
    its own words and is judged by dense evidence alone."""
    vocab = vocabulary()
    names: dict[str, str] = {}
    for phrase, _ in split_parts(text):
        for m in vocab.lookup(phrase):
            if not m.interest.academic:
                names.setdefault(m.interest.name, m.interest.topic)
    if not names:
        return Query(text, text, respondents, 1.0)
    query = " ".join(dict.fromkeys([*names.values(), *names]))
    label = next(iter(names.values()))
    return Query(query, label, respondents, 1.0, wish_topics(tuple(names)))
