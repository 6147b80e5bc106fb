"""A persistent embedding cache in the catalogue's own database, so unchanged texts are never
re-embedded between runs.

Key: sha256(fingerprint, side, normalised text), where side is "q" or "d" because asymmetric
models embed a text differently as a query and as a document. Values are float32 blobs. The
table `embedding_cache` belongs to this layer (its own SQLAlchemy metadata, created if missing);
the catalogue's migrations do not manage it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    func,
    insert,
    select,
)

from embeddings._normalise import NORMALISATION_VERSION, normalise
from embeddings._protocol import Embedder, FloatArray

Side = Literal["q", "d"]

METADATA = MetaData()
CACHE_TABLE = Table(
    "embedding_cache",
    METADATA,
    Column("key", String(64), primary_key=True),
    Column("fingerprint", String(512), nullable=False, index=True),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)


class CacheConfig(BaseModel):
    """How many misses to embed per backend call, and how many keys per SQL lookup."""

    batch_size: int = Field(64, ge=1)
    lookup_chunk: int = Field(500, ge=1, le=30000)


def cache_key(fingerprint: str, side: Side, text: str) -> str:
    """sha256 hex of fingerprint, side and (already normalised) text."""
    payload = f"{fingerprint}\x00{side}\x00{text}".encode()
    return hashlib.sha256(payload).hexdigest()


class EmbeddingCache:
    """float32 vectors by key in table `embedding_cache` of the database at `url`."""

    def __init__(self, url: str | Engine, config: CacheConfig | None = None) -> None:
        self.config = config or CacheConfig()
        self.engine = url if isinstance(url, Engine) else create_engine(url)
        METADATA.create_all(self.engine)

    def get_many(self, keys: Sequence[str]) -> dict[str, FloatArray]:
        """The cached vectors among `keys` (missing keys are simply absent)."""
        found: dict[str, FloatArray] = {}
        step = self.config.lookup_chunk
        with self.engine.connect() as conn:
            for i in range(0, len(keys), step):
                query = select(CACHE_TABLE.c.key, CACHE_TABLE.c.vector).where(
                    CACHE_TABLE.c.key.in_(keys[i : i + step])
                )
                for key, blob in conn.execute(query):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, fingerprint: str, keys: Sequence[str], vectors: FloatArray) -> None:
        """Store rows of `vectors` under `keys`; keys already present are left as they are."""
        if not keys:
            return
        existing = set(self.get_many(keys))
        rows = [
            {"key": k, "fingerprint": fingerprint, "dim": int(v.shape[0]), "vector": v.tobytes()}
            for k, v in zip(keys, np.asarray(vectors, dtype=np.float32), strict=True)
            if k not in existing
        ]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(CACHE_TABLE), rows)

    def count(self, fingerprint: str | None = None) -> int:
        """Entries in the cache, of one fingerprint or all."""
        query = select(func.count()).select_from(CACHE_TABLE)
        if fingerprint is not None:
            query = query.where(CACHE_TABLE.c.fingerprint == fingerprint)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def purge_other_fingerprints(self, fingerprint: str) -> int:
        """Delete entries of every other fingerprint (old models, old vocabularies)."""
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(CACHE_TABLE).where(CACHE_TABLE.c.fingerprint != fingerprint)
            )
        return int(result.rowcount or 0)


class PendingCache(EmbeddingCache):
    """A forked worker's view of a cache: reads the database through fresh connections, keeps
    new vectors in memory (`take()`) for the parent process to store, so one process writes."""

    def __init__(self, cache: EmbeddingCache) -> None:
        self.config, self.engine, self.inner = cache.config, cache.engine, cache
        self.engine.dispose(close=False)  # the parent's pooled connections are not ours to use
        self._pending: dict[str, tuple[str, FloatArray]] = {}

    def get_many(self, keys: Sequence[str]) -> dict[str, FloatArray]:
        found = {k: self._pending[k][1] for k in keys if k in self._pending}
        found.update(self.inner.get_many([k for k in keys if k not in found]))
        return found

    def put_many(self, fingerprint: str, keys: Sequence[str], vectors: FloatArray) -> None:
        for key, vector in zip(keys, np.asarray(vectors, dtype=np.float32), strict=True):
            self._pending.setdefault(key, (fingerprint, vector))

    def take(self) -> list[tuple[str, str, FloatArray]]:
        """(fingerprint, key, vector) of every vector put since the last call."""
        out = [(fp, key, vector) for key, (fp, vector) in self._pending.items()]
        self._pending.clear()
        return out


def store_pending(cache: EmbeddingCache, rows: Sequence[tuple[str, str, FloatArray]]) -> None:
    """Store what a worker's `PendingCache.take()` returned (keys already present are kept)."""
    by_fingerprint: dict[str, list[tuple[str, FloatArray]]] = {}
    for fingerprint, key, vector in rows:
        by_fingerprint.setdefault(fingerprint, []).append((key, vector))
    for fingerprint, pairs in by_fingerprint.items():
        cache.put_many(fingerprint, [k for k, _ in pairs], np.stack([v for _, v in pairs]))


class CachedEmbedder:
    """An Embedder that looks every text up in the cache and embeds only the misses, in batches.

    Vectors are bit-identical to the wrapped embedder's (float32 round trip). `hits` and
    `misses` count texts since construction, after de-duplication within each call.
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        self.inner = embedder
        self.cache = cache
        self.hits = 0
        self.misses = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def fingerprint(self) -> str:
        return self.inner.fingerprint

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        return self._encode(texts, "q")

    def encode_documents(self, texts: Sequence[str]) -> FloatArray:
        return self._encode(texts, "d")

    def _encode(self, texts: Sequence[str], side: Side) -> FloatArray:
        fingerprint = self.inner.fingerprint
        # Key on the normalised text only when the backend normalises (its fingerprint says
        # so); a `normalise=False` backend may embed width variants differently.
        keyed = fingerprint.endswith("|" + NORMALISATION_VERSION)
        keys = [cache_key(fingerprint, side, normalise(t) if keyed else t) for t in texts]
        first: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            first.setdefault(key, text)
        found = self.cache.get_many(list(first))
        missing = [k for k in first if k not in found]
        self.hits += len(first) - len(missing)
        self.misses += len(missing)
        encode = self.inner.encode_queries if side == "q" else self.inner.encode_documents
        step = self.cache.config.batch_size
        for i in range(0, len(missing), step):
            batch = missing[i : i + step]
            vectors = encode([first[k] for k in batch])
            self.cache.put_many(fingerprint, batch, vectors)
            found.update(zip(batch, vectors, strict=True))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(np.stack([found[k] for k in keys]), dtype=np.float32)
