"""The web page for planners and the bureau, mounted at /web by `create_app`."""

from api.web._programme import PlannerView, alternatives_for, planner_view
from api.web._site import create_web

__all__ = ["PlannerView", "alternatives_for", "create_web", "planner_view"]
