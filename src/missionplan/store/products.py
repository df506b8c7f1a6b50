"""The products of the planning process in the workspace: where each stands, its human
rights compliance check, and its draft, section by section, every version kept.

Each move of a product is one transaction, audited (``product.move``, item
``product:ID``). Reaching *endorsed* records the actual date of the product's event, the
workspace's current day, in the same transaction, so the timeline, the deadlines, the
odds and the brief follow at once (a date recorded before is kept); a date the plan's
logic refuses (the Mission Concept endorsed before the report it builds on) refuses the
endorsement.

A section is saved against the version its writer started from: a save over a newer
version is a ConflictError, and both texts stay (the web shows them side by side).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from ..errors import ConflictError, UnknownItemError, WorkspaceError
from ..model import Product
from ..process import Capacity, State, check_move
from . import audit as audit_log
from . import clock
from .engine import read_connection, write_transaction
from .schema import ActualRow, ProductStateRow, SectionDraftRow, table

if TYPE_CHECKING:
    from .workspace import Workspace

__all__ = ["ProductStatus", "Products", "SectionDraft"]

_A = table(ActualRow)
_P = table(ProductStateRow)
_D = table(SectionDraftRow)
_WRITABLE = (State.not_started, State.drafting, State.revision_requested)


@dataclass(frozen=True, slots=True)
class ProductStatus:
    """Where one product stands."""

    product: str
    state: State
    edition: int = 1
    changed_at: datetime | None = None
    changed_by: str | None = None
    hr_checked_by: str | None = None
    hr_checked_at: datetime | None = None
    hr_note: str = ""
    endorsed_by: str | None = None
    endorsed_at: datetime | None = None

    @property
    def hr_signed(self) -> bool:
        return self.hr_checked_by is not None

    def to_json(self) -> dict[str, object]:
        def iso(at: datetime | None) -> str | None:
            return at.isoformat() if at else None

        return {"product": self.product, "state": self.state.value, "edition": self.edition,
                "changed_at": iso(self.changed_at), "changed_by": self.changed_by,
                "hr_check": None if not self.hr_signed else {
                    "by": self.hr_checked_by, "at": iso(self.hr_checked_at),
                    "note": self.hr_note},
                "endorsed_by": self.endorsed_by, "endorsed_at": iso(self.endorsed_at)}


@dataclass(frozen=True, slots=True)
class SectionDraft:
    """One saved version of a section's text."""

    product: str
    section: str
    version: int
    text: str
    written_at: datetime
    written_by: str

    def to_json(self) -> dict[str, object]:
        return {"product": self.product, "section": self.section, "version": self.version,
                "text": self.text, "written_at": self.written_at.isoformat(),
                "written_by": self.written_by}


class Products:
    """The process's products in one branch of a workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # -- reading -----------------------------------------------------------------------

    def product(self, product_id: str) -> Product:
        """Product ``product_id`` of the workspace's newest plan, else UnknownItemError
        ``unknown-product`` (naming the closest)."""
        import difflib

        products = {p.id: p for p in self.ws.stored_plan().products}
        if product_id not in products:
            close = difflib.get_close_matches(product_id, sorted(products), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UnknownItemError(f"the plan has no product '{product_id}'{hint}",
                                   code="unknown-product")
        return products[product_id]

    def statuses(self) -> dict[str, ProductStatus]:
        """Every product of the plan with where it stands (not started when never moved)."""
        with read_connection(self.ws.engine) as conn:
            rows = {r.product_id: _status(r) for r in conn.execute(
                select(_P).where(_P.c.branch == self.ws.branch))}
        return {p.id: rows.get(p.id, ProductStatus(p.id, State.not_started))
                for p in self.ws.stored_plan().products}

    def status(self, product_id: str) -> ProductStatus:
        self.product(product_id)
        return self.statuses()[product_id]

    # -- moves -------------------------------------------------------------------------

    def move(self, product_id: str, to: State | str, *, user: str,
             capacities: frozenset[Capacity] | set[Capacity], note: str = "") -> ProductStatus:
        """Move a product to state ``to``, as someone with ``capacities`` (see
        :func:`missionplan.process.check_move`); endorsing it dates its event."""
        target = _state(to)
        product = self.product(product_id)
        with write_transaction(self.ws.engine) as conn:
            now = self._read(conn, product_id)
            check_move(product_id, now.state, target, capacities,
                       hr_needed=product.human_rights_check, hr_signed=now.hr_signed)
            values: dict[str, Any] = {"state": target.value, "changed_at": audit_log.now(),
                                      "changed_by": user}
            if target is State.endorsed:
                values |= {"endorsed_by": user, "endorsed_at": values["changed_at"]}
                if not self._dated(conn, product.event):
                    self.ws._record(conn, product.event, clock.read(conn).day, user=user,
                                    note=f"product '{product_id}' endorsed")
            if now.state is State.superseded:  # a new edition: checked and endorsed anew
                values |= {"edition": now.edition + 1, "hr_checked_by": None,
                           "hr_checked_at": None, "hr_note": "", "endorsed_by": None,
                           "endorsed_at": None}
            self._write(conn, product_id, values)
            if target in (State.validated, State.revision_requested):
                from .discussion import Discussion

                Discussion(self.ws).answer_reviews(conn, product_id, user, target.value)
            audit_log.write(conn, user=user, action="product.move", item=f"product:{product_id}",
                            before={"state": now.state.value},
                            after={"state": target.value, **({"note": note} if note else {})},
                            branch=self.ws.branch)
            return self._read(conn, product_id)

    def sign_hr_check(self, product_id: str, *, user: str, note: str = "") -> ProductStatus:
        """Sign off the product's human rights compliance check (Policy Committee decision
        2008/24): kept with who and when; only while it is in review or validated. Who
        may sign (a cleared reviewer) is the caller's to check."""
        self.product(product_id)
        with write_transaction(self.ws.engine) as conn:
            now = self._read(conn, product_id)
            if now.state not in (State.in_review, State.validated):
                raise WorkspaceError(f"product '{product_id}' is {now.state.label}: its human "
                                     "rights check is signed while it is in review or "
                                     "validated", code="bad-move")
            at = audit_log.now()
            self._write(conn, product_id, {"hr_checked_by": user, "hr_checked_at": at,
                                           "hr_note": note})
            audit_log.write(conn, user=user, action="product.hr-check",
                            item=f"product:{product_id}", after={"note": note}, at=at,
                            branch=self.ws.branch)
            return self._read(conn, product_id)

    def _dated(self, conn: Any, event: str) -> bool:
        """Whether ``event`` already has its actual date (an endorsement then keeps it)."""
        return conn.execute(select(_A.c.date).where(
            _A.c.branch == self.ws.branch, _A.c.event_id == event)).first() is not None

    def _read(self, conn: Any, product_id: str) -> ProductStatus:
        row = conn.execute(select(_P).where(_P.c.branch == self.ws.branch,
                                            _P.c.product_id == product_id)).first()
        return ProductStatus(product_id, State.not_started) if row is None else _status(row)

    def _write(self, conn: Any, product_id: str, values: dict[str, Any]) -> None:
        mine = (_P.c.branch == self.ws.branch, _P.c.product_id == product_id)
        if conn.execute(select(_P.c.state).where(*mine)).first() is None:
            conn.execute(insert(_P).values(
                branch=self.ws.branch, product_id=product_id,
                **{"state": State.not_started.value, "changed_at": audit_log.now(),
                   "changed_by": "", **values}))
        else:
            conn.execute(update(_P).where(*mine).values(**values))

    # -- drafts ------------------------------------------------------------------------

    def write_section(self, product_id: str, section_id: str, text: str, *, user: str,
                      base_version: int) -> SectionDraft:
        """Save ``text`` as the next version of a section, written from ``base_version``
        (0 for the first). A newer version saved meanwhile is a ConflictError; a section
        the plan fills, or a product not being drafted, is refused."""
        product = self.product(product_id)
        section = product.section(section_id)
        if section is None:
            names = ", ".join(s.id for s in product.sections) or "none"
            raise UnknownItemError(f"product '{product_id}' has no section '{section_id}' "
                                   f"(its sections: {names})", code="unknown-section")
        if section.fill is not None:
            raise WorkspaceError(f"section '{section_id}' is written by the plan "
                                 f"({section.fill.value}): change the plan instead",
                                 code="section-filled")
        with write_transaction(self.ws.engine) as conn:
            state = self._read(conn, product_id).state
            if state not in _WRITABLE:
                raise WorkspaceError(f"product '{product_id}' is {state.label}: its draft "
                                     "is written while it is being drafted or revised",
                                     code="not-drafting")
            latest = self._latest(conn, product_id, section_id)
            if latest != base_version:
                raise ConflictError(f"section '{section_id}' of '{product_id}' was saved by "
                                    f"someone else (version {latest}) after version "
                                    f"{base_version}, which this edit started from: compare "
                                    "both and save again")
            at = audit_log.now()
            conn.execute(insert(_D).values(branch=self.ws.branch, product_id=product_id,
                                           section_id=section_id, version=latest + 1,
                                           text=text, written_at=at, written_by=user))
            if state is State.not_started:
                self._write(conn, product_id, {"state": State.drafting.value,
                                               "changed_at": at, "changed_by": user})
                audit_log.write(conn, user=user, action="product.move",
                                item=f"product:{product_id}", at=at, branch=self.ws.branch,
                                before={"state": state.value},
                                after={"state": State.drafting.value})
            audit_log.write(conn, user=user, action="section.write",
                            item=f"product:{product_id}:{section_id}", at=at,
                            branch=self.ws.branch, after={"version": latest + 1,
                                                          "characters": len(text)})
        found = self.section(product_id, section_id)
        assert found is not None
        return found

    def _latest(self, conn: Any, product_id: str, section_id: str) -> int:
        return int(conn.execute(select(func.coalesce(func.max(_D.c.version), 0)).where(
            *self._draft_of(product_id, section_id))).scalar_one())

    def _draft_of(self, product_id: str, section_id: str) -> tuple[Any, ...]:
        return (_D.c.branch == self.ws.branch, _D.c.product_id == product_id,
                _D.c.section_id == section_id)

    def section(self, product_id: str, section_id: str, *,
                version: int | None = None) -> SectionDraft | None:
        """A version of a section (the newest by default); None before the first save."""
        query = select(_D).where(*self._draft_of(product_id, section_id))
        query = (query.where(_D.c.version == version) if version is not None
                 else query.order_by(_D.c.version.desc()).limit(1))
        with read_connection(self.ws.engine) as conn:
            row = conn.execute(query).first()
        return None if row is None else _draft(row)

    def section_versions(self, product_id: str, section_id: str) -> list[SectionDraft]:
        """Every saved version of a section, oldest first."""
        with read_connection(self.ws.engine) as conn:
            return [_draft(r) for r in conn.execute(select(_D).where(
                *self._draft_of(product_id, section_id)).order_by(_D.c.version))]

    def draft(self, product_id: str) -> dict[str, SectionDraft]:
        """The newest version of each section written so far."""
        with read_connection(self.ws.engine) as conn:
            rows = conn.execute(select(_D).where(
                _D.c.branch == self.ws.branch, _D.c.product_id == product_id).order_by(
                _D.c.section_id, _D.c.version)).all()
        return {r.section_id: _draft(r) for r in rows}


def _state(value: State | str) -> State:
    try:
        return State(value)
    except ValueError:
        raise WorkspaceError(f"'{value}' is not a product state: use "
                             + ", ".join(s.value for s in State), code="bad-state") from None


def _when(at: datetime | None) -> datetime | None:
    return None if at is None else audit_log.aware(at)


def _status(row: Any) -> ProductStatus:
    return ProductStatus(row.product_id, State(row.state), int(row.edition),
                         _when(row.changed_at), row.changed_by or None, row.hr_checked_by,
                         _when(row.hr_checked_at), row.hr_note, row.endorsed_by,
                         _when(row.endorsed_at))


def _draft(row: Any) -> SectionDraft:
    return SectionDraft(row.product_id, row.section_id, int(row.version), row.text,
                        audit_log.aware(row.written_at), row.written_by)
