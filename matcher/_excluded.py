"""The excluded list a planner reads: the items that answer the school's wishes, and counts.

Most items the rules keep out (a 初中 course at a primary school, an unverified person two
districts away) say nothing to a planner; they are counted by rule. The ones that answer what
the school asked for are listed with the rule and the reason, so the planner knows why the
football coach the parents wanted is not in the programme.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from catalog.policy import RuleCode, Violation
from matcher._catalogue import Catalogue
from matcher._types import Exclusion


def excluded_rows(
    catalogue: Catalogue,
    violations: Mapping[str, Sequence[Violation]],
    keys: Sequence[str],
    answers: Collection[str],
    shown: int,
) -> tuple[list[Exclusion], dict[str, int]]:
    """(listed exclusions by rule order then key, counts by rule of the others)."""
    order = {code.value: n for n, code in enumerate(RuleCode)}
    listed: list[tuple[int, str, Exclusion]] = []
    counts: dict[str, int] = {}
    for key in keys:
        broken = violations[key]
        rule = broken[0].rule.value
        if key not in answers:
            counts[rule] = counts.get(rule, 0) + 1
            continue
        item = catalogue.by_key[key]
        reason = "；".join(v.reason for v in broken)
        listed.append(
            (order[rule], key, Exclusion(item.id, item.kind.value, item.title, rule, reason))
        )
    listed.sort(key=lambda t: (t[0], t[1]))
    return [e for _, _, e in listed][:shown], dict(sorted(counts.items()))
