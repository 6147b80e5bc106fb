"""Why an item is in a programme, in words a planner can check against the surveys.

An item cites a survey wish only when the evidence passes the calibrated threshold
(`_evidence`); it then says which wish, how many respondents, and what links it (the item's own
word for the topic, or the similarity). An item that answers no wish says what it adds instead:
a 五育 domain nobody else covers, the school's own teachers' strength, a room the school already
has, or a science resource close by. Academic wishes are never cited (they are not themes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog import School, vocabulary
from matcher._evidence import ItemTopics, Match
from matcher._scoring import reason_texts

#: a science resource this close (km) is "就近"
NEAR_KM = 20.0


@dataclass(frozen=True)
class ReasonDetail:
    """One structured reason (the `reason_details` key of an item in `--json`).

    kind: "wish" (answers a survey wish), "domain" (fills a 五育 domain), "teacher_strength",
    "facility" or "local_resource". `wish` and `respondents` are set for "wish" only.
    """

    kind: str
    evidence: str
    wish: str | None = None
    respondents: int = 0
    similarity: float | None = None


def wish_detail(label: str, respondents: int, found: Match) -> ReasonDetail:
    if found.link == "same_topic":
        evidence = f"项目主题“{found.term}” / the item's topic"
    elif found.link == "mentions":
        evidence = f"简介提到“{found.term}” / its text names the topic"
    else:
        evidence = f"语义相近（{found.dense:.2f}） / semantically close"
    return ReasonDetail("wish", evidence, label, respondents, round(found.similarity, 4))


def wish_text(detail: ReasonDetail) -> str:
    """The reason line for a cited wish, e.g. 匹配兴趣“足球”（25 名学生/家长；同一主题“足球”）."""
    why = detail.evidence.split(" / ")[0]
    return f"匹配兴趣“{detail.wish}”（{detail.respondents} 名学生/家长；{why}）"


def reason_lines(
    details: Sequence[ReasonDetail],
    distance_km: float | None,
    fee_per_hour: float | None,
    found_by: tuple[str, ...],
    staff: str,
) -> tuple[str, ...]:
    """The `reasons` strings: the wishes (or what the item adds), then distance, fee, staff."""
    lines = [wish_text(d) if d.kind == "wish" else d.evidence for d in details]
    lines += reason_texts(
        theme=None,
        respondents=None,
        distance_km=distance_km,
        fee_per_hour=fee_per_hour,
        found_by=found_by,
        staffed_by=staff,
    )
    return tuple(lines)


def adds_details(
    school: School,
    topics: ItemTopics,
    *,
    kind: str,
    staff: str,
    domains: Sequence[str],
    fill_domain: str | None,
    distance_km: float | None,
) -> list[ReasonDetail]:
    """What an item that answers no wish adds; never empty."""
    out: list[ReasonDetail] = []
    if fill_domain:
        out.append(ReasonDetail("domain", f"补充{fill_domain}育项目，保证五育均衡"))
    strength = _own_strength(school, topics)
    if strength and staff == "本校教师":
        out.append(ReasonDetail("teacher_strength", f"本校教师特长（{strength}）"))
    room = _own_room(school, topics)
    if room:
        out.append(ReasonDetail("facility", f"学校已有场地（{room}）"))
    if kind == "science_resources" and (distance_km is None or distance_km <= NEAR_KM):
        where = "线上" if distance_km is None else f"{distance_km:.1f} 公里"
        out.append(ReasonDetail("local_resource", f"就近的科普资源（{where}）"))
    if not out:
        domain = domains[0] if domains else "五"
        out.append(ReasonDetail("domain", f"补充{domain}育项目，保证五育均衡"))
    return out


def _own_strength(school: School, topics: ItemTopics) -> str | None:
    """The teachers' strength (as the school wrote it) on the item's main topic, if any."""
    if topics.primary is None:
        return None
    vocab = vocabulary()
    for strength in school.teacher_strengths:
        found = vocab.best(strength, academic=False)
        if found is not None and found.topic == topics.primary:
            return strength
    return None


def _own_room(school: School, topics: ItemTopics) -> str | None:
    """A special room the school has that suits the item's topic (not 操场/普通教室)."""
    if topics.primary is None:
        return None
    rooms = {i.room for i in vocabulary().topic_members(topics.primary)}
    special = rooms - {"操场", "普通教室"}
    return next((f for f in school.facilities if f in special), None)
