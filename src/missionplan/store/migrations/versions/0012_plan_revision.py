"""The plan's revision beside the workspace's: a second row of ``revision`` that every
committed write raises except a write of observations alone, so what pages derive from
the plan, the accounts and the recorded dates survives an observation recorded.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("INSERT INTO revision (id, n) SELECT 2, n FROM revision WHERE id = 1"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM revision WHERE id = 2"))
