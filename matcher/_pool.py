"""A school's scored-candidate pool before weighting, and its ranking under any weights.

`Recommender.scored` builds the pool once (retrieval, evidence, the per-item inputs, vectors
and domains) and ranks it with `rank_pool`; fitting the weights (evaluation's weight fit)
keeps the pool and re-ranks it many times, so the two share one ranking code path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matcher._plan import with_domains
from matcher._scoring import FloatArray, ScoreInputs, ScoreWeights, mmr_order, score_terms


@dataclass(frozen=True)
class CandidatePool:
    """Allowed candidates of one school (keys sorted), with what the scorer reads."""

    keys: tuple[str, ...]
    inputs: ScoreInputs
    vectors: npt.NDArray[np.float32]  # one row per key
    domains: tuple[tuple[str, ...], ...]
    found: Mapping[str, Any]  # key -> matcher._wishes.Found (reasons, citations)


@dataclass(frozen=True)
class PoolRanking:
    """Indices into the pool, best first, with each item's total and weighted terms."""

    order: list[int]
    total: FloatArray
    terms: dict[str, FloatArray]


def rank_pool(
    pool: CandidatePool, weights: ScoreWeights, k: int, wanted: Sequence[str] = ()
) -> PoolRanking:
    """Score, diversify (MMR, top `k`) and add the best item of each wanted domain left out.

    Deterministic: MMR ties go to the lower index, and keys are sorted.
    """
    terms = score_terms(pool.inputs, weights)
    total = np.sum(np.stack(list(terms.values())), axis=0)
    order = mmr_order(total, pool.vectors, k, weights.diversity)
    order = with_domains(order, total, pool.domains, wanted)
    return PoolRanking(order, total, terms)
