"""Alembic migrations of the workspace schema, run on open (no alembic.ini needed)."""
