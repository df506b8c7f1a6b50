"""Reading deployment data: every problem located in its file, with the stable code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from missionplan.errors import DataFileError
from missionplan.logistics import load_deployment, load_deployment_files
from missionplan.planfile import loads_plan

TINY = Path(__file__).parent / "logistics" / "tiny"


def copy(tmp_path: Path) -> Path:
    for f in TINY.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def load(folder: Path):  # type: ignore[no-untyped-def]
    return load_deployment_files(folder / "tiny.geojson", folder / "network.yaml",
                                 folder / "force.yaml", folder / "lift_heli.yaml")


def test_bad_field_points_at_its_line(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    text = (folder / "force.yaml").read_text().replace("vehicles: 6,", "vehicles: many,", 1)
    (folder / "force.yaml").write_text(text)
    with pytest.raises(DataFileError) as info:
        load(folder)
    diag = info.value.diagnostics[0]
    assert diag.code == "deployment-data"
    assert diag.location is not None and diag.location.line == 4
    assert "units.0.vehicles" in diag.message


def test_unknown_place_is_named(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    text = (folder / "force.yaml").read_text().replace("destination: town", "destination: twon",
                                                       1)
    (folder / "force.yaml").write_text(text)
    with pytest.raises(DataFileError, match="no place has id 'twon'"):
        load(folder)


def test_arrival_offsets_must_be_ordered(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    text = (folder / "force.yaml").read_text().replace("{min: 0, likely: 0, max: 2}",
                                                       "{min: 3, likely: 0, max: 2}", 1)
    (folder / "force.yaml").write_text(text)
    with pytest.raises(DataFileError, match="min <= likely <= max"):
        load(folder)


def test_broken_json_gives_line_and_column(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "tiny.geojson").write_text('{"type": "FeatureCollection",\n "features": [}')
    with pytest.raises(DataFileError) as info:
        load(folder)
    loc = info.value.diagnostics[0].location
    assert loc is not None and loc.line == 2


def test_unknown_feature_kind_names_the_feature(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    text = (folder / "tiny.geojson").read_text().replace('"kind": "road"', '"kind": "rail"')
    (folder / "tiny.geojson").write_text(text)
    with pytest.raises(DataFileError, match=r"features\[3\].*'rail'"):
        load(folder)


def test_plan_without_deployment_or_unknown_season() -> None:
    plan = loads_plan("id: p\n")
    with pytest.raises(DataFileError, match="no 'deployment:' section"):
        load_deployment(plan)
    plan = loads_plan("id: p\ndeployment: {geography: a, network: b, force: c, lift: d, "
                      "season: wet}\n")
    with pytest.raises(DataFileError, match="'wet' is not a season"):
        load_deployment(plan)
