"""A map of the deployment area as inline SVG, drawn from the plan's GeoJSON (no tile server).

Provinces, rivers and roads from the geography file, places as dots, and the
legs of the movement plan coloured by mode. Coordinates only: the template
writes the SVG, so every name is escaped text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..logistics import DeploymentData, DeploymentResult

__all__ = ["MapLeg", "MapPlace", "MapShape", "MapView", "map_view"]

_WIDTH = 960.0
_PAD = 16.0


@dataclass(frozen=True, slots=True)
class MapShape:
    kind: str          # province | river | road
    id: str
    name: str
    points: list[str]  # one "x,y x,y ..." string per ring or line
    label_at: tuple[float, float]


@dataclass(frozen=True, slots=True)
class MapPlace:
    id: str
    name: str
    x: float
    y: float
    airfield: bool


@dataclass(frozen=True, slots=True)
class MapLeg:
    mode: str          # road | helicopter | fixed_wing
    x1: float
    y1: float
    x2: float
    y2: float
    title: str


@dataclass
class MapView:
    width: float
    height: float
    shapes: list[MapShape] = field(default_factory=list)
    places: list[MapPlace] = field(default_factory=list)
    legs: list[MapLeg] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)


class _Projection:
    """Equirectangular, longitude scaled by the cosine of the middle latitude."""

    def __init__(self, lons: list[float], lats: list[float]) -> None:
        self.lon0, self.lat1 = min(lons), max(lats)
        mid = (min(lats) + max(lats)) / 2
        self.kx = math.cos(math.radians(mid))
        span_x = max((max(lons) - self.lon0) * self.kx, 1e-9)
        self.scale = (_WIDTH - 2 * _PAD) / span_x
        self.height = round((max(lats) - min(lats)) * self.scale + 2 * _PAD, 1)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (round(_PAD + (lon - self.lon0) * self.kx * self.scale, 1),
                round(_PAD + (self.lat1 - lat) * self.scale, 1))


def map_view(data: DeploymentData, result: DeploymentResult | None = None) -> MapView:
    """The map of ``data``'s geography, with ``result``'s legs when there is a result."""
    lons = [p[0] for f in data.features for r in f.rings for p in r]
    lats = [p[1] for f in data.features for r in f.rings for p in r]
    lons += [p.lon for p in data.places.values()]
    lats += [p.lat for p in data.places.values()]
    if not lons:
        return MapView(_WIDTH, 0.0)
    proj = _Projection(lons, lats)
    view = MapView(_WIDTH, proj.height)
    order = {"province": 0, "river": 1, "road": 2}
    for feat in sorted(data.features, key=lambda f: order.get(f.kind, 3)):
        rings = [[proj.xy(x, y) for x, y in ring] for ring in feat.rings]
        flat = [p for ring in rings for p in ring] or [(0.0, 0.0)]
        centre = (round(sum(p[0] for p in flat) / len(flat), 1),
                  round(sum(p[1] for p in flat) / len(flat), 1))
        view.shapes.append(MapShape(feat.kind, feat.id, feat.name,
                                    [" ".join(f"{x},{y}" for x, y in r) for r in rings],
                                    centre))
    for place in data.places.values():
        x, y = proj.xy(place.lon, place.lat)
        view.places.append(MapPlace(place.id, place.name, x, y, place.airfield is not None))
    if result is not None:
        view.legs = _legs(data, result, proj)
        view.modes = sorted({leg.mode for leg in view.legs})
    return view


def _legs(data: DeploymentData, result: DeploymentResult, proj: _Projection) -> list[MapLeg]:
    seen: set[tuple[str, str, str]] = set()
    legs = []
    for move in result.movements:
        for leg in move.legs:
            ends = sorted((leg.origin, leg.to))
            key = (leg.kind, ends[0], ends[1])
            if key in seen or leg.origin not in data.places or leg.to not in data.places:
                continue
            seen.add(key)
            a, b = data.places[leg.origin], data.places[leg.to]
            (x1, y1), (x2, y2) = proj.xy(a.lon, a.lat), proj.xy(b.lon, b.lat)
            legs.append(MapLeg(leg.kind, x1, y1, x2, y2,
                               f"{a.name} – {b.name} ({leg.kind.replace('_', ' ')})"))
    return legs
