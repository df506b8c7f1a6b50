"""The movement table as CSV, and the summary as rich tables that read well at 80 columns."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from rich.table import Table

from ..cells import inert_csv
from .result import DeploymentResult

__all__ = ["CSV_COLUMNS", "atomic_write", "movement_csv", "summary_tables", "write_csv"]

CSV_COLUMNS = ("job", "unit", "mode", "route", "depart_day", "arrive_day", "depart_date",
               "arrive_date", "personnel", "vehicles", "tonnage", "required_by", "lateness")


def movement_csv(result: DeploymentResult) -> str:
    """The movement table as CSV text, one row per serial; a name that would start a
    formula (a unit or place typed as ``=...``) is written as text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for m in result.movements:
        writer.writerow([inert_csv(v) for v in (
            m.job, m.unit, m.mode, " > ".join(m.route), m.depart, m.arrive,
            result.date_of(m.depart), result.date_of(m.arrive), m.personnel, m.vehicles,
            f"{m.tonnage:g}", "" if m.required_by is None else m.required_by, m.lateness)])
    return out.getvalue()


def write_csv(result: DeploymentResult, path: Path) -> None:
    """Write the movement table, atomically (temp file then rename)."""
    atomic_write(path, movement_csv(result).encode("utf-8"))


def atomic_write(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary_tables(result: DeploymentResult) -> list[Table]:
    """The headline, the movement table, the lift and the bottlenecks."""
    head = Table(title="Deployment estimate", show_header=False, box=None)
    head.add_column("what")
    head.add_column("value")
    head.add_row(f"{result.threshold:.0%} of authorised strength",
                 _when(result, result.deployed_day))
    head.add_row("90% of authorised strength", _when(result, result.day_90))
    head.add_row("all units in place", _when(result, result.completion_day))
    head.add_row("solver", f"{result.status}, gap {result.gap:.1%}, "
                           f"{result.seconds:.1f} s")
    if result.greedy_day is not None:
        head.add_row("greedy baseline", f"day {result.greedy_day}")
    head.add_row("person-days late", str(result.lateness))
    moves = Table(title="Movements")
    for col in ("serial", "mode", "route", "dep", "arr", "late"):
        moves.add_column(col, justify="right" if col in ("dep", "arr", "late") else "left")
    for m in result.movements:
        route = m.route[0] + " > " + m.route[-1] if len(m.route) > 2 else " > ".join(m.route)
        moves.add_row(m.job, m.mode.replace("_", "-"), route, str(m.depart), str(m.arrive),
                      str(m.lateness) if m.lateness else "")
    lift = Table(title="Lift needed")
    lift.add_column("aircraft")
    lift.add_column("sorties", justify="right")
    lift.add_column("flying hours", justify="right")
    lift.add_row("helicopter", str(result.lift.helicopter_sorties),
                 f"{result.lift.helicopter_hours:.0f}")
    lift.add_row("fixed-wing", str(result.lift.fixed_wing_sorties),
                 f"{result.lift.fixed_wing_hours:.0f}")
    neck = Table(title="Bottlenecks that bind")
    neck.add_column("kind")
    neck.add_column("what")
    for b in result.bottlenecks:
        neck.add_row(b.kind, b.detail)
    if not result.bottlenecks:
        neck.add_row("none", "no capacity at its limit, no move forced by a closure")
    return [head, moves, lift, neck]


def _when(result: DeploymentResult, day: int | None) -> str:
    if day is None:
        return "not reached"
    return f"day {day} ({result.date_of(day)})"
