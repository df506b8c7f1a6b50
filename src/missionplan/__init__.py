"""missionplan: planning and monitoring software for integrated UN peace operations."""

from .errors import Diagnostic, MissionplanError, PlanFileError
from .model import Duration, Plan, parse_duration
from .planfile import dump_plan, load_plan, loads_plan

__all__ = [
    "Diagnostic", "Duration", "MissionplanError", "Plan", "PlanFileError", "dump_plan",
    "load_plan", "loads_plan", "parse_duration",
]
