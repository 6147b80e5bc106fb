"""The demo at city scale: N schools with a catalogue and surveys in proportion.

School i is a copy of demo school i mod 74 (copy k = i // 74 gets the id `TY01-k`, a branch
name and a position moved a few hundred metres), with that school's survey rows under new
respondent ids. The catalogue (courses, specialists, institutions, science resources) is
copied round(N / 74) times with suffixed ids and remapped providers, so the catalogue per
school stays what the demo has. Deterministic: the same demo, N and seed give the same rows.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from demo._build import Demo

Row = dict[str, str]


def scale_demo(demo: Demo, schools: int, seed: int) -> Demo:
    """The demo grown (or cut) to `schools` schools, catalogue and surveys in proportion."""
    if schools < 1:
        raise ValueError("--schools must be at least 1")
    base = len(demo.schools)
    copies = max(1, round(schools / base))
    rng = random.Random(f"{seed}:scale:{schools}")
    new_schools = [_school(demo.schools[i % base], i // base, rng) for i in range(schools)]
    return replace(
        demo,
        schools=new_schools,
        courses=_copies(demo.courses, copies, ("provider_id",)),
        specialists=_copies(demo.specialists, copies, ("institution_id",)),
        institutions=_copies(demo.institutions, copies, ()),
        resources=[dict(r, id=_id(str(r["id"]), j)) for j in range(copies) for r in demo.resources],
        surveys=_surveys(demo.surveys, base, schools, [s["id"] for s in demo.schools]),
    )


def _id(old: str, copy: int) -> str:
    return old if copy == 0 or not old else f"{old}-{copy}"


def _copies(rows: list[Row], copies: int, refs: tuple[str, ...]) -> list[Row]:
    """`copies` copies of every row; ids and the listed references suffixed alike."""
    out = []
    for j in range(copies):
        for row in rows:
            new = dict(row, id=_id(row["id"], j))
            for ref in refs:
                new[ref] = _id(row.get(ref, ""), j)
            out.append(new)
    return out


def _school(row: Row, copy: int, rng: random.Random) -> Row:
    if copy == 0:
        return dict(row)
    lat = float(row["lat"]) + rng.uniform(-0.004, 0.004)
    lon = float(row["lon"]) + rng.uniform(-0.004, 0.004)
    return dict(
        row,
        id=f"{row['id']}-{copy}",
        name=f"{row['name']}（第{copy}分校）",
        lat=f"{lat:.5f}",
        lon=f"{lon:.5f}",
    )


def _surveys(rows: list[Row], base: int, schools: int, base_ids: list[str]) -> list[Row]:
    """Each new school gets its model school's rows under new respondent ids."""
    by_school: dict[str, list[Row]] = {}
    for row in rows:
        by_school.setdefault(row["school_id"], []).append(row)
    out: list[Row] = []
    for i in range(schools):
        model, copy = base_ids[i % base], i // base
        school_id = model if copy == 0 else f"{model}-{copy}"
        for row in by_school.get(model, []):
            rid = row["respondent_id"]
            out.append(dict(row, school_id=school_id, respondent_id=_id(rid, copy)))
    return out
