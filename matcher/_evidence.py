"""Does an item answer a survey wish? A similarity a planner can check, and a calibrated cut.

Two kinds of evidence, combined into one similarity in [0, 1]:
- vocabulary: the item's topic (from its title and text, catalog's interest vocabulary) is one
  of the topics that answer the wish (the wish's own, or those it lists as related); weaker,
  the item's text merely mentions such a topic;
- dense: the cosine between the wish and the item, relative to how close the wish is to the
  whole catalogue (its median), so that backends with different similarity bands compare.

A wish is cited only when the similarity passes `cite_threshold`, calibrated on judged (wish,
item) pairs (evaluation/data/judged_citations.csv, dev split; see docs/evaluation.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

from catalog import vocabulary


class EvidenceConfig(BaseModel):
    """How vocabulary and dense evidence combine, and where a citation starts."""

    cite_threshold: float = Field(
        0.51, ge=0, le=1, description="calibrated on the judged pairs' dev split (e5-small)"
    )
    same_topic: float = Field(0.7, ge=0, le=1, description="floor when the topic is the wish's")
    mentions: float = Field(0.4, ge=0, le=1, description="floor when the text names the topic")
    dense_weight: float = Field(0.3, ge=0, le=1, description="dense share on top of a floor")
    dense_only: float = Field(
        0.6, ge=0, le=1, description="dense scale when the vocabulary finds no link"
    )


@dataclass(frozen=True)
class ItemTopics:
    """What an item is about in the vocabulary: its main topic and every topic it names."""

    primary: str | None
    mentioned: dict[str, str]  # topic -> the word that named it
    interest: str | None = None  # the interest (name) behind `primary`


@dataclass(frozen=True)
class Match:
    """How well one item answers one wish, and the evidence for it."""

    similarity: float
    dense: float
    link: str  # "same_topic", "mentions" or "none"
    term: str | None  # the word of the item that links it to the wish


def item_topics(title: str, text: str) -> ItemTopics:
    """An item's topics (academic interests skipped: whether it is 学科类 is the rules' call)."""
    vocab = vocabulary()
    best = vocab.best(text, title=title, academic=False)
    mentioned: dict[str, str] = {}
    for m in [*vocab.lookup(title, typos=False), *vocab.lookup(text, typos=False)]:
        if not m.interest.academic:
            mentioned.setdefault(m.interest.topic, m.term)
    return ItemTopics(best.topic if best else None, mentioned, best.name if best else None)


def wish_topics(interests: tuple[str, ...]) -> frozenset[str]:
    """The topics whose items answer a wish for these vocabulary interests."""
    return vocabulary().answering_topics(interests)


def relative_cosines(
    queries: npt.NDArray[np.float32], vectors: npt.NDArray[np.float32]
) -> npt.NDArray[np.float64]:
    """(queries x items) cosines, each row rescaled: its median over the catalogue -> 0, a
    perfect match -> 1 (clipped). Most catalogue items answer any one wish badly, so the median
    is what "unrelated" means for this query and this backend."""
    if len(vectors) == 0 or len(queries) == 0:
        return np.zeros((len(queries), len(vectors)))
    return rescaled_cosines(queries.astype(np.float64) @ vectors.astype(np.float64).T)


def rescaled_cosines(cos: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """`relative_cosines` of already computed (queries x items) cosines."""
    if cos.size == 0:
        return np.zeros(cos.shape)
    floor = np.median(cos, axis=1, keepdims=True)
    return np.clip((cos - floor) / np.maximum(1e-6, 1.0 - floor), 0.0, 1.0)


def match(topics: frozenset[str], item: ItemTopics, dense: float, cfg: EvidenceConfig) -> Match:
    """The similarity of one item to one wish; `topics` empty = a wish the vocabulary does
    not know (a clustered theme), judged by dense evidence alone."""
    if not topics:
        return Match(round(dense, 6), round(dense, 6), "none", None)
    if item.primary in topics:
        sim = cfg.same_topic + cfg.dense_weight * dense
        return Match(round(min(1.0, sim), 6), round(dense, 6), "same_topic", item.primary)
    named = next((t for t in sorted(item.mentioned) if t in topics), None)
    if named is not None:
        sim = cfg.mentions + cfg.dense_weight * dense
        return Match(round(min(1.0, sim), 6), round(dense, 6), "mentions", item.mentioned[named])
    return Match(round(cfg.dense_only * dense, 6), round(dense, 6), "none", None)


def cites(found: Match, cfg: EvidenceConfig) -> bool:
    return found.similarity >= cfg.cite_threshold
