"""The contract every Embedder backend passes (docs/design.md: one contract test per capability)."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings import Embedder, create_embedder
from tests.embeddings.conftest import TEXTS, build


def test_shapes_dtype_and_unit_norm(embedder: Embedder) -> None:
    for vectors in (embedder.encode_documents(TEXTS), embedder.encode_queries(TEXTS)):
        assert vectors.shape == (len(TEXTS), embedder.dim)
        assert vectors.dtype == np.float32
        assert vectors.flags["C_CONTIGUOUS"]
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_deterministic(embedder: Embedder) -> None:
    assert np.array_equal(embedder.encode_documents(TEXTS), embedder.encode_documents(TEXTS))


def test_batch_equals_one_at_a_time(embedder: Embedder) -> None:
    together = embedder.encode_documents(TEXTS)
    alone = np.vstack([embedder.encode_documents([t]) for t in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-4)


def test_empty_list_gives_zero_rows(embedder: Embedder) -> None:
    for vectors in (embedder.encode_documents([]), embedder.encode_queries([])):
        assert vectors.shape == (0, embedder.dim)
        assert vectors.dtype == np.float32


def test_a_bare_string_is_refused(embedder: Embedder) -> None:
    with pytest.raises(TypeError):
        embedder.encode_documents("陶瓷")


def test_chinese_wish_finds_its_course(embedder: Embedder) -> None:
    query = embedder.encode_queries(["我想学做陶瓷"])
    docs = embedder.encode_documents(TEXTS[1:])
    assert int(np.argmax(docs @ query[0])) == 0  # the ceramics course


def test_full_width_and_spaces_are_normalised(embedder: Embedder) -> None:
    wide, narrow = embedder.encode_documents(["ＡＢＣ　　机器人，编程", "ABC 机器人,编程"])
    np.testing.assert_allclose(wide, narrow, atol=1e-6)


def test_queries_and_documents_differ_only_for_asymmetric_models(embedder: Embedder) -> None:
    same = np.allclose(embedder.encode_queries(TEXTS), embedder.encode_documents(TEXTS), atol=1e-6)
    assert same is not getattr(embedder, "asymmetric", False)


def test_fingerprint_is_stable_and_names_backend(embedder: Embedder) -> None:
    name = embedder.fingerprint.split("|", 1)[0]
    again = build("st:all-MiniLM-L6-v2" if name == "st" else name)
    assert again.fingerprint == embedder.fingerprint
    assert embedder.fingerprint.endswith("nfkc-ws-1")


def test_fingerprint_changes_with_normalisation(embedder: Embedder) -> None:
    name = embedder.fingerprint.split("|", 1)[0]
    raw = build("st:all-MiniLM-L6-v2" if name == "st" else name, normalise=False)
    # Some tokenisers fold width themselves, so only the fingerprint is asserted to change.
    assert raw.fingerprint != embedder.fingerprint


def test_fingerprints_differ_between_models() -> None:
    prints = {build(name).fingerprint for name in ("tfidf", "use-m3", "e5-small")}
    prints.add(build("e5-small", variant="enpt").fingerprint)
    prints.add(build("st:all-MiniLM-L6-v2", query_prefix="query: ").fingerprint)
    prints.add(build("st:all-MiniLM-L6-v2").fingerprint)
    assert len(prints) == 6


def test_tfidf_fingerprint_carries_the_vocabulary() -> None:
    first = create_embedder("tfidf")
    second = create_embedder("tfidf")
    first.fit(TEXTS)  # type: ignore[attr-defined]
    second.fit([*TEXTS, "书法与国画"])  # type: ignore[attr-defined]
    assert first.fingerprint != second.fingerprint
    assert first.dim < second.dim


def test_st_prefixes_make_it_asymmetric() -> None:
    st = build("st:all-MiniLM-L6-v2", query_prefix="query: ", document_prefix="passage: ")
    assert getattr(st, "asymmetric", False)
    assert not np.allclose(st.encode_queries(TEXTS[:1]), st.encode_documents(TEXTS[:1]))
