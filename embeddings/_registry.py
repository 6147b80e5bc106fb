"""Backends and indexes chosen by name, each imported only when asked for.

Names: ``tfidf``, ``use-m3``, ``e5-small``, ``st:<directory-or-name>``. A backend whose package
is missing raises `BackendUnavailable` naming the package to install; the others still work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel

from embeddings._errors import UnknownBackend
from embeddings._index import StaleIndex, read_manifest
from embeddings._protocol import Embedder, VectorIndex

#: The default backend, chosen by measurement (docs/embeddings.md): best Chinese quality at a
#: usable speed once the cache absorbs repeated texts.
DEFAULT_BACKEND = "e5-small"

C = TypeVar("C", bound=BaseModel)

BACKEND_NAMES: tuple[str, ...] = ("tfidf", "use-m3", "e5-small", "st:<path-or-name>")


def create_embedder(name: str, config: BaseModel | None = None) -> Embedder:
    """The backend called `name`, configured by its own config model (or its defaults)."""
    if name == "tfidf":
        from embeddings._tfidf import TfidfConfig, TfidfEmbedder

        return TfidfEmbedder(_typed(config, TfidfConfig, name))
    if name == "use-m3":
        from embeddings._use import UseConfig, UseEmbedder

        return UseEmbedder(_typed(config, UseConfig, name))
    if name == "e5-small":
        from embeddings._e5 import E5Config, E5Embedder

        return E5Embedder(_typed(config, E5Config, name))
    if name.startswith("st:") and len(name) > 3:
        from embeddings._st import StConfig, StEmbedder

        st_config = _typed(config, StConfig, name) or StConfig()
        return StEmbedder(st_config.model_copy(update={"model": name[3:]}))
    raise UnknownBackend(
        f"未知的嵌入后端 {name!r}，可选：{', '.join(BACKEND_NAMES)} / "
        f"unknown embedding backend {name!r}; choose one of {', '.join(BACKEND_NAMES)}"
    )


def _typed(config: BaseModel | None, kind: type[C], name: str) -> C | None:
    if config is None or isinstance(config, kind):
        return config
    raise TypeError(
        f"后端 {name} 需要 {kind.__name__} 配置 / backend {name} takes a {kind.__name__}, "
        f"got {type(config).__name__}"
    )


def create_index(
    name: Literal["faiss", "numpy"], dim: int, config: BaseModel | None = None
) -> VectorIndex:
    """An empty vector index of the given implementation."""
    if name == "faiss":
        from embeddings._index_faiss import FaissIndex, FaissIndexConfig

        return FaissIndex(dim, _typed(config, FaissIndexConfig, name))
    if name == "numpy":
        from embeddings._index_numpy import NumpyIndex

        return NumpyIndex(dim)
    raise UnknownBackend(f"未知的索引 {name!r} / unknown index {name!r}: faiss or numpy")


def load_index(path: Path, fingerprint: str, content_hash: str) -> VectorIndex:
    """Whichever index was saved at `path`; `StaleIndex` if it no longer matches, or is absent."""
    manifest = read_manifest(path)
    if manifest is None:
        raise StaleIndex(f"没有可读的索引 / no readable index at {path}")
    if manifest.implementation.startswith("faiss-"):
        from embeddings._index_faiss import FaissIndex

        return FaissIndex.load(path, fingerprint, content_hash)
    from embeddings._index_numpy import NumpyIndex

    return NumpyIndex.load(path, fingerprint, content_hash)
