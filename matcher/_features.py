"""The signature features a school can grow (一校一特色) and how items map onto them.

A small, visible taxonomy: each feature has keywords matched against an item's text. The
bureau can read it and argue with it, which it could not do with a learned black box.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import Domain


@dataclass(frozen=True)
class Feature:
    key: str
    label: str
    domain: Domain
    keywords: tuple[str, ...]


FEATURES: tuple[Feature, ...] = (
    Feature(
        "heritage",
        "非遗与本土文化",
        Domain.MEI,
        (
            "非遗",
            "传承",
            "釉下",
            "陶瓷",
            "瓷",
            "湘绣",
            "剪纸",
            "花鼓",
            "皮影",
            "竹编",
            "傩",
            "龙舞",
            "狮",
            "山歌",
            "客家",
            "民俗",
            "扎染",
            "糖画",
            "泥塑",
            "刺绣",
        ),
    ),
    Feature(
        "science",
        "科技创新",
        Domain.ZHI,
        (
            "科学",
            "科技",
            "编程",
            "机器人",
            "航模",
            "无人机",
            "天文",
            "实验",
            "创客",
            "轨道",
            "火车",
            "航空",
            "人工智能",
            "电子",
            "气象",
            "3D",
            "发明",
        ),
    ),
    Feature(
        "sport",
        "体育特色",
        Domain.TI,
        (
            "足球",
            "篮球",
            "排球",
            "乒乓",
            "羽毛球",
            "跳绳",
            "武术",
            "田径",
            "游泳",
            "跆拳道",
            "体操",
            "棋",
            "轮滑",
            "拳",
            "踢毽",
            "啦啦操",
            "射箭",
        ),
    ),
    Feature(
        "music",
        "音乐艺术",
        Domain.MEI,
        (
            "合唱",
            "唱歌",
            "声乐",
            "葫芦丝",
            "口琴",
            "器乐",
            "乐队",
            "鼓",
            "古筝",
            "二胡",
            "竖笛",
            "舞蹈",
            "戏剧",
            "音乐",
        ),
    ),
    Feature(
        "art",
        "美术书法",
        Domain.MEI,
        ("美术", "绘画", "画", "国画", "书法", "素描", "水彩", "版画", "漫画", "手工", "陶艺"),
    ),
    Feature(
        "labour",
        "劳动实践",
        Domain.LAO,
        ("劳动", "种植", "农", "烹饪", "厨艺", "木工", "编织", "缝纫", "园艺", "养殖", "家务"),
    ),
    Feature(
        "moral",
        "德育与阅读",
        Domain.DE,
        (
            "红色",
            "国旗",
            "法治",
            "心理",
            "礼仪",
            "志愿",
            "阅读",
            "经典",
            "诵读",
            "演讲",
            "安全",
            "国防",
        ),
    ),
)

FEATURES_BY_KEY: dict[str, Feature] = {f.key: f for f in FEATURES}


def features_of(text: str) -> list[tuple[str, int]]:
    """Features whose keywords occur in `text`, scored by matched keyword length, best first.

    Longer keywords are more specific (釉下五彩 says more than 画); ties follow FEATURES order.
    """
    hits = [(f.key, sum(len(k) for k in f.keywords if k in text)) for f in FEATURES]
    order = {f.key: i for i, f in enumerate(FEATURES)}
    return sorted(((k, n) for k, n in hits if n), key=lambda kn: (-kn[1], order[kn[0]]))


def best_feature(text: str) -> str | None:
    """The single feature an item belongs to, or None when no keyword matches."""
    found = features_of(text)
    return found[0][0] if found else None
