"""Choosing the 一校一特色: a specific feature (围棋, 校园足球, 釉下五彩瓷), not a category.

Candidates are grouped by vocabulary topic (catalog/data/interests.csv). A topic's score is
demand x local strength x uniqueness within the district:
- demand: the share of respondents whose wishes the topic answers;
- strength: how good its reachable items are, plus what makes it local: a verified expert who
  can lead it (a 非遗传承人, coach, artist, science worker), a science resource, a room the
  school already has for it, its own teachers' strengths, providers close by;
- uniqueness: shrinks when other schools of the district already chose the same topic.
A signature is named by its lead's own interest (the lead of 陶瓷 teaching 釉下五彩瓷 names it
釉下五彩瓷); its items are the lead and courses or resources of the same topic only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from catalog import School, vocabulary
from matcher._evidence import wish_topics
from matcher._features import topic_category, topic_label
from matcher._profile import InterestProfile
from matcher._types import ScoredItem, SignatureChoice

#: Outside people whose expertise can lead a school's signature feature (领军人物).
LEAD_KINDS = frozenset({"非遗传承人", "科普工作者", "体育教练", "文艺工作者", "能工巧匠"})
LOCAL_KM = 20.0


def feature_demand(profile: InterestProfile, items: Sequence[ScoredItem], topic: str) -> float:
    """Share of respondents (0–1, capped) whose themes the topic answers: themes whose wishes
    name the topic (or a related one), or that one of the topic's items cites."""
    if profile.respondents == 0:
        return 0.0
    cited = {i.theme for i in items if i.feature == topic and i.theme}
    who = sum(
        t.respondents
        for t in profile.themes
        if t.label in cited or (t.topic and topic in wish_topics(t.interests))
    )
    return min(1.0, who / profile.respondents)


def is_lead(item: ScoredItem) -> bool:
    """An expert person (or a course they teach), or a science resource."""
    return item.staff.split("·")[0] in LEAD_KINDS or item.kind == "science_resources"


def feature_strength(members: Sequence[ScoredItem], school: School, topic: str) -> float:
    """Mean score of the best three items, plus a lead, a resource, the school's own room and
    teachers, and providers close by (each a small visible bonus)."""
    scores = sorted((i.score for i in members), reverse=True)[:3]
    base = sum(scores) / 3
    vocab = vocabulary()
    rooms = {i.room for i in vocab.topic_members(topic)} - {"操场", "普通教室"}
    own = any(
        (found := vocab.best(s, academic=False)) is not None and found.topic == topic
        for s in school.teacher_strengths
    )
    near = {
        i.staff
        for i in members
        if i.staff != "本校教师" and i.distance_km is not None and i.distance_km <= LOCAL_KM
    }
    return (
        base
        + 0.15 * any(is_lead(i) and i.kind != "science_resources" for i in members)
        + 0.1 * any(i.kind == "science_resources" for i in members)
        + 0.1 * bool(rooms & set(school.facilities))
        + 0.1 * own
        + 0.05 * min(3, len(near))
    )


def signature_items(members: Sequence[ScoredItem], n: int) -> tuple[str, ...]:
    """The lead (best expert-led item or resource, else the best item), then the topic's next
    best items: every item is of the same topic."""
    if not members or n <= 0:
        return ()
    lead = next((m for m in members if is_lead(m)), members[0])
    rest = [m for m in members if m is not lead]
    return tuple(m.id for m in [lead, *rest][:n])


def signature_label(members: Sequence[ScoredItem], lead_id: str, topic: str) -> tuple[str, str]:
    """(label, category): the feature as its expert lead teaches it (釉下五彩瓷, 非遗与本土文化),
    else the topic's (校园足球, 体育)."""
    lead = next((m for m in members if m.id == lead_id and is_lead(m)), None)
    found = vocabulary().by_name.get(lead.interest) if lead and lead.interest else None
    if found is not None and found.topic == topic and found.feature:
        return found.feature, found.category
    return topic_label(topic), topic_category(topic)


def rank_signatures(
    items: Sequence[ScoredItem],
    profile: InterestProfile,
    school: School,
    district_taken: Mapping[str, int] | None = None,
    *,
    items_per_signature: int = 2,
) -> list[SignatureChoice]:
    """Every topic with reachable items, best first (ties by key for determinism)."""
    taken = district_taken or {}
    choices = []
    for topic in sorted({i.feature for i in items if i.feature}):
        members = sorted((i for i in items if i.feature == topic), key=lambda i: (-i.score, i.id))
        d = feature_demand(profile, items, topic)
        strength = feature_strength(members, school, topic)
        uniqueness = 1.0 / (1.0 + taken.get(topic, 0))
        chosen = signature_items(members, items_per_signature)
        label, category = signature_label(members, chosen[0], topic)
        choices.append(
            SignatureChoice(
                key=topic,
                label=label,
                score=round((0.05 + d) * strength * uniqueness, 6),
                demand=round(d, 4),
                strength=round(strength, 4),
                uniqueness=round(uniqueness, 4),
                item_ids=chosen,
                category=category,
                lead=chosen[0],
            )
        )
    choices.sort(key=lambda c: (-c.score, c.key))
    return choices
