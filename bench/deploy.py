"""Deployment planner benchmark: Carana and generated instances 2, 4 and 8 times larger.

For each instance, in one run: the greedy baseline (each serial, in arrival order, on its
soonest open route with capacity left) and CP-SAT; prints time to solve, the optimality
gap against CP-SAT's bound, the plan checked by the independent validator, and the gain
over greedy, with the CPU seconds of the solve and the 1-minute load average after it.
Usage: ``python bench/deploy.py [--scale 1 2 4 8] [--time-limit SECONDS]``.
Targets on 2 cores: Carana optimal or within 1% in < 30 s; 4x within 2% in < 120 s.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import time
from datetime import date

from missionplan.logistics import (
    DeploymentData,
    greedy_deployment,
    load_deployment_files,
    plan_deployment,
    validate_solution,
)
from missionplan.logistics.schema import ArrivalOffset, Edge, Place
from missionplan.scenarios import scenario_dir

RESOLUTION = date(2027, 3, 15)  # the rains (05-01..10-31) start on day 47
LIMITS = {1: 30.0, 2: 60.0, 4: 120.0, 8: 240.0}


def carana() -> DeploymentData:
    geo = scenario_dir() / "geography"
    return load_deployment_files(geo / "carana.geojson", geo / "network.yaml",
                                 geo / "force.yaml", geo / "lift.yaml",
                                 season=("05-01", "10-31"))


def scaled(data: DeploymentData, factor: int, *, seed: int = 7) -> DeploymentData:
    """``factor`` times the units and towns: each copy adds a town beside every town and
    capital (joined by a laterite or track road) and sends a copy of every unit there,
    arriving a few days apart; aircraft and trunk roads stay as they are, so they bind."""
    rng = random.Random(seed)
    places, edges = dict(data.places), list(data.network.edges)
    units = list(data.force.units)
    towns = [p for p in data.places.values() if p.type.endswith(("town", "capital"))]
    for copy in range(1, factor):
        moved = {}
        for town in towns:
            new = Place(id=f"{town.id}_{copy}", name=f"{town.name} {copy}", type="town",
                        lon=town.lon + rng.uniform(-0.3, 0.3),
                        lat=min(9.95, max(8.05, town.lat + rng.uniform(-0.2, 0.2))),
                        pcode=town.pcode, helipad=True)
            places[new.id] = new
            moved[town.id] = new.id
            km = 111 * math.hypot((new.lon - town.lon) * math.cos(math.radians(9)),
                                  new.lat - town.lat)
            cls = rng.choice(["laterite", "laterite", "track"])
            edges.append(Edge.model_validate({"id": f"r_{new.id}", "a": town.id, "b": new.id,
                                              "class": cls, "length_km": round(km * 1.3) + 5}))
        for unit in data.force.units:
            if unit.in_place or unit.arrival is None:
                continue
            shift = rng.randint(0, 10)
            arrival = ArrivalOffset(min=unit.arrival.min + shift,
                                    likely=unit.arrival.likely + shift,
                                    max=unit.arrival.max + shift)
            units.append(unit.model_copy(update={
                "id": f"{unit.id}_{copy}", "arrival": arrival,
                "destination": moved.get(unit.destination, unit.destination),
                "required_by": None if unit.required_by is None else unit.required_by + shift}))
    lift = data.lift
    network = data.network.model_copy(update={"edges": edges})
    force = data.force.model_copy(update={"units": units})
    return DeploymentData(places=places, network=network, force=force, lift=lift,
                          features=data.features, season=data.season, spec=data.spec)


def run(factor: int, limit: float, resolution: date) -> None:
    data = carana() if factor == 1 else scaled(carana(), factor)
    serials = sum(u.serials for u in data.force.units if not u.in_place)
    started = time.perf_counter()
    greedy = greedy_deployment(data, resolution_date=resolution)
    greedy_s = time.perf_counter() - started
    cpu = time.process_time()
    result = plan_deployment(data, resolution_date=resolution, time_limit=limit)
    cpu = time.process_time() - cpu
    problems = validate_solution(data, result) + validate_solution(data, greedy)
    g, c = greedy.deployed_day or 0, result.deployed_day or 0
    gain = (g - c) / g if g else 0.0
    print(f"{factor:>3}x {len(data.places):>6} {serials:>7} {result.day_seconds:>6.1f}s "
          f"{result.seconds:>6.1f}s "
          f"{result.status:>9} {result.gap:>6.1%} {c:>5} {g:>6} ({greedy_s:4.1f}s) "
          f"{gain:>6.1%} {result.lateness:>9} {greedy.lateness:>9} "
          f"{cpu:>6.1f}s {os.getloadavg()[0]:>4.1f} {'ok' if not problems else problems[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="*", default=[1, 2, 4, 8])
    parser.add_argument("--resolution-date", type=date.fromisoformat, default=RESOLUTION)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="Seconds per instance (default 30, 60, 120, 240 by scale)")
    args = parser.parse_args()
    print("size places serials  t(day) t(all)    status    gap   day greedy (time)   gain "
          " late(p-d)  greedy(p-d)  cpu  load valid")
    for factor in args.scale:
        run(factor, args.time_limit or LIMITS.get(factor, 60.0 * factor), args.resolution_date)


if __name__ == "__main__":
    main()
