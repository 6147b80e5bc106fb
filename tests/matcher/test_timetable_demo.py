"""The week on demo schools, through the public face: the invariants a planner relies on.

Every row has a school day, clock times and a room; nobody is in two places at once; no room
holds two sections in one period; a course with a named provider is taught by that provider; a
specialist is never listed beside their own course; the money follows the daily plan.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest

from catalog import Kind, School, Settings
from catalog._store import open_store
from matcher import PROPOSED_KIND, Engine, Programme, surveys_by_school, week_grid
from matcher._plan import with_domains

CLOCK = re.compile(r"^\d{2}:\d{2}$")
WEEK = ("周一", "周二", "周三", "周四", "周五")


@pytest.fixture(scope="module")
def programmes(demo_engine: Callable[[str], Engine], demo_db: Settings) -> list[Programme]:
    with open_store(demo_db) as store:
        schools = sorted(
            (s for s in store.records(Kind.SCHOOL) if isinstance(s, School)), key=lambda s: s.id
        )
        surveys = surveys_by_school(store, "2026秋")
    rec = demo_engine("tfidf").recommender()
    return [rec.programme(s, surveys.get(s.id, [])) for s in schools[::7]]


def test_every_row_has_a_day_a_clock_time_and_a_room(programmes: list[Programme]) -> None:
    for p in programmes:
        assert p.timetable
        for r in p.timetable:
            assert r.slot in WEEK and CLOCK.match(r.start) and CLOCK.match(r.end) and r.room
        rooms = Counter((r.slot, r.start, r.room) for r in p.timetable)
        assert max(rooms.values()) == 1, p.school_id
        people = Counter((r.staff, r.slot, r.start) for r in p.timetable)
        for (staff, _, _), n in people.items():
            if "准入机构" in staff:  # an admitted institution sends up to 2 teachers at once
                assert n <= 2, (p.school_id, staff)
            elif not staff.startswith("本校教师"):  # one person, one place
                assert n == 1, (p.school_id, staff)


def test_staffing_holds(programmes: list[Programme]) -> None:
    for p in programmes:
        providers = {i.provider_id for i in p.items if i.kind != PROPOSED_KIND and i.provider_id}
        for i in p.items:
            if i.kind == "courses" and i.provider_id:
                assert not i.staff.startswith("本校教师"), i
            if i.kind == PROPOSED_KIND:
                assert i.id.startswith("NEW-") and i.title.startswith("新开课程：")
                assert i.person_id not in providers
            assert i.kind != "specialists"  # never a bare person item


def test_money_follows_the_daily_plan(programmes: list[Programme]) -> None:
    for p in programmes:
        c = p.costs
        assert c.fee_per_period <= 4.0 and c.fee_per_period * c.periods_per_day <= 8.0
        assert 500 <= c.cost_per_student_semester <= 8.0 * 5 * 18 + 1
        assert c.budget >= c.fee_income - 1 and 0.80 <= c.staff_share <= 0.90


def test_week_grid_has_every_day_and_period(programmes: list[Programme]) -> None:
    from dataclasses import asdict

    grid = week_grid([asdict(r) for r in programmes[0].timetable])
    assert grid["days"] == list(WEEK) and len(grid["periods"]) == 2
    assert all(len(per["cells"]) == 5 for per in grid["periods"])
    assert any("作业辅导" in line or "阅读" in line for line in grid["periods"][0]["cells"][0])


def test_a_domain_cut_from_the_pool_comes_back() -> None:
    """The 德 item ranked 41st is still a candidate (no false 没有符合规则的德育项目)."""
    import numpy as np

    domains = [("体",)] * 40 + [("德",)]
    order = list(range(40))
    total = np.linspace(1.0, 0.1, 41)
    assert with_domains(order, total, domains, ["体", "德"])[-1] == 40
    assert with_domains(order, total, domains, ["体"]) == order
