"""The rows a schedule is made of: events, activities, deadlines and recurrences in dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = ["ActivityRow", "DeadlineRow", "EventRow", "OccurrenceRow", "Status"]


class Status(StrEnum):
    """Where a deadline stands as of a day."""

    done = "done"
    on_track = "on_track"
    at_risk = "at_risk"
    late = "late"
    not_reachable = "not_reachable"

    @property
    def label(self) -> str:
        return {"done": "done", "on_track": "on track", "at_risk": "at risk", "late": "late",
                "not_reachable": "not yet reachable"}[self.value]


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event's window in dates, its projected date as of the day, and its actual date."""

    id: str
    name: str
    kind: str
    earliest: date | None
    latest: date | None
    projected: date | None
    actual: date | None
    anchored: date | None
    critical: bool
    source: str | None
    owner: str | None
    status: Status = Status.on_track
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind,
            "earliest": _iso(self.earliest), "latest": _iso(self.latest),
            "projected": _iso(self.projected), "actual": _iso(self.actual),
            "anchor": _iso(self.anchored), "critical": self.critical, "source": self.source,
            "owner": self.owner, "status": self.status.value, "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """An activity between two events, in dates."""

    id: str
    name: str
    start: str
    end: str
    start_earliest: date | None
    start_latest: date | None
    end_earliest: date | None
    end_latest: date | None
    duration: str
    owner: str | None
    source: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "start_event": self.start, "end_event": self.end,
            "start_earliest": _iso(self.start_earliest), "start_latest": _iso(self.start_latest),
            "end_earliest": _iso(self.end_earliest), "end_latest": _iso(self.end_latest),
            "duration": self.duration, "owner": self.owner, "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """A deadline relation and its status as of the day, with the rule that decided it."""

    id: str
    text: str
    from_event: str | None
    to_event: str
    due: date | None
    projected: date | None
    actual: date | None
    status: Status
    reason: str
    source: str | None
    quote: str
    criteria: list[str] = field(default_factory=list)
    owner: str | None = None

    @property
    def slack_days(self) -> int | None:
        if self.due is None or self.projected is None:
            return None
        return (self.due - self.projected).days

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "text": self.text, "from": self.from_event, "to": self.to_event,
            "due": _iso(self.due), "projected": _iso(self.projected),
            "actual": _iso(self.actual), "status": self.status.value,
            "slack_days": self.slack_days, "reason": self.reason, "source": self.source,
            "quote": self.quote, "criteria": list(self.criteria), "owner": self.owner,
        }


@dataclass(frozen=True, slots=True)
class OccurrenceRow:
    """One due date of a recurrence."""

    recurrence: str
    name: str
    due: date
    index: int
    source: str | None

    def to_json(self) -> dict[str, object]:
        return {"recurrence": self.recurrence, "name": self.name, "due": self.due.isoformat(),
                "index": self.index, "source": self.source}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
