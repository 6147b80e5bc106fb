"""The 学科类 rule's vocabulary: masks, weighted cues and context (data, not logic).

Three kinds of positive cue: `ACADEMIC_CUES` (school-subject teaching, plain or disguised),
`EXAM_CUES` (exam-focused drills, tests and contests: the `EXAM_PREP` rule code) and the weak
`GENERIC_TEST` words (考试, 比赛, 评分…) that only count next to something academic, because
钢琴考级, 中考体育 and 机器人竞赛 use them too. `CONTEXT` cues (arts, sports, games, science
outreach) damp the score. Masks run first: allowed phrases (作业辅导, 答疑), negated clauses
(不讲考场作文技巧、不打分) and a person's past (退休前任数学教师, 数学系研究生, 曾获…奖):
the rule judges what is offered now, not who the person used to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """One regular expression, its weight in [0, 1], and a name for docs and debugging."""

    name: str
    pattern: re.Pattern[str]
    weight: float


def _cue(name: str, pattern: str, weight: float) -> Cue:
    return Cue(name, re.compile(pattern, re.IGNORECASE), weight)


#: The national 学科类 list (2021): 道德与法治, 语文, 历史, 地理, 数学, 外语, 物理, 化学, 生物.
SUBJECT = r"(?:语文|数学|英语|外语|物理|化学|生物|历史|地理|道德与法治|道法|政治)"
GRADE = r"(?:[一二三四五六七八九]年级|初[一二三]|高[一二三]|小学|初中|中学|高中|[七八九][上下])"
#: Words that make a subject name a lesson rather than a topic of an outing or a show.
TEACH = (
    r"(?:辅导|补习|补课|补一补|补补|提高班|提升班|提优|培优|强化|精讲|串讲|专项|同步|衔接|先修|"
    r"基础班|知识|考点|成绩|提分|教材|课本(?!剧)|课内|题型|解题|答题|习题|练习|拔高|阅读理解|"
    r"语法|单词|词汇|句型|听力|口语|对话|发音|听说|讲解(?!员)|梳理|用语|讲题|难题|复习|预习|测验|考试|过关|"
    r"思维导图|不好|加强|提高|竞赛|考级)"
)

#: Phrases the policy allows; blanked so 辅导 in 作业辅导 is not read as tutoring.
ALLOWED = re.compile(
    r"作业辅导|辅导(?:家庭)?作业|作业(?:指导|答疑|托管|辅助|帮扶|面批|时间)|"
    r"(?:完成|写完|写|检查|督促|看着写)(?:当天的?|家庭|当日)?作业|答疑(?:解惑)?|"
    r"个别辅导|面批|跨学科|非学科类?"
)
#: A negated clause says what an offer does NOT do ("不讲语法、不考单词", "没有分数和范文").
NEGATED = re.compile(
    r"(?:不|无|没有|拒绝|不要再?|不再|别再?|从不|绝不)(?:额外|再)?"
    r"(?:讲|做|考|布置|教|搞|留|涉及|打|评|上|补|刷|学|设|分数|范文|排名|测)[^，。；,;！!、]{0,10}"
)
#: A person's past roles, studies and awards: who they were, not what they offer now.
PAST = re.compile(
    r"(?:退休前?(?:任|是|为|系)?|原(?:是|任|为)?|曾(?:任|是|经是|为)|以前是|前任)"
    r"[^，。；、]{0,14}?(?:教师|老师|教研员|班主任|校长)(?:[一二三四五六七八九十]+年|\d+年)?|"
    r"从事[^，。；]{0,10}?教学[^，。；]{0,6}|曾获[^，。；]{0,16}|"
    r"[^，。；、\s]{0,8}?(?:专业|系|学院)(?:大[一二三四]|本科|硕士|博士)?(?:在读)?"
    r"(?:学生|研究生|本科生|毕业生|生)"
)
#: Credentials in a qualification cell (ranks, certificates, awards): never an offer.
CREDENTIAL = re.compile(
    r"(?:[中小]学|初中|高中)?(?:正高级|高级|一级|二级|三级)?教师(?:资格证?)?|"
    r"[^，。；、]{0,16}?(?:[一二三]等奖|金牌|银牌|铜牌|八级|四级|六级|在读|会员)"
)

ACADEMIC_CUES: tuple[Cue, ...] = (
    _cue("年级学科", rf"{GRADE}[·・\s]{{0,2}}{SUBJECT}", 0.85),
    _cue("学科+教学", rf"{SUBJECT}.{{0,8}}?{TEACH}|{TEACH}.{{0,6}}?{SUBJECT}", 0.7),
    _cue("语数外", r"语数[外英]|[语数英]{3}三?科|全科辅导", 0.85),
    _cue("学科类", r"(?<!非)学科类", 0.9),
    _cue("奥数", r"奥数|奥林匹克数学|华数", 0.9),
    _cue(
        "奥数题型",
        r"鸡兔同笼|植树问题|行程问题|工程问题|归一问题|牛吃草|和差倍|盈亏问题|追及问题|"
        r"相遇问题|数论|应用题",
        0.8,
    ),
    _cue(
        "英语课程",
        r"自然拼读|phonics|字母(?:组合|发音)|发音规律|新概念|剑桥(?:少儿)?英语|KET|PET|音标",
        0.85,
    ),
    _cue("英语学习", r"英[语文](?:口语|对话|听说|发音|语法|单词|词汇|阅读|写作|精读)", 0.7),
    _cue("英语知识", r"语法|时态|单词|词汇|句型", 0.5),
    _cue(
        "语文知识",
        r"阅读理解|看图写话|病句|修辞|审题|立意|文言|古文|记叙文|说明文|议论文|写作(?:方法|技巧)|实词|虚词|中心思想|识字|生字|名著阅读",
        0.6,
    ),
    _cue("作文", r"作文|习作|写作(?!业)|周记|读后感", 0.45),
    _cue("拼音", r"拼音|拼读", 0.5),
    _cue(
        "数学知识",
        r"计算题|四则运算|竖式|方程|函数|几何|辅助线|全等|有理数|证明题|因式分解|分数应用",
        0.6,
    ),
    _cue(
        "理化生地史知识",
        r"浮力|压强|电路|欧姆定律|电学|力学|光学|酸碱盐|方程式|配平|溶液|溶解度|元素周期|"
        r"细胞的?结构|遗传|等高线|经纬网|时区|气候类型|材料(?:分析)?题|鸦片战争|宪法知识",
        0.45,
    ),
    _cue(
        "补习形式",
        r"同步|预习|先修|提前学|超前|衔接[班课]|[幼小初高]{2}衔接|培优|提优|拔高|补习|补课|补差|查漏补缺|"
        r"辅导班|学习班|提高成绩|成绩提升|学习成绩|学霸|学习方法|学习力",
        0.7,
    ),
    _cue(
        "讲题做题",
        r"知识点|考点|题型|解题|答题|讲题|讲评|错题|习题|练习册|练习纸|配套练习|练习题|"
        r"例题|课文配套|批改(?!作业)|订正",
        0.6,
    ),
    _cue("教材", r"教材|课内|课本(?!剧)", 0.45),
    _cue(
        "讲作业题",
        r"(?:作业|难题)[^，。；]{0,10}?(?:讲解|讲评|讲)|(?:讲解|讲评|讲)[^，。；]{0,8}?(?:作业|难题)",
        0.7,
    ),
    _cue(
        "名不副实",
        r"实为|实际(?:上|内容)?(?:为|是)|名为|以[^，。]{0,8}为名|主体为|大纲(?:是|为)",
        0.3,
    ),
    _cue("思维训练", r"思维拓展|思维训练|数学思维|逻辑思维训练|思维提升", 0.3),
    _cue("学科名", SUBJECT, 0.25),
)

EXAM_CUES: tuple[Cue, ...] = (
    _cue(
        "升学考试",
        r"(?<!体育)中考(?!体育)|会考|小升初|期[中末](?:考|测|复习|试|冲刺|检测)|月考|统考|模拟考|模拟卷|真题|试卷|复习卷|"
        r"练习卷|测试卷|卷子|学业(?:质量|水平)(?:测评|考试|监测)?|押题|应试|考场|采分点|评分标准|评分细则|得分点|按点给分|提分|刷题|题海",
        0.85,
    ),
    _cue(
        "杯赛竞赛",
        r"杯赛|华杯|希望杯|迎春杯|奥赛|(?:数学|英语|物理|化学|生物|学科|语文)(?:能力)?(?:竞赛|联赛)|竞赛题",
        0.9,
    ),
    _cue(
        "学科考级",
        r"(?:英语|外语|数学|语文)[^，。；]{0,6}?(?:考级|等级考试|等级测试|能力测试)|"
        r"(?:考级|等级考试)[^，。；]{0,4}?(?:英语|外语)",
        0.85,
    ),
    _cue("听写默写", r"听写|默写|重默|抽背|复测|补测|重测|口算|计算卷", 0.8),
    _cue(
        "背诵过关",
        r"(?:古诗|诗词|课文|古诗文)[^，。；]{0,4}?(?:背诵|默写)|(?:背诵|默写)[^，。；]{0,6}?(?:古诗|课文|诗词)",
        0.6,
    ),
    _cue("测验", r"测验|小测|单元测|周测|过关测|周周练|天天练|限时(?:练|训练|完成)", 0.6),
)

#: Test words shared with arts, sports and science: they only add to academic evidence.
GENERIC_TEST = _cue(
    "考试比赛",
    r"考试|测试|测评|检测|考级|等级考试|比赛|竞赛|大赛|评分|打分|成绩|过关|备考|冲刺|备赛",
    0.35,
)

CONTEXT_CUES: tuple[Cue, ...] = (
    _cue(
        "科技科普",
        r"科学实验|科学课|科学知识|科学探究|科普|编程|机器人|天文|创客|航模|无人机|3D打印|STEAM|STEM|电子制作|实验秀|魔术秀",
        0.4,
    ),
    _cue(
        "艺术",
        r"书法|绘画|美术|素描|国画|漫画|舞蹈|钢琴|小提琴|古筝|乐器|合唱|音协|声乐|戏剧|课本剧|"
        r"表演|朗诵|主持|剪纸|陶艺|手工|歌曲|儿歌|音乐|乐理|打击乐",
        0.4,
    ),
    _cue(
        "体育",
        r"体育|足球|篮球|排球|跳绳|田径|武术|游泳|跆拳道|实心球|立定跳远|体能|体质|乒乓|羽毛球|轮滑",
        0.45,
    ),
    _cue("棋类游戏", r"围棋|象棋|国际象棋|数独|魔方|桌游|24点|七巧板|华容道|段位", 0.45),
    _cue("劳动研学", r"研学|参观|博物馆|非遗|种植|烹饪|劳动|心理", 0.3),
)

#: A wish (survey answer) names a subject plainly: any of these words makes it academic.
WISH_TERMS = re.compile(
    rf"{SUBJECT}|语数[外英]|奥数|作文|写作(?!业)|拼音|计算(?!机)|口算|学习(?:班|方法|成绩)|"
    r"古文|文言|成绩|考(?:几次|试|级英语)|刷题|讲题|错题|练习题|单词|阅读理解|数学思维"
)
#: Wish phrases where a subject word names something else (历史故事, 生物科普, 英文歌).
WISH_NOT = re.compile(r"(?:科普|故事|文化|实验秀|戏剧|歌曲?|儿歌|电影|绘本剧|文化寻访|研学)")
