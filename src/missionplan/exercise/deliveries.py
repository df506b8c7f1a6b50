"""What the store keeps of each inject it delivered: the branch's state around it.

A *delivery* is one inject reaching one branch on a scenario day: what it changed
(sentences in the plan's words), the branch's state just before and just after (plan
version, actual dates, assumption states), and, once measured, what it broke.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .impact import Impact
from .model import Inject

__all__ = ["AUTHOR", "BranchState", "Delivery"]

AUTHOR = "exercise"
"""Who the audit log says made the changes an inject brings (the delivery's own entry
names who moved the clock): a syndicate's decisions are the entries of everyone else."""


@dataclass(frozen=True, slots=True)
class BranchState:
    """What a branch held at one moment: its plan version, dates and assumption states."""

    version: int
    actuals: dict[str, date]
    corrections: frozenset[str]
    states: dict[str, str]

    def to_json(self) -> dict[str, object]:
        return {"version": self.version,
                "actuals": {k: v.isoformat() for k, v in sorted(self.actuals.items())},
                "corrections": sorted(self.corrections), "states": dict(sorted(
                    self.states.items()))}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BranchState:
        return cls(int(data["version"]),
                   {k: date.fromisoformat(v) for k, v in data.get("actuals", {}).items()},
                   frozenset(data.get("corrections", [])), dict(data.get("states", {})))


@dataclass(frozen=True, slots=True)
class Delivery:
    """One inject delivered to one branch ('' the workspace's own plan)."""

    id: int
    inject: str
    branch: str
    day: date
    delivered_at: datetime
    version: int | None  # the plan version it made, when it changed the plan
    changes: list[str]
    before: BranchState
    after: BranchState
    touches_deployment: bool = False
    impact: Impact | None = None
    detail: Inject | None = field(default=None, compare=False)  # from the exercise file
    due: date | None = None  # the scenario day it was due (it arrived on ``day``)

    @property
    def title(self) -> str:
        return self.detail.title if self.detail is not None else self.inject

    def to_json(self) -> dict[str, object]:
        detail = self.detail
        return {
            "id": self.id, "inject": self.inject, "syndicate": self.branch or None,
            "day": self.day.isoformat(), "due": (self.due or self.day).isoformat(),
            "delivered_at": self.delivered_at.isoformat(),
            "title": self.title, "from": detail.sender if detail else "",
            "message": detail.message if detail else "",
            "tests": str(detail.tests) if detail and detail.tests else None,
            "version": self.version, "changes": list(self.changes),
            "impact": self.impact.to_json() if self.impact is not None else None,
        }
