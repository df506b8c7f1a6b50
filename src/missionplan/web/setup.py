"""First run: a workspace with the built-in plan and sample data, and a first administrator."""

from __future__ import annotations

from ..store import open_workspace
from ..store.seed import init_workspace
from .accounts import add_account, list_accounts
from .security import new_password
from .settings import Settings

__all__ = ["FIRST_ADMIN", "first_run"]

FIRST_ADMIN = "admin"


def first_run(settings: Settings) -> str | None:
    """Seed an empty workspace; return the new administrator's password (None if not new)."""
    with open_workspace(settings.db_url) as ws:
        has_plan = ws.has_plan()
        has_accounts = bool(list_accounts(ws.engine))
    if not has_plan:
        init_workspace(settings.db_url, user="missionplan serve")
    if has_accounts:
        return None
    password = new_password()
    with open_workspace(settings.db_url) as ws:
        add_account(ws.engine, FIRST_ADMIN, role="administrator", password=password,
                    by="missionplan serve", display_name="Administrator", cleared=True,
                    argon2=settings.argon2)
    return password
