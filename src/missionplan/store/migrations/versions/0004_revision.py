"""The workspace's revision: a number every committed write raises, so readers (the web
workspace's caches, in any process) can tell in one query whether anything changed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "revision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "n": 1}])


def downgrade() -> None:
    op.drop_table("revision")
