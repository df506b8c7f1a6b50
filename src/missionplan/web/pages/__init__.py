"""The pages of the web workspace, one module per page; ``ROUTERS`` lists them all."""

from fastapi import APIRouter

from . import (
    clock,
    criteria,
    dashboard,
    deployment,
    directive,
    downloads,
    editing,
    login,
    process,
    risk,
    timeline,
    versions,
)

ROUTERS: list[APIRouter] = [
    login.router, dashboard.router, timeline.router, directive.router, criteria.router,
    risk.router, deployment.router, versions.router, editing.router, downloads.router,
    clock.router, process.router,
]

__all__ = ["ROUTERS"]
