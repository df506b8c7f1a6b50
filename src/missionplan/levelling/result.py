"""What levelling found, as people read it: dates, loads, late deadlines and their causes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .cpsat import Objective, Status

__all__ = ["Conflicting", "DeadlineRow", "Levelling", "LoadStep", "ResourceRow", "TaskRow"]


@dataclass(frozen=True)
class TaskRow:
    """An activity's levelled work: first day, days, and how long it waits for resources."""

    id: str
    name: str
    start: int
    end: int
    demands: tuple[tuple[str, int], ...]
    waits: int
    """Days its work starts after its start event."""
    moved: int
    """Days its end moves against the plan without resource limits."""


@dataclass(frozen=True)
class DeadlineRow:
    id: str
    event: str
    text: str
    source: str
    words: str
    late: int
    """Days late, levelled."""
    late_unlimited: int
    """Days late with no resource limits (the planned durations alone)."""
    drivers: tuple[tuple[str, int], ...] = ()
    """(resource id, days sooner with its capacity unlimited), most first."""


@dataclass(frozen=True)
class LoadStep:
    """From ``day`` until the next step, ``used`` of ``capacity`` units."""

    day: int
    used: int
    capacity: int


@dataclass(frozen=True)
class ResourceRow:
    id: str
    name: str
    kind: str
    capacity: int
    peak_used: int
    steps: tuple[LoadStep, ...]
    one_more: int | None = None
    """Days one more unit gains: on the plan's end (makespan) or in total days late."""
    one_more_deadlines: tuple[tuple[str, int], ...] = ()
    """(deadline id, days sooner) with one more unit."""


@dataclass(frozen=True)
class Conflicting:
    """No schedule: the deadlines and demands that cannot hold together, in words."""

    deadlines: tuple[str, ...]
    activities: tuple[str, ...]
    resources: tuple[str, ...]
    first_day: int | None
    last_day: int | None
    reason: str
    minimal: bool


@dataclass
class Levelling:
    plan: str
    objective: Objective
    status: Status
    origin_date: date | None
    value: int | None = None
    bound: int | None = None
    gap: float | None = None
    heuristic: int | None = None
    makespan: int | None = None
    makespan_unlimited: int | None = None
    dates: dict[str, int] = field(default_factory=dict)
    unlimited: dict[str, int] = field(default_factory=dict)
    tasks: list[TaskRow] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    resources: list[ResourceRow] = field(default_factory=list)
    conflict: Conflicting | None = None
    violations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def date_of(self, day: int | None) -> str | None:
        from datetime import timedelta

        if day is None:
            return None
        if self.origin_date is None:
            return f"day {day}"
        return (self.origin_date + timedelta(days=day)).isoformat()

    def moved_events(self) -> dict[str, int]:
        """Events whose levelled day differs from the day without resource limits."""
        return {e: d - self.unlimited[e] for e, d in self.dates.items()
                if e in self.unlimited and d != self.unlimited[e]}

    def to_json(self) -> dict[str, object]:
        d = self.date_of
        return {
            "plan": self.plan, "objective": self.objective, "status": self.status,
            "value": self.value, "bound": self.bound, "gap": self.gap,
            "heuristic": self.heuristic, "origin": d(0),
            "makespan": self.makespan, "makespan_unlimited": self.makespan_unlimited,
            "events": [{"event": e, "day": v, "date": d(v), "unlimited_day":
                        self.unlimited.get(e), "moved": v - self.unlimited.get(e, v)}
                       for e, v in self.dates.items()],
            "activities": [{"id": t.id, "name": t.name, "start": d(t.start), "end": d(t.end),
                            "start_day": t.start, "end_day": t.end, "waits": t.waits,
                            "moved": t.moved, "demands": dict(t.demands)}
                           for t in self.tasks],
            "deadlines": [{"id": r.id, "event": r.event, "text": r.text, "source": r.source,
                           "words": r.words, "late": r.late,
                           "late_unlimited": r.late_unlimited,
                           "drivers": [{"resource": k, "days": v} for k, v in r.drivers]}
                          for r in self.deadlines],
            "resources": [{"id": r.id, "name": r.name, "kind": r.kind,
                           "capacity": r.capacity, "peak_used": r.peak_used,
                           "one_more": r.one_more,
                           "one_more_deadlines": dict(r.one_more_deadlines),
                           "load": [{"from": d(s.day), "day": s.day, "used": s.used,
                                     "capacity": s.capacity} for s in r.steps]}
                          for r in self.resources],
            "conflict": None if self.conflict is None else {
                "deadlines": list(self.conflict.deadlines),
                "activities": list(self.conflict.activities),
                "resources": list(self.conflict.resources),
                "from": d(self.conflict.first_day), "until": d(self.conflict.last_day),
                "reason": self.conflict.reason, "minimal": self.conflict.minimal},
            "violations": self.violations, "notes": self.notes,
        }
