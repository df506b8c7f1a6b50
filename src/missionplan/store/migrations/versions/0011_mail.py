"""Notices by e-mail: an address per account, and the notices already sent to each.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("email", sa.String(320), nullable=True))
    op.create_table(
        "notice_sent",
        sa.Column("account", sa.String(120), primary_key=True),
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notice_sent")
    with op.batch_alter_table("account") as batch:
        batch.drop_column("email")
