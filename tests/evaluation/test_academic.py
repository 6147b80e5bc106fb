"""The labelled set's shape, and the classifier's measured precision/recall (docs/policy.md).

Thresholds sit slightly below what was measured (rules, heldout: P 1.000, R 0.893), so a
change that makes the classifier worse fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from evaluation import (
    Metrics,
    academic_report,
    binary_metrics,
    evaluate_rules,
    format_report,
    load_labelled,
)
from matcher import ACADEMIC_PROTOTYPES, NON_ACADEMIC_PROTOTYPES

KINDS = {"explicit": 1, "disguised": 1, "hard_negative": 0, "plain": 0}


def test_labelled_set_is_large_balanced_and_consistent() -> None:
    rows = load_labelled()
    assert len(rows) >= 150
    assert len({r.id for r in rows}) == len(rows)
    assert len({r.text for r in rows}) == len(rows)
    assert all(KINDS[r.kind] == r.label for r in rows)
    share = sum(r.label for r in rows) / len(rows)
    assert 0.35 <= share <= 0.5
    splits = Counter(r.split for r in rows)
    assert set(splits) == {"dev", "heldout"}
    assert 0.28 <= splits["heldout"] / len(rows) <= 0.38
    for kind in KINDS:
        assert {r.split for r in rows if r.kind == kind} == {"dev", "heldout"}
    assert sum(r.kind == "disguised" for r in rows) >= 30
    assert sum(r.kind == "hard_negative" for r in rows) >= 30


def test_binary_metrics_by_hand() -> None:
    m = binary_metrics([1, 1, 0, 0, 1], [True, False, True, False, True])
    assert (m.tp, m.fp, m.fn, m.tn) == (2, 1, 1, 1)
    assert m.precision == pytest.approx(2 / 3) and m.recall == pytest.approx(2 / 3)
    assert Metrics(n=0, tp=0, fp=0, fn=0, tn=0).f1 == 0.0


def test_rule_half_precision_and_recall() -> None:
    by_split = evaluate_rules(load_labelled())
    assert by_split["dev"].precision >= 0.97 and by_split["dev"].recall >= 0.97
    held = by_split["heldout"]
    assert held.n >= 60
    assert held.precision >= 0.95
    assert held.recall >= 0.85


def _check_combined(encoder: object) -> None:
    report = academic_report(encoder)  # type: ignore[arg-type]
    for by_split in (report.combined_default, report.combined_fitted):
        assert by_split["heldout"].precision >= 0.95
        assert by_split["heldout"].recall >= 0.85
        assert by_split["dev"].f1 >= 0.95
    assert "| rules | heldout |" in format_report(report)


@pytest.mark.slow
def test_combined_classifier_with_e5_small() -> None:
    embeddings = pytest.importorskip("embeddings")
    try:
        encoder = embeddings.create_embedder("e5-small")
    except embeddings.BackendUnavailable as exc:
        pytest.skip(f"e5-small not installed: {exc}")
    _check_combined(encoder)


def test_combined_classifier_with_tfidf_fitted_on_dev_only() -> None:
    embeddings = pytest.importorskip("embeddings")
    encoder = embeddings.create_embedder("tfidf")
    dev = [r.text for r in load_labelled() if r.split == "dev"]
    encoder.fit([*ACADEMIC_PROTOTYPES, *NON_ACADEMIC_PROTOTYPES, *dev])
    _check_combined(encoder)
