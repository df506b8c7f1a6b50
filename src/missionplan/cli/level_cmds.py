"""The ``level`` verb: the plan's dates when resources are finite, and what drives them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from .common import (
    anchor_option,
    console,
    date_pairs,
    db_option,
    emit_json,
    handle_errors,
    json_option,
    read_plan,
    tell,
)
from .common import plan_argument as plan_arg

if TYPE_CHECKING:
    from rich.console import Console

    from ..levelling import Levelling
    from ..model import Plan

__all__ = ["level", "levelled", "levelled_option"]

P = ParamSpec("P")
R = TypeVar("R")

EXIT_NO_SCHEDULE = 1


@click.command()
@plan_arg
@click.option("--objective", type=click.Choice(["lateness", "makespan"]), default="lateness",
              show_default=True,
              help="lateness: fewest and least late deadlines (criteria first), then the "
                   "shortest plan; makespan: the shortest plan, every deadline held.")
@click.option("--time-limit", default=10.0, show_default=True, type=click.FloatRange(0.1),
              metavar="S", help="Seconds the solver may take for each search.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Solver threads (one gives the same answer on every run).")
@click.option("--no-drivers", is_flag=True,
              help="Skip re-solving per resource (what drives lateness, one more unit).")
@click.option("--chart", "chart_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Write each resource's load chart (PNG and SVG) to this folder.")
@anchor_option
@db_option
@json_option
@handle_errors
def level(plan: Path | None, objective: str, time_limit: float, workers: int,
          no_drivers: bool, chart_dir: Path | None, anchors: tuple[str, ...], db: str | None,
          as_json: bool) -> None:
    """Level PLAN: its dates when no resource is asked for more than it has, found by
    CP-SAT (optimal, or feasible with its bound), the deadlines that move and the
    resource behind each, and what one more unit of a resource buys. Exit 1 when no
    schedule exists: the message says which demands and deadlines cannot fit."""
    from ..levelling import level as run
    from ..reports.load_charts import write_load_charts

    source = read_plan(plan, db)
    tell(source, as_json=as_json)
    loaded = source.plan.with_dates(anchors=date_pairs(anchors, "--anchor"))
    result = run(loaded, objective=objective, time_limit=time_limit,  # type: ignore[arg-type]
                 workers=workers, drivers=not no_drivers)
    charts = write_load_charts(result, chart_dir) if chart_dir and result.resources else []
    if as_json:
        emit_json({**result.to_json(), "source": source.to_json(),
                   "charts": [str(p) for p in charts]})
    else:
        print_levelling(console(), result)
        for path in charts:
            click.echo(f"wrote {path}")
    if result.status in ("infeasible", "unknown"):
        raise SystemExit(EXIT_NO_SCHEDULE)


def print_levelling(out: Console, result: Levelling) -> None:
    """The verdict, the activities that wait, the deadlines that move, each resource's load."""
    out.print(_verdict(result), markup=False)
    if result.conflict is not None:
        out.print(f"no schedule: {result.conflict.reason}", markup=False)
    if result.dates:
        out.print(_activities(result))
        if any(d.late or d.late_unlimited for d in result.deadlines):
            out.print(_deadlines(result))
        out.print(_resources(result))
        _loads(out, result)
    for note in result.notes + result.violations:
        out.print(f"note: {note}", markup=False)


def _verdict(result: Levelling) -> str:
    what = {"lateness": "fewest and least late deadlines",
            "makespan": "shortest plan"}[result.objective]
    head = f"{result.plan}: {result.status} ({what})"
    if result.status == "feasible" and result.gap is not None:
        head += f", within {100 * result.gap:.1f}% of the bound"
    if result.makespan is not None:
        head += (f"; the plan ends {result.date_of(result.makespan)} "
                 f"({result.makespan} days), {result.makespan_unlimited} days unlimited")
    return head


def _activities(result: Levelling) -> object:
    from rich.table import Table

    table = Table(title="Activities that hold resources")
    for name in ("activity", "start", "end", "waits", "moved", "holds"):
        table.add_column(name, justify="right" if name in ("waits", "moved") else "left")
    for t in result.tasks:
        table.add_row(t.name, result.date_of(t.start), result.date_of(t.end),
                      f"{t.waits}d" if t.waits else "", f"{t.moved:+d}d" if t.moved else "",
                      ", ".join(f"{n} {r}" for r, n in t.demands))
    return table


def _deadlines(result: Levelling) -> object:
    from rich.table import Table

    table = Table(title="Deadlines late")
    for name in ("deadline", "late", "unlimited", "driven by"):
        table.add_column(name, justify="left" if name in ("deadline", "driven by")
                         else "right")
    for d in result.deadlines:
        if d.late or d.late_unlimited:
            drivers = ", ".join(f"{r} ({n} days)" for r, n in d.drivers) or \
                ("not resources" if d.late_unlimited else "")
            table.add_row(d.id, f"{d.late}d", f"{d.late_unlimited}d", drivers)
    return table


def _resources(result: Levelling) -> object:
    from rich.table import Table

    gain = "days late saved" if result.objective == "lateness" else "days shorter"
    table = Table(title="Resources")
    for name in ("resource", "capacity", "peak in use", f"one more unit: {gain}"):
        table.add_column(name, justify="left" if name == "resource" else "right")
    for r in result.resources:
        table.add_row(r.name, str(r.capacity), str(r.peak_used),
                      "" if r.one_more is None else str(r.one_more))
    return table


def _loads(out: Console, result: Levelling) -> None:
    from ..levelling.charts import load_bars

    for r in result.resources:
        bars = load_bars(r)
        if not bars:
            continue
        out.print(f"{r.name} (capacity {r.capacity}):", markup=False)
        for first, last, bar in bars:
            step = next(s for s in r.steps if s.day == first)
            out.print(f"  {result.date_of(first)} – {result.date_of(last)}  {bar:<21} "
                      f"{step.used}/{step.capacity}", markup=False)


def levelled_option(f: Callable[P, R]) -> Callable[P, R]:
    """--levelled: date the plan as levelled (each activity's wait for its resources
    written into its duration; see ``missionplan level``)."""
    return click.option("--levelled", is_flag=True,
                        help="Use the resource-levelled dates: each activity that waits "
                             "for its resources takes that much longer.")(f)


def levelled(plan: Plan, wanted: bool) -> Plan:
    """``plan`` with its levelled waits written in, when ``wanted`` (and it has demands)."""
    if not wanted or not plan.resources:
        return plan
    from ..levelling import level as run
    from ..levelling import with_waits

    result = run(plan, drivers=False)
    if result.status not in ("optimal", "feasible"):
        click.echo(f"note: no levelled schedule ({result.status}); the dates are not "
                   "levelled", err=True)
        return plan
    return with_waits(plan, result)
