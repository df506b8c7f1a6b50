"""The rows a schedule is made of: events, activities, deadlines and recurrences in dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = ["SEVERITY", "ActivityRow", "DeadlineRow", "EventRow", "OccurrenceRow", "Status"]


class Status(StrEnum):
    """Where a deadline stands as of a day."""

    done = "done"
    early = "early"
    on_track = "on_track"
    at_risk = "at_risk"
    late = "late"
    not_reachable = "not_reachable"

    @property
    def label(self) -> str:
        return {"done": "done", "early": "done early", "on_track": "on track",
                "at_risk": "at risk", "late": "late",
                "not_reachable": "not yet reachable"}[self.value]

    @property
    def severity(self) -> int:
        """Worse is higher: a criterion shows the worst status of its deadlines."""
        return SEVERITY.index(self)


SEVERITY = [Status.done, Status.early, Status.on_track, Status.not_reachable, Status.at_risk,
            Status.late]


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event's window in dates, its forecast as of the day, and its actual date.

    ``forecast`` is the expected date (most likely durations from the facts; a risk run's
    P50 when one is given, with ``forecast_low``/``forecast_high`` its P10 and P90).
    ``notes`` say where the window was drawn by a bound that gave way to the facts.
    """

    id: str
    name: str
    kind: str
    earliest: date | None
    latest: date | None
    forecast: date | None
    actual: date | None
    anchored: date | None
    critical: bool
    source: str | None
    owner: str | None
    status: Status = Status.on_track
    reason: str = ""
    forecast_low: date | None = None
    forecast_high: date | None = None
    unrecorded_by: date | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def expected(self) -> date | None:
        """The date the event happened on, else its forecast."""
        return self.actual or self.forecast

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind,
            "earliest": _iso(self.earliest), "latest": _iso(self.latest),
            "forecast": _iso(self.forecast), "forecast_p10": _iso(self.forecast_low),
            "forecast_p90": _iso(self.forecast_high), "actual": _iso(self.actual),
            "anchor": _iso(self.anchored), "critical": self.critical, "source": self.source,
            "owner": self.owner, "status": self.status.value, "reason": self.reason,
            "unrecorded_by": _iso(self.unrecorded_by), "notes": list(self.notes),
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
    """A deadline relation and its status as of the day, with the rule that decided it.

    ``missed_by``: days its event happened (or is forecast) after the due date, negative
    when it happened before the window opened (early); None when it keeps to it.
    ``nature``: 'target' (the directive's deadline) or 'logic'.
    """

    id: str
    text: str
    from_event: str | None
    to_event: str
    due: date | None
    forecast: date | None
    actual: date | None
    status: Status
    reason: str
    source: str | None
    quote: str
    criteria: list[str] = field(default_factory=list)
    owner: str | None = None
    missed_by: int | None = None
    nature: str = "target"
    opens: date | None = None

    @property
    def slack_days(self) -> int | None:
        if self.due is None or self.forecast is None or self.actual is not None:
            return None
        return (self.due - self.forecast).days

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "text": self.text, "from": self.from_event, "to": self.to_event,
            "opens": _iso(self.opens), "due": _iso(self.due), "forecast": _iso(self.forecast),
            "actual": _iso(self.actual), "status": self.status.value,
            "missed_by_days": self.missed_by, "slack_days": self.slack_days,
            "reason": self.reason, "source": self.source, "quote": self.quote,
            "criteria": list(self.criteria), "owner": self.owner, "nature": self.nature,
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
