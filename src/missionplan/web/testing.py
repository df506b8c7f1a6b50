"""A small workspace for tests and benchmarks of the web room (synthetic accounts).

``demo_workspace(path)`` seeds the built-in scenario, then marks one indicator
restricted, gives one indicator to an organisation, and adds one account per
role. The data are the scenario's synthetic sample; the accounts are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..planfile import dump_plan, loads_plan
from ..store import open_workspace
from ..store.seed import init_workspace
from .accounts import add_account
from .settings import Settings

__all__ = ["PASSWORD", "ROLES_USERS", "DemoWorkspace", "demo_workspace"]

PASSWORD = "correct horse battery"
TODAY = date(2027, 3, 1)
# user name -> (role, component, organisation, cleared)
ROLES_USERS: dict[str, tuple[str, str | None, str | None, bool]] = {
    "admin": ("administrator", None, None, True),
    "lead": ("planning_lead", None, None, False),
    "police": ("component_planner", "police", None, False),
    "agency": ("contributor", None, "humanitarian_community", False),
    "viewer": ("viewer", None, None, False),
    "monitor": ("viewer", None, None, True),
}


@dataclass(frozen=True, slots=True)
class DemoWorkspace:
    settings: Settings
    restricted: str
    agency_indicator: str


def demo_workspace(folder: Path, *, restricted: str = "refugees_returned",
                   agency_indicator: str = "idps_returned", today: date = TODAY,
                   db_url: str | None = None) -> DemoWorkspace:
    """A seeded workspace at ``folder / 'web.db'`` (or ``db_url``) and its settings."""
    url = db_url or f"sqlite:///{folder / 'web.db'}"
    init_workspace(url, user="setup", force=db_url is not None)
    with open_workspace(url) as ws:
        plan = loads_plan(ws.export_plan())
        plan.indicators = [
            i.model_copy(update={"restricted": True}) if i.id == restricted else
            i.model_copy(update={"owner": "humanitarian_community"})
            if i.id == agency_indicator else i for i in plan.indicators]
        ws.import_plan(dump_plan(plan), user="setup", note="test: restricted, owners")
        for name, (role, component, organisation, cleared) in ROLES_USERS.items():
            add_account(ws.engine, name, role=role, password=PASSWORD, by="setup",
                        component=component, organisation=organisation, cleared=cleared)
    settings = Settings(db_url=url, secret_key="test-secret-" + folder.name,
                        today=lambda: today)
    return DemoWorkspace(settings, restricted, agency_indicator)
