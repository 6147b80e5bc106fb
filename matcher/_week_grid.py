"""A week grid (school days × periods) from timetable rows, like a school's own 课表.

Works on the JSON rows (`programme_json(p)["timetable"]`), so reports, the web page and the
CLI draw the same grid. Homework and self-study collapse to one line per cell (作业辅导 12班);
clubs and visits are listed with their rooms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from matcher._tt_inputs import WEEKDAYS

SUMMARY = {"homework": "作业辅导", "reading": "阅读与游戏", "self_study": "自主学习（看护）"}


def week_grid(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """{"days": [...], "periods": [{"start", "end", "cells": [[line, ...] per day]}]}."""
    periods = sorted({(r["start"], r["end"]) for r in rows if r.get("start")})
    out = []
    for start, end in periods:
        cells = []
        for day in WEEKDAYS:
            here = [r for r in rows if r.get("start") == start and r["slot"] == day]
            counts = Counter(r.get("kind", "activity") for r in here)
            lines = [
                f"{label} {counts[kind]}{'组' if kind == 'self_study' else '班'}"
                for kind, label in SUMMARY.items()
                if counts[kind]
            ]
            clubs = [r for r in here if r.get("kind") in ("activity", "event")]
            lines += [
                f"{r['title']}（{r['room']}，{r['expected_students']}人）"
                for r in sorted(clubs, key=lambda r: (r["title"], r["room"]))
            ]
            cells.append(lines)
        out.append({"start": start, "end": end, "cells": cells})
    return {"days": list(WEEKDAYS), "periods": out}
