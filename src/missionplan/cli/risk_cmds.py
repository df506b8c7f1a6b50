"""The ``risk`` verb: Monte Carlo odds of meeting each deadline and criterion for success."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    anchor_option,
    as_of_option,
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
from .level_cmds import levelled as with_levelling
from .level_cmds import levelled_option

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from ..model import Plan
    from ..risk import RiskResult

__all__ = ["risk"]


@click.command()
@plan_arg
@click.option("--samples", default=10_000, show_default=True, type=click.IntRange(1, None),
              help="Number of possible worlds to sample.")
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0, None),
              help="Random seed: the same seed gives the same numbers on any workers.")
@anchor_option
@as_of_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Local worker threads (the compiled engine runs them in parallel).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run the chunks on this Dask cluster instead.")
@click.option("--chart", "chart_dir", default=None, type=click.Path(file_okay=False,
                                                                    path_type=Path),
              help="Write histograms, S-curves and a tornado (PNG and SVG) to this folder.")
@levelled_option
@db_option
@json_option
@handle_errors
def risk(plan: Path | None, samples: int, seed: int, anchors: tuple[str, ...],
         as_of: datetime | None, workers: int, scheduler: str | None, chart_dir: Path | None,
         levelled: bool, db: str | None, as_json: bool) -> None:
    """Sample possible worlds of PLAN as of a day: percentile dates, odds and what drives
    them. Recorded dates are facts in every world; nothing still to happen happens
    before the day."""
    from ..outlook import plan_basis
    from ..risk import simulate, write_charts
    from ..risk.sentences import basis_sentence

    source = read_plan(plan, db)
    day = source.as_of(as_of)
    tell(source, day, as_json=as_json)
    loaded = with_levelling(source.plan, levelled)
    given = date_pairs(anchors, "--anchor")
    run = functools.partial(simulate, loaded, samples=samples, seed=seed, anchors=given,
                            as_of=day.day, workers=workers, scheduler=scheduler)
    result = _with_progress(run, samples) if sys.stdout.isatty() and not as_json else run()
    charts = write_charts(result, chart_dir) if chart_dir is not None else []
    basis = plan_basis(loaded.with_dates(anchors=given))
    if as_json:
        emit_json({**result.to_json(), "source": source.to_json(),
                   "as_of_source": day.to_json(),
                   "sentences": result.sentences(loaded),
                   "basis": {**basis.to_json(), "sentence": basis_sentence(basis)},
                   "charts": [str(p) for p in charts]})
        return
    out = console()
    print_result(out, loaded, result)
    if basis_sentence(basis):
        out.print(basis_sentence(basis), markup=False)
    for path in charts:
        click.echo(f"wrote {path}")


def _with_progress(run: Callable[..., RiskResult], samples: int) -> RiskResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress("sampling worlds", *columns, transient=True) as bar:
        task = bar.add_task("risk", total=samples)
        return run(progress=lambda n: bar.advance(task, n))


def print_result(out: Console, plan: Plan, result: RiskResult) -> None:
    """Tables of odds and dates, then the answers in plain sentences."""
    from rich.table import Table

    odds = Table(title=f"Odds over {result.samples:,} worlds (seed {result.seed})")
    for name in ("deadline or criterion", "odds", "P50", "P90"):
        odds.add_column(name, justify="right" if name != "deadline or criterion" else "left")
    for c in result.criteria:
        odds.add_row(c.label, _pct(c.probability), "", "")
    for d in result.deadlines:
        e = result.event(d.target)
        odds.add_row(f"  {d.label}", _pct(d.probability), _when(result, e.id, "P50"),
                     _when(result, e.id, "P90"))
    out.print(odds)
    dates = Table(title="Key dates")
    for name in ("event", "P10", "P50", "P80", "P90"):
        dates.add_column(name, justify="left" if name == "event" else "right")
    for key in result.key_events:
        dates.add_row(result.event(key).label,
                      *(_when(result, key, p) for p in ("P10", "P50", "P80", "P90")))
    out.print(dates)
    out.print(_critical_table(plan, result))
    for line in result.sentences(plan):
        out.print(f"• {line}")
    for note in result.notes:
        out.print(f"[dim]note: {note}[/dim]")


def _critical_table(plan: Plan, result: RiskResult) -> Table:
    from rich.table import Table

    names = {a.id: a.label() for a in plan.activities}
    table = Table(title="Most often on the critical path")
    table.add_column("to")
    table.add_column("activities (share of worlds)")
    for key, shares in result.criticality.items():
        top = list(shares.items())[:3]
        table.add_row(result.event(key).label,
                      ", ".join(f"{names.get(a, a)} {_pct(p)}" for a, p in top))
    return table


def _pct(p: float | None) -> str:
    return "—" if p is None else f"{100 * p:.0f}%"


def _when(result: RiskResult, event_id: str, key: str) -> str:
    e = result.event(event_id)
    return e.dates[key] if e.dates is not None else f"day {e.days[key]:.0f}"
