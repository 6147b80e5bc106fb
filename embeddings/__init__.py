"""Embedders (bundled offline models, sentence-transformers, TF-IDF), a content-hash cache and
vector indexes. Imports nothing of ours (see docs/design.md, Layers); docs in docs/embeddings.md."""

from embeddings._base import BaseEmbedder, unit_rows
from embeddings._cache import (
    CACHE_TABLE,
    CacheConfig,
    CachedEmbedder,
    EmbeddingCache,
    PendingCache,
    cache_key,
    store_pending,
)
from embeddings._e5 import E5Config, E5Embedder
from embeddings._errors import BackendUnavailable, NotFitted, UnknownBackend
from embeddings._index import IndexManifest, StaleIndex, content_hash, int_id, read_manifest
from embeddings._index_faiss import FaissIndex, FaissIndexConfig
from embeddings._index_numpy import NumpyIndex
from embeddings._normalise import NORMALISATION_VERSION, normalise
from embeddings._protocol import Embedder, Fittable, FloatArray, SearchHit, VectorIndex
from embeddings._registry import (
    BACKEND_NAMES,
    DEFAULT_BACKEND,
    create_embedder,
    create_index,
    load_index,
)
from embeddings._sparse import MAX_DENSITY, ColumnStore, used_columns
from embeddings._st import StConfig, StEmbedder
from embeddings._tfidf import TfidfConfig, TfidfEmbedder
from embeddings._use import UseConfig, UseEmbedder

__all__ = [
    "BACKEND_NAMES",
    "CACHE_TABLE",
    "DEFAULT_BACKEND",
    "MAX_DENSITY",
    "NORMALISATION_VERSION",
    "BackendUnavailable",
    "BaseEmbedder",
    "CacheConfig",
    "CachedEmbedder",
    "ColumnStore",
    "E5Config",
    "E5Embedder",
    "Embedder",
    "EmbeddingCache",
    "FaissIndex",
    "FaissIndexConfig",
    "Fittable",
    "FloatArray",
    "IndexManifest",
    "NotFitted",
    "NumpyIndex",
    "PendingCache",
    "SearchHit",
    "StConfig",
    "StEmbedder",
    "StaleIndex",
    "TfidfConfig",
    "TfidfEmbedder",
    "UnknownBackend",
    "UseConfig",
    "UseEmbedder",
    "VectorIndex",
    "cache_key",
    "content_hash",
    "create_embedder",
    "create_index",
    "int_id",
    "load_index",
    "normalise",
    "read_manifest",
    "store_pending",
    "unit_rows",
    "used_columns",
]
