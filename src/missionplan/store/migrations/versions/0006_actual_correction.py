"""An actual date may be a confirmed correction of the plan's logic, with a note.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actual") as batch:
        batch.add_column(sa.Column("correction", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("note", sa.String(500), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("actual") as batch:
        batch.drop_column("note")
        batch.drop_column("correction")
