"""``missionplan exercise`` and ``missionplan syndicate``: running a planning exercise.

A trainer loads an exercise file (the master events list), makes a syndicate for each
team, and moves the clock: every inject due reaches every syndicate's copy of the plan,
and what it broke is measured. Members read their inbox with
``missionplan --syndicate NAME exercise inbox``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    chosen_syndicate,
    console,
    db_option,
    emit_json,
    handle_errors,
    json_option,
    open_ws,
    user_name,
    user_option,
)

if TYPE_CHECKING:
    from ..exercise import Delivery
    from ..store import Workspace

__all__ = ["exercise", "measure_and_show", "syndicate"]

_BRIEF = 4  # lines of impact shown per inject as the clock moves

@click.group(help="""Run a planning exercise: its master events list and the injects
    delivered.

    'exercise load FILE' checks the file against the workspace's plan and loads it (the
    clock goes to the day it starts when none is set); 'missionplan clock advance 7d'
    then delivers every inject due to every syndicate. The format: docs/exercise.md
    ('missionplan schema --exercise').""")
def exercise() -> None:
    pass


@exercise.command("load", help="Check an exercise file against the plan and load it.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@user_option
@json_option
@handle_errors
def load(path: Path, db: str | None, user: str | None, as_json: bool) -> None:
    with open_ws(db) as ws:
        before = {d.id for d in ws.deliveries(every_branch=True)}
        loaded = ws.load_exercise(path.read_text(encoding="utf-8"), user=user_name(user),
                                  name=str(path))
        new = [d for d in ws.deliveries(every_branch=True) if d.id not in before]
        if as_json:
            measure_and_show(ws, new, as_json=True, extra={
                "exercise": loaded.file.id, "injects": len(loaded.injects),
                "clock": ws.current_day().to_json()})
            return
        console().print(f"Exercise '{loaded.file.title or loaded.file.id}': "
                        f"{len(loaded.injects)} injects, starting {loaded.file.starts}. "
                        f"Clock: {ws.current_day()}.")
        measure_and_show(ws, new, as_json=False)


@exercise.command("show", help="The master events list: each inject, when it is due, to whom "
                               "it went.")
@db_option
@json_option
@handle_errors
def show(db: str | None, as_json: bool) -> None:
    from rich.table import Table

    with open_ws(db) as ws:
        file = ws.exercise()
        if file is None:
            raise click.UsageError("no exercise is loaded: 'missionplan exercise load FILE' "
                                   "or 'missionplan init --exercise'")
        delivered: dict[str, list[Delivery]] = {}
        for d in ws.deliveries(every_branch=True):
            delivered.setdefault(d.inject, []).append(d)
        if as_json:
            emit_json({"exercise": file.id, "title": file.title,
                       "starts": file.starts.isoformat(),
                       "injects": [{"id": i.id, "title": i.title,
                                    "at": i.at.isoformat() if i.at else None,
                                    "after": i.after.model_dump() if i.after else None,
                                    "from": i.sender, "tests": str(i.tests) if i.tests else None,
                                    "effects": [e.kind for e in i.effects],
                                    "delivered": [{"syndicate": d.branch or None,
                                                   "day": d.day.isoformat()}
                                                  for d in delivered.get(i.id, [])]}
                                   for i in file.injects]})
            return
        table = Table(title=f"{file.title or file.id} — clock {ws.current_day().day}")
        for column in ("Due", "Inject", "From", "Tests", "Effects", "Delivered"):
            table.add_column(column)
        for inject in file.injects:
            when = inject.when()
            by_day: dict[str, list[str]] = {}
            for d in delivered.get(inject.id, []):
                by_day.setdefault(str(d.day), []).append(d.branch or "the plan")
            went = "; ".join(f"{day}: {', '.join(who)}" for day, who in by_day.items()) or "—"
            table.add_row(when, inject.title, inject.sender, str(inject.tests or ""),
                          ", ".join(e.kind for e in inject.effects) or "message", went)
        console().print(table)


@exercise.command("inbox", help="The injects delivered to the syndicate ('--syndicate NAME'), "
                                "newest first, with what each broke.")
@click.option("--all", "every", is_flag=True, help="Every syndicate's, for the trainer.")
@db_option
@json_option
@handle_errors
def inbox(every: bool, db: str | None, as_json: bool) -> None:
    with open_ws(db) as ws:
        found = sorted(reversed(ws.deliveries(every_branch=every)), key=lambda d: d.branch)
        if as_json:
            emit_json({"syndicate": chosen_syndicate() or None,
                       "deliveries": [d.to_json() for d in found]})
            return
        if not found:
            console().print("No inject has arrived yet.")
        _print_by_syndicate(ws, found, with_message=True)


@exercise.command("impacts", help="Measure what each delivered inject broke (those not yet "
                                  "measured).")
@db_option
@json_option
@handle_errors
def impacts(db: str | None, as_json: bool) -> None:
    with open_ws(db) as ws:
        measure_and_show(ws, ws.deliveries(every_branch=True, pending=True), as_json=as_json)


def measure_and_show(ws: Workspace, delivered: list[Delivery], *, as_json: bool,
                     extra: dict[str, object] | None = None) -> None:
    """Measure the impacts of what was just delivered (a progress bar on a terminal) and
    print each delivery with what it broke."""
    import sys

    ids = {d.id for d in delivered}
    if any(d.impact is None for d in delivered):
        if sys.stderr.isatty() and not as_json:
            from rich.console import Console
            from rich.progress import Progress

            with Progress(console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("measuring what the injects broke", total=None)
                ws.measure_impacts(progress=lambda done, total: bar.update(
                    task, completed=done, total=total))
        else:
            ws.measure_impacts()
    found = [d for d in ws.deliveries(every_branch=True) if d.id in ids]
    if as_json:
        emit_json({**(extra or {}), "delivered": [d.to_json() for d in found]})
        return
    if not found:
        console().print("No inject was due.")
    _print_by_syndicate(ws, found, with_message=False)


def _print_by_syndicate(ws: Workspace, found: list[Delivery], *, with_message: bool) -> None:
    """Each syndicate's deliveries under its name (none when only the workspace's plan)."""
    from rich.markup import escape

    titles = {s.name: s.title or s.name for s in ws.syndicates()}
    if titles:
        titles[""] = "The workspace's own plan"
    shown = None
    for delivery in found:
        if titles and delivery.branch != shown:
            shown = delivery.branch
            count = sum(d.branch == shown for d in found)
            name = f" ({escape(shown)})" if shown else ""
            console().print(f"[bold underline]{escape(titles.get(shown, shown))}[/]{name}: "
                            f"{count} inject{'s' if count != 1 else ''}")
        _print_delivery(delivery, with_message=with_message)


def _print_delivery(d: Delivery, *, with_message: bool) -> None:
    from rich.markup import escape

    out = console()
    detail = d.detail
    sender = f" — from {detail.sender}" if detail is not None and detail.sender else ""
    out.print(f"[bold]{d.day} {escape(d.title)}[/bold]{escape(sender)}")
    if with_message and detail is not None and detail.message:
        out.print(f"  {escape(detail.message)}", soft_wrap=True)
    for change in d.changes:
        out.print(f"  • {escape(change)}", soft_wrap=True)
    if d.impact is not None:
        lines = d.impact.sentences()
        shown = lines if with_message else lines[:_BRIEF]
        for line in shown:
            out.print(f"  ⇒ {escape(line)}", soft_wrap=True)
        if len(shown) < len(lines):
            out.print(f"  ⇒ … and {len(lines) - len(shown)} more ('missionplan --syndicate "
                      f"{d.branch or 'NAME'} exercise inbox')", soft_wrap=True)


@click.group(help="""The syndicates of an exercise: each plans on its own copy of the plan.

    'syndicate add NAME' copies the workspace's plan as it stands (its newest version,
    the dates recorded, the assumption states) for a team; 'missionplan --syndicate NAME
    VERB' then reads and writes that copy, and the web shows its members theirs alone.""")
def syndicate() -> None:
    pass


@syndicate.command("add", help="Make a syndicate with a copy of the workspace's plan.")
@click.argument("name")
@click.option("--title", default="", help="How it is called (default: its name).")
@db_option
@user_option
@json_option
@handle_errors
def add(name: str, title: str, db: str | None, user: str | None, as_json: bool) -> None:
    from ..store import open_workspace

    with open_workspace(db) as ws:
        made = ws.add_syndicate(name, user=user_name(user), title=title)
    if as_json:
        emit_json(made.to_json())
        return
    console().print(f"Syndicate '{made.name}' ({made.title}) plans on a copy of version "
                    f"{made.from_version}: 'missionplan --syndicate {made.name} status'.",
                    soft_wrap=True)


@syndicate.command("list", help="The syndicates and where each stands.")
@db_option
@json_option
@handle_errors
def list_(db: str | None, as_json: bool) -> None:
    from ..store import open_workspace

    with open_workspace(db) as ws:
        rows = [(s, ws.on(s.name)) for s in ws.syndicates()]
        if as_json:
            emit_json({"syndicates": [{**s.to_json(), "version": b.plan_versions()[-1].version,
                                       "actual_dates": len(b.actuals()),
                                       "injects": len(b.deliveries())} for s, b in rows]})
            return
        if not rows:
            console().print("No syndicate yet: 'missionplan syndicate add NAME'.")
        for s, b in rows:
            console().print(f"{s.name}: {s.title} — plan version "
                            f"{b.plan_versions()[-1].version}, {len(b.actuals())} actual dates, "
                            f"{len(b.deliveries())} injects received")
