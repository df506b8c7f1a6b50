"""Exercises: syndicates with their own branch of the plan, the exercise file, deliveries.

A *branch* names whose copy of the plan a row belongs to: '' is the workspace's own
plan, a syndicate's name its copy. Plan versions, actual dates, assumption states,
baselines, observation imports and audit entries carry one; existing rows are the
workspace's own (''). Rows keyed by event or assumption are now keyed by branch too,
so those tables are rebuilt (the same on SQLite and PostgreSQL: create, copy, swap).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _branch() -> sa.Column[str]:
    return sa.Column("branch", sa.String(40), nullable=False, server_default="")


def _rebuild(name: str, columns: list[sa.Column[object]], key: list[str]) -> None:
    """Recreate ``name`` with ``branch`` first in its primary key; rows copied as ''."""
    names = [c.name for c in columns]
    op.create_table(f"{name}_0007", _branch(), *columns,
                    sa.PrimaryKeyConstraint("branch", *key, name=f"pk_{name}"))
    listed = ", ".join(names)
    op.execute(f"INSERT INTO {name}_0007 (branch, {listed}) SELECT '', {listed} FROM {name}")
    op.drop_table(name)
    op.rename_table(f"{name}_0007", name)


def _actual() -> list[sa.Column[object]]:
    return [
        sa.Column("event_id", sa.String(80), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        sa.Column("correction", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("note", sa.String(500), nullable=False, server_default=""),
    ]


def _assumption() -> list[sa.Column[object]]:
    return [
        sa.Column("assumption_id", sa.String(80), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("changed_at", _TS, nullable=False),
        sa.Column("changed_by", sa.String(120), nullable=False),
    ]


def _baseline() -> list[sa.Column[object]]:
    return [
        sa.Column("plan_id", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("set_by", sa.String(120), nullable=False),
        sa.Column("set_at", _TS, nullable=False),
    ]


def upgrade() -> None:
    _rebuild("actual", _actual(), ["event_id"])
    _rebuild("assumption_status", _assumption(), ["assumption_id"])
    _rebuild("plan_baseline", _baseline(), ["plan_id"])
    with op.batch_alter_table("plan_version") as batch:
        batch.add_column(_branch())
        batch.drop_constraint("uq_plan_version", type_="unique")
        batch.create_unique_constraint("uq_plan_version", ["branch", "plan_id", "version"])
    with op.batch_alter_table("audit") as batch:
        batch.add_column(_branch())
        batch.create_index("ix_audit_branch", ["branch"])
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(_branch())
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("syndicate", sa.String(40), nullable=True))
    op.create_table(
        "syndicate",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("from_version", sa.Integer, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
    )
    op.create_table(
        "exercise",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("loaded_at", _TS, nullable=False),
        sa.Column("loaded_by", sa.String(120), nullable=False),
    )
    op.create_table(
        "inject_delivery",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inject", sa.String(80), nullable=False),
        sa.Column("branch", sa.String(40), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("delivered_at", _TS, nullable=False),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("applied", sa.Text, nullable=False),
        sa.Column("impact", sa.Text, nullable=True),
        sa.UniqueConstraint("inject", "branch", name="uq_inject_delivery"),
    )


def downgrade() -> None:
    op.drop_table("inject_delivery")
    op.drop_table("exercise")
    op.drop_table("syndicate")
    with op.batch_alter_table("account") as batch:
        batch.drop_column("syndicate")
    for name in ("import_batch", "audit", "plan_version"):  # syndicates' rows go
        op.execute(f"DELETE FROM {name} WHERE branch <> ''")
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("branch")
    with op.batch_alter_table("audit") as batch:
        batch.drop_index("ix_audit_branch")
        batch.drop_column("branch")
    with op.batch_alter_table("plan_version") as batch:
        batch.drop_constraint("uq_plan_version", type_="unique")
        batch.create_unique_constraint("uq_plan_version", ["plan_id", "version"])
        batch.drop_column("branch")
    for name, columns, key in (("actual", _actual(), "event_id"),
                               ("assumption_status", _assumption(), "assumption_id"),
                               ("plan_baseline", _baseline(), "plan_id")):
        listed = ", ".join(c.name for c in columns)
        op.create_table(f"{name}_0006", *columns, sa.PrimaryKeyConstraint(key))
        op.execute(f"INSERT INTO {name}_0006 ({listed}) SELECT {listed} FROM {name} "
                   "WHERE branch = ''")
        op.drop_table(name)
        op.rename_table(f"{name}_0006", name)
