"""Course rows: several per topic, each with its own grades, wording, fee and provider."""

from __future__ import annotations

import random

from demo._people import Person
from demo._topics import TOPICS, Topic

NUM = "零一二三四五六七八九"
LEVEL_LINES = {
    "low": (
        "适合刚接触的低年级孩子，以游戏为主。",
        "零基础可以报，每次课都有动手环节。",
        "节奏放慢，照顾一二年级孩子的注意力。",
        "先培养兴趣，不要求任何基础。",
    ),
    "mid": (
        "面向有一点基础、想继续学的孩子。",
        "在兴趣的基础上逐步加一点难度。",
        "适合中高年级，鼓励孩子自己拿主意。",
        "学过一学期的同学可以继续报。",
    ),
    "high": (
        "面向初中生，内容更开放，强调合作与创造。",
        "适合初中学生，课时可以和社团活动衔接。",
        "初中段以项目和展示为主，不与考试挂钩。",
    ),
}
METHOD_LINES = (
    "每次课先示范再分组练习，老师巡回指导。",
    "以小组合作为主，每组四到六人。",
    "课堂上多动手、少讲授，孩子做完就能带走作品。",
    "采用“看一看、试一试、比一比”的流程。",
    "每四周安排一次小展示，家长可以来看。",
    "课程按学期设计，共十二到十六次。",
    "会邀请校外老师和本校老师一起带。",
    "在校内场地进行，不需要外出。",
    "每次课留十分钟让孩子分享和互评。",
    "结合节日和校园活动安排主题。",
    "",
)
OUTCOME = {
    "德": ("让孩子学会尊重、担当和合作。", "在活动里体会规则意识和家国情怀。"),
    "智": ("保护好奇心，培养动手动脑的习惯。", "重在探究过程，不做题、不考试。"),
    "体": ("每次课保证足够的运动量，增强体质。", "学会一项能坚持下去的运动。"),
    "美": ("提高审美和表达，让每个孩子都能上台。", "感受美、表达美，作品用于校园展示。"),
    "劳": ("体会劳动的辛苦和乐趣，养成劳动习惯。", "学会一两样能在家里用上的生活技能。"),
}
NOTES = (
    "器材由学校提供。",
    "需自备围裙和袖套。",
    "雨天改在室内进行。",
    "自愿报名，额满为止。",
    "经济困难家庭学生免费参加。",
    "学期末有成果展示。",
    "",
    "",
    "",
)
FEES = (0, 1, 1.5, 2, 2.5, 3, 3.5, 4)
FEE_WEIGHTS = (25, 8, 8, 18, 10, 14, 6, 11)


def make_courses(
    rng: random.Random,
    people: list[Person],
    institutions: list[tuple[dict[str, str], tuple[str, ...]]],
) -> list[dict[str, str]]:
    """About six courses per topic; ids C001…; providers only verified / admitted ones."""
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for topic in TOPICS:
        providers = [p.cells["id"] for p in people if p.topic == topic.key and p.verified]
        providers += [
            r["id"] for r, keys in institutions if topic.key in keys and r["admitted"] == "true"
        ]
        for _ in range(rng.randint(5, 8)):
            rows.append(_course(rng, topic, providers, seen))
    for i, row in enumerate(rows, start=1):
        row["id"] = f"C{i:03d}"
    return rows


def _course(
    rng: random.Random, topic: Topic, providers: list[str], seen: dict[str, int]
) -> dict[str, str]:
    band = rng.choice(topic.bands)
    lo, hi = (int(x) for x in band.split("-"))
    level = "high" if lo >= 7 else "low" if hi <= 3 else "mid"
    title = _title(rng, topic, lo, hi, level, seen)
    domain = topic.domains.split("、")[0]
    description = "".join(
        (
            rng.choice(topic.cores),
            rng.choice(LEVEL_LINES[level]),
            rng.choice(METHOD_LINES),
            rng.choice(OUTCOME[domain]),
            rng.choice(NOTES),
        )
    )
    fee = rng.choices(FEES, weights=FEE_WEIGHTS)[0]
    fee_text = f"{fee:g}" + ("元" if rng.random() < 0.1 else "")
    minutes = rng.choice((40, 45, 45, 60, 60, 90))
    provider = rng.choice(providers) if providers and rng.random() < 0.6 else ""
    tags = [topic.skills[0], *rng.sample(("社团", "一校一特色", "本土特色", "兴趣", "展示"), 1)]
    return {
        "id": "",
        "title": title,
        "description": description,
        "domains": topic.domains,
        "grades": grades_text(rng, lo, hi),
        "fee_per_session": fee_text,
        "session_minutes": str(minutes),
        "capacity": str(rng.randint(3, 12) * 5),
        "provider_id": provider,
        "tags": "、".join(tags),
    }


def _title(
    rng: random.Random, topic: Topic, lo: int, hi: int, level: str, seen: dict[str, int]
) -> str:
    stem = rng.choice(topic.titles)
    suffix = rng.choice(
        {
            "low": ("（低段）", "启蒙班", ""),
            "mid": ("（中高段）", "进阶班", ""),
            "high": ("（初中）", "提高班", "社"),
        }[level]
    )
    title = stem + suffix
    seen[title] = seen.get(title, 0) + 1
    if seen[title] > 1:
        title += f"·{NUM[seen[title]]}班" if seen[title] < 10 else f"·{seen[title]}班"
    return title


def grades_text(rng: random.Random, lo: int, hi: int) -> str:
    """Grades the way planners type them: mostly 1-6, sometimes 一至六年级, 1～6 or 初一-初三."""
    r = rng.random()
    if r < 0.7:
        return f"{lo}-{hi}"
    if r < 0.8:
        return f"{lo}～{hi}"
    if lo >= 7:
        return f"初{NUM[lo - 6]}-初{NUM[hi - 6]}"
    if hi <= 6:
        return f"{NUM[lo]}至{NUM[hi]}年级" if r < 0.9 else f"{NUM[lo]}年级-{NUM[hi]}年级"
    return f"{lo}~{hi}"
