"""Scoring candidates: pure functions over arrays, plus the plain-Chinese reasons.

A candidate's score mixes semantic fit weighted by its theme's demand, distance, cost, the
provider's load and quality signals; diversity is applied afterwards by maximal marginal
relevance (MMR) over the item vectors, so two nearly identical courses do not both fill a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

FloatArray = npt.NDArray[np.float64]


class ScoreWeights(BaseModel):
    """Weights of each term; an ablation sets one to 0. They need not sum to 1.

    Fitted on the dev schools of the planner judgments (evaluation/data/judged_planner.csv,
    scripts/fit_score_weights.py -> evaluation/data/planner_fit.json, docs/evaluation.md
    "Planner judgments and the weight fit"): fit kept at 0.55 (the scale); cost adds nothing
    on dev, so it is 0; diversity is the grid's dev best (0.3) and is not dropped, since
    judgments of single items cannot see a redundant list; load cannot be fitted on
    single-school judgments and keeps its earlier 0.05. tests/evaluation/test_weight_fit.py
    checks these match the file.
    """

    fit: float = Field(0.55, ge=0)
    demand: float = Field(0.15, ge=0)
    distance: float = Field(0.30, ge=0)
    cost: float = Field(0.0, ge=0)
    load: float = Field(0.05, ge=0)
    quality: float = Field(0.15, ge=0)
    distance_scale_km: float = Field(15.0, gt=0, description="distance at which closeness is 1/e")
    diversity: float = Field(0.3, ge=0, le=1, description="MMR trade-off; 0 = pure relevance")


@dataclass(frozen=True)
class ScoreInputs:
    """Per-candidate arrays of length n; NaN distance = no travel (own teacher, online)."""

    fit: FloatArray  # fused retrieval score in [0, 1]
    demand: FloatArray  # the theme's share of respondents in [0, 1]
    distance_km: FloatArray
    cost_ratio: FloatArray  # fee per 课时 / cap, in [0, 1] after the rules
    load: FloatArray  # share of the provider's capacity already promised, [0, 1]
    quality: FloatArray  # [0, 1]


def score_terms(x: ScoreInputs, w: ScoreWeights) -> dict[str, FloatArray]:
    """Each weighted term separately, so reasons and ablations can read them."""
    closeness = np.where(
        np.isnan(x.distance_km), 1.0, np.exp(-np.nan_to_num(x.distance_km) / w.distance_scale_km)
    )
    return {
        "fit": w.fit * x.fit * (0.5 + 0.5 * x.demand),
        "demand": w.demand * x.demand,
        "distance": w.distance * closeness,
        "cost": w.cost * (1.0 - np.clip(x.cost_ratio, 0.0, 1.0)),
        "load": w.load * (1.0 - np.clip(x.load, 0.0, 1.0)),
        "quality": w.quality * np.clip(x.quality, 0.0, 1.0),
    }


def total_score(x: ScoreInputs, w: ScoreWeights) -> FloatArray:
    """Sum of the weighted terms."""
    terms = score_terms(x, w)
    return np.sum(np.stack(list(terms.values())), axis=0)


def mmr_order(
    scores: FloatArray, vectors: npt.NDArray[np.float32], k: int, trade_off: float
) -> list[int]:
    """Greedy maximal marginal relevance: indices of up to k picks, most relevant first.

    pick = argmax (1 - t) * score - t * max cosine to what was already picked; ties go to the
    lower index, so the order is deterministic.
    """
    n = len(scores)
    if n == 0 or k <= 0:
        return []
    sims = vectors @ vectors.T if len(vectors) else np.zeros((n, n))
    picked: list[int] = []
    redundancy = np.zeros(n)
    available = np.ones(n, dtype=bool)
    for _ in range(min(k, n)):
        value = (1.0 - trade_off) * scores - trade_off * redundancy
        value = np.where(available, value, -np.inf)
        best = int(np.argmax(value))
        picked.append(best)
        available[best] = False
        redundancy = np.maximum(redundancy, sims[best])
    return picked


def reason_texts(
    *,
    theme: str | None,
    respondents: int | None,
    distance_km: float | None,
    fee_per_hour: float | None,
    found_by: tuple[str, ...] = (),
    staffed_by: str | None = None,
) -> list[str]:
    """The reasons a planner reads, in plain Chinese, e.g. 匹配兴趣“陶瓷”（32 名学生）."""
    out: list[str] = []
    if theme:
        who = f"（{respondents} 名学生/家长）" if respondents else ""
        out.append(f"匹配兴趣“{theme}”{who}")
    if distance_km is not None and not np.isnan(distance_km):
        out.append(f"距离 {distance_km:.1f} 公里")
    if fee_per_hour is not None:
        out.append("免费" if fee_per_hour == 0 else f"{fee_per_hour:g} 元/课时")
    if staffed_by:
        out.append(f"由{staffed_by}承担")
    if found_by:
        names = {"dense": "语义检索", "keyword": "关键词检索"}
        out.append("检索来源：" + "+".join(names.get(f, f) for f in found_by))
    return out
