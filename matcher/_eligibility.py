"""Hard rules before scoring: which items a school may be offered at all, and why not the rest.

Catalogue-level rules (academic content, verification, admission, fee caps) depend on the item
only, so they are computed once per catalogue; school x item rules (grades, travel, slots,
load) per school. A recommendation is built from `allowed` only, never from the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from catalog import School, Settings
from catalog.policy import (
    ItemLoad,
    PolicyConfig,
    RuleCode,
    Violation,
    check_item,
    check_load,
    check_pair,
)
from matcher._academic import AcademicClassifier
from matcher._catalogue import Catalogue


@dataclass(frozen=True)
class Eligibility:
    """Allowed item keys (catalogue order) and every excluded key's violations."""

    allowed: tuple[str, ...]
    violations: dict[str, tuple[Violation, ...]]


def item_level_violations(
    catalogue: Catalogue, settings: Settings, academic: AcademicClassifier | None = None
) -> dict[str, tuple[Violation, ...]]:
    """Catalogue-level rules for every item; the prototype classifier adds what rules missed."""
    out: dict[str, tuple[Violation, ...]] = {}
    verdicts = academic.predict(catalogue.texts()) if academic is not None else None
    for idx, item in enumerate(catalogue.items):
        found = check_item(
            item.record, provider=item.provider, settings=settings, institution=item.institution
        )
        flagged = verdicts is not None and verdicts[idx].is_academic
        if flagged and not any(v.rule == RuleCode.ACADEMIC for v in found):
            assert verdicts is not None
            evidence = "、".join(verdicts[idx].evidence) or "与学科类课程相似"
            found.append(Violation(item.id, RuleCode.ACADEMIC, f"疑似学科类内容（{evidence}）"))
        if found:
            out[item.key] = tuple(found)
    return out


def school_eligibility(
    school: School,
    catalogue: Catalogue,
    item_level: Mapping[str, tuple[Violation, ...]],
    settings: Settings,
    *,
    loads: Mapping[str, ItemLoad] | None = None,
    policy: PolicyConfig | None = None,
    pairs: Mapping[str, list[Violation]] | None = None,
) -> Eligibility:
    """Every rule for one school; `loads` (item key -> load) turns on the capacity rules.
    `pairs`: this school's `pair_violations`, when already computed (they do not change with
    the loads, which are what changes from one school of a batch to the next)."""
    if pairs is None:
        pairs = pair_violations(school, catalogue, settings, policy)
    allowed: list[str] = []
    violations: dict[str, tuple[Violation, ...]] = {}
    unloaded = catalogue.unloaded  # check_load under ItemLoad(), computed once
    for item in catalogue.items:
        found = [*item_level.get(item.key, ()), *pairs.get(item.key, ())]
        if loads is not None:
            load = loads.get(item.key)
            if load is None:
                found += unloaded.get(item.key, ())
            else:
                found += check_load(item.record, provider=item.provider, load=load)
        if found:
            violations[item.key] = tuple(found)
        else:
            allowed.append(item.key)
    return Eligibility(tuple(allowed), violations)


def pair_violations(
    school: School, catalogue: Catalogue, settings: Settings, policy: PolicyConfig | None = None
) -> dict[str, list[Violation]]:
    """The school x item rules without loads (grades, travel, slots, senior fee), by item key,
    for the items that break any."""
    policy = policy or PolicyConfig()
    out: dict[str, list[Violation]] = {}
    places: dict[tuple[str, float, float, float], str | None] = {}  # travel, once per place
    for item in catalogue.items:
        found = check_pair(
            school, item.record, provider=item.provider, settings=settings, policy=policy,
            places=places,
        )  # fmt: skip
        if found:
            out[item.key] = found
    return out
