"""Plain-language notes on a programme, and the domains of items that have none of their own."""

from __future__ import annotations

from catalog import Domain
from catalog.policy import is_academic_wish
from matcher._features import item_interest
from matcher._profile import InterestProfile, Theme


def is_academic_theme(theme: Theme) -> bool:
    """A theme the vocabulary did not know but the 学科类 wish rule flags (补数学): one decision
    for wishes, the same `is_academic_wish` the policy layer reports figures for."""
    return theme.topic is None and is_academic_wish(theme.query)


def academic_notes(profile: InterestProfile) -> list[str]:
    """One plain note for every academic wish (奥数, 英语, 作文...): they are never cited as a
    reason, and the first period's homework guidance and 答疑 is where schoolwork is helped."""
    wishes = dict(profile.academic)
    for theme in profile.themes:
        if is_academic_theme(theme):
            wishes[theme.label] = wishes.get(theme.label, 0) + theme.respondents
    if not wishes:
        return []
    listed = "、".join(f"{name}（{n} 人）" for name, n in wishes.items())
    return [
        f"学科类愿望：{listed}。课后服务不安排学科类培训；第一时段的作业辅导和答疑照顾学业"
        " / academic wishes: not taught after school; homework guidance and 答疑 in the first"
        " period cover schoolwork"
    ]


def domains_of(rec: object) -> tuple[str, ...]:
    """A course's own domains; a specialist or resource by what it teaches (its feature's
    domain); a science resource with no matching feature counts as 智."""
    domains = getattr(rec, "domains", None)
    if domains:
        return tuple(d.value for d in domains)
    parts: list[str] = []
    for attr in ("title", "skills", "topics", "bio", "description"):
        value = getattr(rec, attr, "")
        parts.append(value if isinstance(value, str) else " ".join(value))
    found = item_interest("", " ".join(parts))
    if found is not None:
        return (found.domain.value,)
    return (Domain.ZHI.value,) if hasattr(rec, "topics") else ()
