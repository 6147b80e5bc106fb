"""Programme invariants on hand-made items: domains, capacity, fee caps, budget arithmetic."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog import Area, FeeCaps, School, SchoolLevel
from catalog.policy import daily_fee_ok
from matcher._plan import (
    EVENT_SLOT,
    PlanConfig,
    build_timetable,
    participants_of,
    select_portfolio,
    semester_costs,
    wanted_domains,
)
from matcher._types import ScoredItem, SignatureChoice

CAPS = FeeCaps()


def school(students: int = 600, exempt: int = 60) -> School:
    return School(
        id="S1", name="测试小学", district="天元区", level=SchoolLevel.PRIMARY, area=Area.URBAN,
        students=students, lat=27.8, lon=113.1, exempt_students=exempt,
        after_school_slots=["周一下午", "周三下午", "周四下午"],
    )  # fmt: skip


def item(
    i: int,
    domain: str,
    *,
    fee: float = 2.0,
    cap: int = 30,
    staff: str = "本校教师",
    staff_fee: float = 0.0,
    kind: str = "courses",
    theme: str | None = None,
    respondents: int = 0,
    feature: str | None = None,
    slots: tuple[str, ...] = (),
) -> ScoredItem:
    return ScoredItem(
        id=f"I{i:02d}", kind=kind, title=f"项目{i}", domains=(domain,), score=1.0 - i / 100,
        reasons=("理由",), theme=theme, theme_respondents=respondents, feature=feature,
        fee_per_session=fee, capacity=cap, staff=staff, staff_fee_per_session=staff_fee,
        available_slots=slots,
    )  # fmt: skip


def test_portfolio_covers_every_wanted_domain_and_keeps_signature() -> None:
    items = [item(i, d) for i, d in enumerate("体体体体美美智德劳")]
    sig = SignatureChoice("sport", "体育特色", 1.0, 0.5, 0.5, 1.0, ("I02", "I03"))
    chosen, warnings = select_portfolio(items, sig, list("德智体美劳"), PlanConfig(max_items=6))
    assert {"I02", "I03"} <= {i.id for i in chosen}
    assert {d for i in chosen for d in i.domains} == set("德智体美劳")
    assert warnings == []


def test_missing_domain_is_a_warning_not_a_silent_gap() -> None:
    chosen, warnings = select_portfolio([item(0, "体")], None, ["体", "劳"], PlanConfig())
    assert [i.id for i in chosen] == ["I00"]
    assert len(warnings) == 1 and "劳" in warnings[0]


def test_top_themes_each_get_an_item() -> None:
    items = [item(0, "体", theme="篮球"), item(1, "体", theme="篮球"), item(5, "美", theme="陶瓷")]
    chosen, _ = select_portfolio(items, None, [], PlanConfig(max_items=4), ["陶瓷", "篮球"])
    assert "I05" in {i.id for i in chosen}


def test_wanted_domains_follow_the_surveys() -> None:
    assert wanted_domains({}) == (list("德智体美劳"), [])
    wanted, left = wanted_domains({"德": 0.0, "智": 0.5, "体": 0.5, "美": 0.0, "劳": 0.0})
    assert wanted == ["智", "体"] and left == ["德", "美", "劳"]


@settings(max_examples=60, deadline=None)
@given(
    students=st.integers(50, 3000),
    caps=st.lists(st.integers(10, 60), min_size=1, max_size=8),
    fees=st.lists(st.floats(0, 8), min_size=8, max_size=8),
)
def test_timetable_invariants(students: int, caps: list[int], fees: list[float]) -> None:
    cfg = PlanConfig()
    items = [
        item(
            i, "体", fee=fees[i], cap=c, staff="本校教师" if i % 2 else "志愿者·甲", staff_fee=80.0
        )
        for i, c in enumerate(caps)
    ]
    sch = school(students, exempt=students // 10)
    entries, _ = build_timetable(items, sch, CAPS, cfg)
    by_id = {i.id: i for i in items}
    for e in entries:
        assert e.slot in sch.after_school_slots
        assert e.sections * by_id[e.item_id].capacity >= e.expected_students  # capacity holds
        assert daily_fee_ok([e.fee_per_session], CAPS)  # a student's day stays within the cap
        if not by_id[e.item_id].staff.startswith("本校教师"):
            assert e.sections <= cfg.max_sections_outside
    placed = [e.item_id for e in entries]
    assert len(placed) == len(set(placed))
    assert all(by_id[i].fee_per_session <= CAPS.yuan_per_day for i in placed)


def test_item_without_shared_slot_is_not_placed() -> None:
    entries, warnings = build_timetable(
        [item(0, "体", slots=("周五上午",))], school(), CAPS, PlanConfig()
    )
    assert entries == [] and "没有共同时段" in warnings[0]


def test_science_resources_are_events_not_weekly() -> None:
    entries, _ = build_timetable(
        [item(0, "智", kind="science_resources", fee=0)], school(), CAPS, PlanConfig()
    )
    assert [e.slot for e in entries] == [EVENT_SLOT]


def test_budget_arithmetic_by_hand() -> None:
    cfg = PlanConfig(weeks_per_semester=10, teacher_stipend_per_session=50.0, equipment_share=0.15)
    items = [
        item(0, "体", fee=3.0, cap=30),
        item(1, "美", fee=0.0, cap=20, staff="志愿者·乙", staff_fee=100.0),
    ]
    sch = school(students=100, exempt=20)
    entries, _ = build_timetable(items, sch, CAPS, cfg)
    costs = semester_costs(entries, items, sch, cfg)
    assert participants_of(sch, cfg) == 60
    due = sum(10 * e.expected_students * e.fee_per_session for e in entries)
    staff = sum(10 * e.sections * (50.0 if e.item_id == "I00" else 100.0) for e in entries)
    assert math.isclose(costs.exempt_waiver, round(due * 0.2, 2))
    assert math.isclose(costs.fee_income, round(due * 0.8, 2))
    assert math.isclose(costs.staff_cost, staff)
    assert math.isclose(costs.budget, round(staff / 0.85, 2))
    assert 0.80 <= costs.staff_share <= 0.90
    assert math.isclose(costs.subsidy_needed, round(max(0.0, staff / 0.85 - due * 0.8), 2))
