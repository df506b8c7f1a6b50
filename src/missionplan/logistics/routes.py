"""Movement jobs, their candidate routes and what each route uses when started on a given day.

A *job* is one serial of a unit to move from where it enters the country to its
destination. An *option* is one way to do it: a road route (one of the k
shortest by travel time, dry or rainy), or a road leg to an air base and a
helicopter or fixed-wing lift from there. A *pattern* is an option started on a
given day: the day it finishes and every resource it uses on every day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from .network import Conditions, distance_km
from .schema import AirGroup

__all__ = ["Job", "Leg", "Option", "Pattern", "Router", "build_jobs", "build_options"]


@dataclass(frozen=True)
class Job:
    """One serial of a unit to move."""

    id: str
    unit: str
    personnel: int
    vehicles: int
    tonnage: float
    origin: str
    destination: str
    arrival: int
    required_by: int | None


@dataclass(frozen=True)
class Option:
    """One way of moving a job: road edges (as node path), then an optional air lift."""

    id: str
    mode: str  # road | helicopter | fixed_wing | none
    path: tuple[str, ...]
    group: str | None = None
    sorties: int = 0


@dataclass(frozen=True)
class Leg:
    """One stretch of a movement: a road segment or an air lift, with its days."""

    kind: str  # road | helicopter | fixed_wing
    ref: str  # edge id or air group id
    origin: str
    to: str
    start: int
    end: int
    sorties: tuple[tuple[int, int], ...] = ()  # (day, sorties) for air legs


@dataclass(frozen=True)
class Pattern:
    """An option started on a given day: finish day, legs, and resource use."""

    start: int
    finish: int
    legs: tuple[Leg, ...]
    uses: tuple[tuple[str, int, int], ...]  # (resource, day, amount)


def build_jobs(cond: Conditions) -> list[Job]:
    """Every serial of every unit that must move, in the data's order."""
    jobs: list[Job] = []
    for unit in cond.data.force.units:
        if unit.in_place:
            continue
        assert unit.arrival_point is not None
        n = unit.serials
        for k in range(n):
            share = _share(unit.personnel, n, k)
            jobs.append(Job(id=unit.id if n == 1 else f"{unit.id}#{k + 1}", unit=unit.id,
                            personnel=share, vehicles=_share(unit.vehicles, n, k),
                            tonnage=unit.tonnage / n, origin=unit.arrival_point,
                            destination=unit.destination, arrival=cond.arrival_day(unit.id),
                            required_by=unit.required_by))
    return jobs


def _share(total: int, n: int, k: int) -> int:
    return total // n + (1 if k < total % n else 0)


def build_options(job: Job, cond: Conditions, graph: nx.Graph, *, k: int = 3) -> list[Option]:
    """Candidate ways to move ``job``: k road routes, and air lifts from each group's base."""
    if job.origin == job.destination:
        return [Option("none", "none", (job.origin,))]
    options = [Option(f"road{i + 1}", "road", path)
               for i, path in enumerate(_road_paths(job.origin, job.destination, cond, graph, k))]
    for mode, groups in (("helicopter", cond.data.lift.helicopters),
                         ("fixed_wing", cond.data.lift.fixed_wing)):
        for group in groups:
            option = _air_option(job, mode, group, cond, graph)
            if option is not None:
                options.append(option)
    return options


def _road_paths(a: str, b: str, cond: Conditions, graph: nx.Graph,
                k: int) -> list[tuple[str, ...]]:
    if a not in graph or b not in graph or not nx.has_path(graph, a, b):
        return []
    found: dict[tuple[str, ...], None] = {}
    for path in islice(nx.shortest_simple_paths(graph, a, b, weight="hours"), k):
        found[tuple(path)] = None
    dry = _dry_only(cond)
    rainy = graph.edge_subgraph([(u, v) for u, v, i in graph.edges(data="id")
                                 if i not in dry]).copy()
    if a in rainy and b in rainy and nx.has_path(rainy, a, b):
        for path in islice(nx.shortest_simple_paths(rainy, a, b, weight="hours"), max(1, k - 1)):
            found[tuple(path)] = None
    return list(found)[:k + 1]


def _dry_only(cond: Conditions) -> set[str]:
    """Segments (and segments through places) that close in the rains."""
    out = set()
    nodes = cond.data.network.nodes
    for edge in cond.data.network.edges:
        rule = edge.rainy or cond.data.network.road_classes[edge.road_class].rainy
        if rule == "closed" or any(nodes.get(n) is not None and nodes[n].rainy == "closed"
                                   for n in (edge.a, edge.b)):
            out.add(edge.id)
    return out


def _air_option(job: Job, mode: str, group: AirGroup, cond: Conditions,
                graph: nx.Graph) -> Option | None:
    places = cond.data.places
    base, dest = places[group.base], places[job.destination]
    if mode == "helicopter":
        usable = (dest.helipad or dest.airfield is not None) and (
            base.helipad or base.airfield is not None)
    else:
        usable = dest.airfield is not None and base.airfield is not None
    if not usable or base.id == dest.id:
        return None
    if distance_km(base.lon, base.lat, dest.lon, dest.lat) > group.range_km:
        return None
    if job.origin == group.base:
        to_base: tuple[str, ...] = (job.origin,)
    elif job.origin in graph and group.base in graph and nx.has_path(graph, job.origin,
                                                                      group.base):
        to_base = tuple(nx.shortest_path(graph, job.origin, group.base, weight="hours"))
    else:
        return None
    sorties = max(1, math.ceil(job.personnel / group.pax), math.ceil(job.tonnage / group.payload_t
                                                                      - 1e-9))
    return Option(f"{mode}:{group.id}", mode, (*to_base, job.destination), group.id, sorties)


class Router:
    """Simulates options on given start days, caching the road and air parts it has driven."""

    def __init__(self, cond: Conditions, *, horizon: int) -> None:
        self.cond = cond
        self.horizon = horizon
        self._roads: dict[tuple[tuple[str, ...], int], tuple[list[Leg], int] | None] = {}
        self._air: dict[tuple[str, str, int, int], Leg | None] = {}

    def patterns(self, job: Job, option: Option, *, first: int,
                 last: int) -> dict[int, Pattern]:
        """The pattern for each start day in ``first..last`` that is feasible."""
        out: dict[int, Pattern] = {}
        for start in range(first, last + 1):
            pattern = self.simulate(job, option, start)
            if pattern is not None:
                out[start] = pattern
        return out

    def simulate(self, job: Job, option: Option, start: int) -> Pattern | None:
        """Drive the road part day by day, then fly the air part; None if blocked on the way."""
        if option.mode == "none":
            return Pattern(start, start, (), ())
        road_nodes = option.path if option.group is None else option.path[:-1]
        key = (road_nodes, start)
        if key not in self._roads:
            self._roads[key] = _drive(road_nodes, self.cond, start, self.horizon)
        driven = self._roads[key]
        if driven is None:
            return None
        legs, day = driven
        uses = [(f"edge:{leg.ref}", d, job.vehicles) for leg in legs
                for d in range(leg.start, leg.end + 1)]
        uses += [(f"node:{leg.origin}", leg.start, job.vehicles) for leg in legs[1:]
                 if self.cond.data.network.nodes.get(leg.origin) is not None]
        if option.group is None:
            return Pattern(start, day, tuple(legs), tuple(uses))
        first = day + 1 if legs else start
        akey = (option.id, option.path[-1], option.sorties, first)
        if akey not in self._air:
            self._air[akey] = _fly(option, self.cond, first)
        air = self._air[akey]
        if air is None:
            return None
        uses += [(f"air:{air.ref}", d, n) for d, n in air.sorties]
        return Pattern(start, air.end, (*legs, air), tuple(uses))


def _drive(nodes: tuple[str, ...], cond: Conditions, start: int,
           horizon: int) -> tuple[list[Leg], int] | None:
    hours_per_day = cond.data.network.hours_per_day
    day, left = start, hours_per_day
    legs: list[Leg] = []
    for a, b in pairwise(nodes):
        if left <= 1e-9:
            day, left = day + 1, hours_per_day
        edge_id = cond.edge_for(a, b)
        if not cond.node_open(a, day):
            return None
        enter, remaining = day, cond.edges[edge_id].length_km
        while True:
            if day > horizon or not cond.edge_open(edge_id, day):
                return None
            speed = cond.speed(edge_id, day)
            if remaining / speed <= left + 1e-9:
                left -= remaining / speed
                break
            remaining -= left * speed
            day, left = day + 1, hours_per_day
        legs.append(Leg("road", edge_id, a, b, enter, day))
    if nodes and not cond.node_open(nodes[-1], day):
        return None
    return legs, day


def _fly(option: Option, cond: Conditions, first: int) -> Leg | None:
    assert option.group is not None
    group = cond.air_group(option.group)
    rate = min(option.sorties, group.count * group.sorties_per_day)
    days = math.ceil(option.sorties / rate)
    base, dest = option.path[-2], option.path[-1]
    sorties: list[tuple[int, int]] = []
    left = option.sorties
    for d in range(first, first + days):
        if d < cond.available_from(group) or not _air_open(cond, option.mode, base, d) or (
                not _air_open(cond, option.mode, dest, d)):
            return None
        sorties.append((d, min(rate, left)))
        left -= rate
    return Leg(option.mode, group.id, base, dest, first, first + days - 1, tuple(sorties))


def _air_open(cond: Conditions, mode: str, node: str, day: int) -> bool:
    """A landing place is usable: not closed; unpaved strips take no fixed-wing in the rains."""
    if node in cond.closed_nodes:
        return False
    place = cond.data.places[node]
    return not (mode == "fixed_wing" and place.surface == "unpaved" and cond.rainy(day))
