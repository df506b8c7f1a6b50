"""What every request reads: the workspace, the newest plan as each person may see it, the
workspace's clock, and what pages derive from them, each computed once per change of the workspace.

The workspace's revision (one small query, raised by every committed write in any
process) says whether anything changed since the last request; the plan's revision,
read with it, moves with every write but one of observations alone. While the plan's
holds, the newest version number, the actual dates and the assumption states are reused
as read; when it moves they are read again. The plan with them applied, filtered for people not
cleared for restricted items, is a *view*, kept under (version, actual dates,
assumption states, cleared). Each view carries a memo for what is derived from it
(schedule, event dates, directive links): an observation recorded moves the revision
but not the view, so those survive it. What also depends on observations or on
accounts is kept under a revision (:meth:`WebState.derive`: the workspace's when it
reads observations, else the plan's).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlalchemy import Connection, event
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import UnknownItemError
from ..i18n import Language, words
from ..model import Plan
from ..store import CurrentDay, PlanVersion, Workspace, open_workspace, wall_clock
from .accounts import Account, list_accounts
from .settings import Settings
from .visibility import is_cleared, without_restricted

__all__ = ["RequestScope", "WebState", "open_state"]

T = TypeVar("T")
# The revision one request has read: a request asks the database once, however many
# caches it consults (a commit in the request empties it, so it then asks again).
_SEEN: ContextVar[list[tuple[int, int]] | None] = ContextVar("missionplan_revision_seen",
                                                             default=None)
_VIEWS = 8  # views kept (a what-if or an older actual date makes another)
_DERIVED = 64  # results kept with a view
# results kept under a revision: several per person signed in (the account, the sessions'
# end), so fifty people at work do not push out each other's
_PER_REVISION = 512


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What the workspace held at ``revision``, beyond the parsed plan."""

    revision: int
    version: int
    actuals: dict[str, date]
    states: dict[str, str]
    corrections: frozenset[str]  # events whose date is a confirmed correction of logic
    versions: list[PlanVersion]


_Memo = OrderedDict[tuple[object, ...], object]


@dataclass
class _View:
    """A plan as some people see it, what is derived from it, and what is derived from
    its version alone (shared by every view of that version and clearance)."""

    plan: Plan
    version_memo: _Memo
    memo: _Memo = field(default_factory=OrderedDict)


@dataclass
class WebState:
    """The workspace behind one app, and what its pages derive from it."""

    settings: Settings
    ws: Workspace
    _lock: threading.Lock
    _parsed: _Memo = field(default_factory=OrderedDict)
    _views: _Memo = field(default_factory=OrderedDict)
    _view_of: dict[int, _View] = field(default_factory=dict)
    _versions: _Memo = field(default_factory=OrderedDict)
    _derived: _Memo = field(default_factory=OrderedDict)
    _flights: dict[tuple[int, tuple[object, ...]], threading.RLock] = field(
        default_factory=dict)
    _kept: dict[object, _Memo] = field(default_factory=dict)  # by kind: key[0]
    _branches: dict[str, WebState] = field(default_factory=dict)

    def on(self, branch: str) -> WebState:
        """The state of syndicate ``branch``'s copy of the plan (kept: its caches last)."""
        if not branch or branch == self.ws.branch:
            return self
        with self._lock:
            found = self._branches.get(branch)
            if found is None:
                found = WebState(self.settings, self.ws.on(branch), threading.Lock())
                self._branches[branch] = found
            return found

    def syndicate_names(self) -> list[str]:
        """The exercise's syndicates, by name (read once per revision)."""
        return self.derive(("syndicates",), lambda: [s.name for s in self.ws.syndicates()],
                           observed=False)

    def keep(self, key: tuple[object, ...], compute: Callable[[], T], *, last: int = 16) -> T:
        """``compute()``, kept under ``key`` (a key named by content: a version's hash,
        a view key), the ``last`` newest of its kind (``key[0]``) kept."""
        with self._lock:
            store = self._kept.setdefault(key[0], OrderedDict())
        return self._once(store, key, compute, last)

    def kept(self, key: tuple[object, ...]) -> object | None:
        """What :meth:`keep` holds under ``key``, without computing it."""
        with self._lock:
            store = self._kept.get(key[0])
            return None if store is None else store.get(key)

    def clock(self) -> CurrentDay:
        """The day pages report as of, and why: the workspace's scenario day (read once per
        revision: setting it is a write, so it moves the revision), else the wall clock
        (asked each time: the date turns at midnight without any write)."""
        return self.derive(("clock",), self.ws.scenario_day, observed=False) or wall_clock()

    def today(self) -> date:
        """The day of :meth:`clock`."""
        return self.clock().day

    def basis(self, account: Account, lang: Language = Language.en) -> str:
        """What the figures ``account`` sees rest on ('Assumed: ...'; '' when facts), in
        ``lang``."""
        from ..outlook import plan_basis
        from ..reports.caveat import caveat

        if not self.has_plan():
            return ""
        plan = self.plan_for(account)
        synthetic = self.derive(("synthetic observations",), self.ws.synthetic_observations)
        return self.derive_from(plan, ("basis", synthetic, lang), lambda: caveat(plan_basis(
            plan, synthetic_observations=synthetic), words(lang)))

    # -- what the workspace holds now ------------------------------------------------------

    def has_plan(self) -> bool:
        """Whether the workspace holds a plan, read once per revision."""
        return self.derive(("has plan",), self.ws.has_plan, observed=False)

    def revision(self) -> int:
        """The workspace's revision (see :meth:`missionplan.store.Workspace.revision`), read
        once per request: data read after it is as new or newer, never older."""
        return self._revisions()[0]

    def plan_revision(self) -> int:
        """The plan's revision: the workspace's but for writes of observations alone (read
        with it, once per request)."""
        return self._revisions()[1]

    def _revisions(self) -> tuple[int, int]:
        seen = _SEEN.get()
        if seen:
            return seen[0]
        revisions = self.ws.revisions()
        if seen is not None:
            seen.append(revisions)
        return revisions

    def _snapshot(self) -> _Snapshot:
        revision = self.plan_revision()  # versions, actual dates, states: no observations
        return self._once(self._derived, (revision, "snapshot"), lambda: self._read(revision),
                          _DERIVED)

    def _read(self, revision: int) -> _Snapshot:
        versions = self.ws.plan_versions()
        return _Snapshot(revision, versions[-1].version if versions else 0,
                         self.ws.actuals(), self.ws.assumption_states(),
                         frozenset(self.ws.corrections()), versions)

    def _once(self, store: _Memo, key: tuple[object, ...], compute: Callable[[], T],
              keep: int, forget: Callable[[object], None] | None = None) -> T:
        """``store[key]``, computed by ``compute()`` on a miss by one thread while others
        asking for the same key wait for its answer (under load, a write would otherwise
        have every waiting request compute the same thing at once); the oldest entries
        beyond ``keep`` go (``forget`` told of each)."""
        with self._lock:
            if key in store:
                store.move_to_end(key)
                return store[key]  # type: ignore[return-value]
            flight = self._flights.setdefault((id(store), key), threading.RLock())
        with flight:
            with self._lock:
                if key in store:
                    store.move_to_end(key)
                    return store[key]  # type: ignore[return-value]
            try:
                value = compute()
                with self._lock:
                    store[key] = value
                    while len(store) > keep:
                        _, old = store.popitem(last=False)
                        if forget is not None:
                            forget(old)
            finally:
                with self._lock:
                    self._flights.pop((id(store), key), None)
        return value

    def latest_version(self) -> int:
        return self._snapshot().version

    def plan_versions(self) -> list[PlanVersion]:
        """Every stored version, oldest first (a copy: callers may reorder it)."""
        return list(self._snapshot().versions)

    def account(self, name: str) -> Account | None:
        """The account ``name`` as stored now (kept while the revision holds)."""
        return self.derive(("accounts",), lambda: {
            a.name: a for a in list_accounts(self.ws.engine)}, observed=False).get(name)

    def derive(self, key: tuple[object, ...], compute: Callable[[], T], *,
               observed: bool = True) -> T:
        """``compute()``, kept under ``key`` until the workspace's revision moves: for
        results that depend on more than a view (observations, accounts, versions). Not
        ``observed`` (it reads no observation): kept until the plan's revision moves, so
        an observation recorded leaves it."""
        revision = self.revision() if observed else self.plan_revision()
        return self._once(self._derived, (observed, revision, *key), compute, _PER_REVISION)

    # -- the plan --------------------------------------------------------------------------

    def base_plan(self) -> Plan:
        """The newest plan as stored (no actuals or assumption states), cached."""
        return self._base(self._snapshot().version)

    def version_name(self, version: int) -> tuple[int, str]:
        """A version by number and text hash: a restore may reuse a number, not a text."""
        found = [v.sha256 for v in self._snapshot().versions if v.version == version]
        if not found:
            raise UnknownItemError(f"the plan has no version {version}")
        return version, found[-1]

    def _base(self, version: int) -> Plan:
        key = self.version_name(version)

        def parse() -> Plan:
            plan = self.ws.stored_plan(version, sha256=key[1])  # parsed once by the store
            plan.set_base_dir(self.settings.plan_dir)
            return plan

        return self._once(self._parsed, key, parse, _VIEWS)

    def full_plan(self) -> Plan:
        """The newest plan with actual dates and assumption states applied."""
        return self._view(cleared=True).plan

    def plan_for(self, account: Account) -> Plan:
        """The plan as ``account`` may see it (restricted items filtered)."""
        return self.plan_seen(cleared=is_cleared(account))

    def plan_seen(self, *, cleared: bool) -> Plan:
        """The newest plan as people cleared for restricted items, or not, see it."""
        return self._view(cleared=cleared).plan

    def hidden_for(self, account: Account) -> set[str]:
        """Ids of the newest plan's items ``account`` may not see."""
        if is_cleared(account):
            return set()
        version = self._snapshot().version
        shown, memo = self._visible_base(version, False)
        return self._once(memo, ("hidden",), lambda: (
            set(self._base(version).item_index()) - set(shown.item_index())), _DERIVED)

    def version_plan(self, version: int, account: Account) -> Plan:
        """Stored version ``version`` (no actual dates) as ``account`` may see it."""
        return self._visible_base(version, is_cleared(account))[0]

    def derive_from(self, plan: Plan, key: tuple[object, ...], compute: Callable[[], T], *,
                    observed: bool = False, undated: bool = False) -> T:
        """``compute()``, a function of ``plan`` (and of the observations when ``observed``),
        kept with ``plan`` if it is a view this state handed out; computed afresh for any
        other plan (a what-if, an older version). ``undated``: the result does not depend
        on actual dates or assumption states, so every view of the version shares it."""
        with self._lock:
            view = self._view_of.get(id(plan))
        if view is None:
            return compute()
        memo = view.version_memo if undated else view.memo
        return self._once(memo, (self.revision(), *key) if observed else key, compute,
                          _DERIVED)

    def view_key(self, account: Account) -> tuple[object, ...]:
        """What the plan ``account`` sees now depends on: version (number and text hash),
        actual dates, assumption states, clearance. Equal keys, equal plans."""
        return self._view_key(self._snapshot(), is_cleared(account))

    def _view_key(self, snap: _Snapshot, cleared: bool) -> tuple[object, ...]:
        return (*self.version_name(snap.version), tuple(sorted(snap.actuals.items())),
                tuple(sorted(snap.states.items())), tuple(sorted(snap.corrections)), cleared)

    def _view(self, *, cleared: bool) -> _View:
        snap = self._snapshot()
        key = self._view_key(snap, cleared)
        def make() -> _View:
            base, shared = self._visible_base(snap.version, cleared)
            entry = _View(self._dated(base, snap.actuals, snap.states, snap.corrections),
                          shared)
            with self._lock:
                self._view_of[id(entry.plan)] = entry
            return entry

        def forget(old: object) -> None:  # called under the lock
            assert isinstance(old, _View)
            self._view_of.pop(id(old.plan), None)

        return self._once(self._views, key, make, _VIEWS, forget)

    def _visible_base(self, version: int, cleared: bool) -> tuple[Plan, _Memo]:
        """Version ``version`` filtered for the clearance (once per version), and the memo
        its views share. Filtering before dating gives the same plan as after: dates
        apply only to events the plan has, and restricted items carry none of their own."""
        def make() -> tuple[Plan, _Memo]:
            base = self._base(version)
            if not cleared:
                base = without_restricted(base)
            return base, OrderedDict()

        return self._once(self._versions, (*self.version_name(version), cleared), make, _VIEWS)

    @staticmethod
    def _dated(plan: Plan, actuals: dict[str, date], states: dict[str, str],
               corrections: frozenset[str] = frozenset()) -> Plan:
        known = set(plan.event_ids())
        dated = plan.with_dates(actuals={k: v for k, v in actuals.items() if k in known},
                                corrections=corrections)
        if states:
            dated.assumptions = [a.model_copy(update={"status": states[a.id]})
                                 if a.id in states else a for a in dated.assumptions]
        return dated


def open_state(settings: Settings) -> WebState:
    ws = open_workspace(settings.db_url)
    event.listen(ws.engine, "commit", _forget_revision)
    return WebState(settings, ws, threading.Lock())


def _forget_revision(conn: Connection) -> None:
    seen = _SEEN.get()
    if seen and conn.get_execution_options().get("mp_write"):  # a write, not a read
        seen.clear()


class RequestScope:
    """ASGI middleware: each HTTP request reads the workspace's revision at most once
    (until it commits a write)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _SEEN.set([])
        try:
            await self.app(scope, receive, send)
        finally:
            _SEEN.reset(token)
