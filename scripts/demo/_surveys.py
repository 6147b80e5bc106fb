"""Survey responses: each school gets its own interest profile, then people write freely."""

from __future__ import annotations

import math
import random

from demo._phrases import (
    ACADEMIC,
    EMOJIS,
    ENDINGS,
    FORMS,
    NO_IDEA,
    PARENT_SHAPES,
    PRACTICAL,
    STUDENT_SHAPES,
)
from demo._schools import SchoolRow

# fmt: off
BASE: dict[str, float] = {
    "football": 8, "basketball": 9, "rope": 4, "wushu": 4, "pingpong": 5, "athletics": 3,
    "badminton": 5, "swim": 4, "volleyball": 1.5, "cheer": 2, "dance": 8, "choir": 5,
    "calligraphy": 6, "drawing": 10, "guohua": 2, "pottery": 3, "underglaze": 0.3, "papercut": 2,
    "hulusi": 2, "folk_music": 3, "opera": 0.5, "coding": 7, "robot": 7, "science": 6, "aero": 3,
    "astro": 2.5, "rail": 1, "chess": 4, "cube": 2, "reading": 4, "speech": 3, "cooking": 4,
    "planting": 2, "handcraft": 5, "woodwork": 1.5, "tea": 0.5, "bamboo": 0.3, "psych": 1,
    "red_story": 1, "yandi": 0.2, "aoshu": 0.6, "english": 0.8, "essay": 0.5,
}
BOOSTS: dict[str, dict[str, float]] = {
    "ceramic": {"underglaze": 50, "pottery": 6, "drawing": 1.5},
    "rail": {"rail": 20, "robot": 2, "science": 1.5},
    "aviation": {"aero": 8, "astro": 2, "robot": 1.5},
    "rural": {"planting": 5, "basketball": 1.8, "cooking": 2, "coding": 0.6, "bamboo": 4,
              "tea": 4},
    "yandi": {"yandi": 30, "planting": 3, "tea": 6, "red_story": 3},
    "city": {"coding": 1.4, "robot": 1.4, "dance": 1.2},
}
# fmt: on
SEMESTER = "2026秋"
SPRING = "2026春"
TARGET = 6000
NUM = "零一二三四五六七八九"
HEADER_DAYS = ("周一下午", "周二下午", "周三下午", "周四下午", "周五下午")


def make_surveys(rng: random.Random, schools: list[SchoolRow]) -> list[dict[str, str]]:
    """~6,000 autumn responses over all schools plus a few spring ones at four schools."""
    roots = {s.id: math.sqrt(s.students) for s in schools}
    total = sum(roots.values())
    cram = {s.id for s in rng.sample(schools, 6)}
    spring = {s.id for s in rng.sample(schools, 4)}
    rows: list[dict[str, str]] = []
    for school in schools:
        profile = _profile(rng, school, school.id in cram)
        style = rng.choice(("A{n:05d}", "S26{n:04d}", "Q{n:04d}"))
        n_autumn = round(TARGET * roots[school.id] / total)
        for n in range(1, n_autumn + 1):
            rows.append(_response(rng, school, profile, style.format(n=n), SEMESTER))
        if school.id in spring:
            for n in range(1, rng.randint(30, 50)):
                rows.append(_response(rng, school, profile, style.format(n=n), SPRING))
    return rows


def _profile(rng: random.Random, school: SchoolRow, cram: bool) -> dict[str, float]:
    """Popularity × neighbourhood boost × this school's own taste; cram schools want 奥数/英语."""
    boosts = BOOSTS.get(school.flavour, {})
    profile = {k: w * boosts.get(k, 1.0) * rng.uniform(0.3, 2.5) for k, w in BASE.items()}
    for strength in school.teacher_strengths:
        for key, (_, forms) in FORMS.items():
            if strength in forms:
                profile[key] *= 1.8
    if cram:
        for key in ACADEMIC:
            profile[key] *= 12
    return profile


def _response(
    rng: random.Random, school: SchoolRow, profile: dict[str, float], raw_id: str, semester: str
) -> dict[str, str]:
    grade = _grade(rng, school.level)
    parent_share = 0.7 if grade <= 3 else 0.45 if grade <= 6 else 0.25
    who = "家长" if rng.random() < parent_share else "学生"
    keys = _pick(rng, profile, rng.choice((1, 1, 2, 2, 2, 3)))
    return {
        "school_id": school.id,
        "respondent_id": raw_id,
        "respondent": who,
        "grade": _grade_text(rng, grade),
        "interests": _text(rng, who, keys, profile),
        "preferred_domains": _domains(rng, keys),
        "preferred_days": _days(rng, school),
        "pickup_time": _pickup(rng, who),
        "semester": semester,
        "submitted_at": _submitted(rng, semester),
    }


def _grade(rng: random.Random, level: str) -> int:
    return {"小学": rng.randint(1, 6), "初中": rng.randint(7, 9)}.get(level, rng.randint(1, 9))


def _grade_text(rng: random.Random, grade: int) -> str:
    """Mostly 「3」, sometimes 「三年级」「3年级」「初二」, as people type it."""
    r = rng.random()
    if r < 0.8:
        return str(grade)
    if grade >= 7:
        return f"初{NUM[grade - 6]}"
    return f"{NUM[grade]}年级" if r < 0.9 else f"{grade}年级"


def _submitted(rng: random.Random, semester: str) -> str:
    """A plausible evening submission time in the first weeks of term (问卷星 style)."""
    month = 9 if semester == SEMESTER else 3
    day, hour = rng.randint(1, 20), rng.choice((7, 12, 18, 19, 20, 20, 21, 21, 22))
    return f"2026/{month}/{day} {hour}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def _pick(rng: random.Random, profile: dict[str, float], k: int) -> list[str]:
    keys = list(profile)
    weights = list(profile.values())
    out: list[str] = []
    while len(out) < k:
        key = rng.choices(keys, weights=weights)[0]
        if key not in out:
            out.append(key)
    return out


def _form(rng: random.Random, key: str) -> str:
    return rng.choice(FORMS[key][1])


def _text(rng: random.Random, who: str, keys: list[str], profile: dict[str, float]) -> str:
    """Free text from a shape, the picked interests' forms, and optional asides."""
    r = rng.random()
    if r < 0.04:
        return ""
    if r < 0.09:
        return rng.choice(NO_IDEA)
    shapes = PARENT_SHAPES if who == "家长" else STUDENT_SHAPES
    shape = rng.choice(shapes)
    while shape.count("{") > len(keys):
        keys = [*keys, *_pick(rng, profile, 1)]
        keys = list(dict.fromkeys(keys))
    forms = [_form(rng, k) for k in keys]
    text = shape.format(a=forms[0], b=forms[1] if len(forms) > 1 else "", c=forms[-1])
    if who == "家长" and rng.random() < 0.35:
        sep = rng.choice(("，", "。", "；", " ", "，另外"))
        text += sep + rng.choice(PRACTICAL)
    if not text.endswith(("吧", "!", "！", "~", "。")):
        text += rng.choice(ENDINGS)
    if rng.random() < 0.015:
        text += rng.choice(EMOJIS)
    if rng.random() < 0.05:
        text = text.replace("，", ",")
    return text


def _domains(rng: random.Random, keys: list[str]) -> str:
    if rng.random() < 0.25:
        return ""
    doms = list(dict.fromkeys(FORMS[k][0] for k in keys))
    if rng.random() < 0.2:
        doms.append(rng.choice("德智体美劳"))
        doms = list(dict.fromkeys(doms))
    if rng.random() < 0.1:
        doms = [d + "育" if d != "劳" else "劳动" for d in doms]
    return rng.choice(("、", "、", ",", "，", ";")).join(doms)


def _days(rng: random.Random, school: SchoolRow) -> str:
    r = rng.random()
    if r < 0.2:
        return ""
    days = sorted(
        rng.sample(school.slots, rng.randint(1, len(school.slots))), key=HEADER_DAYS.index
    )
    if r < 0.3:
        days = [d.replace("周", "星期") for d in days]
    elif r < 0.38:
        days = [d.removesuffix("下午") for d in days]
    return "、".join(days)


def _pickup(rng: random.Random, who: str) -> str:
    if who == "学生" or rng.random() < 0.4:
        return ""
    return rng.choice(
        ("17:30", "18:00", "17:00", "18:30", "17:45", "六点以后", "五点半", "17:30以后")
    )
