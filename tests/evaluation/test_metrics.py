"""ranx wiring against hand-computed values, and the BM25 baseline on a tiny corpus."""

from __future__ import annotations

import math

import pytest

from evaluation import JudgedCase, score_run, significance
from evaluation._bm25 import BM25

CASES = [
    JudgedCase("q1", "dev", "a", {"a": 2, "b": 1}),
    JudgedCase("q2", "dev", "c", {"c": 1}),
]


def test_metrics_match_hand_computation() -> None:
    run = {"q1": ["x", "a", "b"], "q2": ["c"]}
    got = score_run("r", "dev", run, CASES).scores
    # q1: DCG = 2/log2(3) + 1/log2(4); IDCG = 2 + 1/log2(3) (linear gain); q2 is perfect.
    ndcg_q1 = (2 / math.log2(3) + 0.5) / (2 + 1 / math.log2(3))
    assert got["ndcg@10"] == pytest.approx((ndcg_q1 + 1) / 2, abs=1e-4)
    assert got["recall@10"] == pytest.approx(1.0)
    assert got["mrr"] == pytest.approx((0.5 + 1) / 2)


def test_empty_result_scores_zero_not_skipped() -> None:
    got = score_run("r", "dev", {"q1": ["a", "b"]}, CASES).scores
    assert got["recall@10"] == pytest.approx(0.5)
    assert got["mrr"] == pytest.approx(0.5)


def test_recall_cut_at_ten() -> None:
    cases = [JudgedCase("q", "dev", "t", {"z": 1})]
    late = {"q": [f"n{i}" for i in range(10)] + ["z"]}
    assert score_run("r", "dev", late, cases).scores["recall@10"] == 0.0


def test_significance_is_repeatable_and_names_every_pair() -> None:
    cases = [JudgedCase(f"q{i}", "dev", "t", {"a": 2}) for i in range(8)]
    good = {c.id: ["a"] for c in cases}
    bad = {c.id: ["b", "a"] if i % 4 else ["a"] for i, c in enumerate(cases)}
    first = significance("dev", "good", {"good": good, "bad": bad}, cases)
    again = significance("dev", "good", {"good": good, "bad": bad}, cases)
    assert first == again
    assert {(s.metric, s.other) for s in first} == {
        (m, "bad") for m in ("ndcg@10", "recall@10", "mrr")
    }
    mrr = next(s for s in first if s.metric == "mrr")
    assert mrr.p_value < 0.05


def test_bm25_prefers_the_matching_text() -> None:
    index = BM25(["k1", "k2", "k3"], ["校园足球训练", "少儿合唱团", "足球与篮球"])
    assert index.search("足球训练", 3)[0] == "k1"
    assert "k2" not in index.search("足球", 3)
    assert index.search("游泳", 3) == []
