"""The default backend still scores what the benchmark measured on a fixed STS-B sample.

A broken tokeniser, pooling, prefix or normalisation shows up here as a drop of many points.
The reference figure comes from `python -m benchmarks.sts_zh` (column "STS-B first 300").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.stats import spearmanr

from embeddings import DEFAULT_BACKEND, create_embedder

#: Spearman x100 of DEFAULT_BACKEND on the first 300 pairs of STS-B.test.data, measured by
#: benchmarks/sts_zh.py (both sides encoded as queries).
MEASURED = {"e5-small": 86.95, "use-m3": 85.19}
TOLERANCE = 3.0


@pytest.mark.slow
@pytest.mark.shared
def test_default_backend_spearman_on_first_300_pairs(shared_data: Path) -> None:
    path = shared_data / "sts-zh" / "STS-B.test.data"
    if not path.is_file():
        pytest.skip(f"STS-B test file not found at {path}")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[:300]]
    left, right, gold = zip(*rows, strict=True)
    embedder = create_embedder(DEFAULT_BACKEND)
    a, b = embedder.encode_queries(list(left)), embedder.encode_queries(list(right))
    score = spearmanr(np.einsum("ij,ij->i", a, b), np.array(gold, dtype=float)).statistic * 100
    assert abs(score - MEASURED[DEFAULT_BACKEND]) <= TOLERANCE, score
