"""Backends by name. Each lives in its own module; a missing optional library only hides it."""

from __future__ import annotations

from collections.abc import Callable

from matcher.allocation._model import Solver

DEFAULT_SOLVER = "highs"


def _highs() -> Solver:
    from matcher.allocation._highs import HighsSolver

    return HighsSolver()


def _cpsat() -> Solver:
    from matcher.allocation._cpsat import CpSatSolver

    return CpSatSolver()


def _greedy() -> Solver:
    from matcher.allocation._greedy import GreedySolver

    return GreedySolver()


def _mcf() -> Solver:
    from matcher.allocation._mcf import McfSolver

    return McfSolver()


_FACTORIES: dict[str, Callable[[], Solver]] = {
    "highs": _highs,
    "cpsat": _cpsat,
    "greedy": _greedy,
    "mcf": _mcf,
}


def solver_names() -> list[str]:
    return list(_FACTORIES)


def get_solver(name: str = DEFAULT_SOLVER) -> Solver:
    """The backend called `name`; a clear error (Chinese / English) for an unknown one."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        known = ", ".join(_FACTORIES)
        raise ValueError(f"未知求解器 {name!r} / unknown solver; choose one of: {known}") from None
    return factory()
