"""The workspace verbs: init, import, record, status, history, backup, restore.

Each parses its options, calls one library function of ``missionplan.store``,
and prints a table (or JSON with ``--json``). ``--db URL`` (or
``$MISSIONPLAN_DB``) picks the workspace; the default is ``missionplan.db`` here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich import box
from rich.table import Table

from . import VERBS
from .common import (
    analysis_choice,
    analysis_options,
    as_of_option,
    console,
    db_option,
    emit_json,
    handle_errors,
    json_option,
    open_ws,
    parse_day,
    progress_bar,
    tell,
    user_name,
    user_option,
)

__all__ = ["backup", "history", "import_", "init", "record", "restore", "status"]

_PLAN_SUFFIXES = (".yaml", ".yml")


def _help(verb: str) -> str:
    return VERBS[verb][2]


@click.command(help=_help("init"))
@click.option("--force", is_flag=True, help="Replace an existing workspace.")
@click.option("--exercise", is_flag=True,
              help="Start the scenario's exercise: the plan alone, the clock on the day the "
                   "exercise starts, the world arriving by injects.")
@db_option
@user_option
@json_option
@handle_errors
def init(force: bool, exercise: bool, db: str | None, user: str | None,
         as_json: bool) -> None:
    from ..store.seed import init_workspace

    result = init_workspace(db, user=user_name(user), force=force, exercise=exercise)
    if as_json:
        emit_json(result.to_json())
        return
    if result.exercise:
        console().print(f"Workspace {result.url}: plan '{result.plan_id}' version "
                        f"{result.version}; exercise '{result.exercise}' loaded, "
                        f"{result.delivered} inject{'s' if result.delivered != 1 else ''} "
                        "delivered so far.")
        click.echo(f"Clock: {result.clock}. Next: 'missionplan syndicate add NAME' for each "
                   "team, then 'missionplan clock advance 7d'.")
        return
    console().print(f"Workspace {result.url}: plan '{result.plan_id}' version "
                    f"{result.version}, {result.observations:,} observations (sample data, "
                    "synthetic).")
    click.echo(f"Clock: {result.clock} ('missionplan clock' moves it).")


@click.command(help=_help("import"))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-bad-rows", is_flag=True,
              help="Import the good rows of a data file and list the bad ones.")
@click.option("--note", default="", help="Why this plan version is imported.")
@db_option
@user_option
@json_option
@handle_errors
def import_(path: Path, skip_bad_rows: bool, note: str, db: str | None, user: str | None,
            as_json: bool) -> None:
    with open_ws(db) as ws:
        if path.suffix.lower() in _PLAN_SUFFIXES:
            version = ws.import_plan(path.read_text(encoding="utf-8"), user=user_name(user),
                                     note=note, filename=str(path))
            if as_json:
                emit_json(version.to_json())
            else:
                console().print(f"Plan '{version.plan_id}' version {version.version} stored.")
            return
        from ..store.tracker import is_tracker_workbook

        if is_tracker_workbook(path):
            _import_tracker(ws, path, user=user_name(user), note=note, as_json=as_json)
            return
        with _rows_progress(enabled=not as_json and sys.stdout.isatty()) as progress:
            result = ws.import_observations(path, user=user_name(user), skip_bad_rows=skip_bad_rows,
                                            progress=progress)
    if as_json:
        emit_json(result.to_json())
        return
    out = console()
    out.print(f"{result.imported:,} observations imported from {path.name} "
              f"({len(result.indicators)} indicator{'' if len(result.indicators) == 1 else 's'}).")
    if result.skipped:
        out.print(f"{len(result.skipped)} bad rows skipped:")
        for d in result.skipped:
            out.print(f"  {d}", markup=False)


def _import_tracker(ws: Any, path: Path, *, user: str, note: str, as_json: bool) -> None:
    from ..store.tracker import import_tracker

    result = import_tracker(ws, path, user=user, note=note)
    if as_json:
        emit_json(result.to_json())
    else:
        for d in result.diagnostics:
            click.echo(str(d), err=True)
        if result.version is not None:
            console().print(f"Tracker edits stored as plan '{result.version.plan_id}' version "
                            f"{result.version.version}.")
        for event, day in result.actuals.items():
            console().print(f"{event} happened on {day} (recorded).")
    if not result.stored:
        click.echo("nothing stored: fix the cells above and import again", err=True)
        raise SystemExit(2)


@contextmanager
def _rows_progress(*, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A spinner counting stored rows, on a terminal only (imports of millions take a while)."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.completed:,} rows checked and stored"),
                  TimeElapsedColumn(), console=console(), transient=True) as bar:
        task = bar.add_task("import", total=None)
        yield lambda rows: bar.update(task, completed=rows)


@click.command()
@click.argument("event", required=False)
@click.argument("day", metavar="DATE", required=False)
@click.option("--clear", is_flag=True, help="Clear EVENT's recorded date (a mistake).")
@click.option("--correct-logic", is_flag=True,
              help="Record a date the plan's logic forbids, confirmed as a correction of "
                   "that logic (audited, and shown as a finding).")
@click.option("--note", default="", help="Why, for the audit log (with --correct-logic).")
@click.option("--assumption", nargs=2, metavar="ID STATE", default=None,
              help="Record an assumption's state instead: holding, failing or unknown.")
@db_option
@user_option
@json_option
@handle_errors
def record(event: str | None, day: str | None, clear: bool, correct_logic: bool, note: str,
           assumption: tuple[str, str] | None, db: str | None, user: str | None,
           as_json: bool) -> None:
    """Record the date EVENT actually happened (or correct it, or --clear it).

    A date after the workspace's current day, or one the plan's logic forbids (an
    event before one it must follow), is refused with the reason in the directive's
    words; --correct-logic records the latter anyway as a correction of the logic.
    The deadlines on EVENT are printed as they now stand."""
    from ..monitor import flagged_items
    from ..store.status import recorded

    with open_ws(db) as ws:
        if assumption:
            ws.set_assumption(assumption[0], assumption[1], user=user_name(user))
            flags = [f for f in flagged_items(ws.current_plan())
                     if f.assumption == assumption[0]]
            _print_flags(assumption, flags, as_json)
            return
        if not event or (not day and not clear) or (day and clear):
            raise click.UsageError("give EVENT and DATE, EVENT --clear, or --assumption ID "
                                   "STATE")
        if clear:
            ws.clear_actual(event, user=user_name(user))
        else:
            assert day is not None
            ws.record_actual(event, parse_day(day), user=user_name(user),
                             correction=correct_logic, note=note)
        result = recorded(ws, event)
    if as_json:
        emit_json(result.to_json())
        return
    out = console()
    out.print(result.sentence(), markup=False)
    for line in result.deadline_lines():
        out.print(f"  {line}", markup=False)


def _print_flags(assumption: tuple[str, str], flags: list[Any], as_json: bool) -> None:
    if as_json:
        emit_json({"assumption": assumption[0], "status": assumption[1],
                   "flagged": [f.to_json() for f in flags]})
        return
    out = console()
    out.print(f"Assumption {assumption[0]} is now {assumption[1]}.")
    if flags:
        out.print(f"{len(flags)} plan items depend on it:")
        for f in flags:
            out.print("  " + " → ".join(f.path), markup=False)


@click.command()
@as_of_option
@click.option("--forecast", "method", type=click.Choice(["linear", "log-linear", "auto"]),
              default="linear", show_default=True,
              help="Trend fitted for forecasts: a line, a log-linear (multiplicative) "
                   "curve, or whichever fits each indicator better.")
@analysis_options
@db_option
@json_option
@handle_errors
def status(as_of: datetime | None, method: str, risk_samples: int | None, no_risk: bool,
           seed: int, deployment: bool | None, deployment_seconds: float, db: str | None,
           as_json: bool) -> None:
    """One answer per criterion for success as of a day: its status from the dates, with
    the odds (a risk run), the movement plan's deployment estimate and the indicators
    beside it, and a sentence that reconciles them when they differ."""
    from ..store.clock import given_day
    from ..store.status import status_report

    options = analysis_choice(risk_samples, no_risk, seed, deployment, deployment_seconds)
    with open_ws(db) as ws:
        day = given_day(as_of.date(), "--as-of") if as_of else ws.current_day()
        tell(day, as_json=as_json)
        with progress_bar() as progress:
            report = status_report(ws, day.day, forecast_method=method, analyses=options,
                                   progress=progress)
    if as_json:
        emit_json({**report.to_json(), "as_of_source": day.to_json()})
        return
    from .workspace_view import status_notes, status_table

    out = console()
    out.print(status_table(report, width=out.width))
    for line in status_notes(report):
        out.print(line, markup=False)
    failing = sorted({f.assumption for f in report.flags})
    if failing:
        out.print(f"Failing assumptions: {', '.join(failing)} ({len(report.flags)} items "
                  "depend on them; 'missionplan record --assumption' to change).")


@click.command(help=_help("history"))
@click.argument("item")
@db_option
@json_option
@handle_errors
def history(item: str, db: str | None, as_json: bool) -> None:
    with open_ws(db) as ws:
        entries = ws.history(item)
    if as_json:
        emit_json([e.to_json() for e in entries])
        return
    table = Table("When (UTC)", "Who", "What", "Before", "After", box=box.SIMPLE,
                  title=f"History of {item}")
    for e in entries:
        table.add_row(e.at.strftime("%Y-%m-%d %H:%M"), e.user, e.action, _brief(e.before),
                      _brief(e.after))
    console().print(table if entries else f"No recorded change to '{item}'.")


def _brief(value: Any, width: int = 24) -> str:
    if value is None:
        return "—"
    text = ", ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else \
        str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command(help=_help("backup"))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@json_option
@handle_errors
def backup(file: Path, db: str | None, as_json: bool) -> None:
    with open_ws(db) as ws:
        kind = ws.backup(file)
    if as_json:
        emit_json({"file": str(file), "kind": kind})
    else:
        console().print(f"Workspace copied to {file} ({kind}).")


@click.command(help=_help("restore"))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@user_option
@json_option
@handle_errors
def restore(file: Path, db: str | None, user: str | None, as_json: bool) -> None:
    with open_ws(db) as ws:
        kind = ws.restore(file, user=user_name(user))
    if as_json:
        emit_json({"file": str(file), "kind": kind})
    else:
        console().print(f"Workspace restored from {file} ({kind}).")
