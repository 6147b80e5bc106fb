"""The rule half of the 学科类 (academic content) classifier: weighted cues, with evidence.

After-school time must not become school-subject teaching (语文, 数学, 外语, 物理, 化学, 生物,
历史, 地理, 道德与法治), whether named plainly or disguised (思维拓展 that is 奥数, 口语 that is
语法 and 单词听写, 阅读 that is 答题技巧). Decisions taken here, documented in docs/policy.md:

- 科学实验, 科普, 编程, 机器人, 天文 are 科学素养 (non-academic under the 2021 rules);
  书法 is art, not 语文 tutoring; 数独, 围棋, 魔方 are games;
  作业辅导 (homework guidance) is explicitly allowed.
- 英语戏剧 / 英文歌曲 / 英语绘本 are NOT academic unless they carry exam cues (语法, 单词听写,
  考试...): the activity is performance, the language is its medium.
- 国学经典诵读 is NOT academic (recitation as culture) unless tied to 默写, 考点 or 教材同步.

Scoring: positive cues combine by noisy-OR, p = 1 − Π(1 − wᵢ); negative context damps it,
score = p · Π(1 − nⱼ). Each cue counts once. Allowed phrases are masked first so that 辅导 in
作业辅导 is not read as tutoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Phrases that are explicitly allowed and are blanked before any cue is matched.
_ALLOWED = re.compile(
    r"(?:作业|功课)(?:辅导|指导|答疑|托管|辅助|帮扶)|(?:辅导|指导|完成|检查|督促)(?:家庭)?作业|"
    r"书面作业|课后作业|作业时间|跨学科"
)
#: A negated clause ("不讲语法、不考单词", "不做练习题") says what a course does NOT do.
_NEGATED = re.compile(r"(?:不|无|没有|拒绝)(?:讲|做|考|布置|教|搞|留|涉及)[^，。；,;！!]{0,8}")

_SUBJECT = r"(?:语文|数学|英语|外语|物理|化学|生物|历史|地理|道德与法治|道法|政治)"
_TEACH = (
    r"(?:辅导|补习|补课|提高班|提升班|强化|精讲|精练|专项|同步|衔接|基础班|知识点|成绩|"
    r"教材|课本|课内|课文|单元|题型|解题|考试|测验|试题|习题|练习|拔高|提分|阅读|写作|习作|"
    r"作文|病句|字词|修辞|运算|计算|课堂|课内容)"
)


@dataclass(frozen=True)
class Cue:
    """One regular expression, its weight in [0, 1], and a name for docs and debugging."""

    name: str
    pattern: re.Pattern[str]
    weight: float


def _cue(name: str, pattern: str, weight: float) -> Cue:
    return Cue(name, re.compile(pattern, re.IGNORECASE), weight)


POSITIVE_CUES: tuple[Cue, ...] = (
    _cue("学科+教学", rf"{_SUBJECT}.{{0,8}}?{_TEACH}|{_TEACH}.{{0,6}}?{_SUBJECT}", 0.7),
    _cue("学科名", _SUBJECT, 0.2),
    _cue(
        "奥数/竞赛",
        r"奥数|奥林匹克数学|华数|华杯|杯赛|奥赛|(?:数学|学科|英语|物理|化学|生物)竞赛|竞赛(?:难)?题",
        0.9,
    ),
    _cue(
        "奥数题型",
        r"鸡兔同笼|植树问题|行程问题|工程问题|牛吃草|应用题|追及问题|相遇问题|和差倍|盈亏问题|"
        r"数论|计数原理|巧算",
        0.8,
    ),
    _cue("升学考试", r"小升初|中考(?!体育)|高考|升学考|入学考|分班考|期末考|期中考|月考|统考", 0.8),
    _cue(
        "应试训练",
        r"提分|冲刺|押题|真题|模拟卷|试卷|刷题|题海|错题|考点|应试|考试技巧|培优|补差|"
        r"查漏补缺|超前学|抢跑|补习|补课|提高成绩|学习成绩|成绩提升|分数提升",
        0.8,
    ),
    _cue(
        "预习复习",
        r"预习|复习|同步辅导|同步课|同步练习|同步精讲|衔接班|幼小衔接|小初衔接|初高衔接",
        0.7,
    ),
    _cue("答题技巧", r"答题技巧|答题模板|答题方法|解题技巧|解题方法|解题思路|做题", 0.8),
    _cue(
        "应试作文",
        r"考场作文|满分作文|作文模板|应试作文|作文提分|高分作文|作文(?:提高|培优)班",
        0.85,
    ),
    _cue(
        "英语应试",
        r"语法|时态|单词听写|背单词|词汇量|音标|新概念英语|剑桥英语|KET|PET|听力训练",
        0.7,
    ),
    _cue(
        "课内知识",
        r"文言文|默写|生字|拼音|方程|几何|函数|因式分解|计算题|口算|竖式|四则运算|"
        r"化学方程式|元素周期|电路计算|受力分析|知识点|课内知识|课标知识|学科知识",
        0.55,
    ),
    _cue("阅读理解", r"阅读理解", 0.5),
    _cue(
        "做题讲评",
        r"练习题|填空题|选择题|材料题|讲题|批改|订正|讲评|打分|测验|小测|单元测|新课(?!标|程)",
        0.5,
    ),
    _cue("思维训练", r"思维拓展|思维训练|数学思维|逻辑思维训练|思维提升", 0.3),
    _cue("竞赛", r"竞赛", 0.2),
)

NEGATIVE_CUES: tuple[Cue, ...] = (
    _cue(
        "科学素养",
        r"科学实验|科学课|科普|编程|机器人|天文|创客|航模|无人机|3D打印|STEAM|STEM|电子制作",
        0.45,
    ),
    _cue("书法", r"书法|毛笔|硬笔|软笔|篆刻", 0.45),
    _cue(
        "棋类游戏", r"数独|围棋|象棋|国际象棋|魔方|桌游|24点|华容道|九连环|鲁班锁|七巧板|跳棋", 0.45
    ),
    _cue("表演欣赏", r"戏剧|话剧|课本剧|歌曲|歌谣|童谣|合唱|绘本剧|电影|配音|演唱|舞台|表演", 0.4),
    _cue("体育", r"体育|足球|篮球|排球|跳绳|田径|武术|游泳|跑步|体能|体适能", 0.45),
    _cue("劳动美育", r"手工|剪纸|陶艺|烹饪|种植|非遗|绘画|美术|乐器|舞蹈|研学|参观", 0.3),
)


@dataclass(frozen=True)
class AcademicRuleResult:
    """The rule half's verdict: a score in [0, 1] and the phrases that raised or lowered it."""

    score: float
    evidence: tuple[str, ...]
    against: tuple[str, ...] = ()

    def is_academic(self, threshold: float = 0.5) -> bool:
        return self.score >= threshold


def _matches(cues: tuple[Cue, ...], text: str) -> list[tuple[Cue, str]]:
    """Each cue that fires, with the first phrase it matched."""
    found = []
    for cue in cues:
        hit = cue.pattern.search(text)
        if hit is not None:
            found.append((cue, hit.group(0)))
    return found


def academic_rule_score(text: str) -> AcademicRuleResult:
    """Score one course description; evidence lists the matched phrases, strongest first."""
    masked = _NEGATED.sub("□", _ALLOWED.sub("□", text))
    pos = sorted(_matches(POSITIVE_CUES, masked), key=lambda m: -m[0].weight)
    neg = _matches(NEGATIVE_CUES, masked)
    p = 1.0
    for cue, _ in pos:
        p *= 1.0 - cue.weight
    damp = 1.0
    for cue, _ in neg:
        damp *= 1.0 - cue.weight
    score = (1.0 - p) * damp
    return AcademicRuleResult(
        score=round(score, 6),
        evidence=tuple(dict.fromkeys(phrase for _, phrase in pos)),
        against=tuple(dict.fromkeys(phrase for _, phrase in neg)),
    )


def academic_reason(result: AcademicRuleResult) -> str:
    """The plain-Chinese reason a planner reads, quoting the evidence."""
    quoted = "、".join(f"“{e}”" for e in result.evidence[:4])
    return f"疑似学科类培训（{quoted}），得分 {result.score:.2f}"
