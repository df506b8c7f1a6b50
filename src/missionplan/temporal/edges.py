"""What one edge of the network stands for: the plan item, the bound and the clause behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from ..model import SourceRef

__all__ = ["Bound", "EdgeKind", "EdgeRef", "Reading", "Window"]

Bound = Literal["min", "max"]


class EdgeKind(StrEnum):
    """Which part of the plan an edge encodes."""

    relation = "relation"
    activity = "activity"
    anchor = "anchor"
    actual = "actual"
    calendar = "calendar"


@dataclass(frozen=True, slots=True)
class EdgeRef:
    """The provenance of one edge ``tail → head`` with weight ``weight``.

    The edge says ``head − tail ≤ weight`` in days. ``frm`` and ``to`` are the item's own
    events (``to − frm`` lies in its bounds): a ``max`` bound of ``days`` gives the edge
    ``frm → to`` of weight ``days``; a ``min`` bound gives ``to → frm`` of weight ``−days``.
    For anchors, actuals and calendar bounds ``frm`` is the origin (``None``).
    """

    item: str
    kind: EdgeKind
    bound: Bound
    text: str
    days: int
    source: SourceRef | None
    frm: str | None
    to: str

    @property
    def weight(self) -> int:
        return self.days if self.bound == "max" else -self.days

    @property
    def relaxable(self) -> bool:
        """Relations and activity bounds may be changed; dates that are known may not."""
        return self.kind in (EdgeKind.relation, EdgeKind.activity, EdgeKind.calendar)

    def phrase(self) -> str:
        """``to`` no later than / no earlier than ``days`` after ``frm``, in words."""
        start = self.frm or "day 0"
        if self.kind in (EdgeKind.anchor, EdgeKind.actual):
            what = "dated" if self.kind is EdgeKind.anchor else "happened"
            return f"{self.to} {what} {self.text} (day {self.days})"
        if self.kind is EdgeKind.calendar:
            word = "no later than" if self.bound == "max" else "no earlier than"
            return f"{self.to} {word} {self.text} (day {self.days})"
        word = "at most" if self.bound == "max" else "at least"
        return f"{self.to} {word} {_days(self.days)} after {start} ({self.item}: {self.text})"

    def to_json(self) -> dict[str, object]:
        return {"item": self.item, "kind": self.kind.value, "bound": self.bound,
                "text": self.text, "days": self.days, "from": self.frm, "to": self.to,
                "source": str(self.source) if self.source else None}


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
