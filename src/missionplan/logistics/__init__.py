"""Deployment and movement planning: when the mission is really deployed, what lift it needs,
and what breaks the plan.

The data (GeoJSON geography, network, force and lift YAML) is read by
:func:`load_deployment`; :func:`plan_deployment` schedules every serial over
its candidate routes with CP-SAT; :func:`validate_solution` checks any plan
independently; :func:`apply_to_plan` feeds the estimate back into the plan, in place of the inputs
it accounts for (:func:`estimate_replaces` names them).
"""

from .apply import apply_to_plan, estimate_replaces
from .data import DeploymentData, load_deployment, load_deployment_files
from .mapdraw import draw_map
from .result import Bottleneck, DeploymentResult, LiftNeeded, Movement
from .solve import Progress, greedy_deployment, plan_deployment
from .tables import write_csv
from .validate import validate_solution
from .whatif import WhatIf, parse_late, parse_season_range

__all__ = [
    "Bottleneck", "DeploymentData", "DeploymentResult", "LiftNeeded", "Movement", "Progress",
    "WhatIf", "apply_to_plan", "draw_map", "estimate_replaces", "greedy_deployment",
    "load_deployment",
    "load_deployment_files", "parse_late", "parse_season_range", "plan_deployment",
    "validate_solution", "write_csv",
]
