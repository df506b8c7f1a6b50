"""A duration's ``replaces``: the drivers and risks it accounts for are not applied to it."""

from __future__ import annotations

from missionplan.planfile import loads_plan
from missionplan.risk import simulate


def test_a_duration_that_replaces_its_own_driver_is_not_scaled_and_odd_ids_are_noted() -> None:
    plan = loads_plan("""
id: handwritten
events: [{id: a}, {id: b}]
activities:
  - id: move
    start: a
    end: b
    duration: {distribution: fixed, likely: 10d, driver: rains,
               replaces: [rains, storm, nothing_here]}
drivers: [{id: rains, low: 2.0, likely: 2.0, high: 2.0}]
risks:
  - {id: storm, probability: 1.0, impacts: [{target: move, delay: 5d}]}
  - {id: nothing_here, probability: 1.0, impacts: [{target: b, delay: 1d}]}
""")
    run = simulate(plan, samples=128, seed=0)
    # Not 10 × 2 + 5: the driver and the storm are replaced; the delay on the event stays.
    assert run.event("b").earliest == run.event("b").latest == 11.0
    assert any("replaces: driver rains, risk storm's delay" in n for n in run.notes)
    assert any("replaces 'nothing_here', which is neither" in n for n in run.notes)
