"""IR metrics through ranx: nDCG@10, recall@10, MRR, and paired significance between runs.

Runs are ranked lists of catalogue keys per case; ranx wants scores, so rank r gets 1/r
(the order is all that matters). nDCG uses ranx's default linear gain (grade 2 counts twice
grade 1). Significance: ranx's paired Student t-test. (ranx's Fisher randomisation test runs
in numba threads whose random streams are not reproducible even with a seed, and the same
inputs must give the same report; Smucker et al. 2007 found the two agree closely.)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ranx import Qrels, Run, compare, evaluate

from evaluation._judged import JudgedCase

METRICS = ("ndcg@10", "recall@10", "mrr")
Ranking = Mapping[str, Sequence[str]]  # case id -> ranked keys, best first


@dataclass(frozen=True)
class RunScores:
    """Mean metrics of one named run on one split."""

    name: str
    split: str
    scores: dict[str, float]


@dataclass(frozen=True)
class Significance:
    """p-value of the paired test of `better` against `other` on one metric and split."""

    split: str
    metric: str
    run: str
    other: str
    p_value: float


def qrels_of(cases: Sequence[JudgedCase]) -> Qrels:
    return Qrels({c.id: dict(c.relevant) for c in cases})


def run_of(name: str, ranking: Ranking, cases: Sequence[JudgedCase]) -> Run:
    """A ranx Run; a case with no result gets a dummy key so that it scores 0, not skipped."""
    data: dict[str, dict[str, float]] = {}
    for case in cases:
        keys = list(dict.fromkeys(ranking.get(case.id, ())))
        data[case.id] = {k: 1.0 / r for r, k in enumerate(keys, start=1)} or {"-": 1e-9}
    return Run(data, name=name)


def score_run(name: str, split: str, ranking: Ranking, cases: Sequence[JudgedCase]) -> RunScores:
    """Mean nDCG@10, recall@10 and MRR of one run over `cases`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw = evaluate(qrels_of(cases), run_of(name, ranking, cases), list(METRICS))
    assert isinstance(raw, dict)
    return RunScores(name, split, {m: round(float(raw[m]), 4) for m in METRICS})


def significance(
    split: str, reference: str, rankings: Mapping[str, Ranking], cases: Sequence[JudgedCase]
) -> list[Significance]:
    """p-values of `reference` against every other run (paired t-test over cases)."""
    runs = [run_of(name, r, cases) for name, r in rankings.items()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = compare(
            qrels_of(cases),
            runs,
            list(METRICS),
            stat_test="student",
            rounding_digits=4,
        ).to_dict()
    out = []
    for other in rankings:
        if other == reference:
            continue
        comparisons: dict[str, Any] = report[reference]["comparisons"][other]
        for metric in METRICS:
            p = float(comparisons[metric])
            out.append(Significance(split, metric, reference, other, 1.0 if math.isnan(p) else p))
    return out
