"""What one edge of the network stands for: the plan item, the bound and the clause behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from ..model import SourceRef

__all__ = ["Bound", "EdgeKind", "EdgeRef", "Reading", "Role", "Window"]

Bound = Literal["min", "max"]


class EdgeKind(StrEnum):
    """Which part of the plan an edge encodes."""

    relation = "relation"
    activity = "activity"
    anchor = "anchor"
    actual = "actual"
    calendar = "calendar"


class Role(StrEnum):
    """How firmly an edge holds when recorded facts disagree with it, firmest last.

    Facts never give way. When they contradict the rest, an estimate (an activity's
    assumed duration) gives way first, then a target (a deadline, missed by so many
    days), then an assumed anchor, and logic only when a fact is a confirmed correction.
    """

    estimate = "estimate"
    target = "target"
    anchor = "anchor"
    logic = "logic"
    fact = "fact"


@dataclass(frozen=True, slots=True)
class EdgeRef:
    """The provenance of one edge ``tail → head`` with weight ``weight``.

    The edge says ``head − tail ≤ weight`` in days. ``frm`` and ``to`` are the item's own
    events (``to − frm`` lies in its bounds): a ``max`` bound of ``days`` gives the edge
    ``frm → to`` of weight ``days``; a ``min`` bound gives ``to → frm`` of weight ``−days``.
    For anchors, actuals and calendar bounds ``frm`` is the origin (``None``).
    ``relaxed_by``: days the bound gave way to recorded facts (its weight includes them).
    """

    item: str
    kind: EdgeKind
    bound: Bound
    text: str
    days: int
    source: SourceRef | None
    frm: str | None
    to: str
    role: Role = Role.logic
    relaxed_by: int = 0

    @property
    def weight(self) -> int:
        days = self.days + (self.relaxed_by if self.bound == "max" else -self.relaxed_by)
        return days if self.bound == "max" else -days

    @property
    def relaxable(self) -> bool:
        """Relations and activity bounds may be changed; dates that are known may not."""
        return self.kind in (EdgeKind.relation, EdgeKind.activity, EdgeKind.calendar)

    def phrase(self) -> str:
        """``to`` no later than / no earlier than ``days`` after ``frm``, in words."""
        start = self.frm or "day 0"
        if self.kind in (EdgeKind.anchor, EdgeKind.actual):
            what = "dated" if self.kind is EdgeKind.anchor else "happened"
            return f"{self.to} {what} {self.text} (day {self.days}){self.gave_way()}"
        if self.kind is EdgeKind.calendar:
            word = "no later than" if self.bound == "max" else "no earlier than"
            return f"{self.to} {word} {self.text} (day {self.days}){self.gave_way()}"
        word = "at most" if self.bound == "max" else "at least"
        text = f"{self.to} {word} {_days(self.days)} after {start} ({self.item}: {self.text})"
        return text + self.gave_way()

    def gave_way(self) -> str:
        """Words for how far the bound gave way to the facts ('' when it held)."""
        if not self.relaxed_by:
            return ""
        what = {Role.target: "missed", Role.estimate: "ran past its estimate",
                Role.anchor: "the assumed date moved", Role.logic: "the logic was corrected",
                Role.fact: "moved"}[self.role]
        return f", {what} by {_days(self.relaxed_by)} (recorded dates)"

    def to_json(self) -> dict[str, object]:
        return {"item": self.item, "kind": self.kind.value, "bound": self.bound,
                "text": self.text, "days": self.days, "from": self.frm, "to": self.to,
                "source": str(self.source) if self.source else None, "role": self.role.value,
                "relaxed_by": self.relaxed_by}


@dataclass(frozen=True, slots=True)
class Reading:
    """A month, year or hour bound read in whole days before its start has a date."""

    item: str
    bound: Bound
    text: str
    days: int
    why: str

    def __str__(self) -> str:
        return f"{self.item}: {self.bound} '{self.text}' read as {self.days} days ({self.why})"


@dataclass(frozen=True, slots=True)
class Window:
    """Earliest and latest day of an event, counted from day 0; None means unbounded."""

    earliest: int | None
    latest: int | None

    @property
    def slack(self) -> int | None:
        if self.earliest is None or self.latest is None:
            return None
        return self.latest - self.earliest


def _days(n: int) -> str:
    return f"{n} day" if abs(n) == 1 else f"{n} days"
