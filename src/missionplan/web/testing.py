"""A small workspace for tests and benchmarks of the web room (synthetic accounts).

``demo_workspace(path)`` seeds the built-in scenario, then marks one indicator
restricted, gives one indicator to an organisation, adds one account per role,
and sets the workspace's clock to ``today`` (the demo day, 1 December 2027, unless
told otherwise). The data are the scenario's synthetic sample; the accounts are
invented.

Accounts are hashed with :data:`FAST_ARGON2` (cheap: tests sign in often), and
the seeded SQLite database is built once per process and copied (SQLite's
backup API) for every later call, so a fresh workspace costs milliseconds.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..planfile import dump_plan, loads_plan
from ..store import open_workspace
from ..store.seed import init_workspace
from .accounts import add_account
from .security import Argon2Params
from .settings import Settings

__all__ = ["EXERCISE_USERS", "FAST_ARGON2", "PASSWORD", "ROLES_USERS", "DemoWorkspace",
           "demo_workspace", "exercise_workspace"]

# The cheapest argon2id the library accepts: for test accounts only, never production.
FAST_ARGON2 = Argon2Params(time_cost=1, memory_cost=8, parallelism=1)

PASSWORD = "correct horse battery"
TODAY = date(2027, 12, 1)  # the sample scenario day: every sample date is before it
# user name -> (role, component, organisation, cleared)
ROLES_USERS: dict[str, tuple[str, str | None, str | None, bool]] = {
    "admin": ("administrator", None, None, True),
    "lead": ("planning_lead", None, None, False),
    "police": ("component_planner", "police", None, False),
    "agency": ("contributor", None, "humanitarian_community", False),
    "viewer": ("viewer", None, None, False),
    "monitor": ("viewer", None, None, True),
}

# the exercise workspace's people: user name -> (role, syndicate)
EXERCISE_USERS: dict[str, tuple[str, str | None]] = {
    "trainer": ("trainer", None),
    "alpha_lead": ("syndicate_lead", "alpha"),
    "alpha_member": ("syndicate_member", "alpha"),
    "bravo_member": ("syndicate_member", "bravo"),
    "admin": ("administrator", None),
    "lead": ("planning_lead", None),
    "viewer": ("viewer", None),
}


@dataclass(frozen=True, slots=True)
class DemoWorkspace:
    settings: Settings
    restricted: str
    agency_indicator: str


_TEMPLATES: dict[tuple[str, str, date], Path] = {}
_TEMPLATE_LOCK = threading.Lock()


def demo_workspace(folder: Path, *, restricted: str = "refugees_returned",
                   agency_indicator: str = "idps_returned", today: date = TODAY,
                   db_url: str | None = None) -> DemoWorkspace:
    """A seeded workspace at ``folder / 'web.db'`` (or ``db_url``), its clock set to
    ``today``, and its settings."""
    if db_url is None:
        url = f"sqlite:///{folder / 'web.db'}"
        _copy(_template(restricted, agency_indicator, today), folder / "web.db")
    else:
        url = db_url
        _seed(url, restricted, agency_indicator, today, force=True)
    settings = Settings(db_url=url, secret_key="test-secret-" + folder.name,
                        argon2=FAST_ARGON2, risk_samples=256, deploy_time_limit=3.0)
    return DemoWorkspace(settings, restricted, agency_indicator)


def exercise_workspace(folder: Path, *, db_url: str | None = None,
                       syndicates: tuple[str, ...] = ("alpha", "bravo")) -> Settings:
    """The built-in scenario's exercise at ``folder / 'exercise.db'`` (or ``db_url``): its
    plan, the clock on the exercise's first day with what is due delivered, the
    ``syndicates`` (titled "Syndicate Alpha", ...) and the people of
    :data:`EXERCISE_USERS`; its settings."""
    if db_url is None:
        url = f"sqlite:///{folder / 'exercise.db'}"
        with _TEMPLATE_LOCK:
            key = ("exercise", ",".join(syndicates), TODAY)
            if key not in _TEMPLATES or not _TEMPLATES[key].exists():
                path = Path(tempfile.mkdtemp(prefix="mp-web-exercise-")) / "exercise.db"
                _seed_exercise(f"sqlite:///{path}", syndicates, force=False)
                _TEMPLATES[key] = path
            _copy(_TEMPLATES[key], folder / "exercise.db")
    else:
        url = db_url
        _seed_exercise(url, syndicates, force=True)
    return Settings(db_url=url, secret_key="test-secret-" + folder.name, argon2=FAST_ARGON2,
                    risk_samples=256, deploy_time_limit=3.0)


def _seed_exercise(url: str, syndicates: tuple[str, ...], *, force: bool) -> None:
    init_workspace(url, user="setup", force=force, exercise=True)
    with open_workspace(url) as ws:
        for name in syndicates:
            ws.add_syndicate(name, user="setup", title=f"Syndicate {name.title()}")
        for user, (role, syndicate) in EXERCISE_USERS.items():
            if syndicate is None or syndicate in syndicates:
                add_account(ws.engine, user, role=role, password=PASSWORD, by="setup",
                            syndicate=syndicate, argon2=FAST_ARGON2)


def _template(restricted: str, agency_indicator: str, today: date) -> Path:
    key = (restricted, agency_indicator, today)
    with _TEMPLATE_LOCK:
        if key not in _TEMPLATES or not _TEMPLATES[key].exists():
            path = Path(tempfile.mkdtemp(prefix="mp-web-demo-")) / "web.db"
            _seed(f"sqlite:///{path}", restricted, agency_indicator, today, force=False)
            _TEMPLATES[key] = path
        return _TEMPLATES[key]


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _seed(url: str, restricted: str, agency_indicator: str, today: date, *,
          force: bool) -> None:
    init_workspace(url, user="setup", force=force)
    with open_workspace(url) as ws:
        plan = loads_plan(ws.export_plan())
        plan.indicators = [
            i.model_copy(update={"restricted": True}) if i.id == restricted else
            i.model_copy(update={"owner": "humanitarian_community"})
            if i.id == agency_indicator else i for i in plan.indicators]
        ws.import_plan(dump_plan(plan), user="setup", note="test: restricted, owners")
        for name, (role, component, organisation, cleared) in ROLES_USERS.items():
            add_account(ws.engine, name, role=role, password=PASSWORD, by="setup",
                        component=component, organisation=organisation, cleared=cleared,
                        argon2=FAST_ARGON2)
        ws.set_day(today, user="setup")
