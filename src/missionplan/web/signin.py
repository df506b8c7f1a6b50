"""Signing in with a password, held back when it is being guessed; sessions an
administrator ends.

Every attempt is counted under two keys, the account name as typed and the address it
came from (:mod:`missionplan.store.throttle`): growing waits after a few failures, then a
lock, per account and per address, the same for a name that has no account (so the
answers never tell whether an account exists). The audit log records each sign-in, each
failure (with its address), each lock and each lift.

An administrator's :func:`revoke_sessions` ends every session of an account begun
before that moment, in every worker (the session says when it began).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import Request
from sqlalchemy import Connection, Engine, insert, select, update

from ..errors import UnknownItemError
from ..store import audit as audit_log
from ..store import throttle
from ..store.engine import read_connection, write_transaction
from ..store.schema import AccountSecurityRow, table
from ..store.throttle import Hold, ThrottlePolicy
from .accounts import Account, authenticate, get_account
from .settings import Settings
from .state import WebState

__all__ = [
    "WRONG",
    "SignInHeld",
    "WrongCredentials",
    "attempt",
    "client_address",
    "ensure_security_row",
    "lift",
    "locked",
    "policies",
    "refuse_if_held",
    "revoke_sessions",
    "sessions_after",
    "signed_in",
    "signed_out",
]

_S = table(AccountSecurityRow)
WRONG = "Wrong user name or password."


class WrongCredentials(Exception):
    """The name and password do not match an active account (which part is not said)."""


@dataclass
class SignInHeld(Exception):
    """Too many failures for this account or from this address: wait ``seconds``."""

    seconds: int
    locked: bool

    @property
    def message(self) -> str:
        what = "locked" if self.locked else "held back"
        return (f"Too many failed sign-ins: signing in is {what} for this account or from "
                f"this address. Try again in {_duration(self.seconds)}.")


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{(seconds + 59) // 60} minutes"


def account_key(name: str) -> str:
    return f"account:{name.strip().lower()}"


def address_key(address: str) -> str:
    return f"address:{address}"


def policies(settings: Settings, name: str, address: str) -> dict[str, ThrottlePolicy]:
    """The keys an attempt by ``name`` from ``address`` counts under, with their limits."""
    lock_for = 60.0 * settings.signin_lock_minutes
    return {account_key(name): ThrottlePolicy(lock_after=settings.signin_lock_after,
                                              lock_for=lock_for),
            address_key(address): ThrottlePolicy(free=settings.signin_address_lock_after // 2,
                                                 lock_after=settings.signin_address_lock_after,
                                                 lock_for=lock_for)}


def attempt(state: WebState, name: str, password: str, address: str,
            at: datetime | None = None) -> Account:
    """The account ``name`` signs in to with ``password`` from ``address``; raises
    :class:`SignInHeld` (before the password is even checked) or :class:`WrongCredentials`."""
    at = at or audit_log.now()
    engine = state.ws.engine
    keys = policies(state.settings, name, address)
    refuse_if_held(engine, keys, at, name=name[:120], address=address)
    account = authenticate(engine, name, password, argon2=state.settings.argon2)
    if account is None:
        throttle.fail(engine, keys, at, name=name[:120], address=address)
        raise WrongCredentials()
    throttle.succeed(engine, account_key(name), name=account.name, address=address)
    return account


def signed_in(engine: Engine, name: str, address: str, *, via: str) -> None:
    """Record in the audit log that ``name`` signed in from ``address`` through the
    identity provider ``via``."""
    with write_transaction(engine) as conn:
        audit_log.write(conn, user=name, action="signin", item=f"account:{name}",
                        after={"address": address, "via": via})


def signed_out(engine: Engine, name: str) -> None:
    """Record in the audit log that ``name`` signed out."""
    with write_transaction(engine) as conn:
        audit_log.write(conn, user=name, action="signout", item=f"account:{name}")


def client_address(request: Request) -> str:
    """The address a request came from (behind a proxy, the one the proxy names when
    uvicorn is told to trust it: ``--forwarded-allow-ips``)."""
    return request.client.host if request.client is not None else "unknown"


def refuse_if_held(engine: Engine, keys: dict[str, ThrottlePolicy], at: datetime, *,
                   name: str, address: str) -> None:
    """Raise :class:`SignInHeld` while any key waits or is locked. An attempt made while
    a key waits counts as a failure (one who does not wait is locked the sooner); one made
    while it is locked is not counted (the lock runs its time, no longer)."""
    held = throttle.hold(engine, keys, at)
    if held is None:
        return
    if not held.locked:
        throttle.fail(engine, keys, at, name=name, address=address)
        held = throttle.hold(engine, keys, at) or held
    raise SignInHeld(held.seconds(at), held.locked)


def lift(engine: Engine, *, by: str, name: str | None = None,
         address: str | None = None) -> list[str]:
    """Lift the lock (and forget the failures) of an account, an address or both; the
    keys that had any."""
    keys = ([account_key(name)] if name else []) + ([address_key(address)] if address else [])
    return [k for k in keys if throttle.lift(engine, k, by=by)]


def locked(engine: Engine, at: datetime | None = None) -> list[Hold]:
    """Every account and address locked now."""
    return throttle.holds(engine, at or audit_log.now())


def revoke_sessions(engine: Engine, name: str, *, by: str,
                    at: datetime | None = None) -> datetime:
    """End every session of account ``name`` begun before now (audited)."""
    at = at or audit_log.now()
    if get_account(engine, name) is None:
        raise UnknownItemError(f"no user named '{name}'")
    with write_transaction(engine) as conn:
        ensure_security_row(conn, name)
        conn.execute(update(_S).where(_S.c.name == name).values(sessions_after=at))
        audit_log.write(conn, user=by, action="account.sessions", item=f"account:{name}",
                        at=at, after={"sessions_after": at.isoformat()})
    return at


def ensure_security_row(conn: Connection, name: str) -> None:
    """The ``account_security`` row of ``name``, made empty if it has none."""
    if conn.execute(select(_S.c.name).where(_S.c.name == name)).first() is None:
        conn.execute(insert(_S).values(name=name))


def sessions_after(engine: Engine, name: str) -> datetime | None:
    """The moment before which ``name``'s sessions were revoked, if ever."""
    with read_connection(engine) as conn:
        value = conn.execute(select(_S.c.sessions_after).where(_S.c.name == name)).scalar()
    return None if value is None else audit_log.aware(value)
