"""The 学科类 rule over whole records and wishes: people, institutions, inheritance, negation."""

from __future__ import annotations

import pytest

from catalog.policy import (
    RuleCode,
    academic_check,
    check_item,
    is_academic_wish,
    offer_text,
    subject_items,
    wish_check,
)
from tests.catalog._policy_records import SETTINGS, course, institution, rules, specialist

DISGUISED = institution(
    id="I9",
    name="启智思维培训中心",
    services=["思维训练"],
    description="以逻辑思维训练为名开课，教研团队专攻数学竞赛辅导，学员获华杯赛奖项。",
)


def test_retired_maths_teacher_running_a_chess_club_is_allowed() -> None:
    """Judge the offer, not the past: the past role is masked, the chess club stands."""
    chess = specialist(
        kind="退休教师",
        skills=["中国象棋"],
        bio="退休前任初中数学教师三十年，现为社区象棋协会教练，带孩子下象棋、讲残局。",
        qualification="中学高级教师",
    )
    assert check_item(chess, settings=SETTINGS) == []
    assert "数学" in offer_text(chess)  # the rule read the bio; the past role was masked
    tutor = chess.model_copy(update={"bio": "退休数学教师，每周为初三学生讲解几何证明题。"})
    assert rules(check_item(tutor, settings=SETTINGS)) == {RuleCode.ACADEMIC}


def test_bio_coaching_competitions_is_exam_prep_whatever_the_skills_say() -> None:
    coach = specialist(
        kind="培训机构",
        skills=["思维训练", "逻辑"],
        bio="专注少儿思维训练十年，课程体系对标各大杯赛，学员多次在数学竞赛中获奖。",
    )
    bad = check_item(coach, settings=SETTINGS)
    assert rules(bad) == {RuleCode.ACADEMIC, RuleCode.EXAM_PREP}
    assert "杯赛" in bad[0].reason


def test_writing_club_that_gives_no_exam_essays_and_no_marks_is_allowed() -> None:
    club = course(title="文学社", description="读诗写诗、编印社刊；不讲考场作文技巧、不打分。")
    assert check_item(club, settings=SETTINGS) == []
    exam = course(title="作文提分课", description="考场作文开头结尾模板，老师逐篇打分。")
    assert rules(check_item(exam, settings=SETTINGS)) == {RuleCode.ACADEMIC, RuleCode.EXAM_PREP}


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("钢琴考级辅导", "按中国音协考级曲目练习，准备四级考试。"),
        ("中考体育训练", "跳绳、立定跳远、实心球专项练习，每月一次模拟测试。"),
        ("作业辅导时间", "学生在教室自主完成当天作业，老师巡视答疑。"),
        ("儿童创意绘画", "水彩和油画棒自由表达，作品办展。"),
        ("科技馆进校园", "静电球、伯努利悬浮球等物理互动展品体验。"),
        ("舞蹈考级班", "中国舞等级考试三级组合训练。"),
    ],
)
def test_arts_sports_science_and_homework_help_are_not_academic(
    title: str, description: str
) -> None:
    assert check_item(course(title=title, description=description), settings=SETTINGS) == []


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("语文生字词每日听写，错字第二天复测。", RuleCode.EXAM_PREP),
        ("四年级小数四则运算计算卷，当堂批改订正。", RuleCode.EXAM_PREP),
        ("剑桥少儿英语考级一级真题训练。", RuleCode.EXAM_PREP),
        ("对照中考评分标准完成说明文阅读限时训练。", RuleCode.EXAM_PREP),
        ("结合课本实验推导压强公式，讲解八年级物理浮力题型。", RuleCode.ACADEMIC),
        ("把当天数学作业里的难题做成闯关卡，每一关老师讲解解题方法。", RuleCode.ACADEMIC),
    ],
)
def test_drills_tests_and_subject_lessons_get_their_code(description: str, code: RuleCode) -> None:
    offer = course(title="课后社团", description=description)
    assert rules(check_item(offer, settings=SETTINGS)) == {RuleCode.ACADEMIC, code}


def test_course_inherits_its_institutions_and_its_specialists_verdict() -> None:
    run_by_institution = course(title="逻辑游戏", description="桌游与逻辑谜题", provider_id="I9")
    bad = check_item(run_by_institution, provider=DISGUISED, settings=SETTINGS)
    assert rules(bad) == {RuleCode.ACADEMIC, RuleCode.EXAM_PREP}
    assert "启智思维培训中心" in bad[0].reason
    member = specialist(id="S7", institution_id="I9", skills=["桌游"])
    assert RuleCode.EXAM_PREP in rules(check_item(member, provider=DISGUISED, settings=SETTINGS))
    taught = course(provider_id="S7")
    found = check_item(taught, provider=member, institution=DISGUISED, settings=SETTINGS)
    assert rules(found) == {RuleCode.ACADEMIC, RuleCode.EXAM_PREP}


def test_institution_is_read_by_its_offer_and_category() -> None:
    assert academic_check(DISGUISED).is_academic()
    chess = institution(name="弈林棋院", services=["思维训练", "围棋"], description="围棋段位考级")
    assert not academic_check(chess).is_academic()
    assert academic_check(institution(services=["学科类"])).is_academic()
    assert not academic_check(institution(services=["非学科类", "艺术"])).is_academic()
    side_line = institution(name="翰墨书画院", services=["书法", "国画", "作文班"])
    assert academic_check(side_line).is_academic()  # what it offers now includes 作文


@pytest.mark.parametrize(
    "wish",
    ["英语", "写作", "作文", "足球、英语", "画画和奥数", "提高成绩", "多刷题", "物理", "背单词"],
)
def test_academic_wishes(wish: str) -> None:
    assert is_academic_wish(wish)
    assert wish_check(wish).evidence


@pytest.mark.parametrize(
    "wish",
    [
        "钢琴考级",
        "中考体育",
        "作业辅导",
        "放学后有人看着写作业，不会的可以问",
        "练字",
        "科学实验",
        "不要再补课了，想让孩子玩",
        "生物科普",
        "学计算机",
        "家乡历史文化",
    ],
)
def test_wishes_that_are_not_academic(wish: str) -> None:
    assert not is_academic_wish(wish)


def test_listed_subjects_are_found_but_not_inside_outreach() -> None:
    assert subject_items(["历史", "地理", "红色故事", "生物科普", "托管"]) == ["历史", "地理"]


def test_same_record_same_verdict() -> None:
    assert academic_check(DISGUISED) == academic_check(DISGUISED)
