"""Typed models of the deployment data files: network, force and lift (YAML) and places.

Geography comes from a GeoJSON file whose features carry a ``kind`` property
(``province``, ``place``, ``river``, ``road``); the other three files are YAML
documented in ``docs/deployment.md``. Every model refuses keys it does not know.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..model.base import StrictModel

__all__ = [
    "AirGroup", "ArrivalOffset", "Edge", "ForceFile", "LiftFile", "NetworkFile", "NodeRule",
    "Place", "RoadClass", "Unit",
]

Rainy = Literal["open", "slow", "closed"]
Ident = str


class RoadClass(StrictModel):
    """How fast and how much a class of road carries, dry and in the rains."""

    speed_kmh: float = Field(gt=0, description="Convoy speed in the dry season")
    rainy_speed_kmh: float | None = Field(default=None, gt=0,
                                          description="Convoy speed in the rains; omit if closed")
    rainy: Rainy = Field(default="open", description="open, slow or closed in the rains")
    capacity: int = Field(gt=0, description="Vehicles a day one segment carries")

    @model_validator(mode="after")
    def _rainy_speed(self) -> RoadClass:
        if self.rainy == "slow" and self.rainy_speed_kmh is None:
            raise ValueError("a road class that is 'slow' in the rains needs rainy_speed_kmh")
        return self


class Edge(StrictModel):
    """One road segment between two places (both ways)."""

    id: Ident = Field(pattern=r"^[a-z][a-z0-9_]*$")
    a: Ident = Field(description="Place id at one end")
    b: Ident = Field(description="Place id at the other end")
    road_class: str = Field(alias="class", description="A key of road_classes")
    length_km: float = Field(gt=0)
    capacity: int | None = Field(default=None, gt=0, description="Overrides the class capacity")
    rainy: Rainy | None = Field(default=None, description="Overrides the class's rainy rule")


class NodeRule(StrictModel):
    """Rules for passing through a place: a ferry's daily capacity, a ford closed in rain."""

    capacity: int | None = Field(default=None, gt=0, description="Vehicles a day through it")
    rainy: Literal["open", "closed"] = "open"


class NetworkFile(StrictModel):
    """network.yaml: road classes, segments and crossing rules."""

    synthetic: bool = Field(default=False, description="True when the data is made up")
    note: str = ""
    hours_per_day: float = Field(default=10, gt=0, le=24,
                                 description="Hours a convoy drives in a day")
    road_classes: dict[str, RoadClass]
    nodes: dict[Ident, NodeRule] = Field(default_factory=dict)
    edges: list[Edge]


class ArrivalOffset(StrictModel):
    """Days after the resolution a unit arrives in the country: min, most likely, max."""

    min: int = Field(ge=0)
    likely: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> ArrivalOffset:
        if not self.min <= self.likely <= self.max:
            raise ValueError(f"arrival offsets must satisfy min <= likely <= max, got "
                             f"{self.min} / {self.likely} / {self.max}")
        return self


class Unit(StrictModel):
    """A unit to deploy, or one already in the country (``in_place``)."""

    id: Ident = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = ""
    kind: str = Field(description="hq, infantry, engineer, aviation, medical, police, observers…")
    personnel: int = Field(ge=0)
    vehicles: int = Field(default=0, ge=0)
    tonnage: float = Field(default=0, ge=0, description="Cargo tonnes that move with the unit")
    serials: int = Field(default=1, ge=1, description="Equal parts the unit moves in")
    arrival_point: Ident | None = Field(default=None, description="Place it enters the country")
    arrival: ArrivalOffset | None = Field(default=None, description="Days after the resolution")
    destination: Ident
    required_by: int | None = Field(default=None, ge=0, description="Days after the resolution")
    in_place: bool = Field(default=False, description="Already at its destination on day 0")

    @model_validator(mode="after")
    def _arrives(self) -> Unit:
        if not self.in_place and (self.arrival_point is None or self.arrival is None):
            raise ValueError(f"unit '{self.id}' needs arrival_point and arrival "
                             "(or in_place: true)")
        return self


class ForceFile(StrictModel):
    """force.yaml: the units to deploy."""

    synthetic: bool = False
    note: str = ""
    units: list[Unit]


class AirGroup(StrictModel):
    """A group of identical aircraft: helicopters or fixed-wing."""

    id: Ident = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = ""
    count: int = Field(ge=1)
    payload_t: float = Field(gt=0, description="Tonnes a sortie carries")
    pax: int = Field(gt=0, description="Passengers a sortie carries")
    range_km: float = Field(gt=0, description="Longest leg it flies")
    speed_kmh: float = Field(gt=0)
    sorties_per_day: int = Field(ge=1, description="Sorties one aircraft flies a day")
    base: Ident = Field(description="Place the group flies from")
    available_from: int = Field(default=0, ge=0, description="Days after the resolution")
    unit: Ident | None = Field(default=None,
                               description="Force unit that brings it; then available "
                                           "ready_after days after that unit arrives")
    ready_after: int = Field(default=0, ge=0)


class LiftFile(StrictModel):
    """lift.yaml: helicopters and fixed-wing aircraft (road capacity is in network.yaml)."""

    synthetic: bool = False
    note: str = ""
    helicopters: list[AirGroup] = Field(default_factory=list)
    fixed_wing: list[AirGroup] = Field(default_factory=list)


class Place(StrictModel):
    """A place from the GeoJSON: town, capital, port, airfield, crossing."""

    id: Ident
    name: str
    type: str
    lon: float
    lat: float
    pcode: str | None = None
    airfield: Literal["airport", "airstrip"] | None = None
    surface: Literal["paved", "unpaved"] | None = None
    helipad: bool = False
    assumed: bool = False
