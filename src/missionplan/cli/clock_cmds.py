"""``missionplan clock``: the workspace's current day, which every "as of" defaults to.

Each subcommand calls one method of the workspace (``missionplan.store.clock``) and
prints the day with why it is the day (or JSON with ``--json``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from . import VERBS
from .common import (
    db_option,
    emit_json,
    handle_errors,
    json_option,
    parse_day,
    user_name,
    user_option,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..store import CurrentDay, Workspace

__all__ = ["clock"]


@click.group(help=f"""{VERBS["clock"][2]}

    The wall clock by default; set a scenario day for an exercise, move it on
    ('advance 7d', '2w', '1mo'; 'advance -- -3d' moves it back), or hand the
    day back to the wall clock ('unset'). Every change is in the audit log
    ('missionplan history clock').""")
def clock() -> None:
    pass


@clock.command("show", help="The current day and why (the wall clock outside a workspace).")
@db_option
@json_option
@handle_errors
def show(db: str | None, as_json: bool) -> None:
    from ..store import open_workspace, wall_clock
    from ..store.engine import existing_workspace

    url = existing_workspace(db)
    if url is None:
        _print(wall_clock(), None, as_json=as_json)
        return
    with open_workspace(url) as ws:
        _print(ws.current_day(), _where(url), as_json=as_json)


@clock.command("set", help="Set the workspace's scenario day.")
@click.argument("day", metavar="DATE")
@db_option
@user_option
@json_option
@handle_errors
def set_(day: str, db: str | None, user: str | None, as_json: bool) -> None:
    from ..store import open_workspace

    when = parse_day(day)
    with open_workspace(db) as ws:
        _moved(ws, lambda: ws.set_day(when, user=user_name(user)), db, as_json=as_json)


@clock.command("advance", help="Move the day on by STEP: 7d, 2w, 1mo (from today if unset).")
@click.argument("step")
@db_option
@user_option
@json_option
@handle_errors
def advance(step: str, db: str | None, user: str | None, as_json: bool) -> None:
    from ..store import open_workspace

    with open_workspace(db) as ws:
        _moved(ws, lambda: ws.advance(step, user=user_name(user)), db, as_json=as_json)


@clock.command("unset", help="Hand the day back to the wall clock.")
@db_option
@user_option
@json_option
@handle_errors
def unset(db: str | None, user: str | None, as_json: bool) -> None:
    from ..store import open_workspace

    with open_workspace(db) as ws:
        _print(ws.unset_day(user=user_name(user)), _where(db), as_json=as_json)


def _moved(ws: Workspace, move: Callable[[], CurrentDay], db: str | None, *,
           as_json: bool) -> None:
    """Move the clock; in an exercise, show the injects it delivered and what they broke."""
    from .exercise_cmds import measure_and_show

    before = {d.id for d in ws.deliveries(every_branch=True)}
    day = move()
    if ws.exercise() is None:
        _print(day, _where(db), as_json=as_json)
        return
    new = [d for d in ws.deliveries(every_branch=True) if d.id not in before]
    if as_json:
        measure_and_show(ws, new, as_json=True, extra={**day.to_json(), "db": _where(db)})
        return
    _print(day, _where(db), as_json=False)
    measure_and_show(ws, new, as_json=False)


def _where(db: str | None) -> str:
    from ..store.engine import display_url, normalise_url

    return display_url(normalise_url(db))


def _print(day: CurrentDay, where: str | None, *, as_json: bool) -> None:
    if as_json:
        emit_json({**day.to_json(), "db": where})
        return
    click.echo(f"{day.day} ({day.why}), " + (f"workspace {where}" if where else
                                              "no workspace here"))
