"""The interest vocabulary: the one taxonomy of after-school interests every layer shares.

A curated CSV (catalog/data/interests.csv) lists each interest by the name people use (舞蹈,
足球, 釉下五彩瓷), its synonyms and colloquial forms (跳舞, 踢球, 捏泥巴), common misspellings
seen in surveys (打蓝球, 画话), its 五育 domain, a broad category, a topic (the family a
signature feature grows from: 陶艺, 泥塑 and 釉下五彩瓷 share 陶瓷), the feature's name, a
room-type hint for the timetable, and whether it is academic (学科类: 奥数, 英语, 作文).
A bureau can read and edit the file; a learned model could not be argued with.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from catalog._enums import Domain
from catalog._problems import ImportFailed, Problem
from catalog._readers import decode_bytes

VOCABULARY_FILE = Path(__file__).parent / "data" / "interests.csv"
COLUMNS = (
    "name",
    "topic",
    "feature",
    "domain",
    "category",
    "room",
    "academic",
    "synonyms",
    "typos",
)
_SPLIT = re.compile(r"[、,，;；]")


class Interest(BaseModel):
    """One after-school interest as people name it."""

    model_config = ConfigDict(frozen=True)

    name: str
    topic: str
    feature: str  # what a signature built on it is called (校园足球); "" for academic ones
    domain: Domain
    category: str
    room: str
    academic: bool
    synonyms: tuple[str, ...] = ()
    typos: tuple[str, ...] = ()  # misspellings: matched in short survey phrases only
    related: tuple[str, ...] = ()  # topics or categories that also answer it (下棋: 围棋、象棋)


class InterestMatch(BaseModel):
    """Where an interest's term occurs in a text."""

    model_config = ConfigDict(frozen=True)

    interest: Interest
    term: str
    start: int
    end: int


def fold(text: str) -> str:
    """NFKC and lower case: full-width letters and `Python`/`python` compare equal."""
    return unicodedata.normalize("NFKC", text).lower()


class Vocabulary:
    """The interests and their terms, with longest-first matching."""

    def __init__(self, interests: Sequence[Interest]) -> None:
        self.interests = tuple(interests)
        self.by_name = {i.name: i for i in self.interests}
        self._terms: dict[str, Interest] = {}
        self._typos: dict[str, Interest] = {}
        for interest in self.interests:
            for term in (interest.name, *interest.synonyms):
                self._terms.setdefault(fold(term), interest)
            for term in interest.typos:
                self._typos.setdefault(fold(term), interest)
        self._plain = _pattern(self._terms)
        self._loose = _pattern({**self._typos, **self._terms})

    def lookup(self, text: str, *, typos: bool = True) -> list[InterestMatch]:
        """Interests named in `text`, in order; at each place the longest term wins.

        `typos=False` for catalogue texts: a misspelling such as 编成 is a word of its own in
        a long description (改编成), but in a four-character survey answer it means 编程.
        """
        folded = fold(text)
        pattern = self._loose if typos else self._plain
        table = {**self._typos, **self._terms} if typos else self._terms
        return [
            InterestMatch(interest=table[m.group()], term=m.group(), start=m.start(), end=m.end())
            for m in pattern.finditer(folded)
        ]

    def get(self, name: str) -> Interest | None:
        """The interest called `name` or written so (a synonym or a misspelling)."""
        key = fold(name.strip())
        return self.by_name.get(name) or self._terms.get(key) or self._typos.get(key)

    def canonical(self, text: str) -> str | None:
        """The canonical name of the first interest named in `text` (跳舞 -> 舞蹈)."""
        found = self.get(text) or next((m.interest for m in self.lookup(text)), None)
        return found.name if found else None

    def domain(self, text: str) -> Domain | None:
        found = self.get(text) or self.best(text)
        return found.domain if found else None

    def room_type(self, text: str) -> str | None:
        found = self.get(text) or self.best(text)
        return found.room if found else None

    def is_academic(self, text: str) -> bool:
        """True when `text` names an academic interest (奥数, 学英语, 写作文)."""
        return any(m.interest.academic for m in self.lookup(text))

    def best(self, text: str, *, title: str = "", academic: bool = True) -> Interest | None:
        """The interest a text is mostly about: matched characters, title counted three times.

        `academic=False` skips the academic group: a 物理 science show is 科普, not a lesson.
        """
        weight: dict[str, float] = {}
        for source, factor in ((title, 3.0), (text, 1.0)):
            for m in self.lookup(source, typos=False):
                if academic or not m.interest.academic:
                    weight[m.interest.name] = weight.get(m.interest.name, 0.0) + factor * len(
                        m.term
                    )
        if not weight:
            return None
        order = {i.name: n for n, i in enumerate(self.interests)}
        name = min(weight, key=lambda k: (-weight[k], order[k]))
        return self.by_name[name]

    def answering_topics(self, names: Iterable[str]) -> frozenset[str]:
        """Topics whose items answer a wish for these interests: their own topics, the topics
        they list as related, and every topic of a category they list (体能训练 -> 体育)."""
        wanted = [self.by_name[n] for n in names if n in self.by_name]
        related = {r for i in wanted for r in i.related}
        return frozenset(
            {i.topic for i in wanted}
            | {i.topic for i in self.interests if i.topic in related or i.category in related}
        )

    def topic_members(self, topic: str) -> tuple[Interest, ...]:
        return tuple(i for i in self.interests if i.topic == topic)


def _pattern(terms: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in ordered) or r"(?!)")


def parse_vocabulary(name: str, data: bytes) -> Vocabulary:
    """Read a vocabulary CSV; every bad row is reported with file, row, column and reason."""
    reader = csv.DictReader(io.StringIO(decode_bytes(name, data)))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        reason = f"缺少列 / missing columns: {', '.join(missing)}"
        raise ImportFailed([Problem(name, 1, missing[0], None, reason)])
    interests, problems = [], []
    seen: dict[str, int] = {}
    for row_no, row in enumerate(reader, start=2):
        found = _row(name, row_no, row, seen)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            interests.append(found)
    if problems:
        raise ImportFailed(problems)
    return Vocabulary(interests)


def _row(name: str, row_no: int, row: dict[str, str], seen: dict[str, int]) -> Interest | Problem:
    cells = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for col in ("name", "topic", "domain", "category", "room"):
        if not cells[col]:
            return Problem(name, row_no, col, "", "不能为空 / must not be empty")
    if cells["domain"] not in {d.value for d in Domain}:
        return Problem(name, row_no, "domain", cells["domain"], "五育须为 德/智/体/美/劳")
    if cells["academic"] not in {"0", "1"}:
        return Problem(name, row_no, "academic", cells["academic"], "须为 0 或 1 / must be 0 or 1")
    synonyms = tuple(s.strip() for s in _SPLIT.split(cells["synonyms"]) if s.strip())
    typos = tuple(s.strip() for s in _SPLIT.split(cells["typos"]) if s.strip())
    related = tuple(s.strip() for s in _SPLIT.split(row.get("related") or "") if s.strip())
    for term in (cells["name"], *synonyms, *typos):
        key = fold(term)
        if seen.setdefault(key, row_no) != row_no:
            reason = f"与第{seen[key]}行重复 / also on row {seen[key]}"
            return Problem(name, row_no, "synonyms", term, reason)
    return Interest(
        name=cells["name"],
        topic=cells["topic"],
        feature=cells["feature"],
        domain=Domain(cells["domain"]),
        category=cells["category"],
        room=cells["room"],
        academic=cells["academic"] == "1",
        synonyms=synonyms,
        typos=typos,
        related=related,
    )


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary in `path` (default: the curated file shipped with kehou)."""
    target = path or VOCABULARY_FILE
    return parse_vocabulary(target.name, target.read_bytes())


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    return load_vocabulary()


def lookup(text: str, *, typos: bool = True) -> list[InterestMatch]:
    return vocabulary().lookup(text, typos=typos)


def canonical(text: str) -> str | None:
    return vocabulary().canonical(text)


def interest_domain(text: str) -> Domain | None:
    return vocabulary().domain(text)


def room_type(text: str) -> str | None:
    return vocabulary().room_type(text)


def is_academic(text: str) -> bool:
    return vocabulary().is_academic(text)
