"""Levelling against brute force: on small random RCPSP/max problems (minimum and maximum
lags, capacities that change over time, closed days) every schedule is tried, and CP-SAT
must find the shortest one, or prove there is none; the heuristic's must be valid."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from missionplan.levelling import (
    Change,
    Edge,
    Moment,
    Problem,
    ResourceSpec,
    Task,
    serial_schedule,
    solve,
    violations,
)
from missionplan.levelling.cpsat import measure_makespan

SPAN = 6  # every point in 0..SPAN


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n = draw(st.integers(2, 4))
    points = ["origin", *[f"t{i}" for i in range(n)]]
    tasks = []
    for i in range(n):
        demand = draw(st.integers(0, 3))
        tasks.append(Task(f"t{i}", i + 1, draw(st.integers(0, 3)),
                          ((0, demand),) if demand else ()))
    edges = [Edge(i + 1, 0, 0, f"t{i} after the origin") for i in range(n)]
    for _ in range(draw(st.integers(0, 4))):
        a, b = draw(st.sampled_from(list(itertools.permutations(range(1, n + 1), 2))))
        edges.append(Edge(a, b, draw(st.integers(-4, 4)), "lag"))
    changes = []
    if draw(st.booleans()):
        start = draw(st.integers(0, SPAN))
        changes.append(Change(draw(st.sampled_from([-1, 1, 2])), Moment(day=start),
                              Moment(day=start + draw(st.integers(1, 4)))))
    if draw(st.booleans()):
        changes.append(Change(1, Moment(point=draw(st.integers(1, n)))))
    capacity = draw(st.integers(1, 3))
    closed = ()
    if draw(st.booleans()):
        first = draw(st.integers(0, SPAN))
        closed = ((first, first + draw(st.integers(1, 2))),)
    resource = ResourceSpec("r", capacity, tuple(changes), closed=closed)
    return Problem(points, edges, tasks, [resource], origin=0, lo=0, hi=SPAN)


def _valid(p: Problem, times: list[int]) -> bool:
    return violations(p, times) == []


def _brute(p: Problem) -> int | None:
    best = None
    for starts in itertools.product(range(SPAN + 1), repeat=len(p.points) - 1):
        times = [0, *starts]
        if _valid(p, times):
            span = measure_makespan(p, times)
            best = span if best is None else min(best, span)
    return best


def _legal(p: Problem) -> bool:
    least = p.resources[0].capacity + sum(c.add for c in p.resources[0].changes if c.add < 0)
    return least >= 0


@settings(max_examples=200, deadline=None)
@given(problems())
@example(Problem(  # a capacity raised from a day past the horizon: its tail is empty
    points=["origin", "t0", "t1"],
    edges=[Edge(1, 0, 0, "t0 after the origin"), Edge(2, 0, 0, "t1 after the origin"),
           Edge(1, 2, 0, "lag")],
    tasks=[Task("t0", 1, 0), Task("t1", 2, 1, ((0, 1),))],
    resources=[ResourceSpec("r", 1, (Change(1, Moment(day=5), Moment(day=9)),))],
    origin=0, deadlines=[], lo=0, hi=6))
def test_cp_sat_finds_the_brute_force_optimum_or_proves_none(p: Problem) -> None:
    if not _legal(p):
        return
    best = _brute(p)
    found = solve(p, time_limit=20, workers=1)
    if best is None:
        assert found.status == "infeasible"
        return
    assert found.status == "optimal" and found.times is not None, repr(p)
    assert found.value == best
    assert _valid(p, found.times)


@settings(max_examples=200, deadline=None)
@given(problems())
def test_the_serial_schedule_is_valid_when_it_finds_one(p: Problem) -> None:
    if not _legal(p):
        return
    times = serial_schedule(p)
    if times is not None:
        assert violations(p, times) == []
        best = _brute(p)
        assert best is not None and measure_makespan(p, times) >= best
