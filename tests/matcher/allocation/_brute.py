"""Brute force over every subset of allowed pairs: the reference optimum for tiny models."""

from __future__ import annotations

import itertools

import numpy as np

from matcher.allocation import AssignmentModel


def brute_force(model: AssignmentModel) -> float | None:
    """Best objective over all feasible subsets of allowed pairs, or None if none is feasible."""
    pairs = [(int(i), int(j)) for i, j in zip(*np.nonzero(model.mask()), strict=True)]
    assert len(pairs) <= 14, "too many pairs for brute force"
    best: float | None = None
    for bits in itertools.product((0, 1), repeat=len(pairs)):
        chosen = tuple(p for p, b in zip(pairs, bits, strict=True) if b)
        if model.violations(chosen):
            continue
        value = model.objective(chosen)
        if best is None or (value > best if model.sense == "max" else value < best):
            best = value
    return best
