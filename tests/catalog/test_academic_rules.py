"""The rule half of the 学科类 classifier: cues, allowed phrases, negation, real catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.policy import academic_reason, academic_rule_score


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("思维拓展：用故事引入鸡兔同笼、植树问题", "鸡兔同笼"),
        ("英语口语：情景对话，课后单词听写，讲解常考语法", "听写"),
        ("作文提高：考场作文审题立意与开头结尾", "考场"),
        ("阅读理解：精读美文，讲授答题技巧", "答题"),
        ("初中物理同步辅导，逐章讲解", "物理同步"),
        ("小升初数学冲刺", "小升初"),
    ],
)
def test_academic_texts_score_high_with_evidence(text: str, phrase: str) -> None:
    result = academic_rule_score(text)
    assert result.is_academic()
    assert any(phrase in e for e in result.evidence)
    assert phrase[:2] in academic_reason(result)


@pytest.mark.parametrize(
    "text",
    [
        "趣味科学实验：火山喷发与静电小实验",
        "少儿编程：用Scratch做小游戏",
        "乐高机器人竞赛队",
        "天文观测社：认识星座",
        "硬笔书法：临摹楷书字帖",
        "数独俱乐部与围棋入门",
        "英语绘本戏剧：排练英文小剧场",
        "英文歌曲合唱",
        "作业辅导：完成当天家庭作业，老师答疑",
        "国学经典诵读：三字经与唐诗",
    ],
)
def test_hard_negatives_stay_out(text: str) -> None:
    assert not academic_rule_score(text).is_academic()


def test_homework_guidance_is_masked_but_tutoring_beside_it_is_not() -> None:
    assert academic_rule_score("作业辅导").score == 0.0
    mixed = academic_rule_score("作业辅导结束后进行数学培优")
    assert mixed.is_academic() and "培优" in mixed.evidence


def test_negated_clause_does_not_count() -> None:
    said = academic_rule_score("英语角：自由聊天，讲语法、考单词")
    unsaid = academic_rule_score("英语角：自由聊天，不讲语法、不考单词")
    assert unsaid.score < said.score
    assert not unsaid.is_academic()


def test_negative_context_damps_but_does_not_erase_strong_cues() -> None:
    assert academic_rule_score("编程课之后讲奥数杯赛真题").is_academic()


@given(st.text(max_size=80))
def test_score_is_a_probability(text: str) -> None:
    result = academic_rule_score(text)
    assert 0.0 <= result.score <= 1.0
    assert result.is_academic() == (result.score >= 0.5)


@given(st.text(alphabet="的课程学习活动兴趣游戏练习数学书法绘画，。", max_size=40))
def test_adding_an_exam_cue_never_lowers_the_score(text: str) -> None:
    assert academic_rule_score(text + "。奥数培训").score >= academic_rule_score(text).score


def test_same_text_same_result() -> None:
    text = "魔法数学：和差倍问题与盈亏问题"
    assert academic_rule_score(text) == academic_rule_score(text)


def test_real_vendor_catalogue(shared_data: Path) -> None:
    """A real vendor's after-school catalogue (57 courses, ../shared/data), not written by us."""
    path = shared_data / "afterschool" / "uskid_school_course_catalogue.json"
    if not path.exists():
        pytest.skip(f"{path} not found")
    courses = json.loads(path.read_text(encoding="utf-8"))
    flagged = {
        c["name"]
        for c in courses
        if academic_rule_score(f"{c['name']}：{c['intro']}").is_academic()
    }
    assert {"基础数学", "数学思维", "新概念英语", "自然拼读", "英文写作"} <= flagged  # 外语 too
    clean = {"音乐基础", "硬笔书法", "体适能", "玩转魔方", "奇妙围棋课", "小小科学家", "创意折纸"}
    assert not clean & flagged
    assert {"加油科学课", "创意打击乐"}.isdisjoint(flagged)  # 科学 is not 学科类; 乐理 not 课本
    assert {"诗人的家国情怀", "中文绘本阅读"}.isdisjoint(flagged)  # "新课标" is marketing
    assert len(flagged) <= 8
