"""The fused retriever with a real model (use-m3, bundled) over part of the national 非遗 list."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings import FaissIndex, create_embedder
from evaluation._ich import load_ich
from matcher._fielded import FieldedKeywordIndex
from matcher._keyword import KeywordIndex
from matcher._retrieve import HybridRetriever, RetrieverConfig


@pytest.mark.slow
def test_fused_hits_carry_the_real_cosine(shared_data: Path) -> None:
    items = [i for i in load_ich(shared_data) if i.category in ("传统美术", "传统戏剧")][:300]
    keys = [i.key for i in items]
    embedder = create_embedder("use-m3")
    vectors = np.asarray(embedder.encode_documents([i.text(120) for i in items]), np.float32)
    index = FaissIndex(embedder.dim)
    index.add(keys, vectors)
    bodies = [f"{i.category} {i.region} {i.description}" for i in items]
    retriever = HybridRetriever(
        embedder,
        index,
        KeywordIndex(keys, [f"{i.name} {b}" for i, b in zip(items, bodies, strict=True)]),
        fielded=FieldedKeywordIndex(keys, [i.name for i in items], bodies),
        config=RetrieverConfig(depth=5),
    )
    hits = retriever.search("想学剪纸", 10)
    names = {i.key: i.name for i in items}
    assert "剪纸" in names[hits[0].key]
    assert {"bm25", "title", "tfidf"} <= set(hits[0].found_by)
    query = np.asarray(embedder.encode_queries(["想学剪纸"]), np.float32)[0]
    pos = {k: n for n, k in enumerate(keys)}
    for hit in hits:  # also the hits no dense list held (depth 5 < 10 hits)
        assert hit.similarity is not None
        assert np.isclose(hit.similarity, float(vectors[pos[hit.key]] @ query), atol=1e-4)
    assert any("dense" not in h.found_by for h in hits)
    assert [h.rrf for h in hits] == sorted((h.rrf for h in hits), reverse=True)
