"""Fictional institutions and specialists of every kind, including real Hunan 非遗 items.

People are invented; heritage items named as national-list items are real entries of the
national list whose region is 湖南 (checked against ../shared/data/ich/). Local items invented
for the demo say so in the bio.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from demo._geo import BY_NAME, jitter
from demo._topics import TOPICS, Topic

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢唐韩冯邓曹彭曾肖田袁潘蒋蔡谭廖贺易龙文钟颜"
)
OLD_GIVEN = (
    "建国",
    "志强",
    "丽华",
    "秀英",
    "红梅",
    "卫东",
    "桂兰",
    "春生",
    "玉梅",
    "国平",
    "雅琴",
    "振华",
    "新民",
    "翠萍",
    "立新",
    "宏伟",
    "德华",
    "文军",
    "淑芬",
    "明亮",
    "爱民",
    "小平",
    "长青",
    "满秀",
    "光辉",
    "美玲",
    "铁军",
    "金生",
)
YOUNG_GIVEN = (
    "思远",
    "雨欣",
    "子涵",
    "浩然",
    "佳怡",
    "一鸣",
    "欣怡",
    "俊杰",
    "梓萱",
    "宇航",
    "诗琪",
    "博文",
    "晨曦",
    "可馨",
    "天佑",
    "若曦",
    "泽宇",
    "嘉怡",
)
SLOTS = ("周一下午", "周二下午", "周三下午", "周四下午", "周五下午")

#: (kind, how many)
# fmt: off
KIND_COUNTS = (
    ("退休教师", 24), ("退役军人", 13), ("高校青年", 24), ("体育教练", 22), ("文艺工作者", 22),
    ("科普工作者", 17), ("能工巧匠", 16), ("非遗传承人", 18), ("志愿者", 14), ("培训机构", 12),
)
# fmt: on

_LILING = "醴陵釉下五彩瓷烧制技艺"
#: real national-list items (region 湖南) → (district where our fictional inheritor lives, topic)
# fmt: off
REAL_ICH = (
    *((_LILING, "醴陵市", "underglaze"),) * 4,
    ("炎帝陵祭典", "炎陵县", "yandi"), ("炎帝陵祭典", "炎陵县", "yandi"),
    ("湘绣", "荷塘区", "xiangxiu"), ("湘绣", "天元区", "xiangxiu"),
    ("花鼓戏", "芦淞区", "opera"), ("花鼓戏", "攸县", "opera"), ("湖南渔鼓", "石峰区", "opera"),
    ("皮影戏（湖南皮影戏）", "渌口区", "shadow"), ("剪纸（梅山剪纸）", "荷塘区", "papercut"),
    ("巫家拳", "天元区", "wushu"),
)
# fmt: on
#: local items invented for the demo; their bios say so plainly
# fmt: off
FICTIONAL_ICH = (
    ("茶陵谭家拳", "茶陵县", "wushu"), ("炎陵客家山歌", "炎陵县", "choir"),
    ("攸县竹编", "攸县", "bamboo"), ("茶陵手工制茶", "茶陵县", "tea"),
)
# fmt: on

# fmt: off
INSTITUTIONS = (
    ("株洲市天韵艺术培训学校", "天元区", ("dance", "folk_music", "drawing"), True),
    ("株洲市童创机器人编程中心", "天元区", ("robot", "coding", "maker"), True),
    ("荷塘区飞扬体育俱乐部", "荷塘区", ("basketball", "football", "rope"), True),
    ("芦淞区蓝天航模科技社", "芦淞区", ("aero", "maker"), True),
    ("石峰区棋乐无穷棋院", "石峰区", ("chess", "cube"), True),
    ("株洲市星辰科普教育中心", "荷塘区", ("science", "astro"), True),
    ("醴陵市瓷源陶艺工作室", "醴陵市", ("pottery", "underglaze"), True),
    ("攸县阳光少儿体育中心", "攸县", ("athletics", "basketball", "pingpong"), True),
    ("茶陵县墨香书画院", "茶陵县", ("calligraphy", "guohua"), True),
    ("株洲市湘音合唱艺术团", "石峰区", ("choir", "opera"), True),
    ("渌口区绿野自然教育中心", "渌口区", ("nature", "planting"), True),
    ("株洲市小当家劳动教育基地", "芦淞区", ("cooking", "woodwork", "handcraft"), True),
    ("天元区跃动啦啦操俱乐部", "天元区", ("cheer", "dance"), True),
    ("株洲市少儿武术馆", "荷塘区", ("wushu",), True),
    ("醴陵市创想美术中心", "醴陵市", ("drawing", "handcraft"), True),
    ("炎陵县山水研学营地", "炎陵县", ("nature", "yandi"), True),
    ("株洲市博思思维培训中心", "天元区", ("chess", "cube"), False),
    ("荷塘区金钥匙托管中心", "荷塘区", ("reading", "handcraft"), False),
    ("芦淞区酷玩科技工作室", "芦淞区", ("robot", "coding"), False),
    ("石峰区新起点体育培训部", "石峰区", ("football", "badminton"), False),
)
# fmt: on


@dataclass
class Person:
    """A specialist row plus the topic it was built around (for course providers)."""

    cells: dict[str, str]
    topic: str
    verified: bool


def topic_by_key(key: str) -> Topic:
    return next(t for t in TOPICS if t.key == key)


def make_institutions(rng: random.Random) -> list[tuple[dict[str, str], tuple[str, ...]]]:
    """Institution rows and the topics each offers; four are not admitted (未准入)."""
    rows = []
    for i, (name, district, topics, admitted) in enumerate(INSTITUTIONS, start=1):
        lat, lon = jitter(rng, BY_NAME[district], 0.4)
        services = [topic_by_key(k).skills[0] for k in topics]
        license_no = f"湘株教民{4302000 + i * 37:07d}号" if admitted else ""
        rows.append(
            (
                {
                    "id": f"INS{i:02d}",
                    "name": name,
                    "district": district,
                    "description": _institution_blurb(rng, name, services),
                    "services": "、".join(services),
                    "license_no": license_no,
                    "admitted": "true" if admitted else "false",
                    "lat": f"{lat:.5f}",
                    "lon": f"{lon:.5f}",
                },
                topics,
            )
        )
    return rows


def _institution_blurb(rng: random.Random, name: str, services: list[str]) -> str:
    years = rng.randint(3, 15)
    core = f"成立{years}年，主要开展{'、'.join(services)}等非学科类项目。"
    extra = rng.choice(
        (
            "有固定教练团队，可送教入校。",
            "与多所中小学有课后服务合作经验。",
            "教师均持相应资格证书上岗。",
            "可提供器材，按学期签订合作协议。",
        )
    )
    return core + extra


def _name(rng: random.Random, kind: str) -> str:
    given = YOUNG_GIVEN if kind in ("高校青年", "志愿者") else OLD_GIVEN
    return rng.choice(SURNAMES) + rng.choice(given)
