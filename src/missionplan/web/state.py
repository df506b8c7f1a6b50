"""What every request reads: the workspace, the newest plan (cached per version), the clock.

The parsed plan is cached by its version number so a page does not parse the
plan file again; a version saved by an edit in this process comes from the
store's cache already parsed. Recorded actual dates and assumption states change without a
new version, so they are read on every request, and the plan with them applied
(and filtered for people not cleared for restricted items) is cached under
(version, actual dates, assumption states, cleared): pages under load reuse it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from ..model import Plan
from ..store import Workspace, open_workspace
from .accounts import Account
from .settings import Settings
from .visibility import is_cleared, visible_plan

__all__ = ["WebState", "open_state"]


@dataclass
class WebState:
    """The workspace behind one app, and a one-entry cache of its newest plan."""

    settings: Settings
    ws: Workspace
    _lock: threading.Lock
    _cached: tuple[int, Plan] | None = None
    _views: dict[tuple[object, ...], Plan] = field(default_factory=dict)
    # results kept for this workspace only (risk and deployment runs, parsed versions)
    memo: dict[tuple[object, ...], object] = field(default_factory=dict)
    memo_lock: threading.Lock = field(default_factory=threading.Lock)

    def remember(self, key: tuple[object, ...], value: object, *, keep: int = 16) -> None:
        """Keep ``value`` under ``key`` (the oldest entries of the same kind go first)."""
        with self.memo_lock:
            self.memo[key] = value
            same = [k for k in self.memo if k[0] == key[0]]
            for old in same[:max(0, len(same) - keep)]:
                del self.memo[old]

    def today(self) -> date:
        return self.settings.today()

    def latest_version(self) -> int:
        return self.ws.latest_version()

    def base_plan(self) -> Plan:
        """The newest plan as stored (no actuals or assumption states), cached."""
        return self._base()[1]

    def _base(self) -> tuple[int, Plan]:
        version = self.latest_version()
        with self._lock:
            if self._cached is not None and self._cached[0] == version:
                return self._cached
        plan = self.ws.stored_plan(version)  # parsed once by the store, often by the edit itself
        plan.set_base_dir(self.settings.plan_dir)
        with self._lock:
            self._cached = (version, plan)
        return version, plan

    def full_plan(self) -> Plan:
        """The newest plan with actual dates and assumption states applied."""
        return self._view(cleared=True)

    def plan_for(self, account: Account) -> Plan:
        """The plan as ``account`` may see it (restricted items filtered)."""
        return self._view(cleared=is_cleared(account), account=account)

    def _view(self, *, cleared: bool, account: Account | None = None) -> Plan:
        version, plan = self._base()
        actuals, states = self.ws.actuals(), self.ws.assumption_states()
        key = (version, tuple(sorted(actuals.items())),
               tuple(sorted(states.items())), cleared)
        with self._lock:
            found = self._views.get(key)
        if found is not None:
            return found
        view = self._dated(plan, actuals, states)
        if not cleared and account is not None:
            view = visible_plan(view, account)
        with self._lock:
            self._views[key] = view
            while len(self._views) > 8:
                del self._views[next(iter(self._views))]
        return view

    @staticmethod
    def _dated(plan: Plan, actuals: dict[str, date], states: dict[str, str]) -> Plan:
        known = set(plan.event_ids())
        dated = plan.with_dates(actuals={k: v for k, v in actuals.items() if k in known})
        if states:
            dated.assumptions = [a.model_copy(update={"status": states[a.id]})
                                 if a.id in states else a for a in dated.assumptions]
        return dated


def open_state(settings: Settings) -> WebState:
    return WebState(settings, open_workspace(settings.db_url), threading.Lock())
