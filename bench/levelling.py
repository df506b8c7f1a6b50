"""Levelling benchmark: CP-SAT against the serial heuristic (MS Project–style levelling)
on PSPLIB J30, J120 and RCPSP/max J30, and the Carana plan, in one run.

For every instance: the serial schedule-generation scheme's makespan and time, CP-SAT's
status, makespan, bound and time, both schedules checked by the independent validator.
Per set and time limit it prints the share solved to proven optimality, the share equal
to the best known value, the mean gap to the best known value (upper bound) of each
method, infeasibility proven on the `unsat` instances, and the mean seconds per instance.
Usage: ``python bench/levelling.py [--sets j30 j120 max] [--every N] [--time-limit S ...]
[--workers 2]``. Targets on 2 cores: J30 480/480 optimal within 10 s each; RCPSP/max J30
every optimum found and every `unsat` proven; J120 mean gap to the best known upper bound
≤ 2.5% at 10 s; Carana levelled optimal in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from missionplan.levelling import (
    Known,
    level,
    read_optima,
    read_sch,
    read_sm,
    serial_schedule,
    solve,
    violations,
)
from missionplan.levelling.cpsat import measure_makespan
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_plan_path

ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"
SETS = {"j30": ("rcpsp-j30.sm", "*.sm", read_sm), "j120": ("rcpsp-j120.sm", "*.sm", read_sm),
        "max": ("rcpsp-max-sm_j30", "*.SCH", read_sch)}


@dataclass
class Row:
    name: str
    known: Known
    sgs: int | None
    sgs_seconds: float
    status: str
    value: int | None
    bound: int | None
    seconds: float
    valid: bool


def run_one(path: Path, reader: object, known: Known, limit: float, workers: int) -> Row:
    problem = reader(path)  # type: ignore[operator]
    started = time.perf_counter()
    heuristic = serial_schedule(problem)
    sgs_seconds = time.perf_counter() - started
    found = solve(problem, time_limit=limit, workers=workers)
    valid = all(violations(problem, t) == [] for t in (heuristic, found.times) if t)
    return Row(path.name, known, measure_makespan(problem, heuristic) if heuristic else None,
               sgs_seconds, found.status, found.value, found.bound, found.seconds, valid)


def _gap(value: int | None, known: Known) -> float | None:
    best = known.upper if known.upper is not None else known.lower
    if value is None or best is None:
        return None
    return (value - best) / best


def summary(label: str, limit: float, rows: list[Row]) -> str:
    sat = [r for r in rows if not r.known.unsat]
    unsat = [r for r in rows if r.known.unsat]
    optimal = sum(r.status == "optimal" for r in sat)
    equal = sum(r.value is not None and r.value == r.known.optimum for r in sat
                if r.known.optimum is not None)
    with_opt = sum(r.known.optimum is not None for r in sat)
    gaps = [g for r in sat if (g := _gap(r.value, r.known)) is not None]
    sgs_gaps = [g for r in sat if (g := _gap(r.sgs, r.known)) is not None]
    line = (f"| {label} | {limit:g} s | {len(rows)} | {optimal}/{len(sat)} | "
            f"{equal}/{with_opt} | {_pct(gaps)} | {_pct(sgs_gaps)} "
            f"({len(sgs_gaps)}/{len(sat)} found) | "
            f"{sum(r.status == 'infeasible' for r in unsat)}/{len(unsat)} | "
            f"{statistics.mean(r.seconds for r in rows):.2f} s | "
            f"{statistics.mean(r.sgs_seconds for r in rows) * 1000:.1f} ms | "
            f"{'all' if all(r.valid for r in rows) else 'NOT ALL'} |")
    return line


def _pct(values: list[float]) -> str:
    return f"{100 * statistics.mean(values):.2f}%" if values else "—"


def carana(limit: float) -> str:
    plan = load_plan(scenario_plan_path())
    started = time.perf_counter()
    result = level(plan, time_limit=limit, drivers=False)
    seconds = time.perf_counter() - started
    return (f"Carana levelled (lateness objective): {result.status}, gap {result.gap}, "
            f"{seconds:.2f} s, {len(result.violations)} violations")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--every", type=int, default=1, help="Take every Nth instance.")
    parser.add_argument("--time-limit", type=float, nargs="+", default=[10.0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(carana(10.0))
    print("| set | limit | instances | proven optimal | equal to known optimum | "
          "CP-SAT mean gap to best known | heuristic mean gap | unsat proven | "
          "CP-SAT s/instance | heuristic time/instance | schedules valid |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for key in args.sets:
        folder, pattern, reader = SETS[key]
        known = read_optima(ROOT / folder / "optimum" / "optimum.csv")
        paths = sorted((ROOT / folder).glob(pattern), key=_natural)[::args.every]
        for limit in args.time_limit:
            rows = [run_one(p, reader, known[p.name], limit, args.workers) for p in paths]
            print(summary(key, limit, rows), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def _natural(path: Path) -> tuple[object, ...]:
    import re

    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name))


if __name__ == "__main__":
    main()
