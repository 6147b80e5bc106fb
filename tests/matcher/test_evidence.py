"""The citation evidence: vocabulary links first, relative dense cosine on top, one cut."""

from __future__ import annotations

import numpy as np

from matcher._evidence import (
    EvidenceConfig,
    cites,
    item_topics,
    match,
    relative_cosines,
    wish_topics,
)
from matcher._features import domain_terms, topic_category, topic_label
from matcher._wishes import wish_query

CFG = EvidenceConfig()


def test_item_topics_read_title_first_and_skip_academic_words() -> None:
    show = item_topics("科普大篷车进校园", "物理、化学趣味实验，到校开展讲座")
    assert show.primary == "科学实验"
    lead = item_topics("醴陵瓷绘体验进阶班", "跟传承人学瓷绘")
    assert lead.primary == "陶瓷" and lead.interest == "釉下五彩瓷"
    assert item_topics("思维拓展", "").primary is None


def test_same_topic_beats_a_mention_beats_dense_alone() -> None:
    football = wish_topics(("足球",))
    course = item_topics("校园足球", "传接球与小场比赛")
    mention = item_topics("跑跳投", "为足球、篮球打基础的田径练习")
    other = item_topics("红色故事会", "讲红色故事")
    same, named, none = (match(football, t, 0.2, CFG) for t in (course, mention, other))
    assert same.link == "same_topic" and cites(same, CFG)
    assert named.link == "mentions" and not cites(named, CFG)
    assert none.link == "none" and none.similarity == 0.12 and not cites(none, CFG)
    assert match(frozenset(), other, 0.7, CFG).similarity == 0.7  # unknown wish: dense only


def test_related_topics_answer_broad_wishes() -> None:
    assert {"围棋", "象棋"} <= wish_topics(("下棋",))
    assert {"足球", "游泳", "武术"} <= wish_topics(("体能训练",))
    assert "篮球" not in wish_topics(("围棋",))


def test_relative_cosines_put_the_median_at_zero() -> None:
    rng = np.random.default_rng(0)
    docs = rng.normal(size=(9, 4)).astype(np.float32)
    docs /= np.linalg.norm(docs, axis=1, keepdims=True)
    rel = relative_cosines(docs[:2], docs)
    assert rel.shape == (2, 9)
    assert np.allclose(rel[[0, 1], [0, 1]], 1.0) and (rel >= 0).all()
    assert np.sum(rel[0] == 0) >= 4


def test_wish_query_names_topics_and_drops_academic_words() -> None:
    q = wish_query("踢足球和奥数")
    assert q.label == "足球" and "足球" in q.topics and "奥数" not in q.text
    assert wish_query("航海模拟").topics == frozenset()


def test_topic_names_and_domain_terms() -> None:
    assert topic_label("足球") == "校园足球" and topic_category("陶瓷") == "艺术"
    assert "奥数" not in domain_terms("智") and "围棋" in domain_terms("智")
