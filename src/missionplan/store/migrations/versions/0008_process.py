"""The planning process: products' states, section drafts, comments, review requests, the
decision log, who acts for which actor, handovers of the lead.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _branch() -> sa.Column[str]:
    return sa.Column("branch", sa.String(40), nullable=False, server_default="")


def _who(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(120), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "product_state", _branch(),
        sa.Column("product_id", sa.String(80), nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("edition", sa.Integer, nullable=False, server_default="1"),
        sa.Column("changed_at", _TS, nullable=False), _who("changed_by"),
        _who("hr_checked_by", nullable=True), sa.Column("hr_checked_at", _TS, nullable=True),
        sa.Column("hr_note", sa.Text, nullable=False, server_default=""),
        _who("endorsed_by", nullable=True), sa.Column("endorsed_at", _TS, nullable=True),
        sa.PrimaryKeyConstraint("branch", "product_id"),
    )
    op.create_table(
        "section_draft",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), _branch(),
        sa.Column("product_id", sa.String(80), nullable=False),
        sa.Column("section_id", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("written_at", _TS, nullable=False), _who("written_by"),
        sa.UniqueConstraint("branch", "product_id", "section_id", "version",
                            name="uq_section_draft"),
    )
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), _branch(),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("comment.id", ondelete="CASCADE"),
                  nullable=True),
        _who("author"), sa.Column("at", _TS, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()),
        _who("resolved_by", nullable=True), sa.Column("resolved_at", _TS, nullable=True),
    )
    op.create_index("ix_comment_target", "comment", ["target"])
    op.create_table(
        "review_request",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), _branch(),
        sa.Column("product_id", sa.String(80), nullable=False), _who("reviewer"),
        sa.Column("due", sa.Date, nullable=True), _who("requested_by"),
        sa.Column("requested_at", _TS, nullable=False),
        sa.Column("answered_at", _TS, nullable=True),
        sa.Column("answer", sa.String(30), nullable=True),
    )
    op.create_table(
        "decision_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), _branch(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("concerns", sa.String(200), nullable=False, server_default=""),
        sa.Column("source", sa.String(200), nullable=False, server_default=""),
        _who("decided_by"), sa.Column("decided_at", _TS, nullable=False),
        sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "actor_account",
        sa.Column("actor", sa.String(80), primary_key=True),
        sa.Column("account", sa.String(120), primary_key=True),
        _who("set_by"), sa.Column("set_at", _TS, nullable=False),
    )
    op.create_table(
        "lead_handover",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _who("from_account", nullable=True), _who("to_account"),
        sa.Column("at", _TS, nullable=False), _who("by"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    for name in ("lead_handover", "actor_account", "decision_log", "review_request",
                 "comment", "section_draft", "product_state"):
        op.drop_table(name)
