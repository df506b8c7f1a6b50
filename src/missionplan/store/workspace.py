"""The workspace: one object over the database for the CLI and the web room."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from ..errors import ConflictError, UnknownItemError, WorkspaceError
from ..exercise import BranchState, Delivery, Exercise, ExerciseFile
from ..model import Plan
from ..monitor.columns import ColumnBatch
from ..monitor.importer import ObservationFile
from ..monitor.observations import Observation, Series
from ..monitor.readers import CHUNK
from ..planfile import loads_plan
from . import audit as audit_log
from . import backup as backup_mod
from . import clock, edits, plans, syndicates
from . import exercise as exercise_store
from . import observations as obs
from .clock import CurrentDay
from .engine import (
    lift_revision,
    make_engine,
    read_connection,
    read_revision,
    read_revisions,
    read_statement,
    write_transaction,
)
from .exercise import AUTHOR
from .migrate import upgrade
from .plancache import PlanCache
from .readahead import read_ahead
from .records import AuditEntry, ImportResult, ItemRecord, PlanVersion
from .schema import ActualRow, AssumptionRow, Base, ObservationRow, table
from .syndicates import Syndicate

__all__ = ["ASSUMPTION_STATES", "Workspace", "open_workspace"]

ASSUMPTION_STATES = ("holding", "failing", "unknown")
_A = table(ActualRow)
_S = table(AssumptionRow)


def open_workspace(url: str | None = None) -> Workspace:
    """Open (creating and migrating on first use) the workspace at ``url``."""
    engine = make_engine(url)
    try:
        upgrade(engine)
    except WorkspaceError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise WorkspaceError(f"cannot open the workspace at {engine.url!r}: {exc}",
                             code="db-unreachable") from None
    return Workspace(engine)


class Workspace:
    """Plans and their versions, actual dates, observations, assumptions, the audit log.

    A workspace object reads and writes one *branch*: the workspace's own plan ('', the
    default) or one syndicate's copy of it in an exercise (:meth:`on`). The clock, the
    accounts and the exercise are the workspace's, shared by every branch.
    """

    def __init__(self, engine: Engine, *, branch: str = "",
                 cache: PlanCache | None = None) -> None:
        self.engine = engine
        self.branch = branch
        self._plans = cache if cache is not None else PlanCache()

    def on(self, branch: str) -> Workspace:
        """The same workspace, reading and writing ``branch`` ('' the workspace's own plan;
        a syndicate's name its copy). Shares the connection pool and the parsed plans."""
        return self if branch == self.branch else Workspace(self.engine, branch=branch,
                                                            cache=self._plans)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- plans -----------------------------------------------------------------------------

    def import_plan(self, text: str, *, user: str, note: str = "", filename: str = "<plan>",
                    expected_version: int | None = None) -> PlanVersion:
        """Store ``text`` as a new version of its plan (``expected_version`` guards edits)."""
        with write_transaction(self.engine) as conn:
            return plans.add_version(conn, text, user=user, note=note, filename=filename,
                                     expected_version=expected_version, branch=self.branch)

    def has_plan(self) -> bool:
        with read_connection(self.engine) as conn:
            return plans.has_version(conn, branch=self.branch)

    def export_plan(self, version: int | None = None, *, plan_id: str | None = None) -> str:
        """The plan file text of a version, exactly as imported (the newest by default)."""
        with read_connection(self.engine) as conn:
            return plans.plan_text(conn, plan_id=plan_id, version=version, branch=self.branch)

    def current_plan(self, *, with_state: bool = True, plan_id: str | None = None) -> Plan:
        """The newest plan; with recorded actual dates and assumption states applied. The
        files it names (directive, geography) resolve against the built-in scenario's
        folder, as the web workspace resolves them."""
        from ..scenarios import scenario_dir

        plan = loads_plan(self.export_plan(plan_id=plan_id), filename="<workspace>")
        plan.set_base_dir(scenario_dir())
        if not with_state:
            return plan
        return self._with_state(plan, self.actuals(), self.corrections(),
                                self.assumption_states())

    @staticmethod
    def _with_state(plan: Plan, actuals: dict[str, date], corrections: Iterable[str],
                    states: dict[str, str]) -> Plan:
        """``plan`` with recorded dates (of events it has) and assumption states applied;
        its files resolve against the built-in scenario's folder."""
        from ..scenarios import scenario_dir

        known = set(plan.event_ids())
        plan = plan.with_dates(actuals={k: v for k, v in actuals.items() if k in known},
                               corrections=set(corrections))
        plan.assumptions = [a.model_copy(update={"status": states[a.id]}) if a.id in states
                            else a for a in plan.assumptions]
        plan.set_base_dir(scenario_dir())
        return plan

    def plan_versions(self, plan_id: str | None = None) -> list[PlanVersion]:
        with read_connection(self.engine) as conn:
            return plans.versions(conn, plan_id, branch=self.branch)

    def revision(self) -> int:
        """A number that changes with every committed write, by any process: the same
        number means the same content."""
        with read_statement(self.engine) as conn:
            return read_revision(conn)

    def revisions(self) -> tuple[int, int]:
        """The workspace's revision and the plan's (every write but one of observations
        alone raises the second): see :func:`missionplan.store.engine.read_revisions`."""
        with read_statement(self.engine) as conn:
            return read_revisions(conn)

    def item(self, item_id: str, *, version: int | None = None) -> ItemRecord:
        with read_connection(self.engine) as conn:
            return plans.item(conn, item_id, version=version, branch=self.branch)

    def update_item(self, item_id: str, data: dict[str, Any], *, user: str, etag: str,
                    note: str = "") -> PlanVersion:
        """Save a changed item as a new plan version; refused if ``etag`` is stale.

        The plan with the change is checked by the plan file loader (its messages name
        ``<edit of ITEM>``); a stale etag, or a save racing another, is a ConflictError.
        """
        with write_transaction(self.engine) as conn:
            row = plans.version_row(conn, plan_id=None, version=None, branch=self.branch)
            current = plans.item_of(conn, row, item_id)
            if current.etag != etag:
                raise ConflictError(f"'{item_id}' was changed by someone else (version "
                                    f"{current.version}); reload it and apply your edit again")
            old, base = self._plans.entry(row)
            plan, text = edits.with_item(base, current.section, data, replace=item_id,
                                         previous=(old, str(row.text)))
            saved = plans.add_version(conn, text, user=user, note=note or f"edit {item_id}",
                                      expected_version=current.version, plan=plan,
                                      branch=self.branch,
                                      changed=plans.family(old, item_id) | plans.family(
                                          plan, str(data.get("id", item_id))))
        self._plans.put((saved.plan_id, saved.version, saved.sha256), plan)
        return saved

    def add_item(self, section: str, data: dict[str, Any], *, user: str,
                 expected_version: int | None = None, note: str = "") -> PlanVersion:
        """Add an item to ``section`` of the newest plan, as a new version (checked as
        :meth:`update_item` checks); refused if the plan is no longer ``expected_version``."""
        with write_transaction(self.engine) as conn:
            row = plans.version_row(conn, plan_id=None, version=None, branch=self.branch)
            if expected_version is not None and expected_version != row.version:
                raise ConflictError(f"plan '{row.plan_id}' is at version {row.version}, not "
                                    f"{expected_version}: someone saved it first; reload and "
                                    "retry")
            old, base = self._plans.entry(row)
            plan, text = edits.with_item(base, section, data, replace=None,
                                         previous=(old, str(row.text)))
            saved = plans.add_version(conn, text, user=user, plan=plan, branch=self.branch,
                                      note=note or f"add {data.get('id')}",
                                      expected_version=row.version,
                                      changed=plans.family(plan, str(data.get("id"))))
        self._plans.put((saved.plan_id, saved.version, saved.sha256), plan)
        return saved

    def stored_plan(self, version: int | None = None, *, plan_id: str | None = None,
                    sha256: str | None = None) -> Plan:
        """A version as stored (the newest by default), parsed once and kept in memory.

        A shallow copy: set attributes freely, but do not change its lists in place.
        ``sha256``: the text the caller expects; another text under that number (the
        workspace was restored meanwhile) is a ConflictError.
        """
        with read_connection(self.engine) as conn:
            row = plans.version_row(conn, plan_id=plan_id, version=version,
                                    branch=self.branch, text=False)
            if sha256 is not None and row.sha256 != sha256:
                raise ConflictError(f"version {row.version} of the plan changed while it "
                                    "was read (the workspace was restored): reload")
            return self._plans.plan(row, lambda: plans.text_of(conn, row.id))

    # -- actual dates and assumptions ------------------------------------------------------

    def record_actual(self, event: str, day: date, *, user: str, correction: bool = False,
                      note: str = "") -> None:
        """Record the day ``event`` actually happened, or correct an earlier record.

        Refused (FactError) when ``day`` is after the workspace's current day
        (``future-actual``) or against the plan's logic given the other dates recorded
        (``against-logic``, the reason in the directive's words), unless ``correction``
        confirms it as a correction of the plan's logic. Audited with who, before and after.
        """
        self._known(event, "events")
        with write_transaction(self.engine) as conn:
            self._record(conn, event, day, user=user, correction=correction, note=note)

    def _record(self, conn: Any, event: str, day: date, *, user: str, correction: bool = False,
                note: str = "", or_correct: bool = False) -> bool:
        """:meth:`record_actual` inside a transaction. ``or_correct``: a date against the
        plan's logic is recorded as a correction (with the reason in its note) instead of
        refused. Returns whether it was recorded as a correction."""
        from ..errors import FactError
        from ..temporal.facts import check_facts

        if plans.latest_row(conn, branch=self.branch) is not None:
            plan = self._dated_plan(conn, without=event)
            try:
                check_facts(plan, {event: day}, today=clock.read(conn).day,
                            corrections={event} if correction else frozenset())
            except FactError as exc:
                if not (or_correct and exc.code == "against-logic"):
                    raise
                correction = True
                note = f"{note} — recorded against the plan's logic: {exc}".strip(" —")[:500]
        old = conn.execute(select(_A.c.date, _A.c.correction).where(
            *self._mine(_A), _A.c.event_id == event)).first()
        conn.execute(delete(_A).where(*self._mine(_A), _A.c.event_id == event))
        conn.execute(insert(_A).values(branch=self.branch, event_id=event, date=day,
                                       recorded_at=audit_log.now(), recorded_by=user,
                                       correction=correction, note=note))
        after: dict[str, object] = {"date": day}
        if correction:
            after["correction"] = True
        if note:
            after["note"] = note
        audit_log.write(conn, user=user, action="actual.record", item=event,
                        before=None if old is None else _actual_entry(old), after=after,
                        branch=self.branch)
        return correction

    def clear_actual(self, event: str, *, user: str) -> date:
        """Clear the recorded date of ``event`` (a mistake); audited, the date kept there.
        Returns the date cleared; UnknownItemError when none was recorded."""
        with write_transaction(self.engine) as conn:
            old = conn.execute(select(_A.c.date, _A.c.correction).where(
                *self._mine(_A), _A.c.event_id == event)).first()
            if old is None:
                raise UnknownItemError(f"no actual date is recorded for '{event}'",
                                       code="no-actual")
            conn.execute(delete(_A).where(*self._mine(_A), _A.c.event_id == event))
            audit_log.write(conn, user=user, action="actual.clear", item=event,
                            before=_actual_entry(old), after=None, branch=self.branch)
            return date.fromisoformat(str(old.date)) if isinstance(old.date, str) else old.date

    def _dated_plan(self, conn: Any, *, without: str) -> Plan:
        """The newest plan with the dates recorded (but ``without``'s), as facts are read."""
        from ..scenarios import scenario_dir

        row = plans.version_row(conn, plan_id=None, version=None, branch=self.branch)
        plan = self._plans.plan(row).model_copy()
        plan.set_base_dir(scenario_dir())  # the directive's words, for a refusal
        rows = conn.execute(select(_A.c.event_id, _A.c.date, _A.c.correction).where(
            *self._mine(_A))).all()
        known = set(plan.event_ids())
        dated = {r.event_id: r.date for r in rows if r.event_id != without and
                 r.event_id in known}
        return plan.with_dates(actuals=dated, corrections={
            r.event_id for r in rows if r.correction})

    def actuals(self) -> dict[str, date]:
        with read_connection(self.engine) as conn:
            return {r.event_id: r.date for r in conn.execute(
                select(_A.c.event_id, _A.c.date).where(*self._mine(_A)))}

    def corrections(self) -> set[str]:
        """Events whose recorded date is a confirmed correction of the plan's logic."""
        with read_connection(self.engine) as conn:
            return {r.event_id for r in conn.execute(
                select(_A.c.event_id).where(*self._mine(_A), _A.c.correction.is_(True)))}

    def set_assumption(self, assumption: str, status: str, *, user: str,
                       note: str = "") -> None:
        """Mark an assumption holding, failing or unknown."""
        if status not in ASSUMPTION_STATES:
            raise WorkspaceError(f"'{status}' is not an assumption state: use "
                                 + ", ".join(ASSUMPTION_STATES), code="bad-state")
        self._known(assumption, "assumptions")
        with write_transaction(self.engine) as conn:
            self._set_state(conn, assumption, status, user=user, note=note)

    def _set_state(self, conn: Any, assumption: str, status: str, *, user: str,
                   note: str) -> None:
        old = conn.execute(select(_S.c.status).where(
            *self._mine(_S), _S.c.assumption_id == assumption)).scalar()
        conn.execute(delete(_S).where(*self._mine(_S), _S.c.assumption_id == assumption))
        conn.execute(insert(_S).values(branch=self.branch, assumption_id=assumption,
                                       status=status, note=note,
                                       changed_at=audit_log.now(), changed_by=user))
        audit_log.write(conn, user=user, action="assumption.set", item=assumption,
                        before=None if old is None else {"status": old},
                        after={"status": status, "note": note}, branch=self.branch)

    def assumption_states(self) -> dict[str, str]:
        with read_connection(self.engine) as conn:
            return {r.assumption_id: r.status
                    for r in conn.execute(select(_S.c.assumption_id, _S.c.status).where(
                        *self._mine(_S)))}

    def _mine(self, rows: Any) -> list[Any]:
        """The condition that keeps this branch's rows of a table with a branch column."""
        return [rows.c.branch == self.branch]

    def _known(self, item_id: str, section: str) -> None:
        if not self.has_plan():
            return
        plan = self.stored_plan()
        ids = {i.id for i in getattr(plan, section)}
        if item_id not in ids:
            import difflib

            close = difflib.get_close_matches(item_id, sorted(ids), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UnknownItemError(f"the plan has no {section[:-1]} '{item_id}'{hint}",
                                   code="unknown-event" if section == "events" else None)

    # -- syndicates --------------------------------------------------------------------------

    def add_syndicate(self, name: str, *, user: str, title: str = "") -> Syndicate:
        """Make a syndicate with its own copy (branch) of the workspace's plan as it stands:
        the newest version, the actual dates and assumption states recorded (audited)."""
        with write_transaction(self.engine) as conn:
            return syndicates.add(conn, name, title=title, user=user)

    def syndicates(self) -> list[Syndicate]:
        """The exercise's syndicates, in the order they were made."""
        with read_connection(self.engine) as conn:
            return syndicates.listed(conn)

    def syndicate(self, name: str) -> Syndicate:
        """Syndicate ``name``; WorkspaceError ``unknown-syndicate`` when there is none."""
        with read_connection(self.engine) as conn:
            return syndicates.listed_one(conn, name)

    # -- the clock -------------------------------------------------------------------------

    def current_day(self) -> CurrentDay:
        """The day every "as of" defaults to: the scenario day, else the wall clock."""
        with read_connection(self.engine) as conn:
            return clock.read(conn)

    def scenario_day(self) -> CurrentDay | None:
        """The scenario day set for an exercise, or None when the wall clock decides."""
        with read_connection(self.engine) as conn:
            return clock.scenario_day(conn)

    def set_day(self, day: date, *, user: str) -> CurrentDay:
        """Set the scenario day (audited as ``clock.set``); an exercise's injects due by
        then are delivered in the same transaction (see :meth:`load_exercise`)."""
        with write_transaction(self.engine) as conn:
            now = clock.move(conn, day, user=user, action="clock.set")
            self._deliver(conn, now.day, user=user)
            return now

    def advance(self, step: str, *, user: str) -> CurrentDay:
        """Move the current day on by ``step`` (``7d``, ``2w``, ``1mo``; from the wall clock
        when no scenario day is set), audited as ``clock.advance``."""
        duration = clock.parse_step(step)
        with write_transaction(self.engine) as conn:
            start = clock.read(conn).day
            try:
                day = duration.add_to(start)
            except (OverflowError, ValueError):
                raise WorkspaceError(f"{start} moved by {step} is not a day of the calendar",
                                     code="bad-date") from None
            now = clock.move(conn, day, user=user, action="clock.advance", step=step)
            self._deliver(conn, now.day, user=user)
            return now

    def unset_day(self, *, user: str) -> CurrentDay:
        """Hand the day back to the wall clock (audited as ``clock.unset``)."""
        with write_transaction(self.engine) as conn:
            return clock.move(conn, None, user=user, action="clock.unset")

    # -- the exercise ------------------------------------------------------------------------

    def load_exercise(self, text: str, *, user: str, name: str = "<exercise>") -> Exercise:
        """Check exercise file ``text`` against the workspace's plan and store it.

        A DataFileError (``exercise-file``, located) when it does not fit, and nothing is
        changed. When no scenario day is set, the clock is set to the day the exercise
        starts. Injects due by the current day are delivered at once, and from then on
        whenever the clock moves on (:meth:`set_day`, :meth:`advance`): to every syndicate,
        or, while there is none, to the workspace's own plan. Loading another file
        replaces this one; injects delivered stay delivered. Impacts are measured by
        :meth:`measure_impacts`.
        """
        from ..exercise import loads_exercise

        own = self.on("")
        exercise = loads_exercise(text, own.current_plan(), name=name)
        with write_transaction(self.engine) as conn:
            exercise_store.save(conn, text, exercise.file.id, user=user)
            now = clock.scenario_day(conn)
            if now is None:
                now = clock.move(conn, exercise.file.starts, user=user, action="clock.set")
            self._deliver(conn, now.day, user=user)
        return exercise

    def exercise(self) -> ExerciseFile | None:
        """The exercise file loaded, or None."""
        with read_connection(self.engine) as conn:
            return exercise_store.stored_file(conn)

    def exercise_text(self) -> str | None:
        with read_connection(self.engine) as conn:
            return exercise_store.stored(conn)

    def deliveries(self, *, every_branch: bool = False,
                   pending: bool = False) -> list[Delivery]:
        """The injects delivered to this branch (``every_branch``: to all), oldest first,
        with their detail from the exercise file."""
        with read_connection(self.engine) as conn:
            return exercise_store.deliveries(
                conn, branch=None if every_branch else self.branch,
                exercise=exercise_store.stored_file(conn), pending=pending)

    def measure_impacts(self, *, samples: int | None = None, seed: int = 0,
                        progress: Callable[[int, int], None] | None = None
                        ) -> list[Delivery]:
        """Measure what each delivered inject not yet measured broke, in any branch (the
        plan just before and just after it, as of the day it arrived) and keep it.
        ``progress(done, total)`` after each. Returns the deliveries measured."""
        from ..exercise import IMPACT_SAMPLES, measure

        pending = self.deliveries(every_branch=True, pending=True)
        for done, delivery in enumerate(pending):
            branch = self.on(delivery.branch)
            impact = measure(branch._state_plan(delivery.before),
                             branch._state_plan(delivery.after),
                             as_of=delivery.due or delivery.day,
                             samples=IMPACT_SAMPLES if samples is None else samples,
                             seed=seed, deployment=delivery.touches_deployment,
                             series=branch._series_around(delivery))
            with write_transaction(self.engine) as conn:
                exercise_store.save_impact(conn, delivery.id, impact)
            if progress is not None:
                progress(done + 1, len(pending))
        return pending

    def _deliver(self, conn: Any, day: date, *, user: str) -> int:
        """Deliver every inject due by ``day`` to every syndicate (or, with none, to the
        workspace's own plan), inside the clock's transaction; returns how many."""
        file = exercise_store.stored_file(conn)
        if file is None:
            return 0
        branches = [s.name for s in syndicates.listed(conn)] or [""]
        labels = self._deployment_labels(conn)
        return sum(self.on(b)._deliver_here(conn, file, day, user=user, labels=labels)
                   for b in branches)

    def _deliver_here(self, conn: Any, file: ExerciseFile, day: date, *, user: str,
                      labels: dict[str, str]) -> int:
        from ..exercise import apply_inject
        from ..planfile import dump_plan

        if plans.latest_row(conn, branch=self.branch) is None:
            return 0
        done = exercise_store.delivered(conn, self.branch)
        count = 0
        while True:
            before = self._branch_state(conn)
            due = sorted((when, i) for i, inject in enumerate(file.injects)
                         if inject.id not in done
                         and (when := inject.due(before.actuals)) is not None and when <= day)
            if not due:
                return count
            when, index = due[0]
            inject = file.injects[index]
            row = plans.version_row(conn, plan_id=None, version=None, branch=self.branch)
            applied = apply_inject(inject, self._plans.plan(row), due=when,
                                   happened=before.actuals, labels=labels)
            why = f"exercise inject '{inject.id}': {inject.title}"
            version = None
            if applied.plan is not None:
                version = plans.add_version(conn, dump_plan(applied.plan), user=AUTHOR,
                                            note=why, branch=self.branch).version
            for event, happened in sorted(applied.actuals.items(), key=lambda kv: kv[1]):
                self._record(conn, event, happened, user=AUTHOR, note=why, or_correct=True)
            for assumption, state in applied.states.items():
                self._set_state(conn, assumption, state, user=AUTHOR, note=why)
            if applied.observations:
                self._add_rows(conn, applied.observations, user=AUTHOR,
                               source_name=f"exercise inject {inject.id}")
            exercise_store.add(conn, inject=inject.id, branch=self.branch, day=day,
                               due=when, version=version, changes=applied.changes, before=before,
                               after=self._branch_state(conn),
                               touches_deployment=applied.touches_deployment, user=user)
            done.add(inject.id)
            count += 1

    def _series_around(self, delivery: Delivery) -> tuple[dict[str, Series],
                                                          dict[str, Series]] | None:
        """The headline series as of the delivery's day without and with the inject's own
        observations (None when it brought none)."""
        inject = delivery.detail
        if inject is None or not any(e.observations for e in inject.effects):
            return None
        due = delivery.due or delivery.day
        own = {(r.indicator, r.day(due)) for e in inject.effects for r in e.observations or ()
               if r.pcode is None}
        after = self.headline(as_of=due)
        before = {ind: [(d, v) for d, v in points if (ind, d) not in own]
                  for ind, points in after.items()}
        return before, after

    def _branch_state(self, conn: Any) -> BranchState:
        row = plans.version_row(conn, plan_id=None, version=None, branch=self.branch)
        rows = conn.execute(select(_A.c.event_id, _A.c.date, _A.c.correction).where(
            *self._mine(_A))).all()
        states = {r.assumption_id: r.status for r in conn.execute(
            select(_S.c.assumption_id, _S.c.status).where(*self._mine(_S)))}
        return BranchState(int(row.version), {r.event_id: _as_date(r.date) for r in rows},
                           frozenset(r.event_id for r in rows if r.correction), states)

    def _state_plan(self, state: BranchState) -> Plan:
        """This branch's plan as it stood in ``state``: its version, dates and states."""
        return self._with_state(self.stored_plan(state.version).model_copy(), state.actuals,
                                state.corrections, state.states)

    def _deployment_labels(self, conn: Any) -> dict[str, str]:
        """Names of the units and places of the workspace's plan's deployment data."""
        from ..errors import MissionplanError
        from ..logistics import load_deployment
        from ..scenarios import scenario_dir

        plan = self._plans.plan(plans.version_row(conn, plan_id=None, version=None))
        if plan.deployment is None:
            return {}
        plan = plan.model_copy()
        plan.set_base_dir(scenario_dir())
        try:
            data = load_deployment(plan)
        except MissionplanError:
            return {}
        return {**{p.id: p.name for p in data.places.values() if p.name},
                **{u.id: u.name for u in data.force.units if u.name}}

    # -- observations ----------------------------------------------------------------------

    def import_observations(self, path: Path | str, *, user: str, skip_bad_rows: bool = False,
                            progress: Callable[[int], None] | None = None,
                            chunk: int = CHUNK) -> ImportResult:
        """Import a CSV, XLSX or HXL file; with bad rows nothing is stored unless skipped.

        The file is read and checked ``chunk`` rows at a time, column by column;
        ``progress`` is called with the running count of rows stored after each chunk,
        inside the transaction (so a crash there leaves nothing behind).
        Once a bad row is met (and not to be skipped) the rest is only checked, so that
        every bad row is reported, and nothing is stored.
        """
        known = ({i.id for i in self.stored_plan().indicators}
                 if self.has_plan() else None)
        source = ObservationFile(path, indicators=known, chunk=chunk)

        def batches() -> Iterator[ColumnBatch]:
            for batch in source.batches():
                if skip_bad_rows or not source.problems:
                    yield batch

        result = self._store(read_ahead(batches()), user=user, source_name=Path(path).name,
                             verify=lambda: source.check(skip_bad_rows=skip_bad_rows),
                             progress=progress)
        return replace(result, skipped=list(source.problems))

    def add_observations(self, rows: Iterable[Observation], *, user: str,
                         source_name: str = "",
                         verify: Callable[[], None] | None = None) -> ImportResult:
        """Store ``rows`` in one transaction: all of them or, on any error, none.

        ``verify`` runs after the rows are written and before the commit; if it raises,
        nothing is stored.
        """
        def batches() -> Iterator[ColumnBatch]:
            it = iter(rows)
            while part := list(islice(it, obs.CHUNK)):
                yield ColumnBatch.of(part)

        return self._store(batches(), user=user, source_name=source_name, verify=verify)

    def _add_rows(self, conn: Any, rows: list[Observation], *, user: str,
                  source_name: str) -> None:
        """Store ``rows`` as one import of this branch inside a transaction, audited."""
        at = audit_log.now()
        batch_id = obs.new_batch(conn, source_name=source_name, user=user, at=at,
                                 branch=self.branch)
        total = obs.insert_observations(conn, rows, batch_id=batch_id)
        obs.set_batch_rows(conn, batch_id, total)
        counts = Counter(r.indicator for r in rows)
        audit_log.write_many(conn, [
            {"at": at, "user": user, "action": "observations.import", "item": ind,
             "branch": self.branch, "before": None,
             "after": {"batch": batch_id, "rows": n, "source": source_name,
                       "first": min(r.date for r in rows if r.indicator == ind),
                       "last": max(r.date for r in rows if r.indicator == ind)}}
            for ind, n in sorted(counts.items())])

    def _store(self, batches: Iterable[ColumnBatch], *, user: str, source_name: str,
               verify: Callable[[], None] | None = None,
               progress: Callable[[int], None] | None = None) -> ImportResult:
        """Insert the batches, then audit one entry per indicator; one transaction."""
        counts: Counter[str] = Counter()
        spans: dict[str, tuple[date, date]] = {}
        with write_transaction(self.engine, serialise=False, bulk=True,
                               observations_only=True) as conn:
            at = audit_log.now()
            batch_id = obs.new_batch(conn, source_name=source_name, user=user, at=at,
                                     branch=self.branch)
            total = 0
            for batch in batches:
                total += obs.insert_columns(conn, batch, batch_id=batch_id)
                _tally(batch, counts, spans)
                if progress is not None:
                    progress(total)
            if verify is not None:
                verify()
            obs.set_batch_rows(conn, batch_id, total)
            audit_log.write_many(conn, [
                {"at": at, "user": user, "action": "observations.import", "item": ind,
                 "branch": self.branch, "before": None,
                 "after": {"batch": batch_id, "rows": n, "source": source_name,
                           "first": spans[ind][0], "last": spans[ind][1]}}
                for ind, n in sorted(counts.items())])
        return ImportResult(total, batch_id, indicators=sorted(counts))

    def observations(self, indicator: str | None = None, *,
                     as_of: date | None = None) -> list[Observation]:
        with read_connection(self.engine) as conn:
            return obs.observations(conn, indicator, as_of=as_of, branch=self.branch)

    def headline(self, *, as_of: date | None = None,
                 indicators: Sequence[str] | None = None) -> dict[str, Series]:
        """Every indicator's headline series up to ``as_of`` (one aggregate query)."""
        with read_connection(self.engine) as conn:
            return obs.headline(conn, as_of=as_of, indicators=indicators, branch=self.branch)

    def synthetic_observations(self) -> bool:
        """Whether any observation's source says it is synthetic (sample data)."""
        from sqlalchemy import func

        o = table(ObservationRow)
        with read_connection(self.engine) as conn:
            return conn.execute(select(o.c.id).where(
                func.lower(o.c.source).like("%synthetic%")).limit(1)).first() is not None

    def observation_count(self) -> int:
        with read_connection(self.engine) as conn:
            return obs.count(conn, branch=self.branch)

    # -- the log, backup, reset ------------------------------------------------------------

    def history(self, item: str) -> list[AuditEntry]:
        with read_connection(self.engine) as conn:
            return audit_log.entries(conn, item=item, branch=self.branch)

    def audit(self, *, limit: int | None = None,
              every_branch: bool = False) -> list[AuditEntry]:
        """The log of this branch, newest first (``every_branch``: of all of them)."""
        with read_connection(self.engine) as conn:
            return audit_log.entries(conn, limit=limit, newest_first=True,
                                     branch=None if every_branch else self.branch)

    def backup(self, path: Path | str) -> str:
        """Copy the live workspace to ``path``; returns the kind ('sqlite' or 'json')."""
        return backup_mod.backup(self.engine, Path(path))

    def restore(self, path: Path | str, *, user: str) -> str:
        """Replace the workspace with the backup at ``path`` (the restore is logged)."""
        before = self.revision()
        kind, fresh = backup_mod.restore(self.engine, Path(path))
        with write_transaction(self.engine) as conn:
            lift_revision(conn, max(before, fresh))
            audit_log.write(conn, user=user, action="workspace.restore", item="workspace",
                            after={"from": str(path), "kind": kind})
        return kind

    def clear(self, *, user: str) -> None:
        """Delete everything (for ``init --force``); the audit log keeps one entry saying so."""
        with write_transaction(self.engine) as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            audit_log.write(conn, user=user, action="workspace.clear", item="workspace")


def _as_date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _actual_entry(row: Any) -> dict[str, object]:
    entry: dict[str, object] = {"date": row.date}
    if row.correction:
        entry["correction"] = True
    return entry


def _tally(batch: ColumnBatch, counts: Counter[str], spans: dict[str, tuple[date, date]]) -> None:
    """Add a batch's rows per indicator and its first and last day to the running totals."""
    counts.update(batch.indicator)
    for indicator, day in set(zip(batch.indicator, batch.date, strict=True)):
        lo, hi = spans.get(indicator, (day, day))
        spans[indicator] = (min(lo, day), max(hi, day))
