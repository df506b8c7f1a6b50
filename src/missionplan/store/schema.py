"""The workspace's tables, as SQLAlchemy 2 declarative models.

The schema has room for the web workspace: accounts with roles, an audit log
of every change (who, when, what, before, after), plan versions that are
never overwritten, and an ``etag`` on each stored plan item for optimistic
concurrency. Migrations under ``migrations/`` create exactly these tables.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "REVISION", "Account", "AccountSecurityRow", "ActorAccountRow", "ActualRow",
    "AssumptionRow", "AuditRow", "Base", "ClockRow", "CommentRow", "DecisionRow",
    "ExerciseRow", "ImportBatch", "InjectDeliveryRow", "LeadHandoverRow", "NoticeSentRow",
    "ObservationRow", "PlanBaselineRow", "PlanItemRow", "PlanVersionRow", "ProductStateRow",
    "ReviewRequestRow", "SectionDraftRow", "SignInThrottleRow", "SyndicateRow", "table",
]


class Base(DeclarativeBase):
    """The declarative base of every workspace table."""


class PlanVersionRow(Base):
    """One imported plan file; a new row on every import, never updated."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("branch", "plan_id", "version",
                                       name="uq_plan_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="")
    plan_id: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")


class PlanItemRow(Base):
    """One parsed item of a plan version, with an etag for optimistic concurrency."""

    __tablename__ = "plan_item"
    __table_args__ = (UniqueConstraint("plan_version_id", "item_id", name="uq_plan_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[str] = mapped_column(String(80), index=True)
    data: Mapped[str] = mapped_column(Text)
    etag: Mapped[str] = mapped_column(String(64))
    restricted: Mapped[bool] = mapped_column(default=False)
    component: Mapped[str | None] = mapped_column(String(80), nullable=True)


class ActualRow(Base):
    """The date on which an event actually happened (one row per event and branch)."""

    __tablename__ = "actual"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True, default="",
                                        server_default="")
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(120))
    correction: Mapped[bool] = mapped_column(Boolean, default=False,
                                             server_default=false())
    note: Mapped[str] = mapped_column(String(500), default="", server_default="")


class AssumptionRow(Base):
    """The watched status of an assumption (holding, failing, unknown)."""

    __tablename__ = "assumption_status"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True, default="",
                                        server_default="")
    assumption_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str] = mapped_column(String(120))


class ImportBatch(Base):
    """One import of observations: where they came from and who brought them."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="")
    source_name: Mapped[str] = mapped_column(String(400))
    rows: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))


class ObservationRow(Base):
    """One measured value of an indicator on a day, at a place, for a group."""

    __tablename__ = "observation"
    __table_args__ = (
        Index("ix_observation_headline", "indicator", "date", "sex", "age_group", "pcode",
              "value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"),
                                          index=True)
    indicator: Mapped[str] = mapped_column(String(80))
    date: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200), default="")
    pcode: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sex: Mapped[str | None] = mapped_column(String(20), nullable=True)
    age_group: Mapped[str | None] = mapped_column(String(40), nullable=True)


class AuditRow(Base):
    """One change to the workspace: who, when, what, and the item before and after."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="",
                                        index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    item: Mapped[str] = mapped_column(String(120), index=True)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)


class Account(Base):
    """A person who may use the shared workspace (the web room fills this in)."""

    __tablename__ = "account"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    organisation: Mapped[str | None] = mapped_column(String(120), nullable=True)
    component: Mapped[str | None] = mapped_column(String(80), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(400), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    cleared: Mapped[bool] = mapped_column(default=False)  # may see restricted items (0002)
    syndicate: Mapped[str | None] = mapped_column(String(40), nullable=True)  # (0007)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)  # notices (0011)


class NoticeSentRow(Base):
    """A notice already e-mailed to an account (its key), so none goes twice (0011)."""

    __tablename__ = "notice_sent"

    account: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PlanBaselineRow(Base):
    """The version of a plan set as its baseline (the web room sets it; migration 0003)."""

    __tablename__ = "plan_baseline"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True, default="",
                                        server_default="")
    plan_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(120))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClockRow(Base):
    """The workspace's scenario day, set for an exercise (migration 0005). One row at most:
    none means the wall clock decides the day."""

    __tablename__ = "clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    set_by: Mapped[str] = mapped_column(String(120))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SyndicateRow(Base):
    """A team of an exercise, planning on its own branch of the plan (migration 0007)."""

    __tablename__ = "syndicate"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    from_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))


class ExerciseRow(Base):
    """The exercise file loaded into the workspace, verbatim (one row at most; 0007)."""

    __tablename__ = "exercise"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    loaded_by: Mapped[str] = mapped_column(String(120))


class InjectDeliveryRow(Base):
    """One inject delivered to one branch on a scenario day: what it changed, what it
    broke (migration 0007)."""

    __tablename__ = "inject_delivery"
    __table_args__ = (UniqueConstraint("inject", "branch", name="uq_inject_delivery"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inject: Mapped[str] = mapped_column(String(80))
    branch: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    delivered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    applied: Mapped[str] = mapped_column(Text)
    impact: Mapped[str | None] = mapped_column(Text, nullable=True)


class SignInThrottleRow(Base):
    """Failed sign-ins counted under one key, ``account:NAME`` or ``address:IP``, and the
    lockout they caused (migration 0010)."""

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    first_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          nullable=True)


class AccountSecurityRow(Base):
    """An account's second factor and the sessions revoked before a moment (the web room
    fills it in; migration 0010)."""

    __tablename__ = "account_security"

    name: Mapped[str] = mapped_column(ForeignKey("account.name", ondelete="CASCADE"),
                                      primary_key=True)
    sessions_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                            nullable=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_step: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    recovery: Mapped[str] = mapped_column(Text, default="", server_default="")


class ProductStateRow(Base):
    """Where a product of the process stands: its state, edition, human rights check
    (migration 0008)."""

    __tablename__ = "product_state"

    branch: Mapped[str] = mapped_column(String(40), primary_key=True, default="",
                                        server_default="")
    product_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    state: Mapped[str] = mapped_column(String(30))
    edition: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_by: Mapped[str] = mapped_column(String(120))
    hr_checked_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    hr_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                           nullable=True)
    hr_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    endorsed_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    endorsed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)


class SectionDraftRow(Base):
    """One saved version of one section of a product's draft, never overwritten (0008)."""

    __tablename__ = "section_draft"
    __table_args__ = (UniqueConstraint("branch", "product_id", "section_id", "version",
                                       name="uq_section_draft"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="")
    product_id: Mapped[str] = mapped_column(String(80))
    section_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    written_by: Mapped[str] = mapped_column(String(120))


class CommentRow(Base):
    """A comment on a plan item, a product section or a deadline, in a thread (0008)."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="")
    target: Mapped[str] = mapped_column(String(200), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), nullable=True)
    author: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    resolved_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)


class ReviewRequestRow(Base):
    """A product's review asked of a named account by a day (0008)."""

    __tablename__ = "review_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="")
    product_id: Mapped[str] = mapped_column(String(80))
    reviewer: Mapped[str] = mapped_column(String(120))
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    requested_by: Mapped[str] = mapped_column(String(120))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)
    answer: Mapped[str | None] = mapped_column(String(30), nullable=True)


class DecisionRow(Base):
    """One entry of the decision log: what was decided, by whom, when, about what (0008)."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    branch: Mapped[str] = mapped_column(String(40), default="", server_default="")
    text: Mapped[str] = mapped_column(Text)
    concerns: Mapped[str] = mapped_column(String(200), default="", server_default="")
    source: Mapped[str] = mapped_column(String(200), default="", server_default="")
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ActorAccountRow(Base):
    """An account that acts for an actor of the plan: the actor's tasks are theirs (0008)."""

    __tablename__ = "actor_account"

    actor: Mapped[str] = mapped_column(String(80), primary_key=True)
    account: Mapped[str] = mapped_column(String(120), primary_key=True)
    set_by: Mapped[str] = mapped_column(String(120))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LeadHandoverRow(Base):
    """The planning lead handed from one account to another (0008)."""

    __tablename__ = "lead_handover"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    from_account: Mapped[str | None] = mapped_column(String(120), nullable=True)
    to_account: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


# The workspace's revision: one row, one number that every committed write raises
# (migration 0004). It is outside ``Base.metadata`` on purpose: clearing, dumping and
# loading a workspace never touch it, so it never goes back (a restore lifts it past
# both the old and the restored value).
REVISION = Table("revision", MetaData(),
                 Column("id", Integer, primary_key=True),
                 Column("n", BigInteger, nullable=False))


def table(model: type[Base]) -> Table:
    """The core ``Table`` of a model, for bulk statements."""
    found = model.__table__
    assert isinstance(found, Table)
    return found
