"""``missionplan deploy``: the deployment and movement plan, with what-ifs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import click

if TYPE_CHECKING:
    from ..model import Plan
    from ..outlook import Basis
    from ..store import CurrentDay
from .common import (
    PlanSource,
    console,
    db_option,
    emit_json,
    handle_errors,
    json_option,
    plan_argument,
    read_plan,
    tell,
)

__all__ = ["deploy"]


@click.command(name="deploy")
@plan_argument
@click.option("--resolution-date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Day the resolution is adopted (default: the plan's date for it, else "
                   "the earliest its relations allow).")
@click.option("--rainy-season", default=None, metavar="FIRST..LAST",
              help="What-if: the rains fall between these dates, e.g. 2027-05-01..2027-10-31.")
@click.option("--late", multiple=True, metavar="UNIT=DAYS",
              help="What-if: a unit arrives DAYS later (repeatable).")
@click.option("--closed", multiple=True, metavar="ID",
              help="What-if: a road segment or crossing is out (repeatable).")
@click.option("--threshold", type=click.FloatRange(1, 100), default=None,
              help="Percent of authorised strength that counts as deployed (default 100).")
@click.option("--arrivals", type=click.Choice(["min", "likely", "max"]), default=None,
              help="Which arrival offset of each unit to plan with (default likely).")
@click.option("--time-limit", type=click.FloatRange(0.5, 3600), default=30.0,
              show_default=True, help="Seconds the optimiser may take.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the movement table as CSV.")
@click.option("--map", "map_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Draw the routes used to FILE.svg or FILE.png.")
@click.option("--updated-plan", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the plan with the deployment estimate applied.")
@click.option("--spread", is_flag=True,
              help="With --updated-plan: also plan with the earliest and latest arrivals and "
                   "write min / likely / max.")
@db_option
@json_option
@handle_errors
def deploy(plan: Path | None, resolution_date: datetime | None, rainy_season: str | None,
           late: tuple[str, ...], closed: tuple[str, ...], threshold: float | None,
           arrivals: str | None, time_limit: float, csv_path: Path | None,
           map_path: Path | None, updated_plan: Path | None, spread: bool, db: str | None,
           as_json: bool) -> None:
    """Plan the force's movement into the country and estimate when it is deployed."""
    from ..logistics import (
        WhatIf,
        apply_to_plan,
        draw_map,
        estimate_replaces,
        load_deployment,
        parse_late,
        parse_season_range,
        plan_deployment,
        write_csv,
    )
    from ..logistics.tables import summary_tables

    source = read_plan(plan, db)
    tell(source, as_json=as_json)
    the_plan = source.plan
    data = load_deployment(the_plan)
    what_if = WhatIf(rainy_season=parse_season_range(rainy_season) if rainy_season else None,
                     late=parse_late(late), closed=tuple(closed),
                     threshold=(threshold / 100) if threshold is not None else
                     data.spec.threshold,
                     arrivals=cast(Literal["min", "likely", "max"],
                                   arrivals or data.spec.arrivals))
    day0, as_of, how = _resolution_day(source, resolution_date, as_json=as_json)
    basis = _basis(the_plan, data.synthetic, given=resolution_date is not None)
    with _progress(time_limit, enabled=not as_json and sys.stdout.isatty()) as tick:
        result = plan_deployment(data, resolution_date=day0, time_limit=time_limit,
                                 what_if=what_if, progress=tick)
    if csv_path is not None:
        write_csv(result, csv_path)
    if map_path is not None:
        draw_map(data, result, map_path)
    if updated_plan is not None:
        from ..logistics.tables import atomic_write
        from ..planfile import dump_plan

        low = high = None
        if spread:
            low, high = (plan_deployment(data, resolution_date=day0, time_limit=time_limit,
                                         what_if=replace(what_if, arrivals=which))
                         for which in ("min", "max"))
        updated = apply_to_plan(the_plan, result, low=low, high=high)
        atomic_write(updated_plan, dump_plan(updated).encode())
        if replaced := estimate_replaces(updated):
            click.echo(f"note: in {updated_plan} the deployment estimate replaces: {replaced}",
                       err=True)
    if as_json:
        emit_json({**result.to_json(), "source": source.to_json(),
                   "as_of_source": as_of.to_json() if as_of is not None else None,
                   "basis": {**basis.to_json(), "start": how}})
        return
    out = console()
    for table in summary_tables(result):
        out.print(table)
    if basis.sentence():
        out.print(basis.sentence(), markup=False)


def _resolution_day(source: PlanSource, given: datetime | None, *, as_json: bool
                    ) -> tuple[date, CurrentDay | None, str]:
    """The day the deployment clock starts, the as-of day used to find it (none when
    ``--resolution-date`` gives it) and how it was found."""
    if given is not None:
        return given.date(), None, f"{given.date()}, given with --resolution-date"
    from ..logistics.start import deployment_start

    as_of = source.clock
    day, how = deployment_start(source.plan, as_of=as_of.day)
    tell(as_of, as_json=as_json)
    click.echo(f"note: {how}", err=True)
    return day, as_of, how


def _basis(plan: Plan, synthetic: bool, *, given: bool) -> Basis:
    """What the movement plan's figures rest on: its data and, when day 0 comes from the
    plan, the plan's dates and durations (a day given on the command line is the user's)."""
    from ..outlook import plan_basis

    basis = plan_basis(plan, synthetic_deployment=synthetic)
    return replace(basis, assumed_dates=[], estimates=0, synthetic_durations=0) if given \
        else basis


@contextmanager
def _progress(limit: float, *, enabled: bool) -> Iterator[Callable[[float, float, float], None]
                                                          | None]:
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("solving", total=limit)

        def tick(objective: float, bound: float, seconds: float) -> None:
            bar.update(task, completed=min(limit, seconds),
                       description=f"deployed day {objective:.0f} (bound {bound:.0f})")

        yield tick
