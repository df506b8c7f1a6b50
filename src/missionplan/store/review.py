"""The after-action review of the exercise in a workspace: what it gathers for it.

The review itself (:func:`missionplan.exercise.review.build_review`) is pure; this reads
each syndicate's copy of the plan at its start and now, the injects it received, its
audit entries, and when the scenario clock moved, and hands them over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from ..errors import WorkspaceError
from ..exercise.review import BranchRecord, Entry, Review, build_review
from .workspace import Workspace

__all__ = ["gather_review"]

_MOVES = ("clock.set", "clock.advance")


def gather_review(ws: Workspace, *, as_of: date | None = None, samples: int = 0,
                  progress: Callable[[str, float], None] | None = None) -> Review:
    """The review of the workspace's exercise as of ``as_of`` (the clock's day by default):
    every syndicate, or the workspace's own plan while there is none."""
    exercise = ws.exercise()
    if exercise is None:
        raise WorkspaceError("no exercise is loaded: 'missionplan exercise load FILE' or "
                             "'missionplan init --exercise'", code="no-exercise")
    own = ws.on("")
    teams = [(s.name, s.title) for s in ws.syndicates()] or [("", "The workspace's plan")]
    branches = []
    for name, title in teams:
        branch = ws.on(name)
        versions = branch.plan_versions()
        branches.append(BranchRecord(
            name, title, branch.stored_plan(versions[0].version), branch.stored_plan(),
            branch.current_plan(), branch.deliveries(),
            [Entry(e.at, e.user, e.action, e.item, e.after) for e in branch.audit()],
            versions[0].created_at))
    clock: list[tuple[datetime, date]] = []
    for entry in own.audit():
        after = entry.after if isinstance(entry.after, dict) else {}
        if entry.action in _MOVES and after.get("day"):
            clock.append((entry.at, date.fromisoformat(str(after["day"]))))
    return build_review(exercise, branches, as_of=as_of or ws.current_day().day, clock=clock,
                        samples=samples, progress=progress)
