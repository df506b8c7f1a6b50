"""Verbs on a plan: check, schedule, explain, schema."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    actual_option,
    anchor_option,
    as_of_option,
    date_pairs,
    db_option,
    emit_json,
    handle_errors,
    json_option,
    plan_argument,
    progress_bar,
    read_plan,
    tell,
)
from .level_cmds import levelled as with_levelling
from .level_cmds import levelled_option

__all__ = ["check", "explain", "schedule", "schema"]

@click.command()
@plan_argument
@anchor_option
@click.option("-v", "--verbose", is_flag=True, help="Also show notes (info findings).")
@db_option
@json_option
@handle_errors
def check(plan: Path | None, anchors: tuple[str, ...], verbose: bool, db: str | None,
          as_json: bool) -> None:
    """Validate PLAN: exit 0 when clean, 1 with findings, 2 on bad usage or a bad file."""
    from ..process import alignment_findings
    from ..temporal import analyse, lint
    from . import render

    dates = date_pairs(anchors, "--anchor")
    source = read_plan(plan, db)
    tell(source, as_json=as_json)
    base = source.plan
    base.require_events(list(dates))
    loaded = base.with_dates(anchors=dates)
    analysis = analyse(loaded)
    findings = lint(loaded, analysis) + alignment_findings(loaded)
    counted = [d for d in findings if d.severity != "info"]
    if as_json:
        emit_json({"plan": loaded.id, "source": source.to_json(),
                   "consistent": analysis.consistent,
                   "findings": [d.to_json() for d in findings],
                   "conflicts": [render.conflict_json(loaded, c) for c in analysis.conflicts]})
    else:
        render.print_check(loaded, analysis, findings, verbose=verbose)
    raise SystemExit(EXIT_FINDINGS if counted else EXIT_OK)


@click.command()
@plan_argument
@anchor_option
@actual_option
@as_of_option
@click.option("--horizon", default=30, show_default=True, type=click.IntRange(1, 3660),
              help="Days ahead that count as falling due soon.")
@click.option("-v", "--verbose", is_flag=True, help="Also show notes (info findings).")
@click.option("--risk", "risk_samples", type=click.IntRange(min=1), default=None, metavar="N",
              help="Forecast with the P50 (and P10-P90) of N simulated worlds instead of the "
                   "most likely durations.")
@click.option("--seed", type=int, default=0, help="Random seed of the risk samples.")
@levelled_option
@db_option
@json_option
@handle_errors
def schedule(plan: Path | None, anchors: tuple[str, ...], actuals: tuple[str, ...],
             as_of: datetime | None, horizon: int, verbose: bool, risk_samples: int | None,
             seed: int, levelled: bool, db: str | None, as_json: bool) -> None:
    """Every event's window, its forecast and the status of every deadline as of a day.

    Recorded dates (and --actual) are facts: a deadline they miss is late or early by so
    many days and the rest is re-dated from them. Exit 0, or 1 when the plan's own
    relations contradict each other or a recorded date breaks its logic."""
    from ..outlook.analyses import forecast_schedule
    from . import render

    source = read_plan(plan, db)
    day = source.as_of(as_of)
    tell(source, day, as_json=as_json)
    with progress_bar() as progress:
        result = forecast_schedule(
            with_levelling(source.plan, levelled), as_of=day.day,
            anchors=date_pairs(anchors, "--anchor"),
            actuals=date_pairs(actuals, "--actual"), horizon_days=horizon,
            risk_samples=risk_samples, seed=seed, progress=progress)
    if as_json:
        emit_json({**result.to_json(), "source": source.to_json(),
                   "as_of_source": day.to_json()})
    else:
        render.print_schedule(result, verbose=verbose)
    if any(d.severity == "error" for d in result.diagnostics):
        raise SystemExit(EXIT_FINDINGS)


@click.command()
@click.argument("event")
@plan_argument
@anchor_option
@actual_option
@db_option
@json_option
@handle_errors
def explain(event: str, plan: Path | None, anchors: tuple[str, ...], actuals: tuple[str, ...],
            db: str | None, as_json: bool) -> None:
    """Why EVENT's earliest and latest dates are what they are."""
    from ..errors import InconsistentPlanError
    from ..temporal import analyse
    from . import render

    given = {"--anchor": date_pairs(anchors, "--anchor"), "--actual": date_pairs(actuals,
                                                                                "--actual")}
    source = read_plan(plan, db)
    tell(source, as_json=as_json)
    base = source.plan
    base.require_events([event, *given["--anchor"], *given["--actual"]])
    loaded = base.with_dates(anchors=given["--anchor"], actuals=given["--actual"])
    analysis = analyse(loaded)
    if not analysis.consistent:
        raise InconsistentPlanError(
            f"the plan's relations contradict each other, so '{event}' has no window to "
            "explain: 'missionplan check' shows the conflicts and how to resolve them")
    if as_json:
        emit_json({**render.explain_json(loaded, analysis, event), "source": source.to_json()})
    else:
        render.print_explain(loaded, analysis, event)


@click.command()
@click.option("--exercise", is_flag=True, help="The exercise file's schema instead.")
@handle_errors
def schema(exercise: bool) -> None:
    """Print the plan file's JSON Schema (or the exercise file's)."""
    if exercise:
        from ..exercise import exercise_schema

        click.echo(exercise_schema())
        return
    from ..planfile import plan_schema

    click.echo(plan_schema())
