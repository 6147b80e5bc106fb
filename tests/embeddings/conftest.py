"""Backends built once per test session: loading a model is the slow part, not encoding."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from embeddings import Embedder, Fittable, create_embedder

#: A handful of Chinese catalogue-like texts; the contract tests need no more.
TEXTS = [
    "我想学做陶瓷",
    "陶艺制作课程：学习拉坯和烧制陶瓷",
    "篮球训练：运球和投篮",
    "机器人编程入门",
    "非遗剪纸传承人进校园",
]

BACKENDS = ["tfidf", "use-m3", "e5-small", "st:all-MiniLM-L6-v2"]

_cache: dict[str, Embedder] = {}


def build(name: str, **config_changes: object) -> Embedder:
    """A fresh backend (fitted on TEXTS when it needs fitting)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder = create_embedder(name)
    if config_changes:
        config = embedder.config.model_copy(update=config_changes)  # type: ignore[attr-defined]
        embedder = type(embedder)(config)  # type: ignore[call-arg]
    if isinstance(embedder, Fittable):
        embedder.fit(TEXTS)
    return embedder


@pytest.fixture(params=BACKENDS, scope="session")
def embedder(request: pytest.FixtureRequest) -> Iterator[Embedder]:
    name = str(request.param)
    if name not in _cache:
        _cache[name] = build(name)
    yield _cache[name]
