"""Sign-in security: failed sign-ins per account and per address with their lockouts, and
each account's second factor and revoked sessions.

Revision ID: 0010
Revises: 0008 (the planning process)
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("first_at", _TS, nullable=False),
        sa.Column("last_at", _TS, nullable=False),
        sa.Column("locked_until", _TS, nullable=True),
    )
    op.create_table(
        "account_security",
        sa.Column("name", sa.String(120), sa.ForeignKey("account.name", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("sessions_after", _TS, nullable=True),
        sa.Column("totp_secret", sa.String(64), nullable=True),
        sa.Column("totp_step", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("recovery", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("account_security")
    op.drop_table("sign_in_throttle")
