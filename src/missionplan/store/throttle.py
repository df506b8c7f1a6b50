"""Failed sign-ins, counted per key (``account:NAME``, ``address:IP``) in the database, so
that a limit holds across server processes and restarts.

Each key has a :class:`ThrottlePolicy`. The first ``free`` failures cost nothing; each
later one makes the next attempt wait, the wait doubling up to ``max_delay``; at
``lock_after`` failures the key is locked for ``lock_for`` seconds, and the audit log
says so (item ``account:NAME`` or ``address:IP``, action ``signin.lock``). Failures
older than ``window`` are forgotten, and so are those before a lock that has run out.
The web room counts an attempt made while a key waits as a failure, and does not count
one made while it is locked (an attacker cannot keep an account locked for ever by
hammering it; the lock runs its time). An administrator lifts a key at once
(:func:`lift`, audited as ``signin.unlock``).

These writes do not raise the workspace's revision: a flood of failures must not make
every other reader's caches go stale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select, update

from . import audit as audit_log
from .engine import read_connection, read_statement, write_transaction
from .schema import SignInThrottleRow, table

__all__ = ["Hold", "ThrottlePolicy", "fail", "hold", "holds", "lift", "succeed"]

_T = table(SignInThrottleRow)
SYSTEM = "sign-in"  # the audit log's user for what the throttle does by itself
ITEM_LENGTH = 120  # the audit log's item column: a name typed at full length still fits


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """How many failures a key may have, and what the next ones cost (seconds)."""

    free: int = 3
    base_delay: float = 1.0
    max_delay: float = 30.0
    lock_after: int = 10
    lock_for: float = 900.0
    window: float = 3600.0

    def delay(self, failures: int) -> float:
        """Seconds the next attempt waits after ``failures`` failures in a row."""
        if failures < self.free:
            return 0.0
        return float(min(self.max_delay, self.base_delay * 2 ** (failures - self.free)))


@dataclass(frozen=True, slots=True)
class Hold:
    """A key that may not try again before ``until``: locked, or waiting out a delay."""

    key: str
    until: datetime
    locked: bool
    failures: int

    def seconds(self, at: datetime) -> int:
        """Whole seconds left at ``at`` (at least one)."""
        return max(1, int((self.until - at).total_seconds() + 0.999))

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "until": self.until.isoformat(), "locked": self.locked,
                "failures": self.failures}


def _hold_of(row: object, policy: ThrottlePolicy, at: datetime) -> Hold | None:
    m = row._mapping  # type: ignore[attr-defined]
    locked_until = m["locked_until"]
    if locked_until is not None:
        until = audit_log.aware(locked_until)
        return Hold(m["key"], until, True, m["failures"]) if until > at else None
    last = audit_log.aware(m["last_at"])
    if last < at - timedelta(seconds=policy.window):
        return None
    until = last + timedelta(seconds=policy.delay(m["failures"]))
    return Hold(m["key"], until, False, m["failures"]) if until > at else None


def hold(engine: Engine, policies: Mapping[str, ThrottlePolicy], at: datetime) -> Hold | None:
    """The longest hold on any of the keys at ``at``, or None: they may try."""
    with read_statement(engine) as conn:
        rows = list(conn.execute(select(_T).where(_T.c.key.in_(list(policies)))))
    found = [h for r in rows if (h := _hold_of(r, policies[r.key], at)) is not None]
    return max(found, key=lambda h: (h.locked, h.until), default=None)


def fail(engine: Engine, policies: Mapping[str, ThrottlePolicy], at: datetime, *,
         name: str, address: str) -> list[str]:
    """Count one failure of ``name`` from ``address`` under each key (audited as
    ``signin.fail``); the keys this failure locked (each audited as ``signin.lock``)."""
    locked: list[str] = []
    with write_transaction(engine, revise=False) as conn:
        audit_log.write(conn, user=SYSTEM, action="signin.fail", at=at,
                        item=f"account:{name}"[:ITEM_LENGTH], after={"address": address})
        for key, policy in policies.items():
            if _count(conn, key, policy, at):
                locked.append(key)
    return locked


def _count(conn: Connection, key: str, policy: ThrottlePolicy, at: datetime) -> bool:
    row = conn.execute(select(_T).where(_T.c.key == key)).first()
    if row is None:
        conn.execute(insert(_T).values(key=key, failures=1, first_at=at, last_at=at))
        failures = 1
    else:
        stale = (audit_log.aware(row.last_at) < at - timedelta(seconds=policy.window)
                 or row.locked_until is not None)
        failures = 1 if stale else row.failures + 1
        conn.execute(update(_T).where(_T.c.key == key).values(
            failures=failures, last_at=at, locked_until=None,
            first_at=at if stale else row.first_at))
    if failures < policy.lock_after:
        return False
    until = at + timedelta(seconds=policy.lock_for)
    conn.execute(update(_T).where(_T.c.key == key).values(locked_until=until))
    audit_log.write(conn, user=SYSTEM, action="signin.lock", item=key[:ITEM_LENGTH], at=at,
                    after={"failures": failures, "until": until.isoformat()})
    return True


def succeed(engine: Engine, key: str, *, name: str, address: str) -> None:
    """Forget the failures of ``key`` (its right password was given); the audit log
    records that ``name`` signed in from ``address``."""
    with write_transaction(engine) as conn:
        conn.execute(delete(_T).where(_T.c.key == key))
        audit_log.write(conn, user=name, action="signin", item=f"account:{name}",
                        after={"address": address})


def lift(engine: Engine, key: str, *, by: str) -> bool:
    """Clear ``key`` at once (an administrator's act, audited); whether it had failures."""
    at = audit_log.now()
    with write_transaction(engine) as conn:
        row = conn.execute(select(_T).where(_T.c.key == key)).first()
        if row is None:
            return False
        conn.execute(delete(_T).where(_T.c.key == key))
        locked = row.locked_until is not None and audit_log.aware(row.locked_until) > at
        audit_log.write(conn, user=by, action="signin.unlock", item=key[:ITEM_LENGTH], at=at,
                        before={"failures": row.failures, "locked": locked})
    return True


def holds(engine: Engine, at: datetime) -> list[Hold]:
    """Every key locked at ``at`` (for the administrator's list)."""
    with read_connection(engine) as conn:
        rows = list(conn.execute(select(_T).where(_T.c.locked_until.is_not(None))
                                 .order_by(_T.c.key)))
    return [h for r in rows if (h := _hold_of(r, ThrottlePolicy(), at)) is not None]
