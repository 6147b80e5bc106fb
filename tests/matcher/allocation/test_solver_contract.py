"""The contract every backend passes: tiny models whose optimum brute force knows.

Exact backends (highs, cpsat; mcf where it applies) must prove the brute-force optimum; the
greedy must return a feasible answer whose reported objective is the true one and claim no
bound. Every answer is checked against the model's own constraint list.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.allocation import (
    AssignmentModel,
    Budget,
    Floor,
    NotApplicable,
    SolveOptions,
    Status,
    get_solver,
    solver_names,
)
from tests.matcher.allocation._brute import brute_force

OPTIONS = SolveOptions(time_limit=10)
EXACT = ["highs", "cpsat"]


@st.composite
def tiny_models(draw: st.DrawFn, unit: bool = False, extras: bool = True) -> AssignmentModel:
    m = draw(st.integers(1, 3))
    n = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    values = rng.integers(-3, 10, size=(m, n)).astype(float)
    uses = np.ones((m, n)) if unit else rng.integers(1, 4, size=(m, n)).astype(float)
    caps = rng.integers(1, 5, size=m).astype(float)
    allowed = rng.random((m, n)) < 0.85
    gap_like = draw(st.booleans())
    job_min = np.ones(n, np.int64) if gap_like else np.zeros(n, np.int64)
    job_max = np.ones(n, np.int64) if gap_like else rng.integers(0, 3, size=n)
    floors: tuple[Floor, ...] = ()
    budget = None
    if extras and draw(st.booleans()):
        floors = (Floor.from_mask(rng.random((m, n)) < 0.5, 1, "f"),)
    if extras and draw(st.booleans()):
        budget = Budget(rng.integers(0, 4, size=(m, n)).astype(float), float(rng.integers(1, 8)))
    return AssignmentModel(
        values=values,
        uses=uses,
        capacities=caps,
        job_min=job_min,
        job_max=job_max,
        sense=draw(st.sampled_from(["max", "min"])),
        allowed=allowed,
        floors=floors,
        budget=budget,
    )


def _check_honest(model: AssignmentModel, name: str, expected: float | None) -> None:
    result = get_solver(name).solve(model, OPTIONS)
    assert result.solver == name
    if result.has_solution:
        assert model.violations(result.assignment) == []
        assert result.objective == pytest.approx(model.objective(result.assignment))
    if name == "greedy":
        assert result.bound is None and result.gap is None
        assert result.status in (Status.FEASIBLE, Status.UNKNOWN)
        if result.objective is not None and expected is not None:
            sign = 1.0 if model.sense == "max" else -1.0
            assert sign * result.objective <= sign * expected + 1e-9, "greedy beat the optimum?"
        return
    if expected is None:
        assert result.status is Status.INFEASIBLE
    else:
        assert result.status is Status.OPTIMAL
        assert result.objective == pytest.approx(expected)
        assert result.bound == pytest.approx(expected)
        assert result.gap == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("name", [*EXACT, "greedy"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=tiny_models())
def test_backend_matches_brute_force(name: str, model: AssignmentModel) -> None:
    _check_honest(model, name, brute_force(model))


@settings(max_examples=40, deadline=None)
@given(model=tiny_models(unit=True, extras=False))
def test_mcf_matches_brute_force_on_unit_models(model: AssignmentModel) -> None:
    _check_honest(model, "mcf", brute_force(model))


def test_mcf_refuses_what_it_cannot_model() -> None:
    def model(uses: float, floors: tuple[Floor, ...] = ()) -> AssignmentModel:
        return AssignmentModel(
            values=np.ones((2, 2)),
            uses=np.full((2, 2), uses),
            capacities=np.full(2, 4.0),
            job_min=np.zeros(2, np.int64),
            job_max=np.ones(2, np.int64),
            floors=floors,
        )

    with pytest.raises(NotApplicable, match="unit uses"):
        get_solver("mcf").solve(model(2.0), OPTIONS)
    floored = model(1.0, (Floor.from_mask(np.eye(2, dtype=bool), 1),))
    assert get_solver("mcf").solve(model(1.0), OPTIONS).objective == 2.0
    with pytest.raises(NotApplicable, match="floors"):
        get_solver("mcf").solve(floored, OPTIONS)


def test_registry_names_and_unknown() -> None:
    assert solver_names() == ["highs", "cpsat", "greedy", "mcf"]
    with pytest.raises(ValueError, match="unknown solver"):
        get_solver("gurobi")


@pytest.mark.parametrize("name", EXACT)
def test_same_seed_same_assignment(name: str) -> None:
    rng = np.random.default_rng(7)
    model = AssignmentModel(
        values=rng.integers(1, 5, size=(4, 12)).astype(float),  # many ties
        uses=rng.integers(1, 4, size=(4, 12)).astype(float),
        capacities=np.full(4, 9.0),
        job_min=np.ones(12, np.int64),
        job_max=np.ones(12, np.int64),
    )
    first = get_solver(name).solve(model, OPTIONS)
    second = get_solver(name).solve(model, OPTIONS)
    assert first.status is Status.OPTIMAL
    assert first.assignment == second.assignment


def _gap_model(uses: list[list[float]], caps: list[float]) -> AssignmentModel:
    u = np.array(uses)
    n = u.shape[1]
    return AssignmentModel(
        values=np.ones_like(u),
        uses=u,
        capacities=np.array(caps),
        job_min=np.ones(n, np.int64),
        job_max=np.ones(n, np.int64),
        sense="min",
    )


@pytest.mark.parametrize("name", [*EXACT, "mcf"])
def test_infeasible_input_is_explained(name: str) -> None:
    too_big = _gap_model([[1.0, 9.0], [1.0, 9.0]], [5.0, 5.0])  # job 1 fits no agent
    if name == "mcf":
        too_big = _gap_model([[1.0, 1.0, 1.0]], [2.0])  # unit uses, three jobs, room for two
    result = get_solver(name).solve(too_big, OPTIONS)
    assert result.status is Status.INFEASIBLE and result.assignment == ()
    expected = "total capacity" if name == "mcf" else "job 1 needs 1 agents, 0 allowed"
    assert expected in result.message


def test_infeasible_combination_is_still_reported() -> None:
    # Each job fits somewhere and total capacity suffices, but not both jobs at once.
    model = _gap_model([[3.0, 3.0], [9.0, 9.0]], [5.0, 1.0])
    result = get_solver("highs").solve(model, OPTIONS)
    assert result.status is Status.INFEASIBLE
    assert "infeasible together" in result.message
