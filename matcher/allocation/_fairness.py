"""Fairness figures of an allocation: who is served, by district and area; Gini; worst-off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


def gini(x: npt.ArrayLike) -> float:
    """Gini coefficient: sum |x_i - x_j| / (2 n² mean); 0 equal, → 1 one school has all."""
    v = np.asarray(x, dtype=float)
    if v.size == 0 or v.sum() <= 0:
        return 0.0
    diffs = np.abs(v[:, None] - v[None, :]).sum()
    return float(diffs / (2.0 * v.size**2 * v.mean()))


@dataclass(frozen=True)
class Fairness:
    """Shares of schools served (≥ 1 activity) overall, by district and by area (城区/县城/农村);
    Gini of activities per student; the school with the fewest activities per student."""

    served_share: float
    served_by_district: dict[str, float]
    served_by_area: dict[str, float]
    gini_per_student: float
    worst_off_school: str | None
    worst_off_per_1000: float
    #: Gini over schools of cumulative activities per 1,000 students (earlier semesters + this
    #: one); equals `gini_per_student` when there is no history.
    gini_over_time: float = 0.0


def _share(groups: Sequence[str], served: npt.NDArray[np.bool_]) -> dict[str, float]:
    out: dict[str, float] = {}
    for g in sorted(set(groups)):
        idx = [k for k, name in enumerate(groups) if name == g]
        out[g] = float(served[idx].mean())
    return out


def fairness(
    ids: Sequence[str],
    districts: Sequence[str],
    areas: Sequence[str],
    students: npt.ArrayLike,
    activities: npt.ArrayLike,
    weights: npt.ArrayLike,
    earlier: npt.ArrayLike | None = None,
) -> Fairness:
    """Figures for one allocation; ties for worst-off go to the higher weight, then the id."""
    acts = np.asarray(activities, dtype=float)
    per_student = acts / np.maximum(np.asarray(students, dtype=float), 1.0)
    served = acts > 0
    worst: str | None = None
    worst_value = 0.0
    if len(ids):
        w = np.asarray(weights, dtype=float)
        order = sorted(range(len(ids)), key=lambda k: (per_student[k], -w[k], ids[k]))
        worst, worst_value = ids[order[0]], float(per_student[order[0]] * 1000.0)
    before = np.zeros_like(acts) if earlier is None else np.asarray(earlier, dtype=float)
    per_1000_total = (before + acts) * 1000.0 / np.maximum(np.asarray(students, dtype=float), 1.0)
    return Fairness(
        served_share=float(served.mean()) if len(ids) else 0.0,
        served_by_district=_share(list(districts), served),
        served_by_area=_share(list(areas), served),
        gini_per_student=gini(per_student),
        worst_off_school=worst,
        worst_off_per_1000=worst_value,
        gini_over_time=gini(per_1000_total),
    )
