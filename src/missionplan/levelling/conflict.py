"""Why no schedule exists: the fewest deadlines and demands that cannot hold together.

CP-SAT is asked for a schedule with every deadline and every task's demands under an
assumption; the assumptions it blames are then cut down one at a time to a minimal
conflict (taking any one away leaves a schedule).
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from .cpsat import _Model, _solver
from .problem import Problem

__all__ = ["Conflict", "find_conflict"]


@dataclass(frozen=True)
class Conflict:
    """Deadline indices and task indices that cannot all hold (both empty: the bounds
    alone, with the planned durations, contradict each other)."""

    deadlines: tuple[int, ...]
    tasks: tuple[int, ...]
    minimal: bool


def find_conflict(problem: Problem, *, time_limit: float = 10.0) -> Conflict | None:
    """A minimal conflict, or None when the problem has a schedule."""
    lits = _Model(problem, "makespan", None, assume=True)
    every = [*lits.held, *lits.holds]
    verdict = _feasible(problem, every, every, time_limit)
    if verdict is not False:
        return None
    core = _core(problem, every, time_limit)
    minimal = True
    for lit in list(core):
        rest = [c for c in core if c is not lit]
        answer = _feasible(problem, every, rest, time_limit / max(1, len(every)))
        if answer is False:
            core = rest
        elif answer is None:
            minimal = False
    n = len(problem.deadlines)
    chosen = {every.index(c) for c in core}
    return Conflict(tuple(sorted(i for i in chosen if i < n)),
                    tuple(sorted(i - n for i in chosen if i >= n)), minimal)


def _positions(every: list[cp_model.IntVar], chosen: list[cp_model.IntVar]) -> list[int]:
    return [every.index(c) for c in chosen]


def _feasible(problem: Problem, every: list[cp_model.IntVar],
              chosen: list[cp_model.IntVar], seconds: float) -> bool | None:
    """Whether a schedule exists holding the ``chosen`` assumptions (None: time ran out)."""
    model = _Model(problem, "makespan", None, assume=True)
    again = [*model.held, *model.holds]
    for i in _positions(every, chosen):
        model.m.add(again[i] == 1)
    code = _solver(seconds, 1).solve(model.m)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if code == cp_model.INFEASIBLE else None


def _core(problem: Problem, every: list[cp_model.IntVar],
          seconds: float) -> list[cp_model.IntVar]:
    """The assumptions CP-SAT blames (all of them if it names none)."""
    model = _Model(problem, "makespan", None, assume=True)
    again = [*model.held, *model.holds]
    model.m.add_assumptions(again)
    solver = _solver(seconds, 1)
    solver.solve(model.m)
    blamed = set(solver.sufficient_assumptions_for_infeasibility())
    picked = [every[i] for i, lit in enumerate(again) if lit.index in blamed]
    return picked or list(every)
