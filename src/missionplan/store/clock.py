"""The workspace's clock: the one place that decides what day it is.

A workspace's current day is the wall clock (the machine's date) unless a
**scenario day** is set for an exercise; then it is that day until someone
moves it. Every "as of" of the CLI and the web defaults to the clock and says
why (:attr:`CurrentDay.why`). Outside a workspace, :func:`wall_clock` is the
same answer without one: no verb or page calls ``date.today()`` itself.

Moving the clock is a write like any other: one transaction, an audit entry
(``clock.set``, ``clock.advance``, ``clock.unset`` on item ``clock``, the day
before and after), the workspace's revision raised. Moving it back is allowed
(and audited), but never before a date already recorded as an actual date (a fact
cannot be in the future: ``clock-before-facts``), nor before an exercise inject
already delivered (``clock-before-injects``). Every move goes through
:func:`move`, so what must happen when the day passes (the exercise's injects due,
delivered by the workspace in the same transaction) has one place to happen.

The stamp of generated documents (``SOURCE_DATE_EPOCH``) is not the clock: it
says when a file was made, not what day the plan is read as of.

Public API (the ``Workspace`` methods call these inside their transactions)::

    CurrentDay(day, source, why, set_by=None, set_at=None)
    wall_clock() -> CurrentDay
    given_day(day, why) -> CurrentDay          # a day the caller chose (--as-of)
    parse_step(text) -> Duration               # "7d", "2w", "1mo"
    read(conn) -> CurrentDay; scenario_day(conn) -> CurrentDay | None
    move(conn, day, *, user, action, step=None) -> CurrentDay    # day None: the wall clock
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import Connection, delete, insert, select

from ..errors import WorkspaceError
from ..model import Duration, DurationError, parse_duration
from . import audit as audit_log
from .schema import ClockRow, table

__all__ = ["FIRST_DAY", "LAST_DAY", "ClockSource", "CurrentDay", "given_day", "move",
           "parse_step", "read", "scenario_day", "wall_clock"]

ClockSource = Literal["wall clock", "workspace", "given"]
# The days a scenario may be set to: far enough from the calendar's ends that a plan's
# relations and the schedule's horizon counted from the day stay inside it.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
_C = table(ClockRow)


@dataclass(frozen=True, slots=True)
class CurrentDay:
    """The day to report as of, where it comes from, and why, in words."""

    day: date
    source: ClockSource
    why: str
    set_by: str | None = None
    set_at: datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {"day": self.day.isoformat(), "source": self.source, "why": self.why,
                "set_by": self.set_by,
                "set_at": self.set_at.isoformat() if self.set_at else None}

    def __str__(self) -> str:
        return f"as of {self.day} ({self.why})"


def wall_clock() -> CurrentDay:
    """Today by the machine's clock: the day when no scenario day is set."""
    return CurrentDay(date.today(), "wall clock", "today, the wall clock")


def given_day(day: date, why: str) -> CurrentDay:
    """A day the caller chose (``--as-of``, a query parameter), with how it was given."""
    return CurrentDay(day, "given", why)


def parse_step(text: str) -> Duration:
    """How far ``clock advance`` moves: ``7d``, ``2w``, ``1mo``, ``-3d`` (model durations)."""
    try:
        return parse_duration(text)
    except DurationError as exc:
        raise WorkspaceError(str(exc), code="bad-duration") from None


def scenario_day(conn: Connection) -> CurrentDay | None:
    """The scenario day stored in the workspace, or None when the wall clock decides."""
    row = conn.execute(select(_C.c.day, _C.c.set_by, _C.c.set_at)).first()
    if row is None:
        return None
    return CurrentDay(row.day, "workspace", f"the workspace's scenario day, set by "
                      f"{row.set_by}", row.set_by, audit_log.aware(row.set_at))


def read(conn: Connection) -> CurrentDay:
    """The workspace's current day: its scenario day, else the wall clock."""
    return scenario_day(conn) or wall_clock()


def move(conn: Connection, day: date | None, *, user: str, action: str,
         step: str | None = None) -> CurrentDay:
    """Set the scenario day to ``day`` (None: back to the wall clock), audited; call inside
    the write transaction. Returns the current day after the move."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise WorkspaceError(f"{day} is outside the days a scenario may be set to "
                             f"({FIRST_DAY} to {LAST_DAY})", code="bad-date")
    _after_the_injects(conn, day if day is not None else wall_clock().day)
    _after_the_facts(conn, day if day is not None else wall_clock().day)
    before = read(conn)
    conn.execute(delete(_C))
    if day is not None:
        conn.execute(insert(_C).values(id=1, day=day, set_by=user, set_at=audit_log.now()))
    after = read(conn)
    audit_log.write(conn, user=user, action=action, item="clock",
                    before=_entry(before), after=_entry(after, step))
    return after


def _after_the_facts(conn: Connection, day: date) -> None:
    """A current day before dates already recorded would make them future facts: refused."""
    from sqlalchemy import func

    from .schema import ActualRow

    actual = table(ActualRow)
    last = conn.execute(select(func.max(actual.c.date))).scalar()
    if last is None:
        return
    last = date.fromisoformat(last) if isinstance(last, str) else last
    if day < last:
        events = sorted(conn.execute(select(actual.c.event_id).where(
            actual.c.date > day)).scalars())
        shown = ", ".join(events[:5]) + (f" and {len(events) - 5} more" if len(events) > 5
                                          else "")
        raise WorkspaceError(f"the current day cannot be {day}: dates are recorded after it "
                             f"(up to {last}: {shown}); clear them first "
                             "('missionplan record EVENT --clear')", code="clock-before-facts")


def _after_the_injects(conn: Connection, day: date) -> None:
    """A current day before injects already delivered would undeliver them: refused."""
    from sqlalchemy import func

    from .schema import InjectDeliveryRow

    delivered = table(InjectDeliveryRow)
    last = conn.execute(select(func.max(delivered.c.day))).scalar()
    if last is None:
        return
    last = date.fromisoformat(last) if isinstance(last, str) else last
    if day < last:
        injects = sorted(set(conn.execute(select(delivered.c.inject).where(
            delivered.c.day > day)).scalars()))
        shown = ", ".join(injects[:5]) + (f" and {len(injects) - 5} more" if len(injects) > 5
                                           else "")
        raise WorkspaceError(f"the current day cannot be {day}: exercise injects were "
                             f"delivered after it (up to {last}: {shown}); an exercise's "
                             "clock only moves on", code="clock-before-injects")


def _entry(now: CurrentDay, step: str | None = None) -> dict[str, object]:
    entry: dict[str, object] = {"day": now.day, "source": now.source}
    if step is not None:
        entry["step"] = step
    return entry
