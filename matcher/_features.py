"""Catalogue items and survey themes on the interest vocabulary (catalog's one taxonomy).

An item's topic is the interest its title and text are mostly about (釉下五彩瓷彩绘 -> 陶瓷); a
signature feature grows from one topic. The academic group is skipped for items: a 物理 science
show is 科普, and whether a course is 学科类 is the policy rules' decision, not this one's.
"""

from __future__ import annotations

from functools import lru_cache

from catalog import Interest, vocabulary


@lru_cache(maxsize=16384)  # asked for every candidate of every school; the texts repeat
def item_interest(title: str, text: str) -> Interest | None:
    """The non-academic interest an item is mostly about (title weighs three times)."""
    return vocabulary().best(text, title=title, academic=False)


def topic_label(topic: str) -> str:
    """What a signature on `topic` is called: its head interest's feature (足球 -> 校园足球)."""
    members = vocabulary().topic_members(topic)
    head = next((i for i in members if i.name == topic), members[0] if members else None)
    return (head.feature or head.name) if head else topic


def topic_category(topic: str) -> str:
    """The broad category (体育, 艺术, 科技, 非遗与本土文化...) of a topic's head interest."""
    members = vocabulary().topic_members(topic)
    head = next((i for i in members if i.name == topic), members[0] if members else None)
    return head.category if head else ""


def domain_terms(domain: str, limit: int = 16) -> list[str]:
    """One interest per topic of a 五育 domain, for a query that fills a domain nobody asked for."""
    topics: dict[str, None] = {}
    for i in vocabulary().interests:
        if i.domain.value == domain and not i.academic:
            topics.setdefault(i.topic, None)
    return list(topics)[:limit]


def topic_domains(domain: str) -> frozenset[str]:
    """Every non-academic topic of one 五育 domain."""
    return frozenset(
        i.topic for i in vocabulary().interests if i.domain.value == domain and not i.academic
    )
