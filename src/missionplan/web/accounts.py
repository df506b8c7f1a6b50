"""Accounts and roles, kept in the workspace database's ``account`` table.

Every change to an account is written to the workspace audit log (never the
password hash: only that it changed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, Row, insert, select, update

from ..errors import UnknownItemError, WorkspaceError
from ..store import audit as audit_log
from ..store.engine import read_connection, write_transaction
from ..store.schema import Account as AccountRow
from ..store.schema import table
from .passwords import check_password
from .security import (
    PRODUCTION_ARGON2,
    Argon2Params,
    dummy_hash,
    hash_password,
    verify_password,
)

__all__ = ["Account", "Role", "add_account", "add_external_account", "authenticate",
           "checked_email", "get_account", "list_accounts", "set_email", "set_password",
           "set_role"]

_T = table(AccountRow)


class Role(StrEnum):
    """What a person may do; see :mod:`missionplan.web.auth` for the rules."""

    administrator = "administrator"
    planning_lead = "planning_lead"
    component_planner = "component_planner"
    contributor = "contributor"
    viewer = "viewer"
    trainer = "trainer"
    syndicate_lead = "syndicate_lead"
    syndicate_member = "syndicate_member"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def in_syndicate(self) -> bool:
        """Whether the role belongs to a syndicate of an exercise (and its copy of the plan)."""
        return self in (Role.syndicate_lead, Role.syndicate_member)


@dataclass(frozen=True, slots=True)
class Account:
    """One person: name, role, organisation and component, clearance, and hash."""

    name: str
    role: Role
    display_name: str = ""
    organisation: str | None = None
    component: str | None = None
    cleared: bool = False
    active: bool = True
    password_hash: str | None = None
    syndicate: str | None = None  # the exercise syndicate whose copy of the plan they use
    email: str | None = None  # where notices go ('missionplan notify'); none: the feed alone

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role.value, "display_name": self.display_name,
                "organisation": self.organisation, "component": self.component,
                "cleared": self.cleared, "active": self.active, "syndicate": self.syndicate,
                "email": self.email}


def _role(value: str) -> Role:
    try:
        return Role(value.replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise WorkspaceError(f"'{value}' is not a role: use "
                             + ", ".join(r.value for r in Role), code="bad-role") from None


def _from_row(row: Row[Any]) -> Account:
    m = row._mapping
    return Account(name=m["name"], role=Role(m["role"]), display_name=m["display_name"],
                   organisation=m["organisation"], component=m["component"],
                   cleared=bool(m["cleared"]), active=bool(m["active"]),
                   password_hash=m["password_hash"], syndicate=m["syndicate"],
                   email=m["email"])


def add_account(engine: Engine, name: str, *, role: str, password: str, by: str,
                display_name: str = "", organisation: str | None = None,
                component: str | None = None, cleared: bool = False,
                syndicate: str | None = None, email: str | None = None,
                argon2: Argon2Params = PRODUCTION_ARGON2) -> Account:
    """Create an account; refuses a name already taken. A syndicate lead or member names
    their ``syndicate`` (one of the exercise's); no other role has one. ``email``: where
    notices go."""
    _check_name(name)
    check_password(password, name=name)
    account = Account(name=name, role=_role(role), display_name=display_name or name,
                      organisation=organisation, component=component, cleared=cleared,
                      syndicate=syndicate, email=checked_email(email))
    return _insert(engine, account, hash_password(password, params=argon2), by=by)


def _insert(engine: Engine, account: Account, password_hash: str | None, *,
            by: str) -> Account:
    """Store a new account (refusing a name taken, a syndicate role without its
    syndicate), audited."""
    with write_transaction(engine) as conn:
        _check_syndicate(conn, account.role, account.syndicate)
        if conn.execute(select(_T.c.name).where(_T.c.name == account.name)).first():
            raise WorkspaceError(f"user '{account.name}' already exists", code="user-exists")
        conn.execute(insert(_T).values(
            name=account.name, display_name=account.display_name, role=account.role.value,
            organisation=account.organisation, component=account.component,
            cleared=account.cleared, active=True, password_hash=password_hash,
            created_at=audit_log.now(), syndicate=account.syndicate, email=account.email))
        audit_log.write(conn, user=by, action="account.add", item=f"account:{account.name}",
                        after=account.to_json())
    return account


_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")


def checked_email(email: str | None) -> str | None:
    """An address a mail server takes (``name@host``, no spaces, brackets or commas), or
    None for none; a ``WorkspaceError`` with code ``bad-email`` otherwise."""
    if email is None or not email.strip():
        return None
    email = email.strip()
    if len(email) > 254 or not _EMAIL.match(email):
        raise WorkspaceError(f"'{email}' is not an e-mail address (name@host)",
                             code="bad-email")
    return email


def set_email(engine: Engine, name: str, email: str | None, *, by: str) -> Account:
    """Give account ``name`` the address its notices go to (None: no e-mail, the feed
    alone); audited."""
    address = checked_email(email)
    with write_transaction(engine) as conn:
        row = conn.execute(select(_T).where(_T.c.name == name)).first()
        if row is None:
            raise UnknownItemError(f"no user named '{name}'")
        before = _from_row(row)
        conn.execute(update(_T).where(_T.c.name == name).values(email=address))
        audit_log.write(conn, user=by, action="account.email", item=f"account:{name}",
                        before={"email": before.email}, after={"email": address})
    return replace(before, email=address)


def add_external_account(engine: Engine, name: str, *, role: str, by: str,
                         display_name: str = "") -> Account:
    """Create an account that signs in through an identity provider (no password, so
    never locally)."""
    _check_name(name)
    account = Account(name=name, role=_role(role), display_name=display_name or name)
    _insert(engine, account, None, by=by)
    return account


def _check_name(name: str) -> None:
    if not name or len(name) > 120 or not name.replace(".", "").replace("-", "").replace(
            "_", "").replace("@", "").isalnum():
        raise WorkspaceError(f"'{name}' is not a user name: use letters, digits, . - _ @",
                             code="bad-user-name")


def _check_syndicate(conn: Any, role: Role, syndicate: str | None) -> None:
    """A syndicate's roles need one of the exercise's syndicates; no other role has one."""
    from ..store.syndicates import listed_one

    if role.in_syndicate and not syndicate:
        raise WorkspaceError(f"a {role.label} belongs to a syndicate: name it (--syndicate)",
                             code="syndicate-required")
    if syndicate and not role.in_syndicate:
        raise WorkspaceError(f"a {role.label} belongs to no syndicate; only a syndicate lead "
                             "or member does", code="syndicate-required")
    if syndicate:
        listed_one(conn, syndicate)  # unknown-syndicate, listing those there are


def get_account(engine: Engine, name: str) -> Account | None:
    with read_connection(engine) as conn:
        row = conn.execute(select(_T).where(_T.c.name == name)).first()
    return None if row is None else _from_row(row)


def list_accounts(engine: Engine) -> list[Account]:
    with read_connection(engine) as conn:
        return [_from_row(r) for r in conn.execute(select(_T).order_by(_T.c.name))]


def authenticate(engine: Engine, name: str, password: str, *,
                 argon2: Argon2Params = PRODUCTION_ARGON2) -> Account | None:
    """The active account whose password matches, else None (same answer for any failure,
    after the same work: an unknown name is checked against a hash of cost ``argon2``)."""
    account = get_account(engine, name)
    if account is None:
        verify_password(dummy_hash(argon2), password)
        return None
    if not account.active or not verify_password(account.password_hash, password):
        return None
    return account


def _change(engine: Engine, name: str, values: dict[str, object], *, by: str,
            action: str, shown: dict[str, object]) -> None:
    with write_transaction(engine) as conn:
        row = conn.execute(select(_T).where(_T.c.name == name)).first()
        if row is None:
            raise UnknownItemError(f"no user named '{name}'")
        before = _from_row(row).to_json()
        conn.execute(update(_T).where(_T.c.name == name).values(**values))
        audit_log.write(conn, user=by, action=action, item=f"account:{name}",
                        before={k: before.get(k) for k in shown}, after=shown)


def set_password(engine: Engine, name: str, password: str, *, by: str,
                 argon2: Argon2Params = PRODUCTION_ARGON2) -> None:
    """Change a password (the log says it changed; it never holds the hash)."""
    check_password(password, name=name)
    _change(engine, name, {"password_hash": hash_password(password, params=argon2)}, by=by,
            action="account.password", shown={"password": "changed"})


def set_role(engine: Engine, name: str, role: str, *, by: str,
             component: str | None = None, organisation: str | None = None,
             cleared: bool | None = None, active: bool | None = None,
             syndicate: str | None = None) -> None:
    """Change a role (and optionally component, organisation, clearance, active, and the
    syndicate of a syndicate's role; moving out of one clears it)."""
    chosen = _role(role)
    team = syndicate if chosen.in_syndicate else None
    if chosen.in_syndicate and team is None:
        current = get_account(engine, name)
        team = current.syndicate if current is not None else None
    with read_connection(engine) as conn:
        _check_syndicate(conn, chosen, team)
    values: dict[str, object] = {"role": chosen.value, "syndicate": team}
    for key, value in (("component", component), ("organisation", organisation),
                       ("cleared", cleared), ("active", active)):
        if value is not None:
            values[key] = value
    _change(engine, name, values, by=by, action="account.role", shown=dict(values))
