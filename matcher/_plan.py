"""From scored items to a weekly plan: portfolio, timetable, class sizes and the semester budget.

The plan is "1+X": every after-school day starts with supervised homework time (the 1), then
each participating student attends one activity (the X). So a student's fee for a day is the
fee of one session, which the daily cap must cover; class sizes follow the expected
participants split over that day's activities by how many asked for each theme.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, Field

from catalog import Domain, FeeCaps, School
from catalog._policy_rules import daily_fee_ok, shared_slots
from matcher._types import Costs, ScoredItem, SignatureChoice, TimetableEntry

DEFAULT_SLOTS: tuple[str, ...] = ("周一下午", "周二下午", "周三下午", "周四下午", "周五下午")
EVENT_SLOT = "专题活动"


class PlanConfig(BaseModel):
    """Numbers of the plan that are kehou's assumptions, not policy; every one is a setting."""

    weeks_per_semester: int = Field(16, gt=0)
    participation_rate: float = Field(0.6, gt=0, le=1, description="参加课后服务的学生比例（自愿）")
    homework_minutes: int = Field(45, ge=0, description="每天的作业辅导时间（1+X 中的 1）")
    max_items: int = Field(10, ge=1)
    max_per_feature: int = Field(3, ge=1)
    top_themes: int = Field(4, ge=0, description="the most asked-for themes each get an item")
    max_sections_outside: int = Field(1, ge=1, description="一位校外人员同一时段最多带几个班")
    max_sections_own: int = Field(8, ge=1, description="本校教师同一项目同一时段最多开几个班")
    event_visits: int = Field(2, ge=1, description="科普资源每学期到校次数")
    teacher_stipend_per_session: float = Field(50.0, ge=0, description="本校教师每次课酬（元）")
    equipment_share: float = Field(0.15, ge=0.10, le=0.20, description="设备耗材占比 10–20%")


def select_portfolio(
    items: Sequence[ScoredItem],
    signature: SignatureChoice | None,
    domains_wanted: Sequence[str],
    cfg: PlanConfig,
    themes: Sequence[str] = (),
) -> tuple[list[ScoredItem], list[str]]:
    """Signature items, the best item of each of the top themes, each wanted domain, the rest."""
    by_id = {i.id: i for i in items}
    chosen: dict[str, ScoredItem] = {}
    if signature is not None:
        for item_id in signature.item_ids:
            chosen[item_id] = by_id[item_id]
    for theme in themes[: cfg.top_themes]:
        if any(i.theme == theme for i in chosen.values()):
            continue
        best_of_theme = next((i for i in items if i.theme == theme and i.id not in chosen), None)
        if best_of_theme is not None and len(chosen) < cfg.max_items - 2:
            chosen[best_of_theme.id] = best_of_theme
    warnings = []
    for domain in domains_wanted:
        if any(domain in i.domains for i in chosen.values()):
            continue
        best = next((i for i in items if domain in i.domains and i.id not in chosen), None)
        if best is None:
            warnings.append(f"没有符合规则的{domain}育项目 / no eligible {domain} item")
        else:
            chosen[best.id] = best
    per_feature: dict[str | None, int] = {}
    for item in chosen.values():
        per_feature[item.feature] = per_feature.get(item.feature, 0) + 1
    for item in items:
        if len(chosen) >= cfg.max_items:
            break
        if item.id in chosen or per_feature.get(item.feature, 0) >= cfg.max_per_feature:
            continue
        chosen[item.id] = item
        per_feature[item.feature] = per_feature.get(item.feature, 0) + 1
    return sorted(chosen.values(), key=lambda i: (-i.score, i.id)), warnings


def build_timetable(
    items: Sequence[ScoredItem], school: School, caps: FeeCaps, cfg: PlanConfig
) -> tuple[list[TimetableEntry], list[str]]:
    """Place weekly items on the school's slots (fewest-first), events apart; size the classes."""
    slots = list(school.after_school_slots) or list(DEFAULT_SLOTS)
    placed: dict[str, list[ScoredItem]] = {s: [] for s in slots}
    events: list[ScoredItem] = []
    warnings = []
    for item in items:
        if item.kind == "science_resources":
            events.append(item)
            continue
        allowed = shared_slots(slots, item.available_slots) if item.available_slots else slots
        if not daily_fee_ok([item.fee_per_session], caps):
            warnings.append(f"{item.title}：单日费用超过上限，未排入 / over the daily cap")
            continue
        if not allowed:
            warnings.append(f"{item.title}：没有共同时段，未排入 / no shared slot")
            continue
        slot = min(allowed, key=lambda s: (len(placed[s]), slots.index(s)))
        placed[slot].append(item)
    participants = participants_of(school, cfg)
    entries = [e for s in slots for e in _slot_entries(s, placed[s], participants, cfg)]
    entries += _slot_entries(EVENT_SLOT, events, participants, cfg)
    return entries, warnings


def participants_of(school: School, cfg: PlanConfig) -> int:
    """Students expected to take part (participation is voluntary)."""
    return math.ceil(school.students * cfg.participation_rate)


def _slot_entries(
    slot: str, items: Sequence[ScoredItem], participants: int, cfg: PlanConfig
) -> list[TimetableEntry]:
    """Split a slot's participants by demand; one outside person runs one class at a time."""
    weights = [1 + i.theme_respondents for i in items]
    total = sum(weights)
    out = []
    for item, weight in zip(items, weights, strict=True):
        own = item.staff.startswith("本校教师")
        most = item.capacity * (cfg.max_sections_own if own else cfg.max_sections_outside)
        expected = min(most, max(1, round(participants * weight / total)))
        out.append(
            TimetableEntry(
                slot=slot,
                item_id=item.id,
                title=item.title,
                domain=item.domains[0] if item.domains else "",
                sections=math.ceil(expected / max(1, item.capacity)),
                expected_students=expected,
                fee_per_session=item.fee_per_session,
                staff=item.staff,
            )
        )
    return out


def semester_costs(
    entries: Sequence[TimetableEntry],
    items: Sequence[ScoredItem],
    school: School,
    cfg: PlanConfig,
) -> Costs:
    """Fees due, the exempt students' waiver, staff and equipment, and the subsidy to break even."""
    by_id = {i.id: i for i in items}
    weeks = cfg.weeks_per_semester
    due = staff = 0.0
    for e in entries:
        meetings = cfg.event_visits if e.slot == EVENT_SLOT else weeks
        due += meetings * e.expected_students * e.fee_per_session
        pay = by_id[e.item_id].staff_fee_per_session
        if by_id[e.item_id].staff.startswith("本校教师"):
            pay = cfg.teacher_stipend_per_session
        staff += meetings * e.sections * pay
    participants = participants_of(school, cfg)
    exempt_share = school.exempt_students / school.students
    waiver = due * exempt_share
    budget = staff / (1.0 - cfg.equipment_share)
    income = due - waiver
    return Costs(
        weeks=weeks,
        participants=participants,
        paying_participants=participants - round(participants * exempt_share),
        cost_per_student_semester=round(due / participants, 2) if participants else 0.0,
        fee_income=round(income, 2),
        exempt_waiver=round(waiver, 2),
        staff_cost=round(staff, 2),
        equipment_cost=round(budget - staff, 2),
        budget=round(budget, 2),
        staff_share=round(staff / budget, 4) if budget else 0.0,
        subsidy_needed=round(max(0.0, budget - income), 2),
    )


def wanted_domains(domain_share: dict[str, float]) -> tuple[list[str], list[str]]:
    """Domains to cover (all five unless surveys show none wants one) and those left out."""
    if not domain_share:
        return [d.value for d in Domain], []
    wanted = [d.value for d in Domain if domain_share.get(d.value, 0.0) > 0]
    return wanted, [d.value for d in Domain if d.value not in wanted]
