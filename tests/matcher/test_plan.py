"""Portfolio invariants on hand-made items: domains, signature, themes (week: test_timetable)."""

from __future__ import annotations

from catalog import Area, FeeCaps, School, SchoolLevel
from matcher._plan import PlanConfig, select_portfolio, wanted_domains
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
