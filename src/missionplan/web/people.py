"""The accounts as an administrator sees them: role, address for notices, second factor,
the sign-in lock failures put on it and when its sessions were last ended; and the
addresses locked for failures. Read by the People page and ``/api/people``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from .accounts import Account, list_accounts
from .signin import account_key, locked, sessions_after
from .totp import enabled

__all__ = ["LockedAddress", "Person", "people"]


@dataclass(frozen=True, slots=True)
class Person:
    """One account as the administrator sees it."""

    account: Account
    second_factor: bool
    locked_until: datetime | None
    failures: int
    sessions_after: datetime | None

    def to_json(self) -> dict[str, object]:
        return {**self.account.to_json(), "second_factor": self.second_factor,
                "locked_until": _iso(self.locked_until), "failures": self.failures,
                "sessions_after": _iso(self.sessions_after)}


@dataclass(frozen=True, slots=True)
class LockedAddress:
    """An address locked for too many failed sign-ins."""

    address: str
    until: datetime
    failures: int

    def to_json(self) -> dict[str, object]:
        return {"address": self.address, "until": self.until.isoformat(),
                "failures": self.failures}


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def people(engine: Engine) -> tuple[list[Person], list[LockedAddress]]:
    """Every account with its lock and sessions, and every address locked now."""
    holds = {h.key: h for h in locked(engine) if h.locked}
    out = []
    for a in list_accounts(engine):
        hold = holds.get(account_key(a.name))
        out.append(Person(a, enabled(engine, a.name), hold.until if hold else None,
                          hold.failures if hold else 0, sessions_after(engine, a.name)))
    addresses = [LockedAddress(k.removeprefix("address:"), h.until, h.failures)
                 for k, h in sorted(holds.items()) if k.startswith("address:")]
    return out, addresses
