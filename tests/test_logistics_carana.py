"""The Carana instance: its synthetic data, a solve checked by the validator, the what-ifs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from missionplan.logistics import (
    DeploymentData,
    WhatIf,
    apply_to_plan,
    load_deployment,
    load_deployment_files,
    plan_deployment,
    validate_solution,
)
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_dir, scenario_plan_path

GEO = scenario_dir() / "geography"
DAY0 = date(2027, 3, 1)


@pytest.fixture(scope="module")
def carana() -> DeploymentData:
    return load_deployment_files(GEO / "carana.geojson", GEO / "network.yaml",
                                 GEO / "force.yaml", GEO / "lift.yaml",
                                 season=("05-01", "10-31"))


def test_every_file_says_it_is_synthetic() -> None:
    doc = json.loads((GEO / "carana.geojson").read_text())
    assert doc["synthetic"] is True and "SYNTHETIC" in doc["note"]
    for name in ("network.yaml", "force.yaml", "lift.yaml", "README.md"):
        assert "SYNTHETIC" in (GEO / name).read_text()


def test_geography_holds_the_scenario_facts(carana: DeploymentData) -> None:
    provinces = {f.id: f.name for f in carana.features if f.kind == "province"}
    assert sorted(provinces) == [f"CR0{i}" for i in range(1, 9)]
    assert "Leppko" in provinces.values()
    rivers = {f.name for f in carana.features if f.kind == "river"}
    assert rivers == {"Kalesi", "Mogave", "Torongo"}
    names = {p.name for p in carana.places.values()}
    for town in ("Galasi", "Maroni", "Sureen", "Alur", "Faron", "Folsa", "Amsan", "Corma",
                 "Maldosa", "Xalksa", "Muka", "Eres", "Kika", "Gachal", "Sulo", "Lufto"):
        assert town in names
    lats = [p.lat for p in carana.places.values()]
    assert min(lats) >= 8 and max(lats) <= 10
    assert {p.type for p in carana.places.values()} >= {"seaport", "airport", "bridge", "ferry"}
    assert {e.road_class for e in carana.network.edges} == {"paved", "laterite", "track"}


def test_regional_observers_count_from_day_zero(carana: DeploymentData) -> None:
    result = plan_deployment(carana, resolution_date=DAY0, time_limit=10)
    assert validate_solution(carana, result) == []
    observers = next(u for u in carana.force.units if u.in_place)
    assert result.curve[0] == pytest.approx(observers.personnel / result.authorised)


def test_carana_solves_and_validates(carana: DeploymentData) -> None:
    result = plan_deployment(carana, resolution_date=DAY0, time_limit=10)
    assert validate_solution(carana, result) == []
    assert result.status == "optimal" and result.gap == 0
    assert result.greedy_day is not None and result.deployed_day is not None
    assert result.deployed_day <= result.greedy_day
    assert result.day_90 is not None and result.day_90 <= result.deployed_day
    assert result.curve[-1] == pytest.approx(1.0)


def test_rains_from_day_zero_close_tracks_and_slow_laterite(carana: DeploymentData) -> None:
    dry = plan_deployment(carana, resolution_date=DAY0, time_limit=10,
                          what_if=WhatIf(rainy_season=(date(2028, 1, 1), date(2028, 2, 1))))
    wet = plan_deployment(carana, resolution_date=DAY0, time_limit=10,
                          what_if=WhatIf(rainy_season=(DAY0, date(2027, 12, 31))))
    assert validate_solution(carana, wet) == [] and validate_solution(carana, dry) == []
    assert wet.deployed_day is not None and dry.deployed_day is not None
    assert wet.deployed_day > dry.deployed_day
    tracks = {e.id for e in carana.network.edges if e.road_class == "track"}
    assert not any(leg.ref in tracks for m in wet.movements for leg in m.legs)


def test_crossing_out_is_never_used(carana: DeploymentData) -> None:
    result = plan_deployment(carana, resolution_date=DAY0, time_limit=10,
                             what_if=WhatIf(closed=("torongo_ferry",)))
    assert validate_solution(carana, result) == []
    assert not any("torongo_ferry" in m.route for m in result.movements)


def test_late_helicopter_unit_delays_its_helicopters(carana: DeploymentData) -> None:
    what_if = WhatIf(late={"aviation_unit": 40}, rainy_season=(DAY0, date(2027, 12, 31)))
    result = plan_deployment(carana, resolution_date=DAY0, time_limit=10, what_if=what_if)
    assert validate_solution(carana, result) == []
    aviation = next(u for u in carana.force.units if u.id == "aviation_unit")
    assert aviation.arrival is not None
    ready = aviation.arrival.likely + 40 + 7
    for m in result.movements:
        for leg in m.legs:
            if leg.ref == "muh_military":
                assert leg.start >= ready


def test_the_carana_plan_names_this_data() -> None:
    plan = load_plan(scenario_plan_path())
    data = load_deployment(plan)
    assert len(data.force.units) >= 10 and data.season is not None


def test_estimate_flows_back_into_the_plan(carana: DeploymentData, tmp_path: Path) -> None:
    plan = load_plan(Path(__file__).parent / "logistics" / "tiny" / "plan.yaml")
    data = load_deployment(plan)
    result = plan_deployment(data, resolution_date=DAY0, time_limit=5)
    assert validate_solution(data, result) == []
    updated = apply_to_plan(plan, result)
    added = next(r for r in updated.relations if r.id == "deployment_estimate")
    assert added.from_ == "resolution_adopted" and added.to == "mission_deployed"
    assert added.min is not None and added.min.days == result.deployed_day
    again = apply_to_plan(updated, result)
    assert sum(r.id == "deployment_estimate" for r in again.relations) == 1
