"""Fictional 株洲 schools: names, levels, areas, facilities, and fee-exempt counts.

Exempt counts follow docs/design.md: each district's total is proportional to its spring-2023
figure (茶陵县 7,281 of 15,952), and the city-wide share matches 15,952 of ~458,000 students.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from demo._geo import DISTRICTS, District, jitter

CITY_EXEMPT_2023 = 15_952
CITY_STUDENTS = 458_000

#: schools per district: (城区, 县城, 农村)
# fmt: off
_PLAN: dict[str, tuple[int, int, int]] = {
    "天元区": (9, 0, 1), "荷塘区": (8, 0, 1), "芦淞区": (8, 0, 1), "石峰区": (8, 0, 1),
    "渌口区": (0, 3, 3), "醴陵市": (0, 5, 5), "攸县": (0, 4, 4), "茶陵县": (0, 4, 4),
    "炎陵县": (0, 2, 3),
}
# fmt: on

FACILITIES = (
    "操场",
    "田径场",
    "篮球场",
    "足球场",
    "乒乓球室",
    "舞蹈房",
    "音乐教室",
    "美术室",
    "书法教室",
    "陶艺室",
    "科学实验室",
    "创客空间",
    "计算机房",
    "图书室",
    "劳动实践基地",
    "种植园",
    "厨艺教室",
    "报告厅",
    "心理辅导室",
    "羽毛球馆",
)
STRENGTHS = (
    "书法",
    "合唱",
    "篮球",
    "足球",
    "田径",
    "舞蹈",
    "国画",
    "剪纸",
    "编程",
    "科学实验",
    "乒乓球",
    "武术",
    "跳绳",
    "葫芦丝",
    "手工",
    "种植",
    "阅读推广",
    "心理健康",
    "围棋",
    "象棋",
    "朗诵",
    "花鼓戏",
    "陶艺",
    "航模",
    "机器人",
    "排球",
    "烹饪",
    "摄影",
)
SLOT_SETS = (
    ("周一下午", "周三下午", "周四下午"),
    ("周一下午", "周二下午", "周三下午", "周四下午", "周五下午"),
    ("周二下午", "周四下午"),
    ("周一下午", "周三下午", "周五下午"),
    ("周二下午", "周三下午", "周四下午"),
    ("周一下午", "周二下午", "周四下午"),
)


@dataclass
class SchoolRow:
    """A school plus what the survey generator needs to give it its own flavour."""

    id: str
    name: str
    district: District
    level: str
    area: str
    students: int
    lat: float
    lon: float
    facilities: list[str]
    teacher_strengths: list[str]
    slots: tuple[str, ...]
    flavour: str
    exempt: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    def cells(self) -> dict[str, str]:
        return {
            "id": self.id,
            "name": self.name,
            "district": self.district.name,
            "level": self.level,
            "area": self.area,
            "students": str(self.students),
            "lat": f"{self.lat:.5f}",
            "lon": f"{self.lon:.5f}",
            "facilities": "、".join(self.facilities),
            "teacher_strengths": "、".join(self.teacher_strengths),
            "exempt_students": str(self.exempt),
            "after_school_slots": "、".join(self.slots),
        }


def make_schools(rng: random.Random) -> list[SchoolRow]:
    """All schools, district by district, then the exempt counts shared out."""
    schools: list[SchoolRow] = []
    for district in DISTRICTS:
        urban, town, rural = _PLAN[district.name]
        areas = ["城区"] * urban + ["县城"] * town + ["农村"] * rural
        used: list[str] = []
        for i, area in enumerate(areas, start=1):
            schools.append(_school(rng, district, area, i, used))
    _share_exempt(schools)
    return schools


def _school(rng: random.Random, d: District, area: str, i: int, used: list[str]) -> SchoolRow:
    level = rng.choices(
        ("小学", "初中", "九年一贯制"), weights=(6, 3, 2) if area != "农村" else (5, 2, 3)
    )[0]
    name = _name(rng, d, area, level, used)
    lo, hi = {"城区": (800, 2500), "县城": (600, 2200), "农村": (200, 900)}[area]
    students = rng.randint(lo, hi) // 10 * 10
    lat, lon = jitter(rng, d, 0.5 if area != "农村" else 1.0)
    facilities = ["操场", *rng.sample(FACILITIES[1:], rng.randint(3, 7))]
    if area == "农村" and "劳动实践基地" not in facilities:
        facilities.append("劳动实践基地")
    if d.name == "醴陵市" and "陶艺室" not in facilities:
        facilities.append("陶艺室")
    strengths = rng.sample(STRENGTHS, rng.randint(2, 5))
    return SchoolRow(
        id=f"{d.code}{i:02d}",
        name=name,
        district=d,
        level=level,
        area=area,
        students=students,
        lat=lat,
        lon=lon,
        facilities=facilities,
        teacher_strengths=strengths,
        slots=rng.choice(SLOT_SETS),
        flavour=_flavour(d, name, area),
    )


def _name(rng: random.Random, d: District, area: str, level: str, used: list[str]) -> str:
    places = d.towns if area == "农村" else d.streets
    free = [p for p in places if p not in used] or list(places)
    place = rng.choice(free)
    used.append(place)
    if area == "农村":
        suffix = {"小学": "中心小学", "初中": "中学", "九年一贯制": "中心学校"}[level]
    else:
        suffix = {
            "小学": rng.choice(("小学", "小学", "实验小学", "第一小学")),
            "初中": rng.choice(("中学", "实验中学", "初级中学")),
            "九年一贯制": rng.choice(("学校", "实验学校")),
        }[level]
    name = f"{d.prefix}{place}{suffix}"
    if name in used:
        name = f"{d.prefix}{place}第二{suffix.removeprefix('实验')}"
    used.append(name)
    return name


def _flavour(d: District, name: str, area: str) -> str:
    """Neighbourhood character that tilts the school's survey answers."""
    if d.name == "醴陵市":
        return "ceramic"
    if d.name == "石峰区" and any(k in name for k in ("田心", "北站路", "清水塘")):
        return "rail"
    if d.name == "芦淞区" and any(k in name for k in ("董家塅", "航空路")):
        return "aviation"
    if d.name == "炎陵县":
        return "yandi"
    if area == "农村":
        return "rural"
    return "city"


def _share_exempt(schools: list[SchoolRow]) -> None:
    """District totals ∝ the 2023 figures; inside a district ∝ students (rural ×1.5)."""
    total_students = sum(s.students for s in schools)
    city_total = round(total_students * CITY_EXEMPT_2023 / CITY_STUDENTS)
    figures = {d.name: d.exempt_2023 for d in DISTRICTS}
    per_district = _largest_remainder(city_total, figures)
    for district, amount in per_district.items():
        members = [s for s in schools if s.district.name == district]
        weights = {s.id: s.students * (1.5 if s.area == "农村" else 1.0) for s in members}
        shares = _largest_remainder(amount, weights)
        for s in members:
            s.exempt = min(shares[s.id], s.students)


def _largest_remainder(total: int, weights: dict[str, float] | dict[str, int]) -> dict[str, int]:
    """Integers proportional to `weights` that add up to `total` exactly."""
    wsum = float(sum(weights.values()))
    exact = {k: total * w / wsum for k, w in weights.items()}
    floors = {k: int(v) for k, v in exact.items()}
    left = total - sum(floors.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), k))
    for k in order[:left]:
        floors[k] += 1
    return floors
