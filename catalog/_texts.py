"""The text embedded for a catalogue item: a pure function of the record.

Title/name first (it carries the most meaning), then skills/topics/services, the description
or bio cut to `MAX_BODY_CHARS` (long bodies add little and slow the models down), then the
五育 domains spelled out. Changing this changes every cached vector's key, which is intended.
"""

from __future__ import annotations

from catalog._records import Course, Institution, Record, ScienceResource, Specialist

MAX_BODY_CHARS = 200

_DOMAIN_WORDS = {"德": "德育", "智": "智育", "体": "体育", "美": "美育", "劳": "劳动教育"}


def _body(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_BODY_CHARS else text[:MAX_BODY_CHARS] + "…"


def _join(*parts: str) -> str:
    return "。".join(p.strip("。 ") for p in parts if p and p.strip("。 "))


def _listed(label: str, values: list[str]) -> str:
    return f"{label}：{'、'.join(values)}" if values else ""


def item_text(record: Record) -> str:
    """Concise text of a course, specialist, science resource or institution."""
    if isinstance(record, Course):
        domains = [_DOMAIN_WORDS.get(str(d), str(d)) for d in record.domains]
        return _join(
            record.title,
            _listed("标签", record.tags),
            _body(record.description),
            _listed("五育", domains),
        )
    if isinstance(record, Specialist):
        return _join(
            f"{record.kind}{record.name and '：' + record.name}",
            _listed("专长", record.skills),
            _body(record.bio),
        )
    if isinstance(record, ScienceResource):
        return _join(
            record.title,
            _listed("主题", record.topics),
            _body(record.description),
            f"{record.provider}（{record.format}）",
        )
    if isinstance(record, Institution):
        return _join(record.name, _listed("服务项目", record.services), _body(record.description))
    raise TypeError(
        f"{type(record).__name__} 不是目录条目 / not a catalogue item "
        "(course, specialist, science resource, institution)"
    )
