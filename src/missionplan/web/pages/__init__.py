"""The pages of the web workspace, one module per page; ``ROUTERS`` lists them all."""

from fastapi import APIRouter

from . import criteria, dashboard, directive, editing, login, timeline

ROUTERS: list[APIRouter] = [
    login.router, dashboard.router, timeline.router, directive.router, criteria.router,
    editing.router,
]

__all__ = ["ROUTERS"]
