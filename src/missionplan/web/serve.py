"""Serving the workspace: one process, or several sharing the port.

One Python process runs one request's Python code at a time, so on a machine
with more than one core a team is served faster by several worker processes
(``missionplan serve --workers N``). They share the listening socket and the
database: SQLite takes one writer at a time across processes (``BEGIN
IMMEDIATE`` with a busy timeout), PostgreSQL through its advisory lock, and each
worker's caches follow the workspace's revision, so a change saved through one
worker shows on the next page any other serves. The first run (seeding, the
first administrator) happens once, in the parent, before any worker starts.

Workers are started fresh (uvicorn's spawn), so the settings travel to them as
JSON in a file only this user can read (removed when the server stops), named by
one environment variable. The day pages report as of is not a setting: every
worker asks the workspace's clock (``missionplan.store.clock``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from ..errors import MissionplanError
from .app import create_app
from .security import Argon2Params
from .settings import Settings
from .views import warm

__all__ = ["WORKER_ENV", "run", "settings_from_json", "settings_to_json", "worker_app"]

WORKER_ENV = "MISSIONPLAN_WEB_WORKER"  # set by the parent for its workers, not by people
# Seconds an idle connection stays open: longer than people pause between clicks, so a
# request rarely races the server closing its connection (uvicorn's own default is 5).
_KEEP_ALIVE = 75


def settings_to_json(settings: Settings) -> str:
    """``settings`` as JSON a worker can rebuild them from."""
    data: dict[str, Any] = {}
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if f.name == "argon2":
            value = dataclasses.asdict(value)
        elif isinstance(value, Path):
            value = str(value)
        data[f.name] = value
    return json.dumps(data)


def settings_from_json(text: str) -> Settings:
    """The settings :func:`settings_to_json` wrote."""
    data = json.loads(text)
    return Settings(**{**data, "plan_dir": Path(data["plan_dir"]),
                       "argon2": Argon2Params(**data["argon2"])})


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn calls this factory in each)."""
    path = os.environ.get(WORKER_ENV)
    if not path:
        raise RuntimeError(f"{WORKER_ENV} is not set: workers are started by "
                           "missionplan serve --workers")
    return _settled(create_app(settings_from_json(Path(path).read_text(encoding="utf-8"))))


def _settled(app: FastAPI) -> FastAPI:
    """``app`` warmed (the first pages computed, every template compiled, the libraries
    they use loaded: a second and a half the first users would otherwise wait), then
    what the process has built (some 400,000 objects) set aside from the garbage
    collector. A full collection would walk all of them every few seconds and hold
    every request for a fifth of a second; none of them is garbage."""
    with contextlib.suppress(MissionplanError):  # pages will say why, with a code
        warm(app.state.web)
    gc.collect()
    gc.freeze()
    return app


def run(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
        log_level: str = "warning", trusted_proxy: str | None = None) -> None:
    """Serve the workspace of ``settings`` until stopped (Ctrl+C). Behind a reverse proxy
    at ``trusted_proxy``, the address it names (``X-Forwarded-For``) is the client's, so
    failed sign-ins count per real address."""
    import uvicorn

    proxy = {"proxy_headers": True, "forwarded_allow_ips": trusted_proxy} if trusted_proxy \
        else {"proxy_headers": False}

    if workers <= 1:
        uvicorn.run(_settled(create_app(settings)), host=host, port=port, log_level=log_level,
                    access_log=False, timeout_keep_alive=_KEEP_ALIVE, **proxy)
        return
    # the settings hold the session key and perhaps a database password: they go to the
    # workers in a file only this user can read, not in the environment every child
    # process (the browser --open starts, say) inherits
    handle, path = tempfile.mkstemp(prefix="missionplan-workers-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(settings_to_json(settings))
        os.environ[WORKER_ENV] = path
        uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, host=host,
                    port=port, log_level=log_level, access_log=False,
                    timeout_keep_alive=_KEEP_ALIVE, **proxy)
    finally:
        os.environ.pop(WORKER_ENV, None)
        Path(path).unlink(missing_ok=True)
