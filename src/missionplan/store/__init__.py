"""The workspace database: plans and their versions, actual dates, observations, audit.

SQLite by default (``missionplan.db`` in the current folder, created on first
use; WAL, foreign keys on, one writer), PostgreSQL for a shared server
(``postgresql+psycopg://user:password@host/db``). The URL comes from the
caller, else ``$MISSIONPLAN_DB``, else the default file. Alembic migrations in
``migrations/`` run when a workspace is opened.

Public API (for the CLI and the web room)::

    open_workspace(url=None) -> Workspace
    Workspace.import_plan(text, *, user, note="", filename="<plan>",
                          expected_version=None) -> PlanVersion
    Workspace.current_plan(*, with_state=True, plan_id=None) -> Plan
    Workspace.plan_versions(plan_id=None) -> list[PlanVersion]
    Workspace.export_plan(version=None, *, plan_id=None) -> str     # text as imported
    Workspace.item(item_id, *, version=None) -> ItemRecord          # with its etag
    Workspace.update_item(item_id, data, *, user, etag, note="") -> PlanVersion
    Workspace.add_item(section, data, *, user, expected_version=None, note="") -> PlanVersion
    Workspace.stored_plan(version=None, *, plan_id=None) -> Plan    # parsed once, kept
    Workspace.record_actual(event, day, *, user) / actuals() -> dict[str, date]
    Workspace.set_assumption(id, status, *, user, note="") / assumption_states()
    Workspace.import_observations(path, *, user, skip_bad_rows=False, progress=None,
                                  chunk=200_000) -> ImportResult
    Workspace.add_observations(rows, *, user, source_name="") -> ImportResult
    Workspace.observations(indicator=None, *, as_of=None) -> list[Observation]
    Workspace.headline(*, as_of=None, indicators=None) -> dict[str, Series]
    Workspace.history(item) -> list[AuditEntry]; audit(*, limit=None)
    Workspace.backup(path) -> str; restore(path, *, user) -> str; clear(*, user)
    Workspace.revision() -> int            # changes with every committed write
    Workspace.revisions() -> (int, int)    # and the plan's: all but observation writes
    Workspace.current_day() -> CurrentDay  # the clock: the scenario day, else the wall clock
    Workspace.scenario_day() -> CurrentDay | None
    Workspace.set_day(day, *, user) / advance(step, *, user) / unset_day(*, user) -> CurrentDay
    wall_clock() -> CurrentDay             # the day outside any workspace (see ``clock``)
    Workspace.on(branch) -> Workspace      # a syndicate's copy of the plan ('' the own)
    Workspace.add_syndicate(name, *, user, title="") -> Syndicate; syndicates(); syndicate(n)

A workspace object reads and writes one *branch*: the workspace's own plan, or in an
exercise one syndicate's copy of it (plan versions, actual dates, assumption states,
baselines, observation imports, audit entries). The clock, the accounts and the
exercise are shared. Observations of the workspace's own branch are seen by every
syndicate; a syndicate's imports by it alone.

Every write is one transaction, so an interrupted write leaves the workspace as
it was, and appends to the audit log (who, when, action, item, before, after).
Plan versions are never overwritten. Optimistic concurrency: pass
``expected_version`` to ``import_plan`` or an item's ``etag`` to
``update_item``; a stale one raises :class:`~missionplan.errors.ConflictError`.
Writers take turns (SQLite: one writer per file; PostgreSQL: an advisory lock
per workspace schema, held to the commit), so of two saves made at the same
moment with the same etag one lands and the other gets the ConflictError; a
unique-key race on a version number, should one still happen, is a
ConflictError too, never a database error. ``update_item`` and ``add_item``
check the plan with the change by the plan file loader, once, inside the save
(messages name ``<edit of ITEM>``), and store it by rewriting only that item's
lines of the previous version's text (see ``edits``).
The planning process (``products``, ``discussion``)::

    Products(ws).statuses() / status(id) / move(id, to, *, user, capacities)
    Products(ws).sign_hr_check(id, *, user) / write_section(id, section, text, *, user,
                 base_version) / section(id, s, *, version=None) / draft(id)
    Discussion(ws).comment(target, text, *, user, parent=None) / comments(*, cleared)
    Discussion(ws).request_review / decide / decisions / assign / assignments / handovers

The ``account`` table is reserved for the web room's users and roles.
"""

from .clock import CurrentDay, wall_clock
from .discussion import Comment, Decision, Discussion, Handover, ReviewRequest
from .engine import DEFAULT_URL, ENV_VAR, make_engine, normalise_url
from .products import Products, ProductStatus, SectionDraft
from .records import AuditEntry, ImportResult, ItemRecord, PlanVersion
from .syndicates import Syndicate
from .workspace import ASSUMPTION_STATES, Workspace, open_workspace

__all__ = [
    "ASSUMPTION_STATES", "DEFAULT_URL", "ENV_VAR", "AuditEntry", "Comment", "CurrentDay",
    "Decision", "Discussion", "Handover", "ImportResult", "ItemRecord", "PlanVersion",
    "ProductStatus", "Products", "ReviewRequest", "SectionDraft", "Syndicate", "Workspace",
    "make_engine", "normalise_url", "open_workspace", "wall_clock",
]
