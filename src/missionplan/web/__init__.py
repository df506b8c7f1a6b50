"""The web workspace: where the planning team works together in a browser.

Server-rendered pages (FastAPI, Jinja2 with autoescape, htmx) and a JSON API
under ``/api`` over the workspace store and the library. Nothing here computes
a plan: handlers call library functions and render what they return.

Public API::

    create_app(settings) -> FastAPI
    Settings(db_url=None, *, secret_key=..., plan_dir=None, ...)   # the day: the workspace's clock
    accounts.add_account(engine, name, *, role, password, ...) -> Account
    first_run(settings) -> str | None      # workspace + first administrator; password once
"""

from .app import create_app
from .settings import Settings
from .setup import first_run

__all__ = ["Settings", "create_app", "first_run"]
