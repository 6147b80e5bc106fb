"""选课 counts replace the estimated class sizes: real CP-SAT timetable, real costs code."""

from __future__ import annotations

from collections import Counter

import pytest

from matcher import (
    PlanContext,
    Programme,
    RecommendConfig,
    apply_enrolment,
    changed_sections,
    enrolled_counts,
    programme_json,
)
from matcher._types import TimetableEntry
from tests.matcher.test_timetable import CAPS, item, plan, school


@pytest.fixture(scope="module")
def programme() -> Programme:
    sch = school()
    items = [
        item(1, "书法", "美", wanted=60),
        item(2, "篮球", "体", wanted=80),
        item(3, "编程", "智", wanted=50),
    ]
    parts = plan(sch, items)
    ctx = PlanContext(school=sch, candidates=parts.items, config=RecommendConfig(), fee_caps=CAPS)
    return Programme(
        "S1", None, (), parts.items, parts.timetable, 40, parts.domains_covered, (), parts.costs,
        context=ctx,
    )  # fmt: skip


def rows(p: Programme) -> list[dict[str, object]]:
    return list(programme_json(p)["timetable"])


def meetings(rows: tuple[TimetableEntry, ...]) -> Counter[tuple[str, str, str]]:
    return Counter((r.item_id or "", r.slot, r.start) for r in rows if r.kind == "activity")


def planned(p: Programme) -> list[dict[str, object]]:
    """Every meeting enrolled exactly as estimated (what the enrolment JSON's sections say)."""
    acc: Counter[tuple[str, str, str]] = Counter()
    for r in p.timetable:
        if r.kind == "activity":
            acc[(r.item_id or "", r.slot, r.start)] += r.expected_students
    return [{"item_id": i, "slot": d, "start": s, "enrolled": n} for (i, d, s), n in acc.items()]


def test_low_enrolment_shrinks_sections_and_staff_cost(programme: Programme) -> None:
    busy = max(meetings(programme.timetable).items(), key=lambda kv: kv[1])
    key, before = busy
    assert before >= 2  # the estimate needed several parallel sections
    counts = [c if (c["item_id"], c["slot"], c["start"]) != key else {**c, "enrolled": 7}
              for c in planned(programme)]  # fmt: skip
    after = apply_enrolment(programme, enrolled_counts(counts))
    assert meetings(after.timetable)[key] == 1
    row = next(r for r in after.timetable if (r.item_id, r.slot, r.start) == key)
    assert row.expected_students == row.enrolled_students == 7
    # hand-checked: each dropped own-teacher section saves 40 元 × 18 weeks of planned pay
    dropped = before - 1
    assert after.costs.planned_staff_cost == programme.costs.planned_staff_cost - dropped * 720
    budget = max(after.costs.planned_staff_cost / 0.85, after.costs.fee_income)
    assert after.costs.budget == pytest.approx(budget, abs=0.01)
    assert after.costs.fee_income == programme.costs.fee_income  # the same stayers pay
    # the students the club no longer holds are supervised in self-study that period
    day, start = key[1], key[2]

    def study(p: Programme) -> int:
        return sum(r.expected_students for r in p.timetable
                   if r.kind == "self_study" and (r.slot, r.start) == (day, start))  # fmt: skip

    estimated = sum(r.expected_students for r in programme.timetable
                    if (r.item_id, r.slot, r.start) == key)  # fmt: skip
    assert study(after) == study(programme) + estimated - 7
    reason = changed_sections(rows(programme), rows(after))
    assert f"{before}→1班（{estimated}→7人）" in reason and reason.count("→") == 2


def test_counts_as_estimated_change_nothing_but_the_flag(programme: Programme) -> None:
    after = apply_enrolment(programme, enrolled_counts(planned(programme)))
    assert after.costs == programme.costs
    assert changed_sections(rows(programme), rows(after)) == ""
    doc, old = programme_json(after), programme_json(programme)
    assert doc["enrolled"] is True and "enrolled" not in old
    assert all("enrolled_students" not in r for r in old["timetable"])
    assert all(r["enrolled_students"] == r["expected_students"]
               for r in doc["timetable"] if r["kind"] == "activity")  # fmt: skip


def test_nobody_enrolled_closes_the_meeting_and_never_exceeds_capacity(
    programme: Programme,
) -> None:
    key = next(iter(meetings(programme.timetable)))
    counts = [{**c, "enrolled": 0 if (c["item_id"], c["slot"], c["start"]) == key else 10_000}
              for c in planned(programme)]  # fmt: skip
    after = apply_enrolment(programme, enrolled_counts(counts))
    assert meetings(after.timetable)[key] == 0
    assert any("停开" in w for w in after.warnings) and any("超过容量" in w for w in after.warnings)
    assert meetings(after.timetable) - Counter({key: 0}) <= meetings(programme.timetable)
    caps = {i.id: i.capacity for i in programme.items}
    assert all(r.expected_students <= caps[r.item_id or ""]
               for r in after.timetable if r.kind == "activity")  # fmt: skip


def test_needs_a_computed_programme(programme: Programme) -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match="context"):
        apply_enrolment(replace(programme, context=None), ())


def test_a_meeting_opened_again_is_named() -> None:
    """A meeting the earlier version had closed (no row) and the new one holds is a change."""
    row = {"kind": "activity", "item_id": "C1", "title": "书法", "slot": "周一", "start": "16:50",
           "sections": 1, "expected_students": 5}  # fmt: skip
    other = {**row, "slot": "周三", "expected_students": 2}
    assert changed_sections([other], [other, row]) == "书法 周一 16:50 0→1班（0→5人）"
    assert changed_sections([other, row], [other]) == "书法 周一 16:50 1→0班（5→0人）"
