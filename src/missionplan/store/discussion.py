"""How the team works together in the workspace: comments in threads (with mentions and
resolution), review requests to named reviewers, the decision log, who acts for which
actor of the plan, and handovers of the planning lead. Every write is audited.

A *target* names what a comment is about: a plan item's id (``mission_concept_ready``),
a product's section (``product:mission_concept:priorities``) or a deadline's relation id.
A restricted comment or decision (about a restricted item or section, or marked so) is
read only by those who ask with ``cleared=True``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update

from ..errors import UnknownItemError, WorkspaceError
from ..process import mentions
from . import audit as audit_log
from .engine import read_connection, write_transaction
from .schema import (
    ActorAccountRow,
    CommentRow,
    DecisionRow,
    LeadHandoverRow,
    ReviewRequestRow,
    table,
)

if TYPE_CHECKING:
    from .workspace import Workspace

__all__ = ["Comment", "Decision", "Discussion", "Handover", "ReviewRequest"]

_C = table(CommentRow)
_R = table(ReviewRequestRow)
_L = table(DecisionRow)
_A = table(ActorAccountRow)
_H = table(LeadHandoverRow)
_MAX_TEXT = 20_000


def _iso(at: datetime | date | None) -> str | None:
    return at.isoformat() if at is not None else None


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    target: str
    parent: int | None
    author: str
    at: datetime
    text: str
    restricted: bool
    resolved_by: str | None
    resolved_at: datetime | None

    @property
    def mentions(self) -> list[str]:
        return mentions(self.text)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "target": self.target, "parent": self.parent,
                "author": self.author, "at": _iso(self.at), "text": self.text,
                "restricted": self.restricted, "mentions": self.mentions,
                "resolved_by": self.resolved_by, "resolved_at": _iso(self.resolved_at)}


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    id: int
    product: str
    reviewer: str
    due: date | None
    requested_by: str
    requested_at: datetime
    answered_at: datetime | None
    answer: str | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "product": self.product, "reviewer": self.reviewer,
                "due": _iso(self.due), "requested_by": self.requested_by,
                "requested_at": _iso(self.requested_at),
                "answered_at": _iso(self.answered_at), "answer": self.answer}


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    text: str
    concerns: str
    source: str
    decided_by: str
    decided_at: datetime
    restricted: bool

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "text": self.text, "concerns": self.concerns or None,
                "source": self.source or None, "decided_by": self.decided_by,
                "decided_at": _iso(self.decided_at), "restricted": self.restricted}


@dataclass(frozen=True, slots=True)
class Handover:
    id: int
    from_account: str | None
    to_account: str
    at: datetime
    by: str
    note: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "from": self.from_account, "to": self.to_account,
                "at": _iso(self.at), "by": self.by, "note": self.note}


def _text(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise WorkspaceError(f"a {what} needs some text", code="empty-text")
    if len(text) > _MAX_TEXT:
        raise WorkspaceError(f"a {what} holds at most {_MAX_TEXT:,} characters (this one "
                             f"has {len(text):,})", code="text-too-long")
    return text


class Discussion:
    """Comments, review requests, decisions, actors' accounts and handovers of one branch."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # -- comments ----------------------------------------------------------------------

    def comment(self, target: str, text: str, *, user: str, parent: int | None = None,
                restricted: bool = False) -> Comment:
        """Add a comment on ``target`` (a reply when ``parent`` names one: same target)."""
        text = _text(text, "comment")
        with write_transaction(self.ws.engine) as conn:
            if parent is not None:
                above = self._comment(conn, parent)
                target, restricted = above.target, restricted or above.restricted
            at = audit_log.now()
            new_id = conn.execute(insert(_C).values(
                branch=self.ws.branch, target=target, parent_id=parent, author=user, at=at,
                text=text, restricted=restricted).returning(_C.c.id)).scalar_one()
            audit_log.write(conn, user=user, action="comment.add", item=f"comment:{new_id}",
                            after={"target": target, "parent": parent,
                                   "restricted": restricted}, at=at, branch=self.ws.branch)
            return self._comment(conn, int(new_id))

    def resolve(self, comment_id: int, *, user: str) -> Comment:
        """Mark a thread resolved (its first comment), who and when kept."""
        with write_transaction(self.ws.engine) as conn:
            found = self._comment(conn, comment_id)
            while found.parent is not None:
                found = self._comment(conn, found.parent)
            comment_id = found.id
            at = audit_log.now()
            conn.execute(update(_C).where(_C.c.id == comment_id).values(resolved_by=user,
                                                                          resolved_at=at))
            audit_log.write(conn, user=user, action="comment.resolve",
                            item=f"comment:{comment_id}", at=at, branch=self.ws.branch)
            return self._comment(conn, comment_id)

    def comments(self, target: str | None = None, *, cleared: bool,
                 hidden: set[str] | frozenset[str] = frozenset()) -> list[Comment]:
        """Comments (on ``target``, or all), oldest first; restricted ones only when
        ``cleared``, and none on a target in ``hidden``."""
        query = select(_C).where(_C.c.branch == self.ws.branch)
        if target is not None:
            query = query.where(_C.c.target == target)
        if not cleared:
            query = query.where(_C.c.restricted.is_(False))
        with read_connection(self.ws.engine) as conn:
            found = [_comment(r) for r in conn.execute(query.order_by(_C.c.id))]
        return [c for c in found if _target_item(c.target) not in hidden]

    def _comment(self, conn: Any, comment_id: int) -> Comment:
        row = conn.execute(select(_C).where(_C.c.branch == self.ws.branch,
                                            _C.c.id == comment_id)).first()
        if row is None:
            raise UnknownItemError(f"there is no comment {comment_id}", code="unknown-comment")
        return _comment(row)

    # -- review requests ---------------------------------------------------------------

    def request_review(self, product: str, reviewer: str, *, user: str,
                       due: date | None = None) -> ReviewRequest:
        with write_transaction(self.ws.engine) as conn:
            at = audit_log.now()
            new_id = conn.execute(insert(_R).values(
                branch=self.ws.branch, product_id=product, reviewer=reviewer, due=due,
                requested_by=user, requested_at=at).returning(_R.c.id)).scalar_one()
            audit_log.write(conn, user=user, action="review.request", item=f"product:{product}",
                            after={"reviewer": reviewer, "due": due}, at=at,
                            branch=self.ws.branch)
        return next(r for r in self.review_requests() if r.id == new_id)

    def answer_reviews(self, conn: Any, product: str, reviewer: str, answer: str) -> None:
        """Inside a product's move: the reviewer's open requests on it are answered."""
        conn.execute(update(_R).where(
            _R.c.branch == self.ws.branch, _R.c.product_id == product,
            _R.c.reviewer == reviewer, _R.c.answered_at.is_(None)).values(
            answered_at=audit_log.now(), answer=answer))

    def review_requests(self, *, reviewer: str | None = None,
                        open_only: bool = False) -> list[ReviewRequest]:
        query = select(_R).where(_R.c.branch == self.ws.branch)
        if reviewer is not None:
            query = query.where(_R.c.reviewer == reviewer)
        if open_only:
            query = query.where(_R.c.answered_at.is_(None))
        with read_connection(self.ws.engine) as conn:
            return [ReviewRequest(r.id, r.product_id, r.reviewer, _day(r.due), r.requested_by,
                                  audit_log.aware(r.requested_at), _aware(r.answered_at),
                                  r.answer) for r in conn.execute(query.order_by(_R.c.id))]

    # -- the decision log --------------------------------------------------------------

    def decide(self, text: str, *, user: str, concerns: str = "", source: str = "",
               restricted: bool = False) -> Decision:
        """Log a decision: what, by whom (``user``), when, about which item or clause."""
        text = _text(text, "decision")
        with write_transaction(self.ws.engine) as conn:
            at = audit_log.now()
            new_id = conn.execute(insert(_L).values(
                branch=self.ws.branch, text=text, concerns=concerns, source=source,
                decided_by=user, decided_at=at, restricted=restricted).returning(
                _L.c.id)).scalar_one()
            audit_log.write(conn, user=user, action="decision.add", item=f"decision:{new_id}",
                            after={"concerns": concerns, "source": source}, at=at,
                            branch=self.ws.branch)
        return next(d for d in self.decisions(cleared=True) if d.id == new_id)

    def decisions(self, *, cleared: bool,
                  hidden: set[str] | frozenset[str] = frozenset()) -> list[Decision]:
        query = select(_L).where(_L.c.branch == self.ws.branch)
        if not cleared:
            query = query.where(_L.c.restricted.is_(False))
        with read_connection(self.ws.engine) as conn:
            found = [Decision(r.id, r.text, r.concerns, r.source, r.decided_by,
                              audit_log.aware(r.decided_at), bool(r.restricted))
                     for r in conn.execute(query.order_by(_L.c.id))]
        return [d for d in found if d.concerns not in hidden]

    # -- who acts for which actor ------------------------------------------------------

    def assign(self, actor: str, account: str, *, user: str) -> None:
        """``account`` acts for ``actor``: the actor's tasks are theirs (the workspace's
        own, whichever branch)."""
        if actor not in {a.id for a in self.ws.stored_plan().actors}:
            raise UnknownItemError(f"the plan has no actor '{actor}'", code="unknown-actor")
        with write_transaction(self.ws.engine) as conn:
            conn.execute(delete(_A).where(_A.c.actor == actor, _A.c.account == account))
            conn.execute(insert(_A).values(actor=actor, account=account, set_by=user,
                                           set_at=audit_log.now()))
            audit_log.write(conn, user=user, action="actor.assign", item=f"actor:{actor}",
                            after={"account": account})

    def unassign(self, actor: str, account: str, *, user: str) -> None:
        with write_transaction(self.ws.engine) as conn:
            conn.execute(delete(_A).where(_A.c.actor == actor, _A.c.account == account))
            audit_log.write(conn, user=user, action="actor.unassign", item=f"actor:{actor}",
                            before={"account": account})

    def assignments(self) -> dict[str, list[str]]:
        """Each actor with the accounts that act for it."""
        out: dict[str, list[str]] = {}
        with read_connection(self.ws.engine) as conn:
            for r in conn.execute(select(_A).order_by(_A.c.actor, _A.c.account)):
                out.setdefault(r.actor, []).append(r.account)
        return out

    # -- the lead ----------------------------------------------------------------------

    def record_handover(self, conn: Any, from_account: str | None, to_account: str, *,
                        user: str, note: str) -> None:
        """Inside the transaction that moves the roles: the handover, kept and audited."""
        at = audit_log.now()
        conn.execute(insert(_H).values(from_account=from_account, to_account=to_account,
                                       at=at, by=user, note=note))
        audit_log.write(conn, user=user, action="lead.handover", item="lead", at=at,
                        before={"lead": from_account}, after={"lead": to_account,
                                                              "note": note})

    def handovers(self) -> list[Handover]:
        with read_connection(self.ws.engine) as conn:
            return [Handover(r.id, r.from_account, r.to_account, audit_log.aware(r.at), r.by,
                             r.note) for r in conn.execute(select(_H).order_by(_H.c.id))]


def _target_item(target: str) -> str:
    """The plan item a target names: a product's id for its sections, else the target."""
    parts = target.split(":")
    return parts[1] if parts[0] == "product" and len(parts) > 1 else target


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _aware(at: datetime | None) -> datetime | None:
    return None if at is None else audit_log.aware(at)


def _comment(row: Any) -> Comment:
    return Comment(int(row.id), row.target, row.parent_id, row.author,
                   audit_log.aware(row.at), row.text, bool(row.restricted), row.resolved_by,
                   _aware(row.resolved_at))
