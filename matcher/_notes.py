"""Plain-language notes on a programme, and the domains of items that have none of their own."""

from __future__ import annotations

from catalog import Domain
from catalog.policy import academic_rule_score
from matcher._features import item_interest
from matcher._profile import InterestProfile


def academic_notes(profile: InterestProfile) -> list[str]:
    """Say plainly when a wish is 学科类: after-school time does not teach it, by policy."""
    notes = []
    for theme in profile.themes:
        found = academic_rule_score(theme.query)
        if found.evidence and found.score >= 0.2:
            notes.append(
                f"兴趣“{theme.label}”（{theme.respondents} 人）属于学科类，课后服务不安排学科类培训"
                " / an academic wish: not offered after school"
            )
    return notes


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
