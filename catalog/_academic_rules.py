"""The rule half of the 学科类 (academic content) classifier: weighted cues, with evidence.

After-school time must not become school-subject teaching (语文, 数学, 外语, 物理, 化学, 生物,
历史, 地理, 道德与法治), whether named plainly or disguised (思维训练 that is 奥数, 口语 that is
语法 and 单词听写, 阅读 that is 答题技巧), and must hold no exams or exam drills. Decisions,
documented in docs/policy.md:

- 科学实验, 科普, 编程, 机器人, 天文 are 科学素养 (non-academic under the 2021 rules);
  书法 is art, not 语文 tutoring; 数独, 围棋, 魔方 are games; arts and sports 考级 and
  中考体育 are not 学科类; 作业辅导 / 答疑 (homework guidance) is explicitly allowed.
- 英语戏剧 / 英文歌曲 are NOT academic unless they teach the language (语法, 单词, 口语…).
- Exam-focused content (中考/会考/期末, 听写/默写/口算过关, 模拟考, 限时练, subject 考级 and
  杯赛) gets its own code, `EXAM_PREP`; other academic content `ACADEMIC`.

Scoring: positive cues combine by noisy-OR, p = 1 − Π(1 − wᵢ); context damps it,
score = p · Π(1 − nⱼ). Each cue counts once; the weak test words (考试, 比赛…) count only when
another cue fired. The vocabulary lives in `catalog._academic_cues`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog._academic_cues import (
    ACADEMIC_CUES,
    ALLOWED,
    CONTEXT_CUES,
    EXAM_CUES,
    GENERIC_TEST,
    NEGATED,
    PAST,
    Cue,
)
from catalog._policy_rules import RuleCode

#: Every positive cue, for docs and tests (academic, exam, then the weak test words).
POSITIVE_CUES: tuple[Cue, ...] = (*ACADEMIC_CUES, *EXAM_CUES, GENERIC_TEST)
NEGATIVE_CUES: tuple[Cue, ...] = CONTEXT_CUES
THRESHOLD = 0.5
#: Exam cues must carry this share of the score for the code to be `EXAM_PREP` (set on dev).
EXAM_SHARE = 0.6


@dataclass(frozen=True)
class Hit:
    """One piece of evidence: the phrase, its weight, and whether it is exam-focused."""

    phrase: str
    weight: float
    exam: bool = False


@dataclass(frozen=True)
class AcademicRuleResult:
    """The rule half's verdict: a score in [0, 1] and the phrases that raised or lowered it.

    `exam_score` is the part of the score that exam cues alone give; `code` names the rule.
    """

    score: float
    evidence: tuple[str, ...]
    against: tuple[str, ...] = ()
    exam_score: float = 0.0
    exam_evidence: tuple[str, ...] = ()

    def is_academic(self, threshold: float = THRESHOLD) -> bool:
        return self.score >= threshold

    @property
    def code(self) -> RuleCode:
        """`EXAM_PREP` when exam cues alone carry most of the score, else `ACADEMIC`."""
        exam = self.exam_score > 0 and self.exam_score >= EXAM_SHARE * self.score
        return RuleCode.EXAM_PREP if exam else RuleCode.ACADEMIC


def mask(text: str) -> str:
    """Blank allowed phrases, negated clauses and a person's past before any cue is matched."""
    for pattern in (ALLOWED, NEGATED, PAST):
        text = pattern.sub("□", text)
    return text


def cue_hits(text: str) -> list[Hit]:
    """Positive evidence in an already masked text, strongest first; weak words only as extra."""
    hits = [Hit(m.group(0), c.weight) for c in ACADEMIC_CUES if (m := c.pattern.search(text))]
    hits += [Hit(m.group(0), c.weight, True) for c in EXAM_CUES if (m := c.pattern.search(text))]
    generic = GENERIC_TEST.pattern.search(text)
    if hits and generic is not None:
        hits.append(Hit(generic.group(0), GENERIC_TEST.weight, any(h.exam for h in hits)))
    return sorted(hits, key=lambda h: -h.weight)


def _noisy_or(weights: Sequence[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - w
    return 1.0 - p


def combine(hits: Sequence[Hit], text: str, *, damp: bool = True) -> AcademicRuleResult:
    """Noisy-OR of the hits, damped by the context cues found in `text` (unless `damp=False`)."""
    against = [m.group(0) for c in CONTEXT_CUES if (m := c.pattern.search(text))] if damp else []
    factor = 1.0
    for cue in CONTEXT_CUES:
        if damp and cue.pattern.search(text):
            factor *= 1.0 - cue.weight
    score = _noisy_or([h.weight for h in hits]) * factor
    exam = _noisy_or([h.weight for h in hits if h.exam]) * factor
    return AcademicRuleResult(
        score=round(score, 6),
        evidence=tuple(dict.fromkeys(h.phrase for h in hits)),
        against=tuple(dict.fromkeys(against)),
        exam_score=round(exam, 6),
        exam_evidence=tuple(dict.fromkeys(h.phrase for h in hits if h.exam)),
    )


def academic_rule_score(text: str) -> AcademicRuleResult:
    """Score one text (a course description, a bio, an offer); evidence strongest first."""
    masked = mask(text)
    return combine(cue_hits(masked), masked)


def exam_reason(result: AcademicRuleResult) -> str:
    """The reason of the `EXAM_PREP` code, quoting the exam evidence only."""
    quoted = "、".join(f"“{e}”" for e in result.exam_evidence[:4])
    return f"以考试、测验或竞赛为目标（{quoted}）"


def academic_reason(result: AcademicRuleResult) -> str:
    """The plain-Chinese reason a planner reads, quoting the evidence."""
    quoted = "、".join(f"“{e}”" for e in result.evidence[:4])
    kind = "应试类内容" if result.code == RuleCode.EXAM_PREP else "学科类培训"
    return f"疑似{kind}（{quoted}），得分 {result.score:.2f}"
