"""Bureau allocation of scarce resources across schools, with exact solvers (issue 5).

One assignment model (`AssignmentModel`) serves both the OR-Library GAP benchmark and the
bureau's schools × resources problem; backends (`highs`, `cpsat`, `mcf`, `greedy`) come by
name from `get_solver` and all return a `SolveResult` with the proven bound and gap.
"""

from matcher.allocation._bureau import (
    Allocation,
    BureauConfig,
    BureauReport,
    ResourceInfo,
    ResourceUse,
    SchoolInfo,
    SchoolOutcome,
    allocate,
)
from matcher.allocation._days import ALL_DAYS, WEEKDAYS, assign_days, day_names, weekdays
from matcher.allocation._fairness import Fairness, fairness, gini
from matcher.allocation._floors import FloorFailure, FloorPlan, plan_floors
from matcher.allocation._from_catalog import school_info, science_resource_info, specialist_info
from matcher.allocation._gap import GapFormatError, GapInstance, read_gap
from matcher.allocation._mcf import NotApplicable, check_flow_structure
from matcher.allocation._model import (
    AssignmentModel,
    Budget,
    Floor,
    Sense,
    SolveOptions,
    Solver,
    SolveResult,
    Status,
    explain_infeasible,
    relative_gap,
)
from matcher.allocation._plot import cjk_font, plot_allocation, report_to_dict
from matcher.allocation._registry import DEFAULT_SOLVER, get_solver, solver_names

__all__ = [
    "ALL_DAYS",
    "DEFAULT_SOLVER",
    "WEEKDAYS",
    "Allocation",
    "AssignmentModel",
    "Budget",
    "BureauConfig",
    "BureauReport",
    "Fairness",
    "Floor",
    "FloorFailure",
    "FloorPlan",
    "GapFormatError",
    "GapInstance",
    "NotApplicable",
    "ResourceInfo",
    "ResourceUse",
    "SchoolInfo",
    "SchoolOutcome",
    "Sense",
    "SolveOptions",
    "SolveResult",
    "Solver",
    "Status",
    "allocate",
    "assign_days",
    "check_flow_structure",
    "cjk_font",
    "day_names",
    "explain_infeasible",
    "fairness",
    "get_solver",
    "gini",
    "plan_floors",
    "plot_allocation",
    "read_gap",
    "relative_gap",
    "report_to_dict",
    "school_info",
    "science_resource_info",
    "solver_names",
    "specialist_info",
    "weekdays",
]
