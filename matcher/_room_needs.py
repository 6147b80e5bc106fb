"""Which rooms a course needs: its room_type tag, else the interest vocabulary's room type for
what the course is about (catalog.Vocabulary), else a small keyword table.

A need is a list of facility words (any room whose name holds one will do) and whether an
ordinary classroom may stand in (音乐 in a classroom is possible, 编程 without computers is not).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import vocabulary
from matcher._tt_inputs import CLASSROOM, Room


@dataclass(frozen=True)
class RoomNeed:
    """Facility words (any matching room will do) and whether a classroom may stand in."""

    label: str
    words: tuple[str, ...]
    strict: bool

    def fits(self, room: Room) -> bool:
        return any(w in room.name for w in self.words)


ANY_ROOM = RoomNeed(CLASSROOM, (), False)

#: (topic words in the item's text) -> need; first match wins, so specific before general.
RULES: tuple[tuple[tuple[str, ...], RoomNeed], ...] = (
    (
        ("编程", "Scratch", "scratch", "Python", "人工智能", "信息学", "电脑", "计算机"),
        RoomNeed("计算机教室", ("计算机", "机房", "电脑", "信息技术"), True),
    ),
    (
        ("机器人", "航模", "无人机", "创客", "3D", "车模"),
        RoomNeed("创客/计算机教室", ("创客", "科创", "计算机", "机房"), True),
    ),
    (("科学实验", "实验", "化学", "物理小"), RoomNeed("科学实验室", ("实验室", "科学"), False)),
    (("陶艺", "陶瓷", "釉下", "泥塑", "捏泥"), RoomNeed("陶艺室", ("陶艺", "陶瓷", "美术"), True)),
    (
        ("烹饪", "厨艺", "面点", "烘焙", "美食"),
        RoomNeed("厨艺教室", ("厨艺", "烹饪", "厨房"), True),
    ),
    (
        ("种植", "农耕", "菜园", "劳动实践", "养殖", "园艺"),
        RoomNeed("劳动实践基地", ("种植", "劳动实践", "农场", "菜园"), True),
    ),
    (("游泳",), RoomNeed("游泳馆", ("游泳",), True)),
    (("足球",), RoomNeed("足球场", ("足球场", "操场", "田径场"), True)),
    (("篮球",), RoomNeed("篮球场", ("篮球场", "操场", "体育馆"), True)),
    (("排球",), RoomNeed("排球场", ("排球", "篮球场", "操场", "体育馆"), True)),
    (("羽毛球",), RoomNeed("羽毛球馆", ("羽毛球", "体育馆", "操场"), True)),
    (("乒乓",), RoomNeed("乒乓球室", ("乒乓", "体育馆", "操场"), True)),
    (
        ("田径", "跑步", "跳绳", "武术", "体能", "啦啦操", "轮滑", "踢毽", "拔河", "体育"),
        RoomNeed("运动场地", ("操场", "田径场", "体育馆", "篮球场", "足球场"), True),
    ),
    (("舞蹈", "街舞", "形体"), RoomNeed("舞蹈房", ("舞蹈", "形体"), False)),
    (
        ("合唱", "器乐", "葫芦丝", "花鼓戏", "戏曲", "音乐", "口琴", "竖笛", "古筝"),
        RoomNeed("音乐教室", ("音乐",), False),
    ),
    (("书法",), RoomNeed("书法教室", ("书法", "美术"), False)),
    (("美术", "绘画", "国画", "素描", "剪纸", "版画"), RoomNeed("美术室", ("美术", "画室"), False)),
    (("心理",), RoomNeed("心理辅导室", ("心理",), False)),
    (("阅读", "读书", "绘本"), RoomNeed("图书室", ("图书", "阅览"), False)),
)


SPORT = RoomNeed("运动场地", ("操场", "田径场", "体育馆", "篮球场", "足球场"), True)
#: Vocabulary room types that name a general place rather than one topic's room.
GENERAL: dict[str, RoomNeed] = {
    "操场": SPORT,
    "体育馆": SPORT,
    "田径场": SPORT,
    "报告厅": RoomNeed("报告厅", ("报告", "礼堂", "多功能"), False),
}


def need_for_room(name: str) -> RoomNeed:
    """The need behind a room type name (计算机房 -> 计算机教室, any computer room)."""
    if name == CLASSROOM:
        return ANY_ROOM
    if name in GENERAL:
        return GENERAL[name]
    probe = Room(name, 1, 0)
    found = next((need for _, need in RULES if need.fits(probe)), None)
    return found or RoomNeed(name, (name,), False)


def room_need(
    text: str, tags: tuple[str, ...] = (), title: str = "", room_type: str | None = None
) -> RoomNeed:
    """The course's ``room_type`` column wins, then a tag 「场地:计算机教室」; then the
    vocabulary's room type for the interest the title names (a description's loose words
    mislead: 技巧 is not 体操); then the first keyword rule over title and text;
    else any classroom."""
    if room_type:
        return need_for_room(room_type)
    for tag in tags:
        for prefix in ("场地:", "场地：", "room_type:", "教室:"):
            if tag.startswith(prefix) and (name := tag[len(prefix) :].strip()):
                return RoomNeed(name, (name,), name != CLASSROOM)
    found = vocabulary().best(title or text, academic=False)
    if found is not None and found.room:
        return need_for_room(found.room)
    for words, need in RULES:
        if any(w in f"{title} {text}" for w in words):
            return need
    return ANY_ROOM
