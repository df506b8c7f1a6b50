"""Resource levelling: the plan's dates when people, teams and aircraft are finite.

Public API::

    level(plan, *, objective="lateness" | "makespan", time_limit=10.0, workers=1,
          drivers=True) -> Levelling
    problem_of(plan) -> Frame                     # the plan as a Problem
    solve(problem, *, objective, time_limit, workers, warm_start, tidy,
          capacity) -> Solved                     # CP-SAT, warm-started
    serial_schedule(problem, *, deadlines=True) -> list[int] | None   # the heuristic
    violations(problem, times, *, lateness=None) -> list[str]         # the validator
    find_conflict(problem) -> Conflict | None     # minimal deadlines and demands at odds
    read_sm(path), read_sch(path), read_optima(path)                  # PSPLIB
    with_waits(plan, levelling) -> Plan           # waits written into the durations

The problem is RCPSP/max over the plan's own simple temporal network (minimum and
maximum lags, anchors, actual dates, calendar deadlines), with each resource's capacity
changing over time. See docs/levelling.md.
"""

from .conflict import Conflict, find_conflict
from .cpsat import Objective, Solved, Status, solve
from .fromplan import Frame, problem_of
from .level import level
from .problem import Change, Deadline, Edge, Moment, Problem, ResourceSpec, Task
from .psplib import Known, read_optima, read_sch, read_sm
from .result import Conflicting, DeadlineRow, Levelling, LoadStep, ResourceRow, TaskRow
from .sgs import serial_schedule
from .validate import violations
from .waits import with_waits

__all__ = [
    "Change", "Conflict", "Conflicting", "Deadline", "DeadlineRow", "Edge", "Frame", "Known",
    "Levelling", "LoadStep", "Moment", "Objective", "Problem", "ResourceRow", "ResourceSpec",
    "Solved", "Status", "Task", "TaskRow", "find_conflict", "level", "problem_of",
    "read_optima", "read_sch", "read_sm", "serial_schedule", "solve", "violations",
    "with_waits",
]
