"""Ten adversarial 学科类 scenarios, end to end: an academic-pressure school, a small catalogue.

Each scenario puts a trap (tutoring disguised in a bio, a 准入 category, a provider, a game, a
研学 or a 国学 title) beside a clean look-alike, and a school whose parents ask for exactly
that topic. The programme must never contain the trap, and must still offer the look-alike;
the same run without the rule does pick the trap, so each scenario bites.
Real parts: TF-IDF embedder, FAISS index, the real rules and recommender.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog import Course, Institution, Specialist
from catalog.policy import RuleCode
from matcher import Catalogue
from tests.matcher._academic_records import (
    SCHOOL,
    build_recommender,
    course,
    institution,
    person,
    responses,
)


@dataclass(frozen=True)
class Scenario:
    name: str
    courses: tuple[Course, ...]
    people: tuple[Specialist, ...]
    institutions: tuple[Institution, ...]
    traps: frozenset[str]
    clean: frozenset[str]
    wishes: tuple[str, ...]


def _s(
    name: str, traps: set[str], clean: set[str], wishes: list[str], *records: object
) -> Scenario:
    return Scenario(
        name,
        tuple(r for r in records if isinstance(r, Course)),
        tuple(r for r in records if isinstance(r, Specialist)),
        tuple(r for r in records if isinstance(r, Institution)),
        frozenset(traps),
        frozenset(clean),
        tuple(wishes),
    )


THINK = institution("I1", "启智思维", ["思维训练"], "以思维训练为名，核心课程为华杯赛备赛班。")
TUTOR_HOME = institution("I2", "小太阳托管", ["托管", "英语口语"], "午托晚托，另开英语口语课。")
CAMP = institution("I3", "远航研学营", ["研学实践"], "研学营每天安排两小时数学、英语复习和测验。")

SCENARIOS = (
    _s("bio coaches competitions", {"SP1"}, {"SP2"}, ["思维训练", "逻辑"] * 4,
       person("SP1", "培训机构", ["思维训练"], "课程体系对标各大杯赛，学员多次在数学竞赛中获奖。"),
       person("SP2", "志愿者", ["魔方", "数独"], "魔方爱好者，教三阶魔方和数独。")),
    _s("category 思维训练 hides 杯赛", {"C1"}, {"C2"}, ["逻辑游戏", "桌游"] * 4,
       course("C1", "逻辑桌游", "桌游和谜题。", "智", provider_id="I1"), THINK,
       course("C2", "桌游社", "三国杀以外的合作桌游与谜题。", "智")),
    _s("specialist of a tutoring institution", {"SP3"}, {"SP4"}, ["逻辑", "桌游"] * 4,
       person("SP3", "高校青年", ["桌游"], "带孩子玩逻辑桌游。", institution_id="I1"), THINK,
       person("SP4", "志愿者", ["桌游"], "大学生，带孩子玩合作桌游。")),
    _s("homework explanation as a game", {"C3"}, {"C4"}, ["数学游戏", "闯关"] * 4,
       course("C3", "数学闯关", "把当天数学作业里的难题做成闯关卡，每关老师讲解解题方法。", "智"),
       course("C4", "数学游戏社", "玩数独、汉诺塔、七巧板，不做题不考试。", "智")),
    _s("English lesson as picture books", {"C5"}, {"C6"}, ["英文绘本", "英语绘本"] * 4,
       course("C5", "英语绘本精读", "每本绘本讲解重点单词和句型，课后完成练习纸。", "美"),
       course("C6", "英文绘本剧", "排演英文绘本故事，重在表演，不教语法、不考单词。", "美")),
    _s("研学 with daily tests", {"C7"}, {"C8"}, ["研学", "户外研学"] * 4,
       course("C7", "周末研学营", "走进自然，研学营。", "劳", provider_id="I3"), CAMP,
       course("C8", "湿地研学", "湘江湿地观鸟与河流地貌考察。", "劳")),
    _s("国学 that is 语文课内", {"C9"}, {"C10"}, ["国学", "古诗"] * 4,
       course("C9", "国学启蒙", "逐首讲解语文课本中的古诗，理解诗意并完成背诵与默写。", "德"),
       course("C10", "古诗吟唱", "把古诗谱成曲一起唱，感受诗词之美。", "美")),
    _s("STEM that is 化学教材", {"C11"}, {"C12"}, ["化学实验", "科学实验"] * 4,
       course("C11", "STEM 化学", "名为STEM，内容是初三化学教材同步讲解与习题。", "智"),
       course("C12", "化学魔术秀", "科普志愿者演示安全的变色和泡泡反应。", "智")),
    _s("a 书法 teacher who marks essays", {"SP5"}, {"SP6"}, ["书法", "练字"] * 4,
       person("SP5", "退休教师", ["书法"], "退休语文教师。另为学生批改作文，讲阅读理解答题方法。"),
       person("SP6", "退休教师", ["书法"], "退休语文教师，专长楷书，在学校教软笔书法。")),
    _s("托管 with an English class", {"C13"}, {"C14"}, ["托管", "写作业"] * 4,
       course("C13", "晚托班", "放学后看护。", "劳", provider_id="I2"), TUTOR_HOME,
       course("C14", "作业辅导时间", "学生自主完成当天作业，老师巡视答疑。", "智")),
    _s("writing club vs exam essays", {"C15"}, {"C16"}, ["写作", "文学"] * 4,
       course("C15", "作文提分课", "考场作文开头结尾模板和高分范文背诵。", "智"),
       course("C16", "文学社", "读诗写诗、编印社刊；不讲考场作文技巧、不打分。", "美")),
)  # fmt: skip


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda c: c.name)
def test_trap_is_excluded_and_the_look_alike_offered(case: Scenario, tmp_path: Path) -> None:
    catalogue = Catalogue(case.courses, case.people, [], case.institutions)
    rec = build_recommender(catalogue, tmp_path)
    programme = rec.programme(SCHOOL, responses(case.wishes))
    chosen = {i.catalogue_key.split("/")[1] for i in programme.items}  # NEW-SP6 is SP6's
    assert not chosen & case.traps
    assert chosen & case.clean
    for item in catalogue.items:
        rules = {v.rule for v in rec.item_level.get(item.key, ())}
        assert (RuleCode.ACADEMIC in rules) == (item.id in case.traps), item.id
    blind = copy.copy(rec)  # the same run without the 学科类 rule does pick the trap
    blind.item_level = {}
    again = blind.programme(SCHOOL, responses(case.wishes)).items
    assert {i.catalogue_key.split("/")[1] for i in again} & case.traps


def test_scenarios_are_ten_or_more_and_distinct() -> None:
    assert len(SCENARIOS) >= 10
    assert len({c.name for c in SCENARIOS}) == len(SCENARIOS)
