"""Plain-language notes on a programme, and the domains of items that have none of their own."""

from __future__ import annotations

from catalog import Domain
from catalog.policy import academic_rule_score
from matcher._features import item_interest
from matcher._profile import InterestProfile, Theme


def is_academic_theme(theme: Theme) -> bool:
    """A theme the vocabulary did not know but whose words the 学科类 rule flags (补数学)."""
    if theme.topic is not None:
        return False
    found = academic_rule_score(theme.query)
    return bool(found.evidence) and found.score >= 0.2


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
