"""Fairness floors: the min-cost flow stays within the solver's integer cost range at city
scale (the plain sum of every pair's cost made it fail at 1,000 schools)."""

from __future__ import annotations

import numpy as np

from matcher.allocation._floors import _cost_bound, plan_floors


def test_cost_bound_outweighs_the_costliest_flow() -> None:
    cents = np.array([100, 150_000, 3_000], dtype=np.int64)
    assert _cost_bound(cents, 1) == 150_001  # one unit: at most the dearest arc
    assert _cost_bound(cents, 10) == int(cents.sum()) + 1  # never above every arc together
    assert _cost_bound(np.zeros(0, dtype=np.int64), 3) == 1


def test_every_school_floored_at_city_scale(rng: np.random.Generator) -> None:
    """400 resources x 800 schools at 1,500 yuan a visit: the old bound times the weights
    (about 5.6e16) overflowed; every school can and does get its floor."""
    resources, schools = 400, 800
    sci = np.ones((resources, schools), dtype=bool)
    caps = np.full(resources, 3, dtype=np.int64)
    weights = 1.0 + rng.random(schools)
    costs = np.full((resources, schools), 1500.0)
    plan = plan_floors(
        sci, caps, np.ones(schools, dtype=np.int64), weights, costs, 1, None,
        [f"S{n}" for n in range(schools)], [f"R{n}" for n in range(resources)],
    )  # fmt: skip
    assert plan.floored == tuple(range(schools))
    assert not plan.failures
    assert plan.floor_cost == 1500.0 * schools
