"""One place that builds the fused retriever over a catalogue, for `kehou search`, the HTTP API,
the recommender's candidate retrieval and the evaluation, so they all rank the same way.

An item's name field is what names it: a course's title and tags, a specialist's skills (their
display name is a person's name, which says nothing about what they teach), a science resource's
title and topics, an institution's name and services. The body is the item's full text.
"""

from __future__ import annotations

from collections.abc import Mapping

from catalog import Course, Institution, ScienceResource, Specialist
from embeddings import Embedder, VectorIndex
from matcher._catalogue import Catalogue, CatalogueItem
from matcher._fielded import FieldedConfig, FieldedKeywordIndex
from matcher._keyword import KeywordConfig, KeywordIndex
from matcher._retrieve import DenseSignal, HybridRetriever, RetrieverConfig


def title_field(item: CatalogueItem) -> str:
    """The words that name what an item is about (BM25F's title field)."""
    rec = item.record
    if isinstance(rec, Course):
        return " ".join([rec.title, *rec.tags])
    if isinstance(rec, Specialist):
        return " ".join([str(rec.kind), *rec.skills])
    if isinstance(rec, ScienceResource):
        return " ".join([rec.title, *rec.topics])
    if isinstance(rec, Institution):
        return " ".join([rec.name, *rec.services])
    return item.title


def catalogue_retriever(
    catalogue: Catalogue,
    embedder: Embedder,
    index: VectorIndex,
    *,
    config: RetrieverConfig | None = None,
    keyword: KeywordConfig | None = None,
    fielded: FieldedConfig | None = None,
    extra_dense: Mapping[str, DenseSignal] | None = None,
    use_dense: bool = True,
    use_keyword: bool = True,
) -> HybridRetriever:
    """The default fused retriever over `catalogue` (every keyword signal built once)."""
    keys, texts = catalogue.keys(), catalogue.texts()
    titles = [title_field(i) for i in catalogue.items]
    return HybridRetriever(
        embedder,
        index,
        KeywordIndex(keys, texts, keyword),
        fielded=FieldedKeywordIndex(keys, titles, texts, fielded),
        extra_dense=extra_dense,
        config=config,
        use_dense=use_dense,
        use_keyword=use_keyword,
    )


def normalise_wish(text: str) -> str:
    """The wish with the canonical names of the interests it mentions appended (舞狮 → 舞龙舞狮).

    Uses the project's one interest vocabulary (catalog.Vocabulary); measured in
    benchmarks/search_fusion.py and kept off by default unless it helps on dev (docs/evaluation.md).
    """
    from catalog._interests import lookup

    names = dict.fromkeys(m.interest.name for m in lookup(text))
    extra = [n for n in names if n not in text]
    return f"{text} {' '.join(extra)}" if extra else text
