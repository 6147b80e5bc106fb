"""Split free-text survey answers into short interest phrases.

Students write "篮球和编程都想学，还有画画"; the profile counts 篮球, 编程 and 画画 separately.
The rules here are deliberately simple and visible: separators, then a few filler words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from catalog import SurveyResponse, vocabulary

_SEPARATORS = re.compile(
    r"[、,，;；。.!！?？/\\|┋\s]+|(?:和|跟|与|以及|还有|或者|或是|还想|也想|另外)"
)
_FILLERS = re.compile(
    r"^(?:我们|我家孩子|孩子|小孩|我|他|她|希望|很|非常|特别|比较|最|都|也|还|就)*"
    r"(?:想要学|想学习|想学|想要|想去|想|喜欢|爱|要|学|参加|报|玩|能|可以|会)*"
)
_TRAILING = re.compile(r"(?:都想学|都想|都行|都可以|之类的?|什么的|等等|等|吧|啦|呀|哦|呢|了|的)+$")
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF]")
_EMPTY_ANSWERS = frozenset(
    {"无", "没有", "暂无", "不知道", "随便", "都行", "没想好", "无所谓", "-"}
)


def normalise_answer(text: str) -> str:
    """NFKC (full width to half width), drop emoji, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = _EMOJI.sub(" ", text)
    return " ".join(text.split())


def split_phrases(text: str, *, max_len: int = 12) -> list[str]:
    """Interest phrases in one answer, in order, without duplicates or empty answers."""
    return [phrase for phrase, _ in split_parts(text, max_len=max_len)]


def split_parts(text: str, *, max_len: int = 12) -> list[tuple[str, str]]:
    """(phrase, as written) pairs: the phrase without fillers, and the whole part it came from.

    "希望学校能开" loses 希望 and 学 to the filler rule and leaves the fragment 校能开; the part
    as written is what a label falls back to, so a theme is never named by a fragment.
    """
    seen: dict[str, str] = {}
    for part in _SEPARATORS.split(normalise_answer(text)):
        whole = _TRAILING.sub("", part.strip())
        phrase = _TRAILING.sub("", _FILLERS.sub("", part.strip()))[:max_len]
        if _WORDY.search(phrase) and phrase not in _EMPTY_ANSWERS:
            seen.setdefault(phrase, whole)
    return list(seen.items())


#: Parents' practical needs, not activity interests: counted apart, never searched for.
NEED_CUES: dict[str, tuple[str, ...]] = {
    "作业辅导": ("作业", "功课"),
    "延时接送": (
        "接孩子",
        "接送",
        "才能接",
        "来接",
        "点接",
        "点才",
        "几点",
        "点半",
        "放学",
        "下班",
        "晚一点",
        "晚点",
        "早点",
        "早放",
    ),
    "费用": ("贵", "费用", "收费", "钱", "便宜", "免费"),
    "安全看护": ("安全", "看护", "托管", "有人管", "管着", "看着"),
    "尊重孩子意愿": ("孩子自己", "看孩子", "随孩子", "孩子决定", "无所谓", "都可以", "都行"),
    "孩子的情况": ("内向", "近视", "体质", "胆小", "身体弱", "多动", "坐不住"),
    "其他意见": ("能开", "念叨", "鼓励", "占用", "屏幕", "时间", "别太累", "轻松"),
}


def need_of(phrase: str) -> str | None:
    """The need a phrase expresses (作业辅导, 延时接送, ...), or None for an activity interest."""
    for need, cues in NEED_CUES.items():
        if any(cue in phrase for cue in cues):
            return need
    return None


@dataclass
class SortedPhrases:
    """Who wrote what, sorted: vocabulary topics, academic wishes, needs, and the rest."""

    topics: dict[str, dict[str, set[int]]] = field(default_factory=dict)  # topic->name->rows
    written: dict[str, Counter[str]] = field(default_factory=dict)  # topic -> phrases written
    academic: dict[str, set[int]] = field(default_factory=dict)
    needs: dict[str, set[int]] = field(default_factory=dict)
    unknown: dict[str, set[int]] = field(default_factory=dict)
    whole: dict[str, Counter[str]] = field(default_factory=dict)  # phrase -> parts as written


def sort_phrases(rows: Sequence[SurveyResponse]) -> SortedPhrases:
    """Each row's phrases: an interest the vocabulary names comes first (篮球班（最好不收费）
    is 篮球), then a parents' need, then an unknown phrase left for clustering."""
    vocab = vocabulary()
    out = SortedPhrases()
    for idx, row in enumerate(rows):
        for phrase, whole in split_parts(row.interests):
            matches = vocab.lookup(phrase)
            for m in matches:
                if m.interest.academic:
                    out.academic.setdefault(m.interest.topic, set()).add(idx)
                    continue
                names = out.topics.setdefault(m.interest.topic, {})
                names.setdefault(m.interest.name, set()).add(idx)
                out.written.setdefault(m.interest.topic, Counter())[phrase] += 1
            need = None if matches else need_of(phrase)
            if need:
                out.needs.setdefault(need, set()).add(idx)
            elif not matches:
                out.unknown.setdefault(phrase, set()).add(idx)
                out.whole.setdefault(phrase, Counter())[whole] += 1
    return out
