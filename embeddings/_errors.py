"""Errors of the embeddings layer, with messages in Chinese and English."""

from __future__ import annotations


class BackendUnavailable(ImportError):
    """A backend's package is not installed, or its model files are missing."""

    def __init__(self, backend: str, package: str, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"嵌入后端 {backend} 不可用：缺少依赖包 {package}，请运行 pip install {package} / "
            f"embedding backend {backend} is unavailable: package {package} is missing{extra}"
        )
        self.backend = backend
        self.package = package


class UnknownBackend(ValueError):
    """The registry has no backend of that name."""


class NotFitted(RuntimeError):
    """A fitted backend (tfidf) was asked to encode before `fit`."""
