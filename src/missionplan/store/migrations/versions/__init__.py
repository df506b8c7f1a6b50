"""Alembic revisions of the workspace schema, oldest first."""
