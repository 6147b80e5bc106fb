"""The plan's settings and its portfolio: which scored items make up a school's programme.

The plan is "1+X" every school day: homework guidance (the 1), then activities (the X). The
timetable that places them (`_timetable`, one CP-SAT model per school) and the money that
follows (`_costs`) read their settings from `PlanConfig`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

from catalog import Domain
from matcher._tt_inputs import TimetableConfig
from matcher._types import ScoredItem, SignatureChoice


class PlanConfig(BaseModel):
    """Numbers of the plan that are kehou's assumptions, not policy; every one is a setting."""

    weeks_per_semester: int = Field(18, gt=0, description="每学期周数（约18周）")
    homework_minutes: int = Field(
        40, ge=0, description="作业辅导课时（1+X 中的 1）；课时长度见 timetable"
    )
    max_items: int = Field(10, ge=1)
    max_per_feature: int = Field(3, ge=1)
    top_themes: int = Field(4, ge=0, description="the most asked-for themes each get an item")
    fee_per_period: float = Field(4.0, ge=0, description="学校每课时收费（元，≤ 上限）")
    teacher_stipend_per_session: float = Field(40.0, ge=0, description="本校教师每课时课酬（元）")
    equipment_share: float = Field(0.15, ge=0.10, le=0.20, description="设备耗材占比 10–20%")
    timetable: TimetableConfig = Field(default_factory=TimetableConfig)


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


def wanted_domains(domain_share: dict[str, float]) -> tuple[list[str], list[str]]:
    """Domains to cover (all five unless surveys show none wants one) and those left out."""
    if not domain_share:
        return [d.value for d in Domain], []
    wanted = [d.value for d in Domain if domain_share.get(d.value, 0.0) > 0]
    return wanted, [d.value for d in Domain if d.value not in wanted]


def with_domains(
    order: Sequence[int], total: np.ndarray, domains: Sequence[Sequence[str]], wanted: Sequence[str]
) -> list[int]:
    """`order` plus, for each wanted domain it lacks, the best-scoring item of that domain."""
    out = list(order)
    for domain in wanted:
        if any(domain in domains[i] for i in out):
            continue
        rest = [i for i in range(len(domains)) if domain in domains[i] and i not in out]
        if rest:
            out.append(max(rest, key=lambda i: (float(total[i]), -i)))
    return out


def blocked_wishes(
    items: Sequence[ScoredItem],
    chosen: Sequence[ScoredItem],
    fits: frozenset[str],
    themes: Sequence[str],
) -> list[ScoredItem]:
    """The best item of each top wish the school cannot host (no room, no shared period): the
    timetable reports it as unmet demand with the constraint that binds, and drops it."""
    served = {i.theme for i in chosen}
    out = []
    for theme in themes:
        if theme in served:
            continue
        best = next((i for i in items if i.theme == theme and i.id not in fits), None)
        if best is not None:
            out.append(best)
    return out
