"""A second factor for local accounts: time-based one-time codes (TOTP, RFC 6238, with
pyotp), recovery codes, and browsers remembered for a number of days.

An account turns it on by scanning (or typing) a secret into an authenticator app and
giving back one code from it; it then gets ten recovery codes, shown once and stored
only as hashes, each good for one sign-in. A code is accepted within one 30-second step
either side of the server's clock, and never twice (the last step used is stored, so a
code seen over a shoulder is spent). The administrator makes the second factor required
for every account or for some roles (``totp_roles``); such an account that has none yet
sets it up before its first session begins. An administrator removes a lost one
(``missionplan user totp-reset``), and every change is in the audit log.

A browser that passed the second factor may be remembered: a cookie signed with the
session key names the account, when it was issued and a fingerprint of its password
and secret, so a new password or a new secret forgets every remembered browser.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time

import pyotp
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine, select, update

from ..errors import UnknownItemError, WorkspaceError
from ..store import audit as audit_log
from ..store.engine import read_connection, write_transaction
from ..store.schema import AccountSecurityRow, table
from .accounts import Account, Role, get_account
from .settings import Settings
from .signin import ensure_security_row

__all__ = ["DEVICE_COOKIE", "ISSUER", "device_token", "disable", "enable", "enabled",
           "new_secret", "provisioning_uri", "remembered", "required", "roles_named", "verify"]

_S = table(AccountSecurityRow)
ISSUER = "missionplan"
DEVICE_COOKIE = "mp_device"
RECOVERY_CODES = 10
_STEP = 30


def new_secret() -> str:
    """A fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, name: str) -> str:
    """The ``otpauth://`` address an authenticator app reads (as a QR code or typed)."""
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def required(settings: Settings, account: Account) -> bool:
    """Whether the administrator requires a second factor of ``account``'s role."""
    wanted = roles_named(settings.totp_roles)
    return "all" in wanted or account.role.value in wanted


def _secret(engine: Engine, name: str) -> tuple[str | None, int, list[str]]:
    with read_connection(engine) as conn:
        row = conn.execute(select(_S).where(_S.c.name == name)).first()
    if row is None:
        return None, 0, []
    return row.totp_secret, int(row.totp_step), json.loads(row.recovery or "[]")


def enabled(engine: Engine, name: str) -> bool:
    """Whether account ``name`` signs in with a second factor."""
    return _secret(engine, name)[0] is not None


def _step_of(secret: str, otp: str, at: float) -> int | None:
    """The time step ``otp`` belongs to, within one step of ``at``, or None."""
    totp = pyotp.TOTP(secret)
    now = int(at // _STEP)
    for step in (now, now - 1, now + 1):
        if hmac.compare_digest(totp.at(step * _STEP), otp):
            return step
    return None


def _hash(recovery: str) -> str:
    return hashlib.sha256(recovery.replace("-", "").strip().lower().encode()).hexdigest()


def _recovery_codes() -> list[str]:
    return [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]


def enable(engine: Engine, name: str, secret: str, otp: str, *, by: str,
           at: float | None = None) -> list[str]:
    """Turn the second factor on with ``secret`` once ``otp``, a code from it, checks; the
    recovery codes, to be shown once (``bad-totp-code`` when the code does not check)."""
    at = time.time() if at is None else at
    step = _step_of(secret, otp.strip(), at)
    if step is None:
        raise WorkspaceError("that code does not match: check the authenticator app's "
                             "clock and type the code it shows now", code="bad-totp-code")
    if get_account(engine, name) is None:
        raise UnknownItemError(f"no user named '{name}'")
    codes = _recovery_codes()
    with write_transaction(engine) as conn:
        ensure_security_row(conn, name)
        conn.execute(update(_S).where(_S.c.name == name).values(
            totp_secret=secret, totp_step=step,
            recovery=json.dumps([_hash(c) for c in codes])))
        audit_log.write(conn, user=by, action="account.totp", item=f"account:{name}",
                        after={"second_factor": "on", "recovery_codes": len(codes)})
    return codes


def disable(engine: Engine, name: str, *, by: str) -> bool:
    """Remove account ``name``'s second factor (a lost phone); whether it had one."""
    if not enabled(engine, name):
        return False
    with write_transaction(engine) as conn:
        conn.execute(update(_S).where(_S.c.name == name).values(
            totp_secret=None, totp_step=0, recovery=""))
        audit_log.write(conn, user=by, action="account.totp", item=f"account:{name}",
                        before={"second_factor": "on"}, after={"second_factor": "off"})
    return True


def verify(engine: Engine, name: str, otp: str, *, at: float | None = None) -> str | None:
    """How ``otp`` (a code from the app, or a recovery code) proves account ``name``:
    ``"totp"``, ``"recovery"`` (that recovery code is now spent), or None: wrong, or a
    code already used."""
    at = time.time() if at is None else at
    secret, _, _ = _secret(engine, name)
    if secret is None:
        return None
    given = otp.strip()
    with write_transaction(engine) as conn:
        row = conn.execute(select(_S).where(_S.c.name == name)).first()
        if row is None or row.totp_secret is None:
            return None
        step = _step_of(row.totp_secret, given, at) if given.isdigit() else None
        if step is not None:
            if step <= int(row.totp_step):
                return None  # replayed
            conn.execute(update(_S).where(_S.c.name == name).values(totp_step=step))
            return "totp"
        hashes = json.loads(row.recovery or "[]")
        if _hash(given) not in hashes:
            return None
        hashes.remove(_hash(given))
        conn.execute(update(_S).where(_S.c.name == name).values(recovery=json.dumps(hashes)))
        audit_log.write(conn, user=name, action="signin.recovery", item=f"account:{name}",
                        after={"recovery_codes_left": len(hashes)})
        return "recovery"


def _fingerprint(engine: Engine, account: Account, key: str) -> str:
    secret, _, _ = _secret(engine, account.name)
    text = f"{account.password_hash}|{secret}"
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()[:24]


def _serializer(key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(key, salt="missionplan-device")


def device_token(engine: Engine, account: Account, settings: Settings) -> str:
    """The cookie value that lets this browser skip the second factor for a while."""
    return _serializer(settings.secret_key).dumps(
        {"u": account.name, "f": _fingerprint(engine, account, settings.secret_key)})


def remembered(engine: Engine, account: Account, settings: Settings,
               token: str | None) -> bool:
    """Whether ``token`` remembers this browser for ``account`` (within its days)."""
    if not token:
        return False
    try:
        data = _serializer(settings.secret_key).loads(
            token, max_age=settings.remember_device_days * 86400)
    except BadSignature:
        return False
    return (isinstance(data, dict) and data.get("u") == account.name
            and hmac.compare_digest(str(data.get("f", "")),
                                    _fingerprint(engine, account, settings.secret_key)))


def roles_named(text: str) -> list[str]:
    """The role names (or 'all') a ``totp_roles`` setting lists, each checked."""
    names = [r.strip().replace("-", "_") for r in text.split(",") if r.strip()]
    unknown = [n for n in names if n != "all" and n not in Role.__members__]
    if unknown:
        raise WorkspaceError(f"not a role: {', '.join(unknown)}; use 'all' or "
                             + ", ".join(Role.__members__), code="bad-role")
    return names
