"""The web workspace's settings, as data: one declared table with defaults and help."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .security import PRODUCTION_ARGON2, Argon2Params

__all__ = ["SECRET_ENV", "SETTINGS_HELP", "TOTP_ENV", "Settings"]

SECRET_ENV = "MISSIONPLAN_SECRET"
TOTP_ENV = "MISSIONPLAN_TOTP_ROLES"

SETTINGS_HELP: dict[str, str] = {
    "db_url": "Workspace database URL (SQLite file or postgresql:// URL).",
    "secret_key": f"Key that signs session cookies (${SECRET_ENV}; random per start if unset).",
    "plan_dir": "Folder against which the plan's directive path resolves.",
    "secure_cookies": "Send cookies only over HTTPS (turn on behind a TLS proxy).",
    "session_max_age": "Seconds a session lasts at most, however busy (absolute expiry).",
    "session_idle": "Seconds without a request after which a session ends (idle expiry).",
    "signin_lock_after": "Failed sign-ins for one account before it is locked.",
    "signin_address_lock_after": "Failed sign-ins from one address before it is locked.",
    "signin_lock_minutes": "Minutes a lock lasts unless an administrator lifts it.",
    "totp_roles": f"Roles that must sign in with a second factor: 'all', or names "
                  f"separated by commas (${TOTP_ENV}; none if unset).",
    "remember_device_days": "Days a browser that passed the second factor skips it.",
    "oidc_issuer": "OpenID Connect provider's issuer URL ($MISSIONPLAN_OIDC_ISSUER; "
                   "unset: local accounts only).",
    "oidc_client_id": "This server's client id at the provider ($MISSIONPLAN_OIDC_CLIENT_ID).",
    "oidc_client_secret": "Its client secret ($MISSIONPLAN_OIDC_CLIENT_SECRET).",
    "oidc_name_claim": "The ID token claim that names the person ($MISSIONPLAN_OIDC_NAME_CLAIM).",
    "oidc_role_claim": "The claim whose values map to roles ($MISSIONPLAN_OIDC_ROLE_CLAIM).",
    "oidc_roles": "value=role pairs, separated by commas ($MISSIONPLAN_OIDC_ROLES).",
    "max_body_bytes": "Largest request body (forms, item edits, JSON) the server reads.",
    "max_upload_bytes": "Largest upload (plan, observation or backup file) it reads.",
    "risk_samples": "Worlds the risk page simulates per run.",
    "deploy_time_limit": "Seconds the deployment page lets the movement planner search.",
    "mail_delay": "Seconds after a change before its e-mail notices go (changes within "
                  "them go together); e-mail needs $MISSIONPLAN_SMTP_HOST.",
    "mail_interval": "Seconds between sends of what time brings (tasks due soon, "
                     "deadlines gone late).",
    "argon2": "Cost of new password hashes (argon2id; production strength by default).",
}


def _secret() -> str:
    return os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)


def _totp_roles() -> str:
    return os.environ.get(TOTP_ENV, "")


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"MISSIONPLAN_OIDC_{name}", default)


def _plan_dir() -> Path:
    from ..scenarios import scenario_dir

    return scenario_dir()


@dataclass(frozen=True, slots=True)
class Settings:
    """How one web workspace runs (see :data:`SETTINGS_HELP`)."""

    db_url: str | None = None
    secret_key: str = field(default_factory=_secret)
    plan_dir: Path = field(default_factory=_plan_dir)
    secure_cookies: bool = False
    session_max_age: int = 8 * 3600
    session_idle: int = 30 * 60
    signin_lock_after: int = 10
    signin_address_lock_after: int = 100
    signin_lock_minutes: int = 15
    totp_roles: str = field(default_factory=_totp_roles)
    remember_device_days: int = 30
    oidc_issuer: str = field(default_factory=lambda: _env("ISSUER"))
    oidc_client_id: str = field(default_factory=lambda: _env("CLIENT_ID"))
    oidc_client_secret: str = field(default_factory=lambda: _env("CLIENT_SECRET"))
    oidc_name_claim: str = field(default_factory=lambda: _env("NAME_CLAIM", "email"))
    oidc_role_claim: str = field(default_factory=lambda: _env("ROLE_CLAIM", "groups"))
    oidc_roles: str = field(default_factory=lambda: _env("ROLES"))
    max_body_bytes: int = 1 << 20
    max_upload_bytes: int = 64 << 20
    risk_samples: int = 2000
    deploy_time_limit: float = 20.0
    mail_delay: float = 3.0
    mail_interval: float = 600.0
    argon2: Argon2Params = PRODUCTION_ARGON2
