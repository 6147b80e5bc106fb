"""Title-aware keyword matching (BM25F over name and body)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matcher._fielded import FieldedConfig, FieldedKeywordIndex

KEYS = ["a", "b", "c"]
TITLES = ["剪纸", "木偶戏", "泥塑"]
BODIES = [
    "民间美术，常贴在窗户上",
    "木偶戏里也用剪纸 剪纸 剪纸 剪纸 做布景，剪纸很多",
    "用泥土捏成人物",
]


def test_name_outweighs_a_body_that_repeats_the_word() -> None:
    index = FieldedKeywordIndex(KEYS, TITLES, BODIES, FieldedConfig(title_weight=3.0))
    top = index.search_many(["想学剪纸"], 3)[0]
    assert top[0][0] == "a"  # named 剪纸 beats the body that says it five times
    flat = FieldedKeywordIndex(KEYS, TITLES, BODIES, FieldedConfig(title_weight=0.0))
    assert flat.search_many(["想学剪纸"], 3)[0][0][0] == "b"  # without the name field it loses


def test_title_field_alone_ignores_the_body() -> None:
    index = FieldedKeywordIndex(KEYS, TITLES, BODIES)
    hits = index.search_many(["窗户"], 3, field="title")[0]
    assert hits == []  # 窗户 is only in a body
    assert index.search_many(["窗户"], 3)[0][0][0] == "a"


def test_single_field_is_bm25_by_hand() -> None:
    """One field, b = 0: score = sum over query grams of idf * tf / (k1 + tf)."""
    cfg = FieldedConfig(title_weight=0.0, body_weight=1.0, b_body=0.0, k1=1.2, ngram_max=1)
    index = FieldedKeywordIndex(["x", "y"], ["", ""], ["甲甲乙", "乙丙"], cfg)
    scores = index.scores(["甲"])[0]
    idf = math.log(1 + (2 - 1 + 0.5) / (1 + 0.5))
    assert np.isclose(scores[0], idf * 2 / (1.2 + 2))
    assert scores[1] == 0.0


def test_allowed_restricts_and_lengths_must_match() -> None:
    index = FieldedKeywordIndex(KEYS, TITLES, BODIES)
    assert [k for k, _ in index.search_many(["剪纸"], 3, allowed=["b", "c"])[0]] == ["b"]
    with pytest.raises(ValueError):
        FieldedKeywordIndex(KEYS, TITLES[:2], BODIES)
