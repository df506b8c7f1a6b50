"""Small deployment instances against optima computed by hand and by brute force.

Every plan the planner returns is also checked by the independent validator.
"""

from __future__ import annotations

import itertools
import math
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.logistics import (
    DeploymentData,
    DeploymentResult,
    WhatIf,
    greedy_deployment,
    load_deployment_files,
    plan_deployment,
    validate_solution,
)

TINY = Path(__file__).parent / "logistics" / "tiny"
DAY0 = date(2027, 1, 1)
RAINS_DAYS_1_TO_3 = (date(2027, 1, 2), date(2027, 1, 4))


def tiny(lift: str) -> DeploymentData:
    return load_deployment_files(TINY / "tiny.geojson", TINY / "network.yaml",
                                 TINY / "force.yaml", TINY / lift)


def solve(data: DeploymentData, **what_if: object) -> DeploymentResult:
    result = plan_deployment(data, resolution_date=DAY0, time_limit=5,
                             what_if=WhatIf(**what_if))  # type: ignore[arg-type]
    assert validate_solution(data, result) == []
    return result


# -- hand-computed optima ----------------------------------------------------------------------
# Three units of 6 vehicles on a road carrying 10 a day, each a day's drive: one unit a day.

def test_one_road_one_unit_a_day() -> None:
    result = solve(tiny("lift_none.yaml"))
    assert result.status == "optimal"
    assert sorted(m.arrive for m in result.movements) == [0, 1, 2]
    assert result.deployed_day == 2
    assert result.lateness == 20  # one unit one day past its required day 1, 20 people


def test_closure_in_the_rains_holds_units_back() -> None:
    result = solve(tiny("lift_none.yaml"), rainy_season=RAINS_DAYS_1_TO_3)
    assert sorted(m.arrive for m in result.movements) == [0, 4, 5]
    assert result.deployed_day == 5
    assert result.lateness == (3 + 4) * 20


def test_helicopter_takes_a_unit_a_day_around_the_closure() -> None:
    result = solve(tiny("lift_heli.yaml"), rainy_season=RAINS_DAYS_1_TO_3)
    assert result.deployed_day == 1
    assert sorted(m.mode for m in result.movements) == ["helicopter", "helicopter", "road"]
    assert result.lift.helicopter_sorties == 4
    assert any(b.kind == "closure" and "road" in b.ref for b in result.bottlenecks)
    closures = [b.detail for b in result.bottlenecks if b.kind == "closure"]
    assert closures and all(d.endswith("flown (helicopter) to Town: the Port–Town road closed")
                            for d in closures)  # people's names, not ids


def test_threshold_counts_units_already_in_place() -> None:
    # 40 observers in place + 60 moving = 100; 60% needs 20 more people: day 0.
    result = solve(tiny("lift_none.yaml"), threshold=0.6, rainy_season=RAINS_DAYS_1_TO_3)
    assert result.deployed_day == 0
    assert result.curve[0] == pytest.approx(0.6)
    assert result.day_90 == 5


def test_late_unit_and_closed_road() -> None:
    result = solve(tiny("lift_heli.yaml"), late={"u1": 3}, closed=("road",))
    assert all(m.mode == "helicopter" for m in result.movements)
    # Helicopter does one unit a day; u1 arrives on day 3.
    assert sorted(m.arrive for m in result.movements) == [0, 1, 3]


def test_arrival_scenario_max_shifts_every_start() -> None:
    result = solve(tiny("lift_none.yaml"), arrivals="max")
    assert sorted(m.arrive for m in result.movements) == [2, 3, 4]


def test_greedy_is_never_better_than_the_optimum() -> None:
    data = tiny("lift_heli.yaml")
    greedy = greedy_deployment(data, resolution_date=DAY0,
                               what_if=WhatIf(rainy_season=RAINS_DAYS_1_TO_3))
    assert validate_solution(data, greedy) == []
    assert greedy.deployed_day is not None and greedy.deployed_day >= 1


# -- the validator catches broken plans --------------------------------------------------------

def test_validator_catches_capacity_closure_and_early_departure() -> None:
    data = tiny("lift_none.yaml")
    good = solve(data, rainy_season=RAINS_DAYS_1_TO_3)
    moved = [replace(m, depart=2, arrive=2, legs=tuple(replace(leg, start=2, end=2)
                                                       for leg in m.legs))
             for m in good.movements]
    bad = replace(good, movements=moved)
    problems = " ".join(validate_solution(data, bad))
    assert "over its capacity" in problems
    assert "in the rains, when it is closed" in problems
    late = replace(good, what_if=WhatIf(rainy_season=RAINS_DAYS_1_TO_3, late={"u1": 9}))
    assert any("before it arrives" in p for p in validate_solution(data, late))


def test_validator_catches_missing_unit_and_wrong_deployed_day() -> None:
    data = tiny("lift_none.yaml")
    good = solve(data)
    bad = replace(good, movements=good.movements[1:])
    problems = validate_solution(data, bad)
    assert any("personnel delivered" in p for p in problems)
    assert any("deployed day reported" in p for p in problems)


def test_validator_catches_too_fast_travel() -> None:
    data = tiny("lift_none.yaml")
    good = solve(data)
    slow = data.network.model_copy(deep=True)
    slow.road_classes["track"].speed_kmh = 5  # 100 km now needs 20 h: two days
    slowed = replace(data, network=slow)
    assert any("needs 20.0 h" in p for p in validate_solution(slowed, good))


# -- brute force over one road with a closure --------------------------------------------------

def _write_instance(folder: Path, *, vehicles: list[int], arrivals: list[int], capacity: int,
                    length: int) -> None:
    for name in ("tiny.geojson", "lift_none.yaml"):
        (folder / name).write_text((TINY / name).read_text())
    (folder / "network.yaml").write_text(
        "synthetic: true\nhours_per_day: 10\nroad_classes:\n"
        f"  track: {{speed_kmh: 50, rainy: closed, capacity: {capacity}}}\n"
        f"edges:\n  - {{id: road, a: port, b: town, class: track, length_km: {length}}}\n")
    units = "".join(
        f"  - {{id: u{i}, kind: x, personnel: 10, vehicles: {v}, arrival_point: port, "
        f"arrival: {{min: {a}, likely: {a}, max: {a}}}, destination: town}}\n"
        for i, (v, a) in enumerate(zip(vehicles, arrivals, strict=True)))
    (folder / "force.yaml").write_text("synthetic: true\nunits:\n" + units)


def _brute_force(vehicles: list[int], arrivals: list[int], capacity: int, days: int,
                 closed: set[int], horizon: int) -> int:
    best = math.inf
    ranges = [range(a, horizon + 1) for a in arrivals]
    for starts in itertools.product(*ranges):
        spans = [range(s, s + days) for s in starts]
        if any(d in closed for span in spans for d in span):
            continue
        load: dict[int, int] = {}
        for span, v in zip(spans, vehicles, strict=True):
            for d in span:
                load[d] = load.get(d, 0) + v
        if all(x <= capacity for x in load.values()):
            best = min(best, max(s + days - 1 for s in starts))
    return int(best)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vehicles=st.lists(st.integers(1, 8), min_size=2, max_size=3),
       data=st.data(), capacity=st.integers(8, 14), length=st.sampled_from([80, 150]),
       rain=st.tuples(st.integers(0, 4), st.integers(0, 3)))
def test_matches_brute_force(vehicles: list[int], data: st.DataObject, capacity: int,
                             length: int, rain: tuple[int, int]) -> None:
    arrivals = data.draw(st.lists(st.integers(0, 3), min_size=len(vehicles),
                                  max_size=len(vehicles)))
    first, span = rain
    closed = set(range(first, first + span))
    rains = None if not span else (date.fromordinal(DAY0.toordinal() + first),
                                   date.fromordinal(DAY0.toordinal() + first + span - 1))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_instance(folder, vehicles=vehicles, arrivals=arrivals, capacity=capacity,
                        length=length)
        inst = load_deployment_files(folder / "tiny.geojson", folder / "network.yaml",
                                     folder / "force.yaml", folder / "lift_none.yaml")
        result = solve(inst, rainy_season=rains)
    days = math.ceil(length / 50 / 10)
    expected = _brute_force(vehicles, arrivals, capacity, days, closed, horizon=20)
    assert result.deployed_day == expected
    assert result.status == "optimal"


def test_what_ifs_written_in_the_plan_apply() -> None:
    from missionplan.logistics import load_deployment
    from missionplan.planfile import loads_plan

    text = (TINY / "plan.yaml").read_text().replace(
        "season: rainy}", "season: rainy, closed: [road], late_units: {u2: 2}}")
    plan = loads_plan(text)
    plan.set_base_dir(TINY)
    data = load_deployment(plan)
    result = plan_deployment(data, resolution_date=DAY0, time_limit=5)
    assert validate_solution(data, result) == []
    assert result.what_if.closed == ("road",) and result.what_if.late == {"u2": 2}
    assert all(m.mode == "helicopter" for m in result.movements)
    assert next(m for m in result.movements if m.unit == "u2").depart >= 2


def test_air_energy_bound_is_tight_when_only_the_helicopter_serves() -> None:
    from missionplan.logistics import solve as internals
    from missionplan.logistics.bounds import air_energy_bound

    data = tiny("lift_heli.yaml")
    for late, optimum in (({}, 2), ({"u1": 3}, 3)):
        setup = internals._setup(data, DAY0, WhatIf(closed=("road",), late=late), 3)
        table = internals._table(setup, 10)
        bound = air_energy_bound(setup.jobs, table, setup.cond, floor=0, horizon=10)
        assert bound == optimum
        assert solve(data, closed=("road",), late=late).deployed_day == optimum
