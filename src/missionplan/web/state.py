"""What every request reads: the workspace, the newest plan (cached per version), the clock.

The parsed plan is cached by its version number so a page does not parse the
plan file again; recorded actual dates and assumption states are applied on
every read, since they change without a new version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from ..model import Plan
from ..planfile import loads_plan
from ..store import Workspace, open_workspace
from .accounts import Account
from .settings import Settings
from .visibility import visible_plan

__all__ = ["WebState", "open_state"]


@dataclass
class WebState:
    """The workspace behind one app, and a one-entry cache of its newest plan."""

    settings: Settings
    ws: Workspace
    _lock: threading.Lock
    _cached: tuple[int, Plan] | None = None

    def today(self) -> date:
        return self.settings.today()

    def latest_version(self) -> int:
        versions = self.ws.plan_versions()
        return versions[-1].version if versions else 0

    def base_plan(self) -> Plan:
        """The newest plan as stored (no actuals or assumption states), cached."""
        version = self.latest_version()
        with self._lock:
            if self._cached is not None and self._cached[0] == version:
                return self._cached[1]
        plan = loads_plan(self.ws.export_plan(version), filename="<workspace>")
        plan.set_base_dir(self.settings.plan_dir)
        with self._lock:
            self._cached = (version, plan)
        return plan

    def full_plan(self) -> Plan:
        """The newest plan with actual dates and assumption states applied."""
        plan = self.base_plan()
        known = set(plan.event_ids())
        dated = plan.with_dates(actuals={k: v for k, v in self.ws.actuals().items()
                                         if k in known})
        states = self.ws.assumption_states()
        if states:
            dated.assumptions = [a.model_copy(update={"status": states[a.id]})
                                 if a.id in states else a for a in dated.assumptions]
        return dated

    def plan_for(self, account: Account) -> Plan:
        """The plan as ``account`` may see it (restricted items filtered)."""
        return visible_plan(self.full_plan(), account)


def open_state(settings: Settings) -> WebState:
    return WebState(settings, open_workspace(settings.db_url), threading.Lock())
