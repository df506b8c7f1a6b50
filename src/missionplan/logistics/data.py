"""Read a mission's deployment data (GeoJSON + network/force/lift YAML) into typed models.

Every problem is reported with its file and, for YAML, its line and column, under the
stable code ``deployment-data``; references between files (a road to a place, a unit
to its destination, a helicopter group to the unit that brings it) are checked here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import DataFileError, Diagnostic, Location
from ..model import DeploymentSpec, Plan
from ..planfile.located import data_error, describe, raise_all, read_located
from .schema import ForceFile, LiftFile, NetworkFile, Place

__all__ = ["CODE", "DeploymentData", "GeoFeature", "load_deployment", "load_deployment_files"]

CODE = "deployment-data"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class GeoFeature:
    """A drawable feature: a province polygon, a river or a road line."""

    kind: str
    id: str
    name: str
    rings: list[list[tuple[float, float]]]


@dataclass
class DeploymentData:
    """Everything the planner needs: places, network, force, lift, season, what-if defaults."""

    places: dict[str, Place]
    network: NetworkFile
    force: ForceFile
    lift: LiftFile
    features: list[GeoFeature] = field(default_factory=list)
    season: tuple[str, str] | None = None
    spec: DeploymentSpec = field(default_factory=DeploymentSpec)
    geography_path: Path | None = None

    @property
    def synthetic(self) -> bool:
        """Whether any of its files says its figures are made up."""
        return self.network.synthetic or self.force.synthetic or self.lift.synthetic


def load_deployment(plan: Plan) -> DeploymentData:
    """The deployment data a plan names in its ``deployment:`` section."""
    spec = plan.deployment
    if spec is None:
        raise _error("the plan has no 'deployment:' section naming its geography, network, "
                     "force and lift files", None)
    missing = [k for k in ("geography", "network", "force", "lift") if getattr(spec, k) is None]
    if missing:
        raise _error(f"the plan's deployment section lacks {', '.join(missing)}", None)
    season: tuple[str, str] | None = None
    if spec.season is not None:
        found = [s for s in plan.seasons if s.id == spec.season]
        if not found:
            raise _error(f"deployment.season '{spec.season}' is not a season of the plan "
                         f"(seasons: {', '.join(s.id for s in plan.seasons) or 'none'})", None)
        season = (found[0].start, found[0].end)
    assert spec.geography and spec.network and spec.force and spec.lift
    return load_deployment_files(plan.resolve(spec.geography), plan.resolve(spec.network),
                                 plan.resolve(spec.force), plan.resolve(spec.lift),
                                 season=season, spec=spec)


def load_deployment_files(geography: Path, network: Path, force: Path, lift: Path, *,
                          season: tuple[str, str] | None = None,
                          spec: DeploymentSpec | None = None) -> DeploymentData:
    """Read the four files and check the references between them."""
    places, features = _read_geojson(geography)
    data = DeploymentData(places=places, network=_read_yaml(network, NetworkFile),
                          force=_read_yaml(force, ForceFile), lift=_read_yaml(lift, LiftFile),
                          features=features, season=season, spec=spec or DeploymentSpec(),
                          geography_path=geography)
    raise_all(_cross_references(data, network=network, force=force, lift=lift), code=CODE)
    return data


def _read_yaml(path: Path, model: type[M]) -> M:
    return read_located(path, model, code=CODE).model


def _error(message: str, location: Location | None) -> DataFileError:
    return data_error(CODE, message, location)


# -- GeoJSON -----------------------------------------------------------------------------------

def _read_geojson(path: Path) -> tuple[dict[str, Place], list[GeoFeature]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _error(f"cannot read {path}: {exc.strerror}", Location(str(path))) from None
    except json.JSONDecodeError as exc:
        raise _error(f"not valid JSON: {exc.msg}", Location(str(path), exc.lineno,
                                                             exc.colno)) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise _error("a geography file is a GeoJSON FeatureCollection", Location(str(path)))
    places: dict[str, Place] = {}
    features: list[GeoFeature] = []
    for i, feat in enumerate(doc.get("features", [])):
        where = Location(f"{path}#features[{i}]")
        props = feat.get("properties") or {}
        geom = feat.get("geometry") or {}
        kind = props.get("kind")
        if kind == "place":
            place = _place(props, geom, where)
            if place.id in places:
                raise _error(f"place id '{place.id}' appears twice", where)
            places[place.id] = place
        elif kind in ("province", "river", "road"):
            features.append(_drawable(kind, props, geom, where))
        else:
            raise _error(f"feature kind {kind!r} is not one of place, province, river, road",
                         where)
    return places, features


def _place(props: dict[str, Any], geom: dict[str, Any], where: Location) -> Place:
    if geom.get("type") != "Point":
        raise _error("a place is a Point", where)
    lon, lat = geom["coordinates"][:2]
    fields = {k: v for k, v in props.items() if k not in ("kind", "note")}
    try:
        return Place.model_validate({**fields, "lon": lon, "lat": lat})
    except ValidationError as exc:
        raise _error("; ".join(describe(e) for e in exc.errors()), where) from None


def _drawable(kind: str, props: dict[str, Any], geom: dict[str, Any],
              where: Location) -> GeoFeature:
    gtype = geom.get("type")
    coords: Any = geom.get("coordinates") or []
    if gtype == "Polygon":
        rings = coords
    elif gtype == "MultiPolygon":
        rings = [ring for poly in coords for ring in poly]
    elif gtype == "LineString":
        rings = [coords]
    else:
        raise _error(f"a {kind} is a Polygon or LineString, not {gtype}", where)
    ident = str(props.get("pcode") or props.get("id") or props.get("name") or "")
    return GeoFeature(kind, ident, str(props.get("name", ident)),
                      [[(float(x), float(y)) for x, y, *_ in ring] for ring in rings])


# -- references --------------------------------------------------------------------------------

def _cross_references(data: DeploymentData, *, network: Path, force: Path,
                      lift: Path) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    places = data.places

    def need(ref: str | None, what: str, file: Path) -> None:
        if ref is not None and ref not in places:
            out.append(Diagnostic(CODE, f"{what}: no place has id '{ref}'", Location(str(file))))

    seen: set[str] = set()
    for edge in data.network.edges:
        need(edge.a, f"edge '{edge.id}'", network)
        need(edge.b, f"edge '{edge.id}'", network)
        if edge.road_class not in data.network.road_classes:
            out.append(Diagnostic(CODE, f"edge '{edge.id}': unknown road class "
                                  f"'{edge.road_class}'", Location(str(network))))
        if edge.id in seen or edge.id in places:
            out.append(Diagnostic(CODE, f"edge id '{edge.id}' is used twice",
                                  Location(str(network))))
        seen.add(edge.id)
    for node in data.network.nodes:
        need(node, "nodes", network)
    unit_ids = [u.id for u in data.force.units]
    for unit in data.force.units:
        need(unit.arrival_point, f"unit '{unit.id}' arrival_point", force)
        need(unit.destination, f"unit '{unit.id}' destination", force)
    if len(set(unit_ids)) != len(unit_ids):
        out.append(Diagnostic(CODE, "unit ids must be unique", Location(str(force))))
    for group in [*data.lift.helicopters, *data.lift.fixed_wing]:
        need(group.base, f"air group '{group.id}' base", lift)
        if group.unit is not None and group.unit not in unit_ids:
            out.append(Diagnostic(CODE, f"air group '{group.id}': no unit has id "
                                  f"'{group.unit}'", Location(str(lift))))
    return out
