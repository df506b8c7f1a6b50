"""missionplan: planning and monitoring software for integrated UN peace operations.

The everyday entry points::

    plan = load_plan("plan.yaml")                  # or scenario_plan_path() for Carana
    analysis = analyse(plan)                       # windows, conflicts, explanations
    findings = lint(plan, analysis)
    schedule = build_schedule(plan, as_of=date(2027, 3, 1))

Each room has more in its own package: ``missionplan.levelling``, ``.risk``, ``.logistics``,
``.monitor``, ``.store``, ``.reports``, ``.extract``, ``.web``.
"""

from .errors import Diagnostic, MissionplanError, PlanFileError
from .model import Duration, Plan, parse_duration
from .planfile import dump_plan, load_plan, loads_plan, write_plan
from .scenarios import scenario_plan_path
from .schedule import Schedule, Status, build_schedule
from .temporal import Analysis, analyse, lint

__all__ = [
    "Analysis", "Diagnostic", "Duration", "MissionplanError", "Plan", "PlanFileError",
    "Schedule", "Status", "analyse", "build_schedule", "dump_plan", "lint", "load_plan",
    "loads_plan", "parse_duration", "scenario_plan_path", "write_plan",
]
