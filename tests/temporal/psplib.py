"""Readers for PSPLIB instances (.sm and ProGen/max .SCH) as plans of start events.

Each job j becomes event ``j{j}`` (its start). A precedence ``i → j`` in an .sm file says
``start_j − start_i ≥ duration_i``; a time lag ``[l]`` in an .SCH file says
``start_j − start_i ≥ l`` (a negative lag is a maximum delay). Resources are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from missionplan.model import Plan

ROOT = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "psplib"


def _plan(jobs: list[int], arcs: list[tuple[int, int, int]]) -> Plan:
    relations: list[dict[str, Any]] = [
        {"id": f"r{k}", "from": f"j{i}", "to": f"j{j}", "min": f"{lag}d"}
        for k, (i, j, lag) in enumerate(arcs)]
    return Plan.model_validate({"id": "psplib", "events": [{"id": f"j{i}"} for i in jobs],
                                "relations": relations})


def read_sm(path: Path) -> tuple[Plan, int, str]:
    """The plan, its MPM-Time (critical path length) and the sink event."""
    lines = path.read_text().splitlines()
    info = lines.index(next(x for x in lines if x.startswith("PROJECT INFORMATION")))
    mpm = int(lines[info + 2].split()[-1])
    prec = lines.index("PRECEDENCE RELATIONS:") + 2
    succ: dict[int, list[int]] = {}
    for line in lines[prec:]:
        if line.startswith("*"):
            break
        f = [int(x) for x in line.split()]
        succ[f[0]] = f[3:3 + f[2]]
    req = lines.index("REQUESTS/DURATIONS:") + 3
    dur: dict[int, int] = {}
    for line in lines[req:]:
        if line.startswith("*"):
            break
        f = [int(x) for x in line.split()]
        dur[f[0]] = f[2]
    arcs = [(i, j, dur[i]) for i, js in succ.items() for j in js]
    return _plan(sorted(succ), arcs), mpm, f"j{max(succ)}"


def read_sch(path: Path) -> tuple[Plan, list[tuple[int, int, int]]]:
    """The plan of time lags and its arcs ``(i, j, lag)``."""
    lines = path.read_text().split("\n")
    jobs = int(lines[0].split()[0]) + 2
    arcs: list[tuple[int, int, int]] = []
    for line in lines[1:1 + jobs]:
        head = line.split("[")[0].split()
        i, count = int(head[0]), int(head[2])
        lags = [int(x) for x in re.findall(r"\[(-?\d+)\]", line)]
        arcs += [(i, int(j), lag) for j, lag in zip(head[3:3 + count], lags, strict=True)]
    return _plan(list(range(jobs)), arcs), arcs
