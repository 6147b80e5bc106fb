"""Choosing the 一校一特色: demand x local resource strength x uniqueness within the district.

Demand is the share of respondents whose themes fall in the feature; strength is how good the
reachable items are plus what the school already has (teachers' strengths, facilities);
uniqueness shrinks when other schools of the district already chose the feature, so not every
school in a district ends up with the same 特色.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from catalog import School
from matcher._features import features_of, topic_label
from matcher._profile import InterestProfile
from matcher._types import ScoredItem, SignatureChoice


def theme_feature(label: str, query: str, items: Sequence[ScoredItem]) -> str | None:
    """A theme's feature: the one its matched items mostly belong to, else its own words'."""
    weight: dict[str, float] = {}
    for item in items:
        if item.theme == label and item.feature:
            weight[item.feature] = weight.get(item.feature, 0.0) + item.score
    if weight:
        return max(sorted(weight), key=lambda k: weight[k])
    found = features_of(query)
    return found[0][0] if found else None


def feature_demand(profile: InterestProfile, items: Sequence[ScoredItem]) -> dict[str, float]:
    """Share of respondents (0–1, capped) whose interest themes fall in each feature."""
    if profile.respondents == 0:
        return {}
    demand: dict[str, int] = {}
    for theme in profile.themes:
        key = theme_feature(theme.label, theme.query, items)
        if key is not None:
            demand[key] = demand.get(key, 0) + theme.respondents
    return {k: min(1.0, v / profile.respondents) for k, v in demand.items()}


def feature_strength(
    items: Sequence[ScoredItem], school: School, key: str, top: int = 3, local_km: float = 20.0
) -> float:
    """Mean score of the best `top` items of the feature, plus what is at hand: the school's own
    teachers and facilities, and outside providers within `local_km` (local resources)."""
    scores = sorted((i.score for i in items if i.feature == key), reverse=True)[:top]
    base = sum(scores) / top if scores else 0.0
    own = " ".join([*school.teacher_strengths, *school.facilities])
    own_hits = sum(1 for k, _ in features_of(own) if k == key)
    near = {
        i.staff
        for i in items
        if i.feature == key and i.distance_km is not None and i.distance_km <= local_km
    }
    return base + 0.1 * min(3, own_hits) + 0.1 * min(3, len(near))


#: Outside people whose expertise can lead a school's signature feature (领军人物).
LEAD_KINDS = frozenset({"非遗传承人", "科普工作者", "体育教练", "文艺工作者"})


def signature_items(members: Sequence[ScoredItem], n: int) -> tuple[str, ...]:
    """The feature's best item, then its best item led by a recognised expert (a 非遗传承人 for
    heritage, a coach for sport...) if there is one, then the next best: a 特色 needs a lead."""
    if not members or n <= 0:
        return ()
    chosen = [members[0]]
    lead = next((m for m in members[1:] if m.staff.split("·")[0] in LEAD_KINDS), None)
    if lead is not None and chosen[0].staff.split("·")[0] not in LEAD_KINDS:
        chosen.append(lead)
    chosen += [m for m in members if m not in chosen][: max(0, n - len(chosen))]
    return tuple(m.id for m in chosen[:n])


def rank_signatures(
    items: Sequence[ScoredItem],
    profile: InterestProfile,
    school: School,
    district_taken: Mapping[str, int] | None = None,
    *,
    items_per_signature: int = 2,
) -> list[SignatureChoice]:
    """Every feature with reachable items, best first (ties by key for determinism)."""
    demand = feature_demand(profile, items)
    taken = district_taken or {}
    choices = []
    for topic in sorted({i.feature for i in items if i.feature}):
        members = sorted((i for i in items if i.feature == topic), key=lambda i: -i.score)
        if not members:
            continue
        d = demand.get(topic, 0.0)
        strength = feature_strength(items, school, topic)
        uniqueness = 1.0 / (1.0 + taken.get(topic, 0))
        score = (0.05 + d) * strength * uniqueness
        choices.append(
            SignatureChoice(
                key=topic,
                label=topic_label(topic),
                score=round(score, 6),
                demand=round(d, 4),
                strength=round(strength, 4),
                uniqueness=round(uniqueness, 4),
                item_ids=signature_items(members, items_per_signature),
            )
        )
    choices.sort(key=lambda c: (-c.score, c.key))
    return choices
