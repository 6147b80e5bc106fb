"""Disguised tutoring never reaches a programme: end to end through the recommender.

A small catalogue built here (real TF-IDF embedder, real FAISS index, real rules): a 培训机构
filed under 思维训练 whose bio coaches maths competitions, a course it runs under an innocent
title, a retired maths teacher's chess club and a writing club that gives no marks. A school
whose parents ask for 数学思维 and 逻辑 must get the chess club, never the trap.
"""

from __future__ import annotations

import copy

import pytest

from catalog.policy import RuleCode
from matcher import Catalogue, Recommender, academic_wishes, is_academic_wish, item_key
from tests.matcher._academic_records import (
    SCHOOL,
    build_recommender,
    course,
    institution,
    person,
    responses,
)

BAD = {"SP1", "SP3", "C1", "C4"}


def _catalogue() -> Catalogue:
    trap = institution(
        "I1",
        "启智思维培训中心",
        ["思维训练", "逻辑游戏"],
        "以逻辑思维训练为名开课，教研团队专攻数学竞赛辅导，学员获华杯赛、希望杯奖项。",
    )
    people = [
        person(
            "SP1",
            "培训机构",
            ["思维训练", "逻辑"],
            "专注少儿思维训练十年，课程体系对标各大杯赛，学员多次在数学竞赛中获奖。",
        ),
        person(
            "SP2",
            "退休教师",
            ["中国象棋"],
            "退休前任初中数学教师三十年，现为社区象棋协会教练，带孩子下象棋、讲残局。",
            qualification="中学高级教师",
        ),
        person("SP3", "高校青年", ["逻辑游戏"], "带孩子玩逻辑桌游。", institution_id="I1"),
    ]
    courses = [
        course("C1", "逻辑思维游戏", "用桌游和谜题锻炼逻辑思维。", "智", provider_id="I1"),
        course("C2", "文学社", "读诗写诗、编印社刊；不讲考场作文技巧、不打分。", "美"),
        course("C3", "校园足球", "传接球与小场地比赛。", "体"),
        course("C4", "数学思维闯关", "把当天数学作业里的难题做成闯关卡，老师讲解解题方法。", "智"),
        course("C5", "象棋社", "开局与残局，每月校内比赛。", "体", provider_id="SP2"),
    ]
    return Catalogue(courses, people, [], [trap])


@pytest.fixture(scope="module")
def recommender(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    return build_recommender(_catalogue(), tmp_path_factory.mktemp("db"))


def test_disguised_tutoring_is_never_recommended(recommender: Recommender) -> None:
    wishes = ["数学思维", "逻辑思维训练", "思维训练", "下象棋", "写作", "足球", "逻辑游戏"] * 3
    programme = recommender.programme(SCHOOL, responses(wishes))
    chosen = {i.id for i in programme.items}
    assert chosen, "the school gets a programme"
    assert not chosen & BAD
    assert "C5" in chosen or "SP2" in chosen  # the retired maths teacher's chess club
    elig = recommender.eligibility(SCHOOL)
    for key in ("specialists/SP1", "specialists/SP3", "courses/C1", "courses/C4"):
        assert RuleCode.ACADEMIC in {v.rule for v in elig.violations[key]}, key
    for key in ("specialists/SP2", "courses/C5", "courses/C2"):
        assert key in elig.allowed


def test_inherited_exclusion_names_the_provider(recommender: Recommender) -> None:
    found = recommender.item_level[item_key("courses", "C1")]
    assert [v.rule for v in found] == [RuleCode.ACADEMIC, RuleCode.EXAM_PREP]
    assert "启智思维培训中心" in found[0].reason


def test_academic_wishes_are_recognised() -> None:
    wishes = ["英语", "写作", "作文", "奥数", "足球、英语", "下象棋", "钢琴考级", "作业辅导"]
    assert academic_wishes(wishes) == ["英语", "写作", "作文", "奥数", "足球、英语"]
    assert is_academic_wish("想学写作文") and not is_academic_wish("写作业")


def test_the_trap_is_tempting_without_the_academic_rule(recommender: Recommender) -> None:
    """The same catalogue with the 学科类 verdicts removed does pick the trap: the test bites."""
    academic = {RuleCode.ACADEMIC, RuleCode.EXAM_PREP}
    kept = {
        k: tuple(v for v in vs if v.rule not in academic)
        for k, vs in recommender.item_level.items()
    }
    blind = copy.copy(recommender)
    blind.item_level = {k: v for k, v in kept.items() if v}
    wishes = ["数学思维", "逻辑思维训练", "思维训练", "下象棋", "写作", "足球", "逻辑游戏"] * 3
    chosen = {i.id for i in blind.programme(SCHOOL, responses(wishes)).items}
    assert chosen & BAD
