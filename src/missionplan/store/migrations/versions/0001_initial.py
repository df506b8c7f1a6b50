"""The first workspace schema: plans and their items, actuals, observations, audit, accounts.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.String(80), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.UniqueConstraint("plan_id", "version", name="uq_plan_version"),
    )
    op.create_table(
        "plan_item",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_version_id", sa.Integer,
                  sa.ForeignKey("plan_version.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("item_id", sa.String(80), nullable=False, index=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("etag", sa.String(64), nullable=False),
        sa.Column("restricted", sa.Boolean, nullable=False),
        sa.Column("component", sa.String(80), nullable=True),
        sa.UniqueConstraint("plan_version_id", "item_id", name="uq_plan_item"),
    )
    op.create_table(
        "actual",
        sa.Column("event_id", sa.String(80), primary_key=True),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
    )
    op.create_table(
        "assumption_status",
        sa.Column("assumption_id", sa.String(80), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("changed_at", _TS, nullable=False),
        sa.Column("changed_by", sa.String(120), nullable=False),
    )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_name", sa.String(400), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
    )
    op.create_table(
        "observation",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("import_batch.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("indicator", sa.String(80), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("pcode", sa.String(40), nullable=True),
        sa.Column("sex", sa.String(20), nullable=True),
        sa.Column("age_group", sa.String(40), nullable=True),
    )
    op.create_index("ix_observation_headline", "observation",
                    ["indicator", "date", "sex", "age_group", "pcode", "value"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", _TS, nullable=False, index=True),
        sa.Column("user", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("item", sa.String(120), nullable=False, index=True),
        sa.Column("before", sa.Text, nullable=True),
        sa.Column("after", sa.Text, nullable=True),
    )
    op.create_table(
        "account",
        sa.Column("name", sa.String(120), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=True),
        sa.Column("component", sa.String(80), nullable=True),
        sa.Column("password_hash", sa.String(400), nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("account", "audit", "observation", "import_batch", "assumption_status",
                  "actual", "plan_item", "plan_version"):
        op.drop_table(table)
