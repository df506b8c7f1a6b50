"""The pages of the web workspace, one module per page; ``ROUTERS`` lists them all."""

from fastapi import APIRouter

from .. import language
from . import (
    clock,
    criteria,
    dashboard,
    deployment,
    directive,
    downloads,
    editing,
    exercise,
    login,
    options,
    people,
    process,
    resources,
    risk,
    second_factor,
    sso,
    timeline,
    versions,
)

ROUTERS: list[APIRouter] = [
    login.router, dashboard.router, timeline.router, directive.router, criteria.router,
    risk.router, deployment.router, versions.router, editing.router, downloads.router,
    clock.router, exercise.router, resources.router, second_factor.router, sso.router,
    language.router, options.router, process.router, people.router,
]

__all__ = ["ROUTERS"]
