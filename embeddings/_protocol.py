"""Capabilities of the embeddings layer: embedders and vector indexes, as Protocols.

Callers depend on these, never on a backend class, so a backend can be swapped by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into float32, L2-normalised ``(n, dim)`` rows.

    Asymmetric models add their query/passage prefixes inside the backend; callers only say
    which side a text is on. ``fingerprint`` names backend, model, version and normalisation,
    and changes whenever the vectors would change (it keys the cache and the saved index).
    """

    @property
    def dim(self) -> int: ...

    @property
    def fingerprint(self) -> str: ...

    def encode_queries(self, texts: Sequence[str]) -> FloatArray: ...

    def encode_documents(self, texts: Sequence[str]) -> FloatArray: ...


@runtime_checkable
class Fittable(Protocol):
    """An embedder that must learn from the corpus first (TF-IDF's vocabulary)."""

    @property
    def fitted(self) -> bool: ...

    def fit(self, corpus: Sequence[str]) -> None: ...


@dataclass(frozen=True)
class SearchHit:
    """One neighbour: the caller's string id and its inner product with the query."""

    id: str
    score: float


@runtime_checkable
class VectorIndex(Protocol):
    """Inner-product search over normalised vectors keyed by string ids.

    ``allowed_ids`` restricts a search to a subset (hard rules, district filters) inside the
    index, so k results come back even when most items are excluded.
    """

    @property
    def dim(self) -> int: ...

    def __len__(self) -> int: ...

    def add(self, ids: Sequence[str], vectors: FloatArray) -> None: ...

    def search(
        self, queries: FloatArray, k: int, allowed_ids: Sequence[str] | None = None
    ) -> list[list[SearchHit]]: ...

    def save(self, path: Path, fingerprint: str, content_hash: str) -> None: ...
