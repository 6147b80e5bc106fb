"""The 学科类 rule over whole records and survey wishes: what each offers now.

A course is read by its title, description and tags; a specialist by skills, bio and
qualification (a past role such as 退休前任数学教师 and credentials are masked: a retired maths
teacher may run a chess club); an institution by its name, offer (description) and services,
where its 准入 category is filed; a science resource by title, description and topics. A skill
or service that names a school subject (历史、地理; 托管、英语) counts on its own. A survey wish
is academic as soon as it names a subject or schoolwork (足球、英语 is academic), since the
policy answers such wishes with homework guidance, never with a class.
"""

from __future__ import annotations

import re

from catalog._academic_cues import CREDENTIAL, WISH_NOT, WISH_TERMS
from catalog._academic_rules import AcademicRuleResult, Hit, combine, cue_hits, mask
from catalog._records import Course, Institution, ScienceResource, Specialist

Offer = Course | Specialist | Institution | ScienceResource
#: Weight of a skill, service or wish part that names a school subject on its own.
LISTED_SUBJECT_WEIGHT = 0.8
_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_SPLIT = re.compile(r"[、，,；;/／|\s和与及跟或]+")


def subject_items(items: list[str]) -> list[str]:
    """The listed items (skills, services, parts of a wish) that name schoolwork."""
    out = []
    for item in items:
        masked = mask(item)
        if WISH_TERMS.search(masked) and not WISH_NOT.search(masked):
            out.append(item.strip())
    return out


def offer_text(record: Offer) -> str:
    """The text the rule reads for a record, with qualifications' credentials masked."""
    if isinstance(record, Course):
        return "：".join([record.title, record.description, "、".join(record.tags)])
    if isinstance(record, Specialist):
        qualification = CREDENTIAL.sub("□", record.qualification)
        return "。".join(["、".join(record.skills), record.bio, qualification])
    if isinstance(record, Institution):
        return "：".join([record.name, record.description, "、".join(record.services)])
    return "：".join([record.title, record.description, "、".join(record.topics)])


def _listed(record: Offer) -> list[str]:
    if isinstance(record, Specialist):
        return record.skills
    if isinstance(record, Institution):
        return record.services
    return []


def academic_check(record: Offer) -> AcademicRuleResult:
    """The 学科类 verdict on one record (course, specialist, institution or resource).

    Each offer counts on its own: the whole text, each sentence (so 象棋 in one sentence does
    not excuse 几何证明题 in the next), and the listed skills or services; the best one wins.
    """
    masked = mask(offer_text(record))
    verdicts = [combine(cue_hits(masked), masked)]
    for part in _SENTENCE.split(masked):
        if part.strip():
            verdicts.append(combine(cue_hits(part), part))
    listed = [Hit(item, LISTED_SUBJECT_WEIGHT) for item in subject_items(_listed(record))]
    if listed:
        verdicts.append(combine(listed + cue_hits(masked), masked, damp=False))
    return max(verdicts, key=lambda v: v.score)


def wish_check(text: str) -> AcademicRuleResult:
    """The verdict on one survey wish; other interests in the same answer do not dilute it."""
    masked = mask(text)
    hits = cue_hits(masked)
    parts = [p for p in _SPLIT.split(text) if p]
    hits += [Hit(item, LISTED_SUBJECT_WEIGHT) for item in subject_items(parts)]
    return combine(sorted(hits, key=lambda h: -h.weight), masked, damp=False)


def is_academic_wish(text: str) -> bool:
    """Whether a survey wish asks for schoolwork (数学, 英语口语, 写作文, 提高成绩, 奥数…)."""
    return wish_check(text).is_academic()
