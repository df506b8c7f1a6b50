"""Passwords (argon2), CSRF tokens bound to the session, and security headers.

Sessions are signed cookies (itsdangerous, through Starlette's session
middleware) holding a random session id and the user name; the CSRF token is
an HMAC of that session id, so a token from another session is refused. Every
response carries a Content-Security-Policy without inline scripts,
``X-Frame-Options: DENY``, ``nosniff`` and a strict Referrer-Policy.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CSRF_FIELD", "CSRF_HEADER", "PRODUCTION_ARGON2", "SECURITY_HEADERS", "Argon2Params",
    "BodyLimitMiddleware", "SecurityHeadersMiddleware", "csrf_token",
    "csrf_valid", "dummy_hash", "hash_password", "new_password", "new_session_id", "password_stamp",
    "safe_next", "verify_password",
]

CSRF_FIELD = "csrf_token"


def safe_next(target: str) -> str:
    """Where to send someone back to: only a path on this site (no scheme, no //host, no
    backslash that a browser reads as a slash, no control character), else ``/``."""
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or any(ord(c) < 32 for c in target)):
        return "/"
    return target
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True, slots=True)
class Argon2Params:
    """The cost of an argon2id hash: passes, memory in KiB, lanes.

    The defaults are argon2-cffi's own (RFC 9106's low-memory profile: 3 passes
    over 64 MiB in 4 lanes). Tests pass cheaper ones through ``Settings``;
    a stored hash carries its own parameters, so verifying needs none.
    """

    time_cost: int = 3
    memory_cost: int = 65536
    parallelism: int = 4

    def hasher(self) -> PasswordHasher:
        return _hasher(self)


PRODUCTION_ARGON2 = Argon2Params()


@lru_cache(maxsize=8)
def _hasher(params: Argon2Params) -> PasswordHasher:
    return PasswordHasher(time_cost=params.time_cost, memory_cost=params.memory_cost,
                          parallelism=params.parallelism)


SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


def hash_password(password: str, *, params: Argon2Params = PRODUCTION_ARGON2) -> str:
    """An argon2id hash of ``password`` at the cost ``params``."""
    return params.hasher().hash(password)


@lru_cache(maxsize=8)
def dummy_hash(params: Argon2Params) -> str:
    """A hash of no one's password, for checking a name that has no account: the answer
    takes as long as for a real one."""
    return hash_password(secrets.token_urlsafe(16), params=params)


def verify_password(stored: str | None, password: str) -> bool:
    """True when ``password`` matches the stored hash (False for no hash or a bad one)."""
    if not stored:
        return False
    try:
        return PRODUCTION_ARGON2.hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def password_stamp(stored: str | None, secret: str) -> str:
    """A short fingerprint of a password hash: changing the password ends old sessions."""
    return hmac.new(secret.encode(), (stored or "").encode(), hashlib.sha256).hexdigest()[:16]


def new_password() -> str:
    """A random password for a first administrator (printed once)."""
    return secrets.token_urlsafe(12)


def new_session_id() -> str:
    return secrets.token_urlsafe(18)


def csrf_token(session_id: str, secret: str) -> str:
    """The CSRF token of a session: an HMAC of its id."""
    return hmac.new(secret.encode(), f"csrf:{session_id}".encode(), hashlib.sha256).hexdigest()


def csrf_valid(session_id: str | None, token: str | None, secret: str) -> bool:
    if not session_id or not token:
        return False
    return hmac.compare_digest(csrf_token(session_id, secret), token)


HSTS = ("strict-transport-security", "max-age=31536000")


class SecurityHeadersMiddleware:
    """Add :data:`SECURITY_HEADERS` to every HTTP response (pure ASGI, no buffering), and
    :data:`HSTS` when the server runs behind TLS (``tls``)."""

    def __init__(self, app: ASGIApp, *, tls: bool = False) -> None:
        self.app = app
        self.headers = {**SECURITY_HEADERS, **dict([HSTS] if tls else [])}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in self.headers.items()
                            if k.encode() not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse a request body over its limit with 413 (``body-too-large``) before the app
    reads it: ``upload`` bytes for a multipart upload (plan files, observation files,
    backups), ``body`` bytes for anything else (forms, item edits, JSON API bodies). A
    stated ``Content-Length`` is judged at once; a body sent in chunks is counted as it
    comes and cut off where it passes the limit."""

    def __init__(self, app: ASGIApp, *, body: int, upload: int) -> None:
        self.app = app
        self.body = body
        self.upload = upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/form-data")
        limit = self.upload if multipart else self.body
        stated = headers.get(b"content-length", b"")
        if stated.isdigit() and int(stated) > limit:
            await _refuse(scope, send, limit)
            return
        seen = 0
        exceeded = started = False

        async def counted() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise _TooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # whatever the app made of a body cut short: the 413 replaces it
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, counted, watched)
        if exceeded and not started:
            await _refuse(scope, send, limit)


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    import json

    what = f"the request is larger than the {limit:,} bytes this server accepts"
    if str(scope.get("path", "")).startswith("/api"):
        body = json.dumps({"error": "body-too-large", "message": what}).encode()
        kind = b"application/json"
    else:
        body = (f'<!doctype html><title>Too large</title><p class="error" role="alert">'
                f"{what}: send a smaller file or split it (error body-too-large)</p>"
                ).encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
