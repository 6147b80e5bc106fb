"""Encoding in chunks writes into one array: the same vectors as one chunk, for any backend."""

from __future__ import annotations

import numpy as np

from embeddings import BaseEmbedder, TfidfConfig, TfidfEmbedder
from tests.embeddings.conftest import TEXTS


class Doubles(BaseEmbedder):
    """A backend whose raw vectors are float64 and not unit length."""

    backend = "doubles"

    def __init__(self, chunk_size: int) -> None:
        super().__init__(True, chunk_size)

    @property
    def dim(self) -> int:
        return 3

    @property
    def model_id(self) -> str:
        return "doubles"

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return np.array([[len(t), t.count("课") + 0.1, 2.5] for t in texts], dtype=np.float64)


def test_chunked_encoding_equals_one_chunk() -> None:
    texts = list(TEXTS) * 3
    whole, parts = TfidfEmbedder(), TfidfEmbedder(TfidfConfig(chunk_size=4))
    whole.fit(TEXTS)
    parts.fit(TEXTS)
    assert len(texts) > 4
    assert np.array_equal(parts.encode_documents(texts), whole.encode_documents(texts))
    one, many = Doubles(10_000).encode_queries(texts), Doubles(4).encode_queries(texts)
    assert many.dtype == np.float32 and np.array_equal(one, many)
    assert np.allclose(np.linalg.norm(many, axis=1), 1.0)
