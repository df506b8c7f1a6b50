"""A resource-constrained project over a simple temporal network (RCPSP/max), in days.

Time points (``points``) are events, and the start of every task whose work may begin
after its start event. An :class:`Edge` says ``x[dst] − x[src] ≤ weight``. A :class:`Task`
holds its demands over ``[s, s + duration)``; its end event, if any, is ``s + duration``.
A deadline edge may be soft (the lateness objective pays for each day it is missed).
A resource's capacity is its base plus the changes active on a day, each change active
from its ``start`` until its ``end`` (a fixed day or a time point; None: open that way).
Plans and PSPLIB instances are both read into this one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Change", "Deadline", "Edge", "Moment", "Problem", "ResourceSpec", "Task"]


@dataclass(frozen=True, slots=True)
class Moment:
    """A fixed day, or the time of a point."""

    day: int | None = None
    point: int | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    src: int
    dst: int
    weight: int
    label: str = ""
    deadline: int | None = None
    """Index into ``Problem.deadlines`` when the edge is a deadline."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A target bound the plan may miss: its relation, weight and words."""

    id: str
    weight: int = 1
    text: str = ""
    event: str = ""
    source: str = ""
    words: str = ""
    """The directive's own words for the clause."""


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    start: int
    duration: int
    demands: tuple[tuple[int, int], ...] = ()
    """(resource index, units) pairs."""
    end: int | None = None
    delayed_from: int | None = None
    """The start event's point when the work may begin after it (``start`` is then the
    task's own point); None when the task starts on the point ``start`` itself."""


@dataclass(frozen=True, slots=True)
class Change:
    add: int
    start: Moment | None = None
    end: Moment | None = None


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    id: str
    capacity: int
    changes: tuple[Change, ...] = ()
    name: str = ""
    closed: tuple[tuple[int, int], ...] = ()
    """Non-working days ``[first, end)``: nothing holding the resource runs across them."""

    @property
    def peak(self) -> int:
        return self.capacity + sum(c.add for c in self.changes if c.add > 0)

    def capacity_on(self, day: int, times: list[int]) -> int:
        """Units available on ``day`` when the points are at ``times`` (0 when closed)."""
        if any(a <= day < b for a, b in self.closed):
            return 0
        return self.capacity + sum(c.add for c in self.changes
                                   if _after(c.start, day, times, True) and
                                   _after(c.end, day, times, False))


def _after(moment: Moment | None, day: int, times: list[int], opening: bool) -> bool:
    """For an opening moment: it is on or before ``day``; for a closing one: after it."""
    if moment is None:
        return True
    at = moment.day if moment.day is not None else times[moment.point or 0]
    return at <= day if opening else day < at


@dataclass
class Problem:
    points: list[str]
    edges: list[Edge]
    tasks: list[Task]
    resources: list[ResourceSpec]
    origin: int
    deadlines: list[Deadline] = field(default_factory=list)
    lo: int = 0
    hi: int = 0
    """Every point lies in ``[lo, hi]``; every task ends by ``hi``."""
    end_points: list[int] | None = None
    """Points whose latest is the makespan (None: every point)."""
    name: str = ""

    def __post_init__(self) -> None:
        if self.hi <= self.lo:
            self.lo, self.hi = self.horizon()

    def unlimited(self) -> Problem:
        """The same problem with no resource limits (the tasks demand nothing)."""
        from dataclasses import replace

        return replace(self, tasks=[replace(t, demands=()) for t in self.tasks])

    def horizon(self) -> tuple[int, int]:
        """Days every schedule worth having falls in: every task one after another, each
        after the longest of its least lags, on either side of the fixed days."""
        fixed = [e.weight for e in self.edges if e.src == self.origin] + \
            [-e.weight for e in self.edges if e.dst == self.origin]
        lag: dict[int, int] = {}
        for e in self.edges:
            if e.weight < 0:
                lag[e.src] = max(lag.get(e.src, 0), -e.weight)
        span = sum(t.duration for t in self.tasks) + sum(lag.values()) + 1
        return min([0, *fixed]) - span, max([0, *fixed]) + span
