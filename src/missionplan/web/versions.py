"""Plan versions for the web: the list, every difference between two, and the baseline.

A comparison takes each version as :meth:`WebState.version_plan` shows it to the
person and compares every field of the plan (:mod:`missionplan.model.diff`), then the actual dates
recorded in the workspace when each was saved (rebuilt from the audit log, see
:mod:`missionplan.store.actualhistory`), or recorded now for ``"now"``, of the events
that version holds as the person sees it. An item restricted in either version, or in
the newest, is kept out of both sides (with what refers to it), so one not cleared for
it sees no trace of it in a comparison, even with a version where it was open. The
baseline is one version per plan, kept in the ``plan_baseline`` table; setting it is
written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select

from ..errors import UnknownItemError
from ..model import Plan
from ..model.diff import Change, Form, Record, diff_forms, diff_records, plan_form, section_title
from ..schedule import build_schedule
from ..store import audit as audit_log
from ..store.actualhistory import actuals_by_version
from ..store.engine import read_connection, write_transaction
from ..store.schema import PlanBaselineRow, table
from .accounts import Account
from .auth import may_manage_plan, require
from .state import WebState
from .visibility import is_cleared, without_restricted

__all__ = ["NOW", "RECORDED", "Version", "VersionDiff", "baseline_dates", "baseline_version",
           "compare_versions", "plan_at", "set_baseline"]

_T = table(PlanBaselineRow)
NOW: Literal["now"] = "now"
Version = int | Literal["now"]
"""A stored version by number, or ``"now"``: the newest with the dates recorded now."""
RECORDED = "recorded_actual_dates"  # the section of the dates recorded in the workspace


@dataclass(frozen=True, slots=True)
class VersionDiff:
    """Every change from version ``old`` to version ``new`` (or to ``now``: the newest
    version with the actual dates recorded now), in sections of the plan's fields, then
    the recorded actual dates."""

    old: int
    new: Version
    changes: list[Change]

    def sections(self) -> list[tuple[str, str, list[Change]]]:
        """(section, its title for people, its changes), in order, empty ones left out."""
        grouped: dict[str, list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.section, []).append(change)
        return [(key, section_title(key), changes) for key, changes in grouped.items()]

    def to_json(self) -> dict[str, object]:
        return {"old": self.old, "new": self.new,
                "sections": [{"section": key, "title": title,
                              "changes": [c.to_json() for c in changes]}
                             for key, title, changes in self.sections()]}


def plan_at(state: WebState, account: Account, version: int) -> Plan:
    """Stored version ``version`` of the plan as ``account`` may see it (parsed and
    filtered once per version and clearance)."""
    versions = state.plan_versions()
    known = {v.version: v.sha256 for v in versions}
    if version not in known:
        raise UnknownItemError(f"the plan has no version {version} (versions: "
                               f"{min(known, default=0)}–{max(known, default=0)})")
    return state.version_plan(version, account)


def compare_versions(state: WebState, account: Account, old: int, new: Version
                     ) -> VersionDiff:
    """Every difference from version ``old`` to ``new`` (a version or ``"now"``): each
    field of the plan, and the actual dates recorded in the workspace at either time."""
    return state.derive(("version diff", old, new, is_cleared(account)),
                        lambda: _compare(state, account, old, new), observed=False)


def _compare(state: WebState, account: Account, old: int, new: Version) -> VersionDiff:
    stored = new if isinstance(new, int) else state.latest_version()
    hidden = _hidden(state, account, {old, stored, state.latest_version()})
    (before, was), (after, now) = (_side(state, account, v, hidden) for v in (old, stored))
    changes = diff_forms(was, now)
    changes += diff_records(RECORDED, _recorded(before, _recorded_actuals(state, old)),
                            _recorded(after, _recorded_actuals(state, new)))
    return VersionDiff(old, new, changes)


def _hidden(state: WebState, account: Account, versions: set[int]) -> frozenset[str]:
    """Ids of the items ``account`` may not see in any of ``versions``: an item
    restricted in one (the newest among them) is kept out of the others too."""
    if is_cleared(account):
        return frozenset()

    def hidden_in(version: int) -> frozenset[str]:
        name = state.version_name(version)
        return state.keep(("version hidden", *name), lambda: frozenset(
            state.ws.stored_plan(version, sha256=name[1]).item_index())
            - frozenset(plan_at(state, account, version).item_index()))

    return frozenset().union(*(hidden_in(v) for v in versions))


def _side(state: WebState, account: Account, version: int, hidden: frozenset[str]
          ) -> tuple[Plan, Form]:
    """Version ``version`` as ``account`` sees it with the ``hidden`` items (and what
    refers to them) taken out too, and its :func:`plan_form`; kept by content."""
    plan = plan_at(state, account, version)
    extra = hidden & frozenset(plan.item_index())

    def make() -> tuple[Plan, Form]:
        seen = _without(plan, extra) if extra else plan
        return seen, plan_form(seen)

    return state.keep(("version side", *state.version_name(version), is_cleared(account),
                       extra), make)


def _without(plan: Plan, ids: frozenset[str]) -> Plan:
    """``plan`` with the items ``ids`` marked restricted, as people not cleared see it."""
    marked = plan.model_copy(deep=True)
    for _, item in marked.items():
        if item.id in ids:
            item.restricted = True
    return without_restricted(marked)


def _recorded_actuals(state: WebState, when: Version) -> dict[str, date]:
    """The actual dates recorded in the workspace (event → day) when version ``when``
    was saved, or ``"now"``; of every event, restricted or not."""
    if not isinstance(when, int):
        return state.derive(("actuals now",), state.ws.actuals, observed=False)
    history = state.derive(("actuals by version",), lambda: _history(state),
                           observed=False)
    if when not in history:
        raise UnknownItemError(f"the plan has no version {when}")
    return history[when]


def _history(state: WebState) -> dict[int, dict[str, date]]:
    plan_id = _plan_id(state)  # before taking a connection: it may read the workspace too
    with read_connection(state.ws.engine) as conn:
        return actuals_by_version(conn, plan_id, branch=state.ws.branch)


def _recorded(plan: Plan, actuals: dict[str, date]) -> dict[str, Record]:
    """Recorded actual dates as records, of the events ``plan`` holds (the dates of a
    version apply to those alone)."""
    events = {e.id: e.label() for e in plan.events}
    return {event: (events[event], {"date": day.isoformat()})
            for event, day in actuals.items() if event in events}


def _plan_id(state: WebState) -> str:
    versions = state.plan_versions()
    if not versions:
        raise UnknownItemError("the workspace holds no plan")
    return versions[-1].plan_id


def baseline_version(state: WebState) -> int | None:
    """The version set as the plan's baseline, if any."""
    return state.derive(("baseline",), lambda: _baseline_version(state),
                        observed=False)


def _baseline_version(state: WebState) -> int | None:
    plan_id = _plan_id(state)  # before taking a connection: it may read the workspace too
    with read_connection(state.ws.engine) as conn:
        row = conn.execute(select(_T.c.version).where(_T.c.plan_id == plan_id,
                                                      _T.c.branch == state.ws.branch)).first()
    return None if row is None else int(row[0])


def set_baseline(state: WebState, account: Account, version: int) -> None:
    """Make ``version`` the baseline (planning lead or administrator; audited)."""
    require(may_manage_plan(account), "only a planning lead sets the baseline")
    plan_at(state, account, version)  # the version exists
    plan_id = _plan_id(state)
    branch = state.ws.branch
    mine = (_T.c.plan_id == plan_id, _T.c.branch == branch)
    with write_transaction(state.ws.engine) as conn:
        old = conn.execute(select(_T.c.version).where(*mine)).first()
        values = {"version": version, "set_by": account.name, "set_at": audit_log.now()}
        if old is None:
            conn.execute(_T.insert().values(plan_id=plan_id, branch=branch, **values))
        else:
            conn.execute(_T.update().where(*mine).values(**values))
        audit_log.write(conn, user=account.name, action="plan.baseline", item=f"plan:{plan_id}",
                        before=None if old is None else {"baseline": int(old[0])},
                        after={"baseline": version}, branch=branch)


def baseline_dates(state: WebState, account: Account, as_of: date
                   ) -> tuple[int | None, dict[str, date | None]]:
    """The baseline version and each event's expected date under it (empty if none)."""
    version = baseline_version(state)
    if version is None:
        return None, {}
    def dates() -> dict[str, date | None]:
        sched = build_schedule(plan_at(state, account, version), as_of=as_of)
        return {row.id: row.expected or row.earliest for row in sched.events}

    key = ("baseline dates", *state.version_name(version), is_cleared(account), as_of)
    return version, state.keep(key, dates)
