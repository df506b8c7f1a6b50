"""Every setting missionplan reads from its environment, declared once, with help text.

``missionplan settings`` shows them with their current values; a test checks
that each one is documented in ``docs/settings.md``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["SETTINGS", "Setting", "current"]


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable: its name, default and what it does."""

    env: str
    default: str
    help: str
    secret: bool = False

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("MISSIONPLAN_DB", "sqlite:///missionplan.db",
            "Workspace database URL (SQLite file or postgresql+psycopg://…); --db overrides."),
    Setting("MISSIONPLAN_USER", "(login name)",
            "Who the terminal verbs record in the audit log."),
    Setting("MISSIONPLAN_SECRET", "(random per start)",
            "Key that signs web sessions; set it so sessions survive a restart.", secret=True),
    Setting("MISSIONPLAN_TOTP_ROLES", "(none)",
            "Roles that must sign in to the web workspace with a second factor: 'all', or "
            "role names separated by commas."),
    Setting("MISSIONPLAN_OIDC_ISSUER", "(unset: local accounts only)",
            "OpenID Connect provider's issuer URL, for single sign-on to the web workspace."),
    Setting("MISSIONPLAN_OIDC_CLIENT_ID", "(unset)", "The web workspace's client id there."),
    Setting("MISSIONPLAN_OIDC_CLIENT_SECRET", "(unset)", "Its client secret.", secret=True),
    Setting("MISSIONPLAN_OIDC_NAME_CLAIM", "email", "The ID token claim that names a person."),
    Setting("MISSIONPLAN_OIDC_ROLE_CLAIM", "groups", "The claim whose values map to roles."),
    Setting("MISSIONPLAN_OIDC_ROLES", "(none)",
            "value=role pairs separated by commas; the first the person holds is their role."),
    Setting("MISSIONPLAN_SMTP_HOST", "(unset: no e-mail)",
            "SMTP server 'missionplan notify' mails notices through; unset, the feed alone."),
    Setting("MISSIONPLAN_SMTP_PORT", "25", "Its port."),
    Setting("MISSIONPLAN_SMTP_FROM", "missionplan@localhost", "The notices' sender address."),
    Setting("MISSIONPLAN_SMTP_USER", "(unset)", "Account to sign in to the server with."),
    Setting("MISSIONPLAN_SMTP_PASSWORD", "(unset)", "Its password.", secret=True),
    Setting("MISSIONPLAN_SMTP_STARTTLS", "no", "'yes' to use STARTTLS before signing in."),
    Setting("MISSIONPLAN_BASE_URL", "(unset)",
            "The web workspace's address, so that links in mails are absolute."),
    Setting("SOURCE_DATE_EPOCH", "(now)",
            "Fixed stamp (when a file is made) for reports and exports, for "
            "byte-reproducible files; not the day they report as of ('missionplan clock')."),
    Setting("MISSIONPLAN_LANG", "en",
            "Language of documents written by 'missionplan report': en or fr; --lang "
            "overrides."),
    Setting("MISSIONPLAN_CLASSIFICATION", "(from the plan)",
            "Classification marking on documents' pages; by default UN RESTRICTED when "
            "restricted items are shown, else UNCLASSIFIED; --classification overrides."),
    Setting("MISSIONPLAN_TEST_PG_URL", "(unset: PostgreSQL tests skip locally, fail in CI)",
            "PostgreSQL server the test suite runs the store tests against."),
)


def current() -> list[tuple[Setting, str]]:
    """Each setting with the value in force now (secrets masked)."""
    out = []
    for s in SETTINGS:
        shown = s.value()
        if s.secret and s.env in os.environ:
            shown = "(set)"
        out.append((s, shown))
    return out
