"""PSPLIB instances as exact oracles: critical paths (.sm) and time-lag networks (.SCH)."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionplan.temporal import analyse
from temporal.oracle import INF, floyd_warshall
from temporal.psplib import ROOT, read_sch, read_sm

pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason="PSPLIB instances not present")


def _sample(folder: str, pattern: str, step: int) -> list[Path]:
    return sorted((ROOT / folder).glob(pattern))[::step] if ROOT.is_dir() else []


@pytest.mark.parametrize("path", _sample("rcpsp-j30.sm", "*.sm", 40)
                         + _sample("rcpsp-j120.sm", "*.sm", 50), ids=lambda p: p.name)
def test_earliest_finish_is_the_files_mpm_time(path: Path) -> None:
    plan, mpm, sink = read_sm(path)
    a = analyse(plan)
    assert a.consistent and a.reference == "j1"
    assert a.windows[sink].earliest == mpm
    chain = a.why(sink, "earliest")
    assert sum(e.days for e in chain) == mpm  # the chain is a critical path


@pytest.mark.parametrize("path", _sample("rcpsp-max-sm_j30", "*.SCH", 27),
                         ids=lambda p: p.name)
def test_time_lag_networks_are_consistent_with_floyd_warshall_windows(path: Path) -> None:
    plan, arcs = read_sch(path)
    a = analyse(plan)
    assert a.consistent
    n = len(plan.events)
    d = floyd_warshall(n, [(j, i, -lag) for i, j, lag in arcs])  # start_i − start_j ≤ −lag
    for v in range(n):
        w = a.windows[f"j{v}"]
        assert w.latest == (None if d[0][v] == INF else d[0][v])
        assert w.earliest == (None if d[v][0] == INF else -d[v][0])
