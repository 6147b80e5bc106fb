"""株洲's nine districts: centres, urban/rural character and place names for fictional schools.

Coordinates are rough district centres; schools and people are jittered around them so that
distances (and so travel-radius rules) behave like the real city.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    """One district with the places its fictional schools are named after."""

    name: str
    code: str
    lat: float
    lon: float
    spread_km: float
    urban: bool
    prefix: str
    streets: tuple[str, ...]
    towns: tuple[str, ...]
    exempt_2023: int


# fmt: off
DISTRICTS: tuple[District, ...] = (
    District("天元区", "TY", 27.826, 113.082, 6.0, True, "株洲市天元区",
             ("泰山路", "黄河路", "长江路", "珠江路", "栗雨", "天台", "嵩山路", "湘芸", "银海"),
             ("马家河镇", "群丰镇", "雷打石镇"), 525),
    District("荷塘区", "HT", 27.856, 113.160, 5.0, True, "株洲市荷塘区",
             ("新华路", "红旗路", "月塘", "宋家桥", "茨菇塘", "金山", "戴家岭", "荷塘铺"),
             ("仙庾镇", "明照乡"), 1071),
    District("芦淞区", "LS", 27.785, 113.155, 5.0, True, "株洲市芦淞区",
             ("建设路", "董家塅", "龙泉", "枫溪", "贺家土", "庆云", "人民路", "航空路"),
             ("白关镇",), 743),
    District("石峰区", "SF", 27.872, 113.118, 5.0, True, "株洲市石峰区",
             ("响石岭", "清水塘", "田心", "龙头铺", "井墈", "铜塘湾", "建宁", "北站路"),
             ("云田镇",), 460),
    District("渌口区", "LK", 27.700, 113.150, 12.0, False, "株洲市渌口区",
             ("渌口", "湘江路", "伏波", "育红"),
             ("南洲镇", "淦田镇", "龙潭镇", "古岳峰镇", "龙船镇", "朱亭镇"), 380),
    District("醴陵市", "LL", 27.650, 113.500, 15.0, False, "醴陵市",
             ("来龙门", "阳三石", "西山", "仙岳山", "瓷城", "南桥"),
             ("王仙镇", "浦口镇", "白兔潭镇", "泗汾镇", "东富镇", "船湾镇", "嘉树镇", "孙家湾镇"),
             3414),
    District("攸县", "YX", 27.000, 113.340, 16.0, False, "攸县",
             ("联星", "江桥", "城关", "东正街"),
             ("皇图岭镇", "网岭镇", "黄丰桥镇", "新市镇", "酒埠江镇", "鸾山镇", "桃水镇"), 2056),
    District("茶陵县", "CL", 26.790, 113.540, 16.0, False, "茶陵县",
             ("云阳", "思聪", "城西", "洣江"),
             ("严塘镇", "虎踞镇", "腰潞镇", "秩堂镇", "火田镇", "马江镇", "湖口镇", "枣市镇"),
             7281),
    District("炎陵县", "YL", 26.490, 113.770, 18.0, False, "炎陵县",
             ("霞阳", "神农"),
             ("沔渡镇", "十都镇", "水口镇", "鹿原镇", "策源乡", "中村乡"), 22),
)
# fmt: on

BY_NAME: dict[str, District] = {d.name: d for d in DISTRICTS}

_KM_PER_DEG_LAT = 111.0


def jitter(rng: random.Random, district: District, scale: float = 1.0) -> tuple[float, float]:
    """A point near the district centre, within about `spread_km * scale` kilometres."""
    radius = district.spread_km * scale
    dlat = rng.uniform(-radius, radius) / _KM_PER_DEG_LAT
    dlon = rng.uniform(-radius, radius) / (_KM_PER_DEG_LAT * 0.885)
    return round(district.lat + dlat, 5), round(district.lon + dlon, 5)
