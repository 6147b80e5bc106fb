"""The web page for planners and the bureau, mounted at /web by `create_app`."""

from api.web._programme import PlannerView, apply_swaps, parse_swaps, planner_view
from api.web._site import create_web

__all__ = ["PlannerView", "apply_swaps", "create_web", "parse_swaps", "planner_view"]
