"""An independent check of a movement plan against the data.

Nothing here is shared with the model building: only the loaded data and the
result are read, and the rules (the rains, closures, speeds, capacities,
aircraft availability) are re-derived from the files. Any plan the planner
emits must pass; tests run this on every solve.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta

from .data import DeploymentData
from .result import DeploymentResult, Movement
from .routes import Leg
from .schema import AirGroup, Unit

__all__ = ["validate_solution"]


def validate_solution(data: DeploymentData, result: DeploymentResult) -> list[str]:
    """Every way ``result`` breaks the rules of ``data``; empty when it keeps them all."""
    check = _Checker(data, result)
    check.delivered()
    for m in result.movements:
        check.movement(m)
    check.capacities()
    check.reported_day()
    return check.problems


class _Checker:
    def __init__(self, data: DeploymentData, result: DeploymentResult) -> None:
        self.data, self.result = data, result
        self.problems: list[str] = []
        self.units = {u.id: u for u in data.force.units}
        self.edges = {e.id: e for e in data.network.edges}
        self.groups = {g.id: (g, "helicopter") for g in data.lift.helicopters}
        self.groups.update({g.id: (g, "fixed_wing") for g in data.lift.fixed_wing})
        self.load: dict[tuple[str, int], int] = defaultdict(int)
        closed = set(result.what_if.closed)
        self.closed_edges = {c for c in closed if c in self.edges}
        self.closed_nodes = {c for c in closed if c in data.places}

    # -- the calendar, re-derived ------------------------------------------------------------

    def rainy(self, day: int) -> bool:
        when = self.result.resolution_date + timedelta(days=day)
        if self.result.what_if.rainy_season is not None:
            first, last = self.result.what_if.rainy_season
            return first <= when <= last
        if self.data.season is None:
            return False
        return _in_month_days(when, *self.data.season)

    def arrival(self, unit: Unit) -> int:
        if unit.in_place or unit.arrival is None:
            return 0
        base: int = getattr(unit.arrival, self.result.what_if.arrivals)
        return base + self.result.what_if.late.get(unit.id, 0)

    # -- checks ------------------------------------------------------------------------------

    def delivered(self) -> None:
        seen: dict[str, int] = defaultdict(int)
        people: dict[str, int] = defaultdict(int)
        for m in self.result.movements:
            seen[m.job] += 1
            people[m.unit] += m.personnel
            if m.unit not in self.units:
                self.problems.append(f"{m.job}: no unit '{m.unit}' in the force")
        for job, n in seen.items():
            if n > 1:
                self.problems.append(f"{job}: moved {n} times")
        for unit in self.units.values():
            if not unit.in_place and people[unit.id] != unit.personnel:
                self.problems.append(f"{unit.id}: {people[unit.id]} of {unit.personnel} "
                                     "personnel delivered")

    def movement(self, m: Movement) -> None:
        unit = self.units.get(m.unit)
        if unit is None:
            return
        if m.depart < self.arrival(unit):
            self.problems.append(f"{m.job}: departs day {m.depart}, before it arrives in the "
                                 f"country on day {self.arrival(unit)}")
        places = [unit.arrival_point] + [leg.to for leg in m.legs]
        if places[-1] != unit.destination:
            self.problems.append(f"{m.job}: ends at {places[-1]}, not {unit.destination}")
        clock, here, road_hours = m.depart, unit.arrival_point, 0.0
        for i, leg in enumerate(m.legs):
            if leg.origin != here or leg.start < clock:
                self.problems.append(f"{m.job}: leg {i + 1} ({leg.ref}) does not follow on "
                                     f"from {here} on or after day {clock}")
            if leg.kind == "road":
                road_hours += self.road(m, leg, passes=i > 0 and m.legs[i - 1].kind == "road")
            else:
                self.air(m, leg)
            clock, here = leg.end + (0 if leg.kind == "road" else 1), leg.to
        end = m.legs[-1].end if m.legs else m.depart
        if m.arrive != end:
            self.problems.append(f"{m.job}: arrives day {m.arrive} but its last leg ends on "
                                 f"day {end}")
        road_days = [leg for leg in m.legs if leg.kind == "road"]
        if road_days:
            span = road_days[-1].end - m.depart + 1
            if span * self.data.network.hours_per_day + 1e-6 < road_hours:
                self.problems.append(f"{m.job}: {road_hours:.1f} h of driving in {span} day(s)")

    def road(self, m: Movement, leg: Leg, *, passes: bool) -> float:
        """Check one road leg; return the fewest driving hours it can take."""
        edge = self.edges.get(leg.ref)
        if edge is None or {edge.a, edge.b} != {leg.origin, leg.to}:
            self.problems.append(f"{m.job}: no road segment '{leg.ref}' joins {leg.origin} "
                                 f"and {leg.to}")
            return 0.0
        cls = self.data.network.road_classes[edge.road_class]
        rule = edge.rainy or cls.rainy
        fastest = 0.0
        for day in range(leg.start, leg.end + 1):
            wet = self.rainy(day)
            if edge.id in self.closed_edges or {edge.a, edge.b} & self.closed_nodes:
                self.problems.append(f"{m.job}: uses {edge.id}, which is out, on day {day}")
            elif wet and rule == "closed":
                self.problems.append(f"{m.job}: uses {edge.id} on day {day}, in the rains, "
                                     "when it is closed")
            fastest = max(fastest, cls.rainy_speed_kmh if wet and cls.rainy_speed_kmh
                          else cls.speed_kmh)
            self.load[f"edge:{edge.id}", day] += m.vehicles
        for node, day in ((leg.origin, leg.start), (leg.to, leg.end)):
            rule_n = self.data.network.nodes.get(node)
            if rule_n is not None and rule_n.rainy == "closed" and self.rainy(day):
                self.problems.append(f"{m.job}: passes {node} on day {day}, closed in rains")
        if passes and self.data.network.nodes.get(leg.origin) is not None:
            self.load[f"node:{leg.origin}", leg.start] += m.vehicles
        hours = edge.length_km / fastest
        days = leg.end - leg.start + 1
        if days * self.data.network.hours_per_day + 1e-6 < hours:
            self.problems.append(f"{m.job}: {edge.id} needs {hours:.1f} h, given {days} day(s)")
        return hours

    def air(self, m: Movement, leg: Leg) -> None:
        found = self.groups.get(leg.ref)
        if found is None or found[1] != leg.kind:
            self.problems.append(f"{m.job}: no {leg.kind} group '{leg.ref}'")
            return
        group, kind = found
        a, b = self.data.places[leg.origin], self.data.places[leg.to]
        if leg.origin != group.base:
            self.problems.append(f"{m.job}: {group.id} flies from {group.base}, not {a.id}")
        if _km(a.lon, a.lat, b.lon, b.lat) > group.range_km * 1.005:
            self.problems.append(f"{m.job}: {a.id}–{b.id} is beyond {group.id}'s range")
        if (kind == "fixed_wing" and b.airfield is None) or (kind == "helicopter" and not (
                b.helipad or b.airfield)):
            self.problems.append(f"{m.job}: {b.id} cannot take {kind.replace('_', '-')}")
        total = 0
        for day, n in leg.sorties:
            total += n
            self.load[f"air:{group.id}", day] += n
            if not leg.start <= day <= leg.end:
                self.problems.append(f"{m.job}: sorties on day {day} outside the leg")
            if day < self._available(group):
                self.problems.append(f"{m.job}: {group.id} flies on day {day} before it is "
                                     f"available (day {self._available(group)})")
            for place in (a, b):
                if place.id in self.closed_nodes or (
                        kind == "fixed_wing" and place.surface == "unpaved" and self.rainy(day)):
                    self.problems.append(f"{m.job}: {place.id} closed to {kind} on day {day}")
        if total * group.pax < m.personnel or total * group.payload_t + 1e-6 < m.tonnage:
            self.problems.append(f"{m.job}: {total} sorties of {group.id} cannot carry "
                                 f"{m.personnel} people and {m.tonnage:g} t")

    def _available(self, group: AirGroup) -> int:
        day = group.available_from
        if group.unit is not None:
            day = max(day, self.arrival(self.units[group.unit]) + group.ready_after)
        return day

    def capacities(self) -> None:
        for (res, day), amount in sorted(self.load.items()):
            kind, _, ident = res.partition(":")
            if kind == "edge":
                edge = self.edges[ident]
                cap = edge.capacity or self.data.network.road_classes[edge.road_class].capacity
            elif kind == "node":
                cap = self.data.network.nodes[ident].capacity or 10**9
            else:
                group = self.groups[ident][0]
                cap = group.count * group.sorties_per_day
            if amount > cap:
                self.problems.append(f"{ident}: {amount} on day {day}, over its capacity {cap}")

    def reported_day(self) -> None:
        r = self.result
        present = sum(u.personnel for u in self.units.values() if u.in_place)
        total = sum(u.personnel for u in self.units.values())
        need = math.ceil(round(r.threshold * total, 6))
        reached = None
        count = present
        if count >= need:
            reached = 0
        for m in sorted(r.movements, key=lambda m: m.arrive):
            count += m.personnel
            if reached is None and count >= need:
                reached = m.arrive
        if reached != r.deployed_day:
            self.problems.append(f"deployed day reported as {r.deployed_day}, but the "
                                 f"movements reach {r.threshold:.0%} on day {reached}")


def _in_month_days(when: date, start: str, end: str) -> bool:
    here = f"{when.month:02d}-{when.day:02d}"
    return start <= here <= end if start <= end else (here >= start or here <= end)


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    r = 6371.0
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return r * math.hypot(x, y)
