"""Fitting `ScoreWeights` on the dev judgments of the planner set (issue 16 point 5).

Each dev school's candidate pool (retrieval, evidence and the scorer's inputs, which no weight
touches) is built once; a weighting is then scored by re-ranking the pools with
`matcher.rank_pool` (the recommender's own ranking code) and ranx's nDCG@10 (as
evaluation._metrics). Procedure, all on dev:

1. `fit` stays at its old weight (it sets the scale); coordinate descent over the grid `GRID`
   for the other terms, `distance_scale_km` and `diversity`, from the old defaults and from
   "fit only", in the fixed order of `GRID`; a value replaces the current one only if it is
   strictly better (ties keep the current value), until a round changes nothing. The better
   start (ties: the first) is the grid's best.
2. Drop rule: in the order demand, distance, cost, quality, a term is set to 0 when the dev
   nDCG@10 with it (and the terms already dropped) at 0 is within `DROP_TOLERANCE` of the
   grid's best; so every term that stays is worth at least that much on dev. `diversity` is
   fitted on the grid but never dropped by this rule: the judgments grade items one at a time,
   so a list of near-copies (软笔书法, 软笔书法·二班, 软笔书法进阶班) loses nothing by them, and
   the rule would remove the one term whose purpose they cannot see. (The first fit applied
   the rule to diversity too and set it to 0; on the 74 demo programmes that raised pairs of
   same-stem titles from 50 to 65. See docs/evaluation.md.)
3. A term whose input is the same for every candidate of every dev school cannot be fitted on
   these judgments (`load` in single-school runs, where nothing is promised yet): it keeps its
   old weight and is reported as not identifiable.

Held-out is scored once, afterwards, for the chosen weights, the old defaults and each term
of the chosen weights set to 0.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from ranx import evaluate

from catalog import School
from evaluation._judged import DATA, SPLITS, JudgedCase
from evaluation._metrics import Ranking, qrels_of, run_of, score_run
from matcher import (
    CandidatePool,
    InterestProfile,
    Recommender,
    ScoreWeights,
    rank_pool,
    wanted_domains,
)

FIT_JSON = DATA / "planner_fit.json"
OLD_DEFAULTS: dict[str, float] = {
    "fit": 0.55, "demand": 0.15, "distance": 0.10, "cost": 0.08, "load": 0.05, "quality": 0.07,
    "distance_scale_km": 15.0, "diversity": 0.25,
}  # fmt: skip
_STEPS = (0.0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6)
GRID: dict[str, tuple[float, ...]] = {
    "demand": _STEPS,
    "distance": _STEPS,
    "cost": _STEPS,
    "quality": _STEPS,
    "load": (0.0, 0.05, 0.1, 0.2),
    "distance_scale_km": (3.0, 5.0, 8.0, 15.0, 25.0, 40.0),
    "diversity": (0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5),
}
DROPPABLE = ("demand", "distance", "cost", "quality")  # diversity: see step 2
DROP_TOLERANCE = 0.005
TERMS = ("fit", "demand", "distance", "cost", "load", "quality", "diversity")


@dataclass(frozen=True)
class FitCase:
    """One judged school with its candidate pool."""

    case: JudgedCase
    pool: CandidatePool


@dataclass
class FitResult:
    """What the fit decided on dev, and how."""

    grid_best: dict[str, float]
    grid_best_dev: float
    chosen: dict[str, float]
    chosen_dev: float
    dropped: list[str] = field(default_factory=list)
    not_identifiable: list[str] = field(default_factory=list)
    trace: list[dict[str, Any]] = field(default_factory=list)


def fit_cases(
    rec: Recommender,
    cases: Sequence[JudgedCase],
    schools: Mapping[str, School],
    profiles: Mapping[str, InterestProfile],
) -> list[FitCase]:
    """The pools `evaluation._recommend_eval.candidates` ranks, built once per case."""
    out = []
    for case in cases:
        school, profile = schools[case.text], profiles[case.text]
        wanted, _ = wanted_domains(profile.domain_share)
        queries = rec.queries(profile, wanted)
        out.append(FitCase(case, rec.candidate_pool(school, queries, rec.eligibility(school))))
    return out


def ranking(cases: Sequence[FitCase], weights: ScoreWeights, k: int) -> Ranking:
    """Case id -> the top `k` keys under `weights` (the MMR order is greedy, so the top 10
    of a list of 40 is the list of 10)."""
    return {c.case.id: [c.pool.keys[i] for i in rank_pool(c.pool, weights, k).order] for c in cases}


def mean_ndcg(cases: Sequence[FitCase], weights: ScoreWeights) -> float:
    """Mean nDCG@10 of `weights` over `cases` (ranx, as the report computes it)."""
    judged = [c.case for c in cases]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = evaluate(
            qrels_of(judged), run_of("w", ranking(cases, weights, 10), judged), "ndcg@10"
        )
    return round(float(value), 6)


def identifiable(cases: Sequence[FitCase], term: str) -> bool:
    """Does the term's input vary among the candidates of some case?"""
    name = "distance_km" if term == "distance" else "cost_ratio" if term == "cost" else term
    for c in cases:
        values = np.nan_to_num(np.asarray(getattr(c.pool.inputs, name), dtype=float), nan=-1.0)
        if len(values) and float(np.ptp(values)) > 0:
            return True
    return False


def _descend(
    cases: Sequence[FitCase], start: dict[str, float], names: Sequence[str], trace: list[Any]
) -> tuple[dict[str, float], float]:
    current = dict(start)
    score = mean_ndcg(cases, ScoreWeights(**current))
    for rnd in range(1, 9):
        changed = False
        for name in names:
            for value in GRID[name]:
                trial = {**current, name: value}
                s = mean_ndcg(cases, ScoreWeights(**trial))
                if s > score:
                    current, score, changed = trial, s, True
            trace.append({"round": rnd, "set": name, "to": current[name], "dev_ndcg@10": score})
        if not changed:
            break
    return current, score


def fit_weights(cases: Sequence[FitCase]) -> FitResult:
    """The coordinate-descent fit, the drop rule and the identifiability check (dev only)."""
    fixed = [t for t in ("load",) if not identifiable(cases, t)]
    names = [n for n in GRID if n not in fixed]
    starts = {
        "old defaults": dict(OLD_DEFAULTS),
        "fit only": {**OLD_DEFAULTS, **{t: 0.0 for t in (*DROPPABLE, "diversity")}},
    }
    trace: list[dict[str, Any]] = []
    best: tuple[dict[str, float], float] | None = None
    for label, start in starts.items():
        trace.append({"start": label})
        found = _descend(cases, start, names, trace)
        if best is None or found[1] > best[1]:
            best = found
    assert best is not None
    grid_best, grid_dev = best
    chosen, dropped = dict(grid_best), list[str]()
    for term in DROPPABLE:
        if chosen[term] == 0:
            continue
        trial = {**chosen, term: 0.0}
        if mean_ndcg(cases, ScoreWeights(**trial)) >= grid_dev - DROP_TOLERANCE:
            chosen, dropped = trial, [*dropped, term]
    chosen_dev = mean_ndcg(cases, ScoreWeights(**chosen))
    return FitResult(grid_best, grid_dev, chosen, chosen_dev, dropped, fixed, trace)


def compare_runs(
    cases: Sequence[FitCase], chosen: Mapping[str, float], k: int
) -> dict[str, dict[str, dict[str, float]]]:
    """Chosen weights, old defaults and each chosen term at 0: run -> split -> metrics."""
    weightings = {"fitted": dict(chosen), "old-defaults": dict(OLD_DEFAULTS)}
    weightings.update({f"no-{t}": {**chosen, t: 0.0} for t in TERMS})
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name, w in weightings.items():
        for split in SPLITS:
            part = [c for c in cases if c.case.split == split]
            if part:
                rk = ranking(part, ScoreWeights(**w), k)
                scores = score_run(name, split, rk, [c.case for c in part]).scores
                out.setdefault(name, {})[split] = scores
    return out


def fit_summary(path: Path = FIT_JSON) -> dict[str, Any]:
    """What `kehou evaluate` reports of the stored fit: the weights chosen on dev, the grid's
    best dev nDCG@10, and the held-out figures scored once after the choice."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    runs = doc["runs"]
    return {
        "judged": doc["judged"],
        "backend": doc["backend"],
        "chosen": doc["chosen"],
        "grid_best": doc["grid_best"],
        "grid_best_dev_ndcg@10": doc["grid_best_dev_ndcg@10"],
        "chosen_dev_ndcg@10": doc["chosen_dev_ndcg@10"],
        "dropped": doc["dropped"],
        "not_identifiable": doc["not_identifiable"],
        "heldout_once": {n: r["heldout"] for n, r in runs.items() if "heldout" in r},
    }
