"""What the planner returns: movements, the deployment curve, lift, bottlenecks, the estimate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .routes import Leg
from .whatif import WhatIf

__all__ = ["Bottleneck", "DeploymentResult", "LiftNeeded", "Movement"]


@dataclass(frozen=True)
class Movement:
    """One serial's move: by which mode and route, leaving and arriving on which day."""

    job: str
    unit: str
    mode: str
    option: str
    route: tuple[str, ...]
    depart: int
    arrive: int
    personnel: int
    vehicles: int
    tonnage: float
    legs: tuple[Leg, ...]
    required_by: int | None = None

    @property
    def lateness(self) -> int:
        return 0 if self.required_by is None else max(0, self.arrive - self.required_by)


@dataclass(frozen=True)
class LiftNeeded:
    """Air lift the plan uses."""

    helicopter_sorties: int = 0
    helicopter_hours: float = 0.0
    fixed_wing_sorties: int = 0
    fixed_wing_hours: float = 0.0
    by_group: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Bottleneck:
    """A constraint that binds: a resource at its limit, or a closure that forced an air move."""

    kind: str  # capacity | closure
    ref: str
    days: tuple[int, ...]
    detail: str


@dataclass
class DeploymentResult:
    """The movement plan and what follows from it."""

    resolution_date: date
    status: str  # optimal | feasible | greedy
    threshold: float
    deployed_day: int | None
    day_90: int | None
    completion_day: int
    gap: float
    bound: float
    lateness: int
    movements: list[Movement]
    curve: list[float]
    authorised: int
    lift: LiftNeeded
    bottlenecks: list[Bottleneck]
    what_if: WhatIf
    seconds: float = 0.0
    day_seconds: float = 0.0
    greedy_day: int | None = None
    notes: list[str] = field(default_factory=list)

    def date_of(self, day: int | None) -> date | None:
        return None if day is None else self.resolution_date + timedelta(days=day)

    def to_json(self) -> dict[str, Any]:
        """Everything, as plain JSON-ready data."""
        return {
            "resolution_date": self.resolution_date.isoformat(), "status": self.status,
            "threshold": self.threshold, "deployed_day": self.deployed_day,
            "deployed_date": _iso(self.date_of(self.deployed_day)),
            "day_90": self.day_90, "date_90": _iso(self.date_of(self.day_90)),
            "completion_day": self.completion_day, "gap": round(self.gap, 6),
            "bound": self.bound, "lateness_person_days": self.lateness,
            "greedy_deployed_day": self.greedy_day, "solve_seconds": round(self.seconds, 3),
            "deployed_day_seconds": round(self.day_seconds, 3),
            "authorised_strength": self.authorised,
            "curve": [round(c, 4) for c in self.curve],
            "lift": {"helicopter_sorties": self.lift.helicopter_sorties,
                     "helicopter_hours": round(self.lift.helicopter_hours, 1),
                     "fixed_wing_sorties": self.lift.fixed_wing_sorties,
                     "fixed_wing_hours": round(self.lift.fixed_wing_hours, 1),
                     "by_group": dict(self.lift.by_group)},
            "bottlenecks": [{"kind": b.kind, "ref": b.ref, "days": list(b.days),
                             "detail": b.detail} for b in self.bottlenecks],
            "movements": [_movement_json(m, self) for m in self.movements],
            "what_if": self.what_if.to_json(), "notes": list(self.notes),
        }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _movement_json(m: Movement, result: DeploymentResult) -> dict[str, Any]:
    return {
        "job": m.job, "unit": m.unit, "mode": m.mode, "option": m.option,
        "route": list(m.route), "depart": m.depart, "arrive": m.arrive,
        "depart_date": _iso(result.date_of(m.depart)), "arrive_date": _iso(
            result.date_of(m.arrive)),
        "personnel": m.personnel, "vehicles": m.vehicles, "tonnage": m.tonnage,
        "required_by": m.required_by, "lateness": m.lateness,
        "legs": [{"kind": leg.kind, "ref": leg.ref, "from": leg.origin, "to": leg.to,
                  "start": leg.start, "end": leg.end,
                  "sorties": [list(s) for s in leg.sorties]} for leg in m.legs],
    }
