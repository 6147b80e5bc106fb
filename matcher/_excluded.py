"""The excluded list a planner reads: the items that answer the school's wishes, and counts.

Most items the rules keep out (a 初中 course at a primary school, an unverified person two
districts away) say nothing to a planner; they are counted by rule. The ones that answer what
the school asked for are listed with the rule and the reason, so the planner knows why the
football coach the parents wanted is not in the programme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from catalog.policy import RuleCode, Violation
from matcher._catalogue import Catalogue
from matcher._types import Exclusion
from matcher._wishes import Found


def wished_exclusions(
    catalogue: Catalogue,
    violations: Mapping[str, Sequence[Violation]],
    retrieved: Iterable[str],
    academic_wished: bool,
    evidence: Callable[[Sequence[str]], Mapping[str, Found]],
    shown: int,
) -> tuple[list[Exclusion], dict[str, int]]:
    """Among the retrieved items the rules kept out: those that answer a survey wish (or, for
    a school that asked for academic teaching, academic ones) are listed; the rest counted."""
    keys = sorted({k for k in retrieved if k in violations})
    if academic_wished:
        keys = sorted({*keys, *(k for k, v in violations.items() if _academic(v))})
    found = evidence(keys) if keys else {}
    answers = {k: found[k].query.label for k in keys if found[k].cited}
    if academic_wished:
        answers |= {k: "学科类" for k in keys if _academic(violations[k])}
    best_first = sorted(keys, key=lambda k: (-found[k].match.similarity, k))
    return excluded_rows(catalogue, violations, best_first, answers, shown)


def _academic(broken: Sequence[Violation]) -> bool:
    return any(v.rule == RuleCode.ACADEMIC for v in broken)


def excluded_rows(
    catalogue: Catalogue,
    violations: Mapping[str, Sequence[Violation]],
    keys: Sequence[str],
    answers: Mapping[str, str],
    shown: int,
    per_wish: int = 1,
) -> tuple[list[Exclusion], dict[str, int]]:
    """(listed exclusions by rule order then key, counts by rule of the others).

    `answers` maps an excluded item to the wish it answers; at most `per_wish` item is listed
    for one wish and rule (one 初中 football course says it), the others are counted.
    """
    order = {code.value: n for n, code in enumerate(RuleCode)}
    listed: list[tuple[int, str, Exclusion]] = []
    counts: dict[str, int] = {}
    per_group: dict[tuple[str, str], int] = {}
    for key in keys:
        broken = violations[key]
        rule = broken[0].rule.value
        group = (answers.get(key, ""), rule)
        per_group[group] = per_group.get(group, 0) + (key in answers)
        if key not in answers or per_group[group] > per_wish:
            counts[rule] = counts.get(rule, 0) + 1
            continue
        item = catalogue.by_key[key]
        reason = "；".join(v.reason for v in broken)
        listed.append(
            (order[rule], key, Exclusion(item.id, item.kind.value, item.title, rule, reason))
        )
    listed.sort(key=lambda t: (t[0], t[1]))
    return [e for _, _, e in listed][:shown], dict(sorted(counts.items()))
