"""A school's interest profile from its surveys: aggregated and pseudonymous.

Free-text answers are split into phrases. A phrase that names an interest of the vocabulary
(catalog/data/interests.csv) joins that interest's topic, and the theme is named as people name
it (跳舞, 舞到, 民族舞 -> 舞蹈); academic wishes (奥数, 英语, 作文) are counted apart and never
become themes. The remaining phrases are embedded and clustered (scikit-learn, agglomerative,
cosine); such a theme is named by its most frequent clean short phrase, never a fragment.
Nothing in a profile points back to one respondent: themes below `min_respondents` are dropped
and a phrase is shown only when at least `min_phrase_respondents` people wrote it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field
from sklearn.cluster import AgglomerativeClustering

from catalog import Domain, Respondent, SurveyResponse
from matcher._phrases import SortedPhrases, sort_phrases

GRADE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("1-3", 1, 3),
    ("4-6", 4, 6),
    ("7-9", 7, 9),
    ("10-12", 10, 12),
)


class QueryEncoder(Protocol):
    """What the profile needs of an embedder (embeddings.Embedder satisfies it)."""

    def encode_queries(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class ProfileConfig(BaseModel):
    """How themes are found. The distance threshold adapts to each model's similarity band."""

    threshold_ratio: float = Field(
        0.75, gt=0, lt=1, description="merge below this share of the distance to unrelated words"
    )
    max_themes: int = Field(12, ge=1)
    min_respondents: int = Field(3, ge=1, description="smaller themes are not shown (k-anonymity)")
    min_phrase_respondents: int = Field(2, ge=1)
    label_phrases: int = Field(3, ge=1)
    query_phrases: int = Field(6, ge=1)


@dataclass(frozen=True)
class Theme:
    """One interest theme: what it is called, how many respondents share it, what to search."""

    label: str
    phrases: tuple[str, ...]
    respondents: int
    share: float
    query: str
    topic: str | None = None  # the vocabulary topic; None for a theme found by clustering
    interests: tuple[str, ...] = ()  # the vocabulary's names behind it, most asked first


@dataclass(frozen=True)
class InterestProfile:
    school_id: str
    respondents: int
    students: int
    parents: int
    grade_bands: dict[str, int]
    domain_share: dict[str, float]
    themes: tuple[Theme, ...]
    preferred_days: dict[str, int] = field(default_factory=dict)
    pickup_times: dict[str, int] = field(default_factory=dict)
    needs: dict[str, int] = field(default_factory=dict)
    academic: dict[str, int] = field(default_factory=dict)  # 学科类 wishes: topic -> respondents


def build_profile(
    school_id: str,
    responses: Sequence[SurveyResponse],
    encoder: QueryEncoder,
    config: ProfileConfig | None = None,
) -> InterestProfile:
    """Aggregate one school's responses into a profile (deterministic for the same input)."""
    cfg = config or ProfileConfig()
    rows = sorted(
        (r for r in responses if r.school_id == school_id), key=lambda r: r.respondent_key
    )
    found = sort_phrases(rows)
    themes = _ranked(
        [
            *topic_themes(found, len(rows), cfg),
            *_themes(found.unknown, found.whole, len(rows), encoder, cfg),
        ],
        cfg,
    )
    needs = found.needs
    return InterestProfile(
        school_id=school_id,
        respondents=len(rows),
        students=sum(r.respondent == Respondent.STUDENT for r in rows),
        parents=sum(r.respondent == Respondent.PARENT for r in rows),
        grade_bands=_grade_bands(rows),
        domain_share=_domain_share(rows),
        themes=themes,
        preferred_days=_counts(d for r in rows for d in r.preferred_days),
        pickup_times=_counts(r.pickup_time for r in rows if r.pickup_time),
        needs=_by_count(needs),
        academic=_by_count(found.academic),
    )


def _by_count(groups: dict[str, set[int]]) -> dict[str, int]:
    return {k: len(v) for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))}


def _ranked(themes: Sequence[Theme], cfg: ProfileConfig) -> tuple[Theme, ...]:
    ordered = sorted(themes, key=lambda t: (-t.respondents, t.label))
    return tuple(ordered[: cfg.max_themes])


def _grade_bands(rows: Sequence[SurveyResponse]) -> dict[str, int]:
    bands = {name: 0 for name, _, _ in GRADE_BANDS}
    for row in rows:
        for name, lo, hi in GRADE_BANDS:
            if row.grade is not None and lo <= row.grade <= hi:
                bands[name] += 1
    return {k: v for k, v in bands.items() if v}


def _domain_share(rows: Sequence[SurveyResponse]) -> dict[str, float]:
    counts = Counter(d.value for r in rows for d in r.preferred_domains)
    total = sum(counts.values())
    if not total:
        return {}
    return {d.value: counts.get(d.value, 0) / total for d in Domain}


def _counts(values: Iterable[str]) -> dict[str, int]:
    counter: Counter[str] = Counter(values)
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


#: Unrelated activity words: how far apart "unrelated" is in a backend's own similarity band.
ANCHORS: tuple[str, ...] = (
    "足球", "钢琴", "书法", "编程", "烹饪", "围棋", "舞蹈", "种植", "天文", "剪纸",
    "游泳", "合唱", "木工", "航模", "武术", "绘画", "阅读", "陶艺", "跳绳", "机器人",
)  # fmt: skip


def cluster_labels(vectors: npt.NDArray[np.float32], threshold: float) -> npt.NDArray[np.int64]:
    """Agglomerative clusters (average linkage) of unit vectors, cut at a cosine distance."""
    n = len(vectors)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    # precomputed distances: a phrase a backend cannot embed (a zero vector) is simply far away
    dist = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=max(threshold, 1e-6),
    )
    return model.fit_predict(dist).astype(np.int64)


def merge_threshold(
    vectors: npt.NDArray[np.float32], anchors: npt.NDArray[np.float32], ratio: float
) -> float:
    """`ratio` x the median distance from the phrases to unrelated anchor words.

    Some models put every pair of texts at cosine 0.7-0.9 and others spread them over 0-1; a
    fixed cut would merge everything in one and nothing in the other. Measuring "unrelated"
    with the same model makes the cut mean the same thing for every backend.
    """
    far = np.clip(1.0 - vectors @ anchors.T, 0.0, 2.0)
    return ratio * float(np.median(far))


def _themes(
    people: dict[str, set[int]],
    whole: dict[str, Counter[str]],
    n_rows: int,
    encoder: QueryEncoder,
    cfg: ProfileConfig,
) -> list[Theme]:
    """Themes of the phrases the vocabulary does not know, by clustering their embeddings."""
    phrases = sorted(people)
    if not phrases or n_rows == 0:
        return []
    vectors = np.asarray(encoder.encode_queries(phrases), dtype=np.float32)
    anchors = np.asarray(encoder.encode_queries(list(ANCHORS)), dtype=np.float32)
    labels = cluster_labels(vectors, merge_threshold(vectors, anchors, cfg.threshold_ratio))
    themes = []
    for label in np.unique(labels):
        members = [int(i) for i in np.flatnonzero(labels == label)]
        theme = _theme(members, phrases, vectors, people, whole, n_rows, cfg)
        if theme is not None:
            themes.append(theme)
    return themes


def _theme(
    members: list[int],
    phrases: list[str],
    vectors: npt.NDArray[np.float32],
    people: dict[str, set[int]],
    whole: dict[str, Counter[str]],
    n_rows: int,
    cfg: ProfileConfig,
) -> Theme | None:
    who = set().union(*(people[phrases[i]] for i in members))
    if len(who) < cfg.min_respondents:
        return None
    centroid = vectors[members].mean(axis=0)
    centrality = vectors[members] @ centroid
    ranked = sorted(
        zip(members, centrality, strict=True),
        key=lambda mc: (-len(people[phrases[mc[0]]]) * (0.5 + float(mc[1])), phrases[mc[0]]),
    )
    shown = [phrases[i] for i, _ in ranked if len(people[phrases[i]]) >= cfg.min_phrase_respondents]
    if not shown:
        shown = [phrases[ranked[0][0]]]
    return Theme(
        label=clean_label([phrases[i] for i, _ in ranked], people, whole),
        phrases=tuple(shown),
        respondents=len(who),
        share=len(who) / n_rows,
        query=" ".join(shown[: cfg.query_phrases]),
    )


def topic_themes(found: SortedPhrases, n_rows: int, cfg: ProfileConfig) -> list[Theme]:
    """One theme per vocabulary topic, named by its interest when only one was asked for
    (葫芦丝), else by the topic (舞蹈 for 跳舞, 民族舞 and 街舞), searched by the names."""
    themes = []
    for topic, by_name in sorted(found.topics.items()):
        who = set().union(*by_name.values())
        if len(who) < cfg.min_respondents:
            continue
        names = sorted(by_name, key=lambda n: (-len(by_name[n]), n))
        written = found.written.get(topic, Counter())
        shown = [p for p, n in written.most_common() if n >= cfg.min_phrase_respondents]
        themes.append(
            Theme(
                label=names[0] if len(names) == 1 else topic,
                phrases=tuple(shown[: cfg.query_phrases]),
                respondents=len(who),
                share=len(who) / n_rows,
                query=" ".join(dict.fromkeys([topic, *names[: cfg.query_phrases]])),
                topic=topic,
                interests=tuple(names),
            )
        )
    return themes


def clean_label(
    ranked: Sequence[str], people: dict[str, set[int]], whole: dict[str, Counter[str]]
) -> str:
    """The most frequent clean short phrase: one somebody wrote whole, or whole but for a
    leading filler word (魔术 from 想学魔术), never a fragment the filler rule cut out of a word
    (校能开 from 希望学校能开); else the most common whole form, shortened."""
    clean = [p for p in ranked if _is_clean(p, whole.get(p, Counter())) and len(p) <= 8]
    if clean:
        return max(clean, key=lambda p: (len(people[p]), -ranked.index(p)))
    top = ranked[0]
    forms = whole.get(top)
    return forms.most_common(1)[0][0][:10] if forms else top


#: whole words a phrase may lose in front and still be itself (想学魔术 -> 魔术)
LEAD_WORDS = ("我想学", "想学习", "想学", "喜欢", "想要", "想玩", "参加", "我想", "希望", "学习")


def _is_clean(phrase: str, forms: Counter[str]) -> bool:
    return any(form == phrase or any(form == w + phrase for w in LEAD_WORDS) for form in forms)
