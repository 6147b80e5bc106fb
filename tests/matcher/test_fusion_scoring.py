"""Pure array math of the matcher: fusion, scoring terms, MMR, phrases."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matcher._fusion import minmax, normalised_score_fusion, reciprocal_rank_fusion
from matcher._phrases import split_phrases
from matcher._scoring import ScoreInputs, ScoreWeights, mmr_order, reason_texts, total_score


def test_rrf_by_hand() -> None:
    fused = reciprocal_rank_fusion({"dense": ["a", "b"], "keyword": ["b", "c"]}, k=1)
    scores = {i: s for i, s, _ in fused}
    assert scores["b"] == 1 / 3 + 1 / 2  # rank 2 in dense, rank 1 in keyword
    assert scores["a"] == 1 / 2
    assert scores["c"] == 1 / 3
    assert [i for i, _, _ in fused] == ["b", "a", "c"]
    assert dict((i, f) for i, _, f in fused)["b"] == ("dense", "keyword")


ids = st.lists(st.sampled_from(list("abcdefgh")), unique=True, max_size=8)


@given(ids, ids)
def test_rrf_is_symmetric_and_complete(a: list[str], b: list[str]) -> None:
    one = reciprocal_rank_fusion({"x": a, "y": b})
    two = reciprocal_rank_fusion({"y": b, "x": a})
    assert [(i, round(s, 12)) for i, s, _ in one] == [(i, round(s, 12)) for i, s, _ in two]
    assert {i for i, _, _ in one} == set(a) | set(b)


def test_normalised_fusion_ignores_scale() -> None:
    # a narrow-band model (0.80..0.82) must weigh as much as a wide-band one (0..10)
    fused = normalised_score_fusion(
        {"dense": {"a": 0.82, "b": 0.80}, "keyword": {"a": 0.0, "b": 10.0}}
    )
    scores = {i: s for i, s, _ in fused}
    assert scores["a"] == scores["b"] == 1.0


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30))
def test_minmax_range(values: list[float]) -> None:
    out = minmax(values)
    assert out.min() >= 0.0 and out.max() <= 1.0


def _inputs(n: int, **over: np.ndarray) -> ScoreInputs:
    base = {
        "fit": np.full(n, 0.5),
        "demand": np.full(n, 0.5),
        "distance_km": np.full(n, 5.0),
        "cost_ratio": np.full(n, 0.5),
        "load": np.zeros(n),
        "quality": np.full(n, 0.5),
    }
    base.update(over)
    return ScoreInputs(**base)


def test_each_term_moves_the_score_the_right_way() -> None:
    w = ScoreWeights(cost=0.08)  # the fitted default weighs cost 0; the direction still matters
    assert np.diff(total_score(_inputs(2, fit=np.array([0.2, 0.9])), w))[0] > 0
    assert np.diff(total_score(_inputs(2, distance_km=np.array([30.0, 2.0])), w))[0] > 0
    assert np.diff(total_score(_inputs(2, cost_ratio=np.array([1.0, 0.0])), w))[0] > 0
    assert np.diff(total_score(_inputs(2, load=np.array([0.9, 0.0])), w))[0] > 0
    # no travel (own teacher, online) counts as closest
    near = total_score(_inputs(2, distance_km=np.array([np.nan, 0.0])), w)
    assert near[0] == near[1]


def test_zero_weight_removes_a_term() -> None:
    w = ScoreWeights(distance=0.0)
    s = total_score(_inputs(2, distance_km=np.array([50.0, 1.0])), w)
    assert s[0] == s[1]


def test_mmr_prefers_a_different_item_over_a_near_duplicate() -> None:
    v = np.array([[1.0, 0.0], [0.999, 0.0447], [0.0, 1.0]], dtype=np.float32)
    scores = np.array([1.0, 0.95, 0.7])
    assert mmr_order(scores, v, 2, trade_off=0.0) == [0, 1]
    assert mmr_order(scores, v, 2, trade_off=0.5) == [0, 2]


def test_reasons_read_as_plain_chinese() -> None:
    out = reason_texts(theme="陶瓷", respondents=32, distance_km=4.2, fee_per_hour=3.0)
    assert out == ["匹配兴趣“陶瓷”（32 名学生/家长）", "距离 4.2 公里", "3 元/课时"]


def test_split_phrases() -> None:
    assert split_phrases("篮球和编程都想学，还有画画") == ["篮球", "编程", "画画"]
    assert split_phrases("无") == []
    assert split_phrases("孩子喜欢踢足求、跳舞😀") == ["踢足求", "跳舞"]
