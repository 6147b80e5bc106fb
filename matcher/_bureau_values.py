"""The bureau's inputs from the matcher: who may receive which scarce resource, and how well
it fits each school's interests.

A school's match value for a resource is its themes' similarity to the resource, weighted by
how many respondents share each theme, then scaled to [0, 1] per school (min-max over that
school's candidates) so that a model with a narrow similarity band still ranks, and every school
counts on the same scale before the fairness weights. Allowed pairs pass every hard rule
(verification, grades, travel, slots) for that school.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from catalog import School, ScienceResource, Specialist, SurveyResponse
from matcher._catalogue import CatalogueItem
from matcher._fusion import minmax
from matcher._parallel import Cached, keep_cached, ordered_map, worker_cached
from matcher._profile import InterestProfile
from matcher._recommend import Recommender
from matcher.allocation import (
    BureauConfig,
    BureauReport,
    ResourceInfo,
    SchoolInfo,
    allocate,
    report_to_dict,
    school_info,
    specialist_info,
)

#: Outside people scarce enough to be shared out by the bureau, with science ones on the floor.
SCARCE_KINDS = frozenset({"科普工作者", "非遗传承人"})
SCIENCE_QUERY = "科学 科技 实验 探究 科普"


@dataclass(frozen=True)
class BureauInputs:
    values: npt.NDArray[np.float64]
    allowed: npt.NDArray[np.bool_]
    schools: tuple[SchoolInfo, ...]
    resources: tuple[ResourceInfo, ...]
    titles: dict[str, str]


def scarce_items(rec: Recommender) -> list[CatalogueItem]:
    """Science resources and every specialist, in catalogue order: the candidates the bureau
    may have to share (`bureau_inputs` keeps the specialists that are actually scarce)."""
    return [i for i in rec.catalogue.items if isinstance(i.record, ScienceResource | Specialist)]


def _shared(item: CatalogueItem, info: ResourceInfo, wanted_by: int) -> bool:
    """Science resources, the scarce kinds, and any specialist wanted by more schools than
    they can serve (max_schools, and at most one school per available afternoon)."""
    if not isinstance(item.record, Specialist) or item.record.kind.value in SCARCE_KINDS:
        return True
    return wanted_by > min(info.capacity, len(info.days or ()) or info.capacity)


def resource_info(item: CatalogueItem) -> ResourceInfo:
    rec = item.record
    if isinstance(rec, ScienceResource):
        return ResourceInfo(
            rec.id, rec.visits_per_semester, True, rec.cost_per_visit, rec.format.value
        )
    assert isinstance(rec, Specialist)
    return specialist_info(rec)


def school_demand(school: School, per_students: int = 800, most: int = 3) -> int:
    """Activities a school may receive: one per `per_students` students, 1 to `most`."""
    return max(1, min(most, math.ceil(school.students / per_students)))


def theme_weights(rec: Recommender, profile: InterestProfile) -> tuple[list[str], np.ndarray]:
    """The profile's theme queries with weights summing to 1 (a science query if no themes)."""
    if not profile.themes:
        return [SCIENCE_QUERY], np.ones(1)
    counts = np.array([t.respondents for t in profile.themes], dtype=np.float64)
    return [t.query for t in profile.themes], counts / counts.sum()


def bureau_inputs(
    rec: Recommender,
    schools: Sequence[School],
    surveys: Mapping[str, Sequence[SurveyResponse]],
    workers: int = 0,
) -> BureauInputs:
    """Values and allowed pairs for every school x shared resource, in a stable order
    (`workers`: forked processes for the per-school rows; the same numbers)."""
    items = scarce_items(rec)
    docs = np.asarray(rec.embedder.encode_documents([i.text for i in items]), dtype=np.float64)
    sims: dict[tuple[str, ...], npt.NDArray[np.float64]] = {}

    def row(school: School) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64], Cached]:
        profile = rec.profile(school.id, surveys.get(school.id, []))
        queries, weights = theme_weights(rec, profile)
        if tuple(queries) not in sims:  # the same themes recur across a city's schools
            qvecs = np.asarray(rec.embedder.encode_queries(queries), dtype=np.float64)
            sims[tuple(queries)] = qvecs @ docs.T
        ok = set(rec.eligibility(school).allowed)
        allowed = np.array([i.key in ok for i in items], dtype=bool)
        values = np.zeros(len(items))
        raw = weights @ sims[tuple(queries)]
        if allowed.any():
            values[allowed] = 0.05 + 0.95 * minmax(raw[allowed])
        return allowed, values, worker_cached(rec)

    values = np.zeros((len(schools), len(items)))
    allowed = np.zeros((len(schools), len(items)), dtype=bool)
    for s, (ok_row, value_row, cached) in enumerate(ordered_map(row, schools, workers)):
        allowed[s], values[s] = ok_row, value_row
        keep_cached(rec, cached)
    infos = [resource_info(i) for i in items]
    keep = [k for k, i in enumerate(items) if _shared(i, infos[k], int(allowed[:, k].sum()))]
    return BureauInputs(
        values=values[:, keep],
        allowed=allowed[:, keep],
        schools=tuple(school_info(sc, school_demand(sc)) for sc in schools),
        resources=tuple(infos[k] for k in keep),
        titles={items[k].id: items[k].title for k in keep},
    )


def run_bureau(
    rec: Recommender,
    schools: Sequence[School],
    surveys: Mapping[str, Sequence[SurveyResponse]],
    config: BureauConfig | None = None,
    *,
    previous: Mapping[str, Collection[str]] | None = None,
    earlier: Mapping[str, int] | None = None,
    workers: int = 0,
) -> tuple[BureauReport, dict[str, Any]]:
    """The bureau's allocation for these schools, and the JSON document `allocate --json` prints
    (the report, resource titles and how many school x resource pairs the rules allowed).

    `previous` (school → resources it got last semester) drives rotation; `earlier` (school →
    activities in all earlier semesters) the fairness-over-time figure (`allocation_history`
    reads both from stored allocations); `workers`: processes for the per-school inputs."""
    inputs = bureau_inputs(rec, schools, surveys, workers)
    report = allocate(
        inputs.values,
        inputs.schools,
        inputs.resources,
        inputs.allowed,
        config,
        previous=previous,
        earlier=earlier,
    )
    doc = report_to_dict(report)
    doc["titles"] = inputs.titles
    doc["pairs_allowed"] = int(inputs.allowed.sum())
    doc["kinds"] = {r.id: r.kind for r in inputs.resources}
    doc["rotation_from"] = sorted({r for rs in (previous or {}).values() for r in rs})
    return report, doc
