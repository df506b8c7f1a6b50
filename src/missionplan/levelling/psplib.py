"""PSPLIB instances as levelling problems: RCPSP (``.sm``) and RCPSP/max (``.SCH``).

In an ``.sm`` file every job is a time point (its start) and a successor starts no
earlier than the job ends. In a ProGen/max ``.SCH`` file the lags are start to start,
``x[j] − x[i] ≥ lag``; a negative lag is a maximum delay of ``x[i]`` after ``x[j]``.
Job 0 (the source) is day 0 and the last job (the sink) ends the project.
The known answers (``optimum/optimum.csv``) are read by :func:`read_optima`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from .problem import Edge, Problem, ResourceSpec, Task

__all__ = ["Known", "read_optima", "read_sch", "read_sm"]


def _ints(line: str) -> list[int]:
    return [int(v) for v in re.findall(r"-?\d+", line)]


def _fail(path: Path, why: str) -> DataFileError:
    return DataFileError(f"{path}: not a PSPLIB instance: {why}", code="data-file")


def _problem(path: Path, durations: list[int], demands: list[list[int]],
             capacities: list[int], lags: list[tuple[int, int, int]]) -> Problem:
    n = len(durations)
    names = [f"job{i}" for i in range(n)]
    edges = [Edge(j, i, -lag, f"job{i}->job{j}") for i, j, lag in lags]  # x_j - x_i >= lag
    tasks = [Task(names[i], i, durations[i],
                  tuple((r, a) for r, a in enumerate(demands[i]) if a > 0))
             for i in range(n)]
    resources = [ResourceSpec(f"R{r + 1}", c) for r, c in enumerate(capacities)]
    return Problem(names, edges, tasks, resources, origin=0, end_points=[n - 1],
                   name=path.name)


def read_sm(path: str | Path) -> Problem:
    """A PSPLIB single-mode RCPSP instance (``j301_1.sm``)."""
    file = Path(path)
    lines = file.read_text(encoding="ascii", errors="replace").splitlines()
    try:
        prec = next(i for i, ln in enumerate(lines) if ln.startswith("PRECEDENCE RELATIONS"))
        reqs = next(i for i, ln in enumerate(lines) if ln.startswith("REQUESTS/DURATIONS"))
        avail = next(i for i, ln in enumerate(lines) if ln.startswith("RESOURCEAVAILABILITIES"))
    except StopIteration:
        raise _fail(file, "a section is missing") from None
    succ = [_ints(ln) for ln in lines[prec + 2:reqs] if _ints(ln)]
    rows = [_ints(ln) for ln in lines[reqs + 3:avail] if _ints(ln)]
    capacities = _ints(lines[avail + 2])
    if not succ or len(succ) != len(rows) or not capacities:
        raise _fail(file, "the job tables do not match")
    durations = [r[2] for r in rows]
    demands = [r[3:3 + len(capacities)] for r in rows]
    lags = [(s[0] - 1, j - 1, durations[s[0] - 1]) for s in succ for j in s[3:3 + s[2]]]
    return _problem(file, durations, demands, capacities, lags)


def read_sch(path: str | Path) -> Problem:
    """A ProGen/max RCPSP/max instance (``PSP1.SCH``)."""
    file = Path(path)
    lines = [ln for ln in file.read_text(encoding="ascii", errors="replace").splitlines()
             if ln.strip()]
    try:
        n_jobs, n_res = _ints(lines[0])[:2]
        n = n_jobs + 2
        lags: list[tuple[int, int, int]] = []
        for ln in lines[1:1 + n]:
            v = _ints(ln)
            count = v[2]
            lags += [(v[0], j, lag) for j, lag in zip(v[3:3 + count],
                                                      v[3 + count:3 + 2 * count], strict=True)]
        rows = [_ints(ln) for ln in lines[1 + n:1 + 2 * n]]
        capacities = _ints(lines[1 + 2 * n])[:n_res]
    except (IndexError, ValueError):
        raise _fail(file, "the job tables do not match") from None
    if len(rows) != n or len(capacities) != n_res:
        raise _fail(file, "the job tables do not match")
    durations = [r[2] for r in rows]
    demands = [r[3:3 + n_res] for r in rows]
    return _problem(file, durations, demands, capacities, lags)


@dataclass(frozen=True, slots=True)
class Known:
    """A known answer: the optimum, bounds, or no schedule at all."""

    lower: int | None
    upper: int | None
    unsat: bool = False

    @property
    def optimum(self) -> int | None:
        return self.lower if self.lower is not None and self.lower == self.upper else None


def read_optima(path: str | Path) -> dict[str, Known]:
    """``problem,optimum`` rows: ``43``, ``84..104`` (bounds; ``..103``: an upper bound
    only) or ``unsat``."""
    out: dict[str, Known] = {}
    with Path(path).open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            value = row["optimum"].strip()
            if value == "unsat":
                out[row["problem"]] = Known(None, None, unsat=True)
            elif ".." in value:
                lo, hi = value.split("..")
                out[row["problem"]] = Known(int(lo) if lo else None, int(hi) if hi else None)
            else:
                out[row["problem"]] = Known(int(value), int(value))
    return out
