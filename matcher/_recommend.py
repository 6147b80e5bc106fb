"""One school's programme: profile -> hybrid retrieval under the rules -> scores -> programme.

`Recommender` holds what is shared by every school of a run (catalogue, embedder, indexes,
catalogue-level rule results); `recommend` is deterministic for the same inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from pydantic import BaseModel, Field

from catalog import School, Settings, SurveyResponse
from catalog.policy import ItemLoad, PolicyConfig
from embeddings import Embedder, VectorIndex
from matcher._academic import AcademicClassifier
from matcher._assemble import assemble, placed_signature
from matcher._catalogue import Catalogue
from matcher._continuity import (
    ContinuityConfig,
    Previous,
    continue_signature,
    continuity_of,
)
from matcher._cosine_rows import CosineRows
from matcher._eligibility import Eligibility, item_level_violations, school_eligibility
from matcher._evidence import EvidenceConfig, item_topics
from matcher._excluded import wished_exclusions
from matcher._keyword import KeywordConfig
from matcher._loads import shared_people
from matcher._notes import academic_notes, domains_of
from matcher._plan import (
    PlanConfig,
    blocked_wishes,
    select_portfolio,
    wanted_domains,
)
from matcher._pool import CandidatePool, rank_pool
from matcher._profile import InterestProfile, ProfileConfig, build_profile
from matcher._retrieve import Hit, RetrieverConfig
from matcher._scored_item import ItemFacts, score_inputs, scored_item
from matcher._scoring import ScoreWeights
from matcher._search import catalogue_retriever
from matcher._signature import rank_signatures
from matcher._timetable import placeable
from matcher._tt_inputs import SchoolTimetable, school_inputs_of
from matcher._types import Exclusion, PlanContext, Programme, ScoredItem
from matcher._wishes import Found, Query, evidence, wish_queries


def found_by_key(hits: Sequence[Sequence[Hit]]) -> dict[str, tuple[str, ...]]:
    """Each hit's signals, from the first query that found it."""
    found_by: dict[str, tuple[str, ...]] = {}
    for row in hits:
        for hit in row:
            found_by.setdefault(hit.key, hit.found_by)
    return found_by


class RecommendConfig(BaseModel):
    """Everything tunable about a recommendation, in one typed config."""

    profile: ProfileConfig = Field(default_factory=ProfileConfig)
    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    plan: PlanConfig = Field(default_factory=PlanConfig)
    keyword: KeywordConfig = Field(default_factory=KeywordConfig)
    retriever: RetrieverConfig = Field(default_factory=RetrieverConfig)
    evidence: EvidenceConfig = Field(default_factory=EvidenceConfig)
    policy: PolicyConfig = Field(default_factory=PolicyConfig)
    per_query_k: int = Field(20, ge=1)
    rrf_k: float | None = Field(None, gt=0, description="overrides retriever.rrf_k when set")
    candidates: int = Field(40, ge=1)
    excluded_shown: int = Field(15, ge=0)
    use_dense: bool = True
    use_keyword: bool = True
    alternatives: int = Field(3, ge=0)
    continuity: ContinuityConfig = Field(default_factory=ContinuityConfig)
    sparse_products: bool = Field(
        True,
        description="multiply sparse (TF-IDF) vectors over the queries' columns only: the same "
        "programmes (tests/matcher/test_sparse_products.py); False: the full dense products",
    )


class Recommender:
    """Shared state of a run; build once (`Engine.recommender()`), then `programme` per school."""

    def __init__(
        self,
        catalogue: Catalogue,
        embedder: Embedder,
        index: VectorIndex,
        settings: Settings,
        config: RecommendConfig | None = None,
        academic: AcademicClassifier | None = None,
        vectors: np.ndarray | None = None,
    ) -> None:
        """`vectors`: the catalogue's document vectors if already at hand (else embedded)."""
        self.catalogue, self.embedder, self.settings = catalogue, embedder, settings
        self.config = cfg = config or RecommendConfig()
        retriever_cfg = cfg.retriever
        if cfg.rrf_k is not None:
            retriever_cfg = retriever_cfg.model_copy(update={"rrf_k": cfg.rrf_k})
        self.retriever = catalogue_retriever(
            catalogue,
            embedder,
            index,
            config=retriever_cfg,
            keyword=cfg.keyword,
            use_dense=cfg.use_dense,
            use_keyword=cfg.use_keyword,
        )
        self.item_level = item_level_violations(catalogue, settings, academic)
        if vectors is None:
            vectors = embedder.encode_documents(catalogue.texts())
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._cosines = CosineRows(embedder, self._vectors, cfg.sparse_products)
        self._pos = {key: i for i, key in enumerate(catalogue.keys())}
        self._topics = {i.key: item_topics(i.title, i.text) for i in catalogue.items}
        self._features = {k: t.primary for k, t in self._topics.items()}
        self._items = ItemFacts(catalogue, settings.fee_caps, self._features, self._topics)

    def item_vectors(self, keys: Sequence[str]) -> np.ndarray:
        """The catalogue's document vectors for `keys` (float32 rows, in that order)."""
        return self._vectors[[self._pos[k] for k in keys]]

    def profile(self, school_id: str, responses: Sequence[SurveyResponse]) -> InterestProfile:
        return build_profile(school_id, responses, self.embedder, self.config.profile)

    def eligibility(
        self, school: School, loads: Mapping[str, ItemLoad] | None = None
    ) -> Eligibility:
        return school_eligibility(
            school,
            self.catalogue,
            self.item_level,
            self.settings,
            loads=loads,
            policy=self.config.policy,
        )

    def programme(
        self,
        school: School,
        responses: Sequence[SurveyResponse],
        *,
        semester: str | None = None,
        district_taken: Mapping[str, int] | None = None,
        loads: Mapping[str, ItemLoad] | None = None,
        timetable: SchoolTimetable | None = None,
        previous: Previous | None = None,
    ) -> Programme:
        """The programme for one school from its survey rows (the public entry point).

        `district_taken` counts signatures already chosen nearby; `loads` are other schools'
        claims on shared specialists (see `matcher.replan` for the same after edits);
        `timetable` gives rooms, classes, own teachers and the days the bureau's allocation
        gives each outside person to this school (defaults come from the school record);
        `previous` is last semester's programme (`Previous.from_json`), which it starts from.
        """
        profile = self.profile(school.id, responses)
        return self.plan(
            school, profile, semester=semester, district_taken=district_taken, loads=loads,
            timetable=timetable, previous=previous,
        )  # fmt: skip

    def plan(
        self,
        school: School,
        profile: InterestProfile,
        *,
        semester: str | None = None,
        district_taken: Mapping[str, int] | None = None,
        loads: Mapping[str, ItemLoad] | None = None,
        timetable: SchoolTimetable | None = None,
        previous: Previous | None = None,
    ) -> Programme:
        """The programme for an already built interest profile."""
        cfg = self.config
        self.retriever.warnings = []
        timetable = school_inputs_of(school, self.catalogue.rooms.get(school.id, ()), timetable)
        elig = self.eligibility(school, loads)
        wanted, unwanted = wanted_domains(profile.domain_share)
        queries = self.queries(profile, wanted)
        items = self.scored(school, queries, elig, loads, wanted)
        fits = placeable(items, school, timetable, cfg.plan.timetable)
        hostable = [i for i in items if i.id in fits]
        ranked = rank_signatures(hostable, profile, school, district_taken)
        kept = (False, "")
        if previous is not None:
            ranked, held, why = continue_signature(
                ranked, previous, profile.respondents, cfg.continuity
            )
            kept = (held, why)
        signature = ranked[0] if ranked else None
        themes = [t.label for t in profile.themes]
        chosen, warn_portfolio = select_portfolio(hostable, signature, wanted, cfg.plan, themes)
        blocked = blocked_wishes(items, chosen, fits, themes[: cfg.plan.top_themes])
        parts = assemble(
            [*chosen, *blocked], school, self.settings.fee_caps, cfg.plan, profile, timetable
        )
        excluded, counts = self.exclusions(queries, elig, bool(profile.academic))
        placed = placed_signature(ranked, parts.items)
        notes: tuple[str, ...] = ()
        final, continuity = parts.items, None
        if previous is not None:
            final, continuity, notes = continuity_of(previous, placed, kept, parts.items)
        return Programme(
            school_id=school.id,
            signature=placed,
            alternatives=tuple(ranked[1 : 1 + cfg.alternatives]),
            items=final,
            timetable=parts.timetable,
            homework_minutes=cfg.plan.homework_minutes,
            domains_covered=parts.domains_covered,
            domains_without_demand=tuple(unwanted),
            costs=parts.costs,
            excluded=tuple(excluded),
            excluded_counts=counts,
            warnings=(
                *notes,
                *academic_notes(profile),
                *warn_portfolio,
                *self.retriever.warnings,
                *parts.warnings,
            ),
            semester=semester,
            unmet_demand=parts.unmet,
            continuity=continuity,
            context=PlanContext(
                school,
                tuple(items),
                cfg,
                self.settings.fee_caps,
                profile,
                shared_people(self.catalogue, (i.id for i in items)),
                timetable,
                tuple(i.id for i in (*chosen, *blocked)),
            ),
        )

    def queries(self, profile: InterestProfile, wanted: Sequence[str]) -> list[Query]:
        return wish_queries(profile, wanted)

    def evidence(
        self,
        queries: Sequence[Query],
        keys: Sequence[str],
        found_by: Mapping[str, tuple[str, ...]] | None = None,
    ) -> dict[str, Found]:
        """Each item's match to every query (see matcher._wishes.evidence)."""
        dense = self._cosines.rows([q.text for q in queries])
        topics = {k: self._topics[k] for k in keys}
        rows = {k: self._pos[k] for k in keys}
        return evidence(queries, topics, dense, rows, self.config.evidence, found_by)

    def scored(
        self,
        school: School,
        queries: Sequence[Query],
        elig: Eligibility,
        loads: Mapping[str, ItemLoad] | None = None,
        wanted: Sequence[str] = (),
    ) -> list[ScoredItem]:
        """Allowed items found for the queries, scored, diversified and explained.

        The pool is cut at `candidates` after diversifying; the best item of each wanted
        domain the cut left out comes back, so the 五育 check never misses an eligible item.
        """
        pool = self.candidate_pool(school, queries, elig, loads)
        if not pool.keys:
            return []
        ranked = rank_pool(pool, self.config.weights, self.config.candidates, wanted)
        keys, found = pool.keys, pool.found
        return [
            scored_item(
                self._items,
                school,
                keys[i],
                found[keys[i]],
                float(ranked.total[i]),
                ranked.terms,
                i,
            )
            for i in ranked.order
        ]

    def candidate_pool(
        self,
        school: School,
        queries: Sequence[Query],
        elig: Eligibility,
        loads: Mapping[str, ItemLoad] | None = None,
    ) -> CandidatePool:
        """The allowed items found for the queries with what the scorer reads, before any
        weighting (the weight fit keeps it and re-ranks it with `rank_pool`)."""
        hits = self.retriever.search_many(
            [q.text for q in queries], self.config.per_query_k, elig.allowed
        )
        found_by = found_by_key(hits)
        keys = sorted(found_by)
        best = self.evidence(queries, keys, found_by) if keys else {}
        return CandidatePool(
            keys=tuple(keys),
            inputs=score_inputs(self.catalogue, self.settings.fee_caps, school, keys, best, loads),
            vectors=self._cosines.used(self._vectors[[self._pos[k] for k in keys]]),
            domains=tuple(tuple(domains_of(self.catalogue.by_key[k].record)) for k in keys),
            found=best,
        )

    def exclusions(
        self, queries: Sequence[Query], elig: Eligibility, academic_wished: bool = False
    ) -> tuple[list[Exclusion], dict[str, int]]:
        """Items the rules kept out that answer a wish (listed), and the rest (counted)."""
        if not self.config.excluded_shown:
            return [], {}
        rows = self.retriever.search_many([q.text for q in queries], self.config.per_query_k)
        found = [h.key for row in rows for h in row]
        return wished_exclusions(
            self.catalogue, elig.violations, found, academic_wished,
            lambda keys: self.evidence(queries, keys), self.config.excluded_shown,
        )  # fmt: skip
