"""Specialist rows of every kind: skills from a topic, bios from varied fragments."""

from __future__ import annotations

import random

from demo._geo import BY_NAME, DISTRICTS, jitter
from demo._people import (
    FICTIONAL_ICH,
    KIND_COUNTS,
    REAL_ICH,
    SLOTS,
    Person,
    _name,
    topic_by_key,
)
from demo._topics import TOPICS

# fmt: off
QUALIFICATIONS = {
    "退休教师": ("中小学高级教师（退休）", "小学一级教师（退休）", "中学高级教师（退休）"),
    "退役军人": ("退役军人优待证", "退役军人证、街道武装部推荐"),
    "高校青年": ("在校学生证、学校团委推荐", "志愿服务证明、无犯罪记录证明"),
    "体育教练": ("国家二级社会体育指导员", "中国足协D级教练员证", "篮球E级教练员证",
                 "国家一级运动员、二级社会体育指导员"),
    "文艺工作者": ("国家三级演员", "市美术家协会会员", "市音乐家协会会员", "市书法家协会会员"),
    "科普工作者": ("科普辅导员证", "高级工程师", "市科协科普专家库成员"),
    "能工巧匠": ("高级技师", "市级工艺美术大师", "技师证"),
    "非遗传承人": ("市级代表性传承人", "省级代表性传承人", "县级代表性传承人"),
    "志愿者": ("志愿湖南注册志愿者", "注册志愿者、无犯罪记录证明"),
    "培训机构": ("教师资格证、所在机构办学许可证", "专项教练资格证、机构准入材料"),
}
FEES = {
    "退休教师": (0, 60, 80, 100), "退役军人": (0, 50, 80), "高校青年": (30, 50, 60, 80),
    "体育教练": (80, 120, 150, 200), "文艺工作者": (100, 150, 200, 250),
    "科普工作者": (0, 50, 100, 150), "能工巧匠": (80, 120, 150, 200),
    "非遗传承人": (100, 150, 200, 300), "志愿者": (0,), "培训机构": (150, 200, 300, 400),
}
# fmt: on
TRAVEL = {"高校青年": (5, 20), "志愿者": (5, 15), "非遗传承人": (20, 60), "科普工作者": (20, 60)}
UNIVS = (
    "湖南工业大学",
    "湖南铁道职业技术学院",
    "株洲师范高等专科学校",
    "湖南化工职业技术学院",
    "湖南汽车工程职业学院",
)
# fmt: off
OPENERS = {
    "退休教师": ("教了{y}年书，{year}年从{d}一所{lvl}退休。",
                 "{d}退休教师，从教{y}年，当过多年班主任。",
                 "原{d}{lvl}教师，退休后一直在社区带孩子活动。"),
    "退役军人": ("{y}年军龄，退役后在{d}工作。", "曾在部队担任班长，服役{y}年。",
                 "退役军人，现为{d}某街道武装干事。"),
    "高校青年": ("{u}{yr}学生，参加了学校的青年志愿者协会。", "{u}在读，课余在{d}做公益支教。",
                 "{u}{yr}学生，学生社团骨干。"),
    "体育教练": ("带过{n}届{d}中小学生代表队。", "专业运动员出身，执教{y}年。",
                 "在{d}体育馆任教练，从业{y}年。"),
    "文艺工作者": ("在{d}文化馆工作{y}年。", "从事群众文艺工作{y}年，常年组织社区演出。",
                   "自由艺术工作者，办过个人作品展。"),
    "科普工作者": ("株洲市科技馆科普辅导员，工作{y}年。", "从企业技术岗位转做科普，已{y}年。",
                   "{d}科协科普志愿讲师团成员。"),
    "能工巧匠": ("做了{y}年手艺，在{d}开有一间工作室。", "{d}人，家传手艺，十几岁就跟师傅学。",
                 "工厂技师出身，退休后专心做手工。"),
    "志愿者": ("{d}社区志愿者，服务时长超过{h}小时。", "全职妈妈，也是家长志愿者。",
               "在{d}上班，周中下午可以抽时间来学校。"),
}
# fmt: on
SKILL_LINES = (
    "擅长{s}。",
    "主要教{s}。",
    "{s}是拿手项目。",
    "能带{s}类课程。",
    "会{s}，也乐意教。",
)
STYLE_LINES = (
    "上课耐心，注重安全。",
    "喜欢用游戏的方式带孩子。",
    "重视过程，不搞比赛排名。",
    "带过多所学校的课后社团。",
    "可以自带部分器材。",
    "和孩子们沟通很有办法。",
    "讲究规范，每次课有教案。",
    "希望把家乡文化讲给孩子听。",
    "",
    "",
)


def make_specialists(
    rng: random.Random, institutions: list[tuple[dict[str, str], tuple[str, ...]]]
) -> list[Person]:
    """All specialists; ids run SP001… in kind order. About 8% are not verified."""
    people: list[Person] = []
    for kind, count in KIND_COUNTS:
        if kind == "非遗传承人":
            people += [
                _inheritor(rng, item, district, key, fictional=i >= len(REAL_ICH))
                for i, (item, district, key) in enumerate((*REAL_ICH, *FICTIONAL_ICH))
            ]
        elif kind == "培训机构":
            people += [_institution_teacher(rng, institutions, i) for i in range(count)]
        else:
            topics = [t.key for t in TOPICS if kind in t.kinds]
            rng.shuffle(topics)
            people += [_person(rng, kind, topics[i % len(topics)]) for i in range(count)]
    for i, person in enumerate(people, start=1):
        person.cells["id"] = f"SP{i:03d}"
    return people


def _person(rng: random.Random, kind: str, topic_key: str, district: str | None = None) -> Person:
    topic = topic_by_key(topic_key)
    d = (
        BY_NAME[district]
        if district
        else rng.choices(DISTRICTS, weights=(10,) * 4 + (6,) + (10, 8, 8, 5))[0]
    )
    skills = rng.sample(topic.skills, rng.randint(1, len(topic.skills)))
    lo, hi = TRAVEL.get(kind, (10, 40))
    opener = rng.choice(OPENERS.get(kind, ("",))).format(
        y=rng.randint(8, 35),
        year=rng.randint(2012, 2024),
        d=d.name,
        n=rng.randint(3, 12),
        lvl=rng.choice(("小学", "中学")),
        u=rng.choice(UNIVS),
        h=rng.randint(2, 9) * 100,
        yr=rng.choice(("大一", "大二", "大三", "研一")),
    )
    bio = opener + rng.choice(SKILL_LINES).format(s="、".join(skills)) + rng.choice(STYLE_LINES)
    slots = sorted(rng.sample(SLOTS, rng.randint(2, 4)), key=SLOTS.index)
    if kind == "志愿者" and rng.random() < 0.3:
        slots.append("周六上午")
    verified = rng.random() >= 0.08
    lat, lon = jitter(rng, d, 0.8)
    cells = {
        "id": "",
        "name": _name(rng, kind),
        "kind": kind,
        "skills": "、".join(skills),
        "bio": bio,
        "district": d.name,
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "max_travel_km": str(rng.randint(lo, hi)),
        "available_slots": "、".join(slots),
        "max_schools": str(rng.randint(1, 6)),
        "fee_per_session": str(rng.choice(FEES[kind])),
        "qualification": rng.choice(QUALIFICATIONS[kind]),
        "verified": "是" if verified else "否",
        "institution_id": "",
    }
    return Person(cells, topic_key, verified)


def _inheritor(rng: random.Random, item: str, district: str, key: str, fictional: bool) -> Person:
    person = _person(rng, "非遗传承人", key, district)
    skills = [item, *topic_by_key(key).skills[:2]]
    if fictional:
        head = f"【演示虚构】「{item}」是为演示数据编造的{district}地方项目，不在国家级名录中。"
    else:
        head = f"国家级非遗代表性项目「{item}」的传习人（人物为演示虚构）。"
    years = rng.randint(12, 40)
    body = rng.choice(
        (
            f"从艺{years}年，常年在{district}带徒传艺。",
            f"跟随老师傅学艺{years}年，愿意把手艺带进校园。",
            f"在{district}有传习所，每年接待学生体验{rng.randint(5, 30)}批次。",
        )
    )
    person.cells.update(skills="、".join(dict.fromkeys(skills)), bio=head + body)
    return person


def _institution_teacher(
    rng: random.Random, institutions: list[tuple[dict[str, str], tuple[str, ...]]], i: int
) -> Person:
    """Teachers sent by institutions; the last one belongs to an institution not admitted."""
    pick = institutions[18] if i == 11 else institutions[i % 16]
    row, topics = pick
    person = _person(rng, "培训机构", topics[0], row["district"])
    person.cells.update(
        institution_id=row["id"],
        verified="是" if row["admitted"] == "true" else "否",
        bio=f"{row['name']}派出教师。" + person.cells["bio"],
    )
    person.verified = row["admitted"] == "true"
    return person
