"""The road and air network on given days: seasonal passability, closures, speeds, capacities.

Day 0 is the day of the resolution. :class:`Conditions` answers, for any day,
whether a road segment or a place is open, how fast convoys move on it, and
how much each resource (road segment, crossing, aircraft group) carries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from ..errors import UnknownItemError
from .data import DeploymentData
from .schema import AirGroup, Edge
from .whatif import WhatIf

__all__ = ["Conditions", "distance_km", "road_graph"]

EARTH_RADIUS_KM = 6371.0


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass
class Conditions:
    """The network as it stands on each day after the resolution, with what-ifs applied."""

    data: DeploymentData
    resolution_date: date
    what_if: WhatIf
    edges: dict[str, Edge] = field(init=False)
    closed_edges: frozenset[str] = field(init=False)
    closed_nodes: frozenset[str] = field(init=False)
    _rain: dict[int, bool] = field(init=False, default_factory=dict)
    _pairs: dict[frozenset[str], str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.edges = {e.id: e for e in self.data.network.edges}
        unknown = [c for c in self.what_if.closed
                   if c not in self.edges and c not in self.data.places]
        if unknown:
            raise UnknownItemError(f"--closed {unknown[0]}: no road segment or place has that "
                                   "id")
        self.closed_edges = frozenset(c for c in self.what_if.closed if c in self.edges)
        self.closed_nodes = frozenset(c for c in self.what_if.closed if c in self.data.places)
        units = {u.id for u in self.data.force.units}
        late = [u for u in self.what_if.late if u not in units]
        if late:
            raise UnknownItemError(f"--late {late[0]}: no unit has that id")

    # -- the calendar ------------------------------------------------------------------------

    def day_date(self, day: int) -> date:
        return self.resolution_date + timedelta(days=day)

    def rainy(self, day: int) -> bool:
        """True when ``day`` falls in the rains."""
        if day not in self._rain:
            self._rain[day] = self._rainy_on(self.day_date(day))
        return self._rain[day]

    def _rainy_on(self, when: date) -> bool:
        override = self.what_if.rainy_season
        if override is not None:
            return override[0] <= when <= override[1]
        if self.data.season is None:
            return False
        start, end = (tuple(int(x) for x in s.split("-")) for s in self.data.season)
        here = (when.month, when.day)
        if start <= end:
            return start <= here <= end
        return here >= start or here <= end

    # -- roads -------------------------------------------------------------------------------

    def node_open(self, node: str, day: int) -> bool:
        if node in self.closed_nodes:
            return False
        rule = self.data.network.nodes.get(node)
        return not (rule is not None and rule.rainy == "closed" and self.rainy(day))

    def edge_open(self, edge_id: str, day: int) -> bool:
        edge = self.edges[edge_id]
        if edge_id in self.closed_edges or edge.a in self.closed_nodes or (
                edge.b in self.closed_nodes):
            return False
        return not (self.rainy(day) and self._rainy_rule(edge) == "closed")

    def speed(self, edge_id: str, day: int) -> float:
        edge = self.edges[edge_id]
        cls = self.data.network.road_classes[edge.road_class]
        if self.rainy(day) and cls.rainy_speed_kmh is not None:
            return cls.rainy_speed_kmh
        return cls.speed_kmh

    def _rainy_rule(self, edge: Edge) -> str:
        return edge.rainy or self.data.network.road_classes[edge.road_class].rainy

    def edge_for(self, a: str, b: str) -> str:
        """The segment a route uses between two neighbouring places (the fastest open one)."""
        if self._pairs is None:
            self._pairs = {frozenset((u, v)): i for u, v, i in road_graph(self).edges(data="id")}
        return self._pairs[frozenset((a, b))]

    def dry_hours(self, edge_id: str) -> float:
        edge = self.edges[edge_id]
        return edge.length_km / self.data.network.road_classes[edge.road_class].speed_kmh

    # -- capacities --------------------------------------------------------------------------

    def capacity(self, resource: str, day: int) -> int:
        """What a resource (``edge:ID``, ``node:ID``, ``air:GROUP``) carries on ``day``."""
        kind, _, ident = resource.partition(":")
        if kind == "edge":
            edge = self.edges[ident]
            return edge.capacity or self.data.network.road_classes[edge.road_class].capacity
        if kind == "node":
            rule = self.data.network.nodes.get(ident)
            return rule.capacity if rule and rule.capacity else 10**9
        group = self.air_group(ident)
        return group.count * group.sorties_per_day if day >= self.available_from(group) else 0

    def air_group(self, ident: str) -> AirGroup:
        for group in [*self.data.lift.helicopters, *self.data.lift.fixed_wing]:
            if group.id == ident:
                return group
        raise UnknownItemError(f"no air group has id '{ident}'")

    def available_from(self, group: AirGroup) -> int:
        """First day the group flies: its contract date, or its unit's arrival plus readiness."""
        day = group.available_from
        if group.unit is not None:
            unit = next(u for u in self.data.force.units if u.id == group.unit)
            arrived = 0 if unit.in_place else self.arrival_day(unit.id)
            day = max(day, arrived + group.ready_after)
        return day

    def arrival_day(self, unit_id: str) -> int:
        """Day the unit enters the country, in the chosen arrival scenario, lateness added."""
        unit = next(u for u in self.data.force.units if u.id == unit_id)
        if unit.in_place or unit.arrival is None:
            return 0
        base: int = getattr(unit.arrival, self.what_if.arrivals)
        return base + self.what_if.late.get(unit_id, 0)


def road_graph(cond: Conditions) -> nx.Graph:
    """Roads as an undirected graph (what-if closures removed); edge attribute ``id``."""
    graph = nx.Graph()
    graph.add_nodes_from(p for p in cond.data.places if p not in cond.closed_nodes)
    for edge in cond.data.network.edges:
        if edge.id in cond.closed_edges or not graph.has_node(edge.a) or not graph.has_node(
                edge.b):
            continue
        hours = cond.dry_hours(edge.id)
        if graph.has_edge(edge.a, edge.b) and graph[edge.a][edge.b]["hours"] <= hours:
            continue
        graph.add_edge(edge.a, edge.b, id=edge.id, hours=hours)
    return graph
