"""The air-lift lower bound against brute-force optima of helicopter-only instances.

With the only road closed every serial must fly, so the least deployed day is a
small scheduling problem a brute force settles: each unit flies its sorties at
the group's full daily rate from the day it starts. The bound must never exceed
that optimum, and the planner must reach it.
"""

from __future__ import annotations

import itertools
import math
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.logistics import (
    WhatIf,
    greedy_deployment,
    load_deployment_files,
    plan_deployment,
    validate_solution,
)
from missionplan.logistics import solve as internals
from missionplan.logistics.bounds import air_energy_bound

TINY = Path(__file__).parent / "logistics" / "tiny"
DAY0 = date(2027, 1, 1)
HORIZON = 14


def _write(folder: Path, *, personnel: list[int], arrivals: list[int], per_day: int) -> None:
    for name in ("tiny.geojson", "network.yaml"):
        (folder / name).write_text((TINY / name).read_text())
    (folder / "lift.yaml").write_text(
        "# SYNTHETIC test lift\nsynthetic: true\nhelicopters:\n"
        f"  - {{id: heli, count: 1, payload_t: 10, pax: 10, range_km: 300, speed_kmh: 200,"
        f" sorties_per_day: {per_day}, base: port}}\n")
    units = "".join(
        f"  - {{id: u{i}, kind: x, personnel: {p}, vehicles: 1, tonnage: 1, "
        f"arrival_point: port, arrival: {{min: {a}, likely: {a}, max: {a}}}, "
        f"destination: town, required_by: {a + 1}}}\n"
        for i, (p, a) in enumerate(zip(personnel, arrivals, strict=True)))
    (folder / "force.yaml").write_text("# SYNTHETIC test force\nsynthetic: true\nunits:\n" + units)


def _daily(sorties: int, cap: int) -> list[int]:
    rate = min(sorties, cap)
    return [min(rate, sorties - rate * k) for k in range(math.ceil(sorties / rate))]


def _brute_force(personnel: list[int], arrivals: list[int], cap: int) -> int:
    flights = [_daily(math.ceil(p / 10), cap) for p in personnel]
    best = math.inf
    for starts in itertools.product(*(range(a, HORIZON + 1) for a in arrivals)):
        load: dict[int, int] = {}
        for start, days in zip(starts, flights, strict=True):
            for k, n in enumerate(days):
                load[start + k] = load.get(start + k, 0) + n
        if all(v <= cap for v in load.values()):
            best = min(best, max(s + len(d) - 1 for s, d in zip(starts, flights, strict=True)))
    return int(best)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(personnel=st.lists(st.integers(5, 60), min_size=2, max_size=3),
       data=st.data(), per_day=st.integers(1, 4))
def test_bound_never_exceeds_the_brute_force_optimum(personnel: list[int], data: st.DataObject,
                                                     per_day: int) -> None:
    arrivals = data.draw(st.lists(st.integers(0, 3), min_size=len(personnel),
                                  max_size=len(personnel)))
    expected = _brute_force(personnel, arrivals, per_day)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, personnel=personnel, arrivals=arrivals, per_day=per_day)
        inst = load_deployment_files(folder / "tiny.geojson", folder / "network.yaml",
                                     folder / "force.yaml", folder / "lift.yaml")
    what_if = WhatIf(closed=("road",))
    setup = internals._setup(inst, DAY0, what_if, 3)
    table = internals._table(setup, HORIZON)
    bound = air_energy_bound(setup.jobs, table, setup.cond, floor=0, horizon=HORIZON)
    assert bound <= expected
    result = plan_deployment(inst, resolution_date=DAY0, time_limit=5, what_if=what_if)
    assert validate_solution(inst, result) == []
    assert result.deployed_day == expected
    assert result.status == "optimal"
    greedy = greedy_deployment(inst, resolution_date=DAY0, what_if=what_if)
    if greedy.deployed_day == result.deployed_day:
        assert result.lateness <= greedy.lateness


def test_bound_counts_the_unusable_tail_of_a_full_rate_lift() -> None:
    # Two units of 25 people at 2 sorties a day: 3 sorties each, flown 2 then 1. The day
    # with 1 sortie cannot take the other unit's first day (2), so the two need 4 days:
    # days 0-3, not the 3 that 6 sorties at 2 a day would suggest.
    assert _brute_force([25, 25], [0, 0], 2) == 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, personnel=[25, 25], arrivals=[0, 0], per_day=2)
        inst = load_deployment_files(folder / "tiny.geojson", folder / "network.yaml",
                                     folder / "force.yaml", folder / "lift.yaml")
    setup = internals._setup(inst, DAY0, WhatIf(closed=("road",)), 3)
    table = internals._table(setup, HORIZON)
    assert air_energy_bound(setup.jobs, table, setup.cond, floor=0, horizon=HORIZON) == 3
