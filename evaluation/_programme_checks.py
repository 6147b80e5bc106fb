"""Checks over every school's programme: rule violations (must be 0), catalogue coverage,
intra-list diversity, the five-domain share, and fairness of the bureau's allocation.

Violations are re-checked here with catalog.policy directly (not with the matcher's own
eligibility), so a bug in the matcher's filtering shows up as a non-zero count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from catalog import Domain, School, SurveyResponse
from catalog.policy import check_item, check_pair
from matcher import InterestProfile, Programme, Recommender, bureau_inputs
from matcher.allocation import BureauConfig, allocate


@dataclass(frozen=True)
class ProgrammeChecks:
    """Figures over all schools' programmes with the full scorer."""

    schools: int
    items: int
    violations: int
    violation_examples: tuple[str, ...]
    coverage: float  # distinct items in any programme / catalogue items
    intra_list_diversity: float  # mean pairwise cosine distance within a programme
    domain_share: dict[str, float]  # share of programme items tagged with each domain
    schools_covering_all_domains: float


def programmes(
    rec: Recommender, schools: Sequence[School], profiles: Mapping[str, InterestProfile]
) -> list[Programme]:
    """Every school's programme, in id order, with signatures counted per district as the
    demo does (so a district does not get the same signature everywhere)."""
    taken: dict[str, Counter[str]] = {}
    out = []
    for school in schools:
        district = taken.setdefault(school.district, Counter())
        programme = rec.plan(school, profiles[school.id], district_taken=district)
        if programme.signature is not None:
            district[programme.signature.key] += 1
        out.append(programme)
    return out


def violations(rec: Recommender, school: School, programme: Programme) -> list[str]:
    """Every hard rule a programme's item breaks, as ``school item rule`` strings."""
    found = []
    for item in programme.items:
        cat = rec.catalogue.by_key[item.catalogue_key]
        kw: dict[str, Any] = {"provider": cat.provider, "settings": rec.settings}
        bad = check_item(cat.record, institution=cat.institution, **kw)
        bad += check_pair(school, cat.record, **kw)
        found += [f"{school.id} {item.id} {v.rule}" for v in bad]
    return found


def _diversity(rec: Recommender, programme: Programme) -> float | None:
    keys = [i.catalogue_key for i in programme.items]
    if len(keys) < 2:
        return None
    v = rec.item_vectors(keys)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    sims = v @ v.T
    n = len(keys)
    return float(1.0 - (sims.sum() - np.trace(sims)) / (n * (n - 1)))


def programme_checks(
    rec: Recommender, schools: Sequence[School], profiles: Mapping[str, InterestProfile]
) -> ProgrammeChecks:
    progs = programmes(rec, schools, profiles)
    bad = [v for s, p in zip(schools, progs, strict=True) for v in violations(rec, s, p)]
    keys = {i.catalogue_key for p in progs for i in p.items}
    divs = [d for d in (_diversity(rec, p) for p in progs) if d is not None]
    tags = Counter(d for p in progs for i in p.items for d in i.domains)
    n_items = sum(len(p.items) for p in progs)
    all_five = sum(1 for p in progs if len(p.domains_covered) == len(Domain))
    return ProgrammeChecks(
        schools=len(progs),
        items=n_items,
        violations=len(bad),
        violation_examples=tuple(bad[:10]),
        coverage=round(len(keys) / len(rec.catalogue.items), 4),
        intra_list_diversity=round(float(np.mean(divs)) if divs else 0.0, 4),
        domain_share={d.value: round(tags[d.value] / max(n_items, 1), 4) for d in Domain},
        schools_covering_all_domains=round(all_five / max(len(progs), 1), 4),
    )


def allocation_fairness(
    rec: Recommender,
    schools: Sequence[School],
    surveys: Mapping[str, Sequence[SurveyResponse]],
    time_limit: float = 30.0,
) -> dict[str, Any]:
    """The bureau allocation's status, objective and fairness figures (matcher.allocation)."""
    inputs = bureau_inputs(rec, list(schools), dict(surveys))
    report = allocate(
        inputs.values,
        inputs.schools,
        inputs.resources,
        inputs.allowed,
        BureauConfig(time_limit=time_limit),
    )
    fair = report.fairness
    return {
        "status": str(report.result.status),
        "objective": round(float(report.result.objective or 0.0), 4),
        "served_share": round(fair.served_share, 4),
        "served_by_area": {k: round(v, 4) for k, v in fair.served_by_area.items()},
        "served_by_district": {k: round(v, 4) for k, v in fair.served_by_district.items()},
        "gini_per_student": round(fair.gini_per_student, 4),
        "worst_off_school": fair.worst_off_school,
    }
