"""``init``: a scenario's workspace starts on the day and with the actual dates its data
name (``data/workspace.yaml``), not on the wall clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from missionplan.errors import DataFileError, UnknownItemError
from missionplan.scenarios import scenario_dir
from missionplan.store import open_workspace
from missionplan.store import seed as seed_mod
from missionplan.store.seed import init_workspace, starting_state
from missionplan.store.status import status_report


def test_the_sample_workspace_starts_on_the_day_its_data_names(db_url: str) -> None:
    named = YAML(typ="safe").load(
        (scenario_dir() / "data" / "workspace.yaml").read_text(encoding="utf-8"))
    result = init_workspace(db_url, user="alice")
    assert result.clock.day == named["scenario_day"]
    assert (result.clock.source, result.clock.set_by) == ("workspace", "alice")
    with open_workspace(db_url) as ws:
        assert ws.current_day().day == named["scenario_day"]
        assert [e.action for e in ws.history("clock")] == ["clock.set"]
        assert ws.actuals() == dict(named.get("actuals") or {})
        # inside the sample data: observations on both sides of the day
        days = [o.date for o in ws.observations()]
        assert min(days) < named["scenario_day"] < max(days)
        # so the first 'status' (as of the clock) shows real, mixed statuses
        first = status_report(ws, ws.current_day().day)
        assert len({c.status.value for c in first.criteria} - {"no data"}) >= 2


def _scenario(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, small_plan_text: str,
              workspace_yaml: str) -> None:
    """A scenario 'small' made of the small plan and ``workspace_yaml``."""
    (tmp_path / "data").mkdir()
    (tmp_path / "plan.yaml").write_text(small_plan_text, encoding="utf-8")
    (tmp_path / "data" / "workspace.yaml").write_text(workspace_yaml, encoding="utf-8")
    monkeypatch.setattr(seed_mod, "scenario_dir", lambda name: tmp_path)
    monkeypatch.setattr(seed_mod, "scenario_plan_path", lambda name: tmp_path / "plan.yaml")


def test_actual_dates_named_by_the_scenario_are_recorded(
        db_url: str, tmp_path: Path, small_plan_text: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _scenario(monkeypatch, tmp_path, small_plan_text, "scenario_day: 2027-06-01\nactuals:\n"
              "  deployed: 2027-04-10\n  agreement: 2027-01-15\n")
    result = init_workspace(db_url, user="setup", scenario="small")
    assert (result.actuals, result.clock.day) == (2, date(2027, 6, 1))
    with open_workspace(db_url) as ws:
        assert ws.actuals() == {"deployed": date(2027, 4, 10), "agreement": date(2027, 1, 15)}
        assert ws.current_plan().actual_dates()["deployed"] == date(2027, 4, 10)


def test_an_unknown_event_is_refused_before_anything_is_stored(
        db_url: str, tmp_path: Path, small_plan_text: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _scenario(monkeypatch, tmp_path, small_plan_text, "actuals:\n  deploye: 2027-04-10\n")
    with pytest.raises(UnknownItemError) as refused:
        init_workspace(db_url, user="setup", scenario="small")
    assert refused.value.code == "unknown-event"
    assert "workspace.yaml" in str(refused.value) and "did you mean 'deployed'" in str(
        refused.value)
    with open_workspace(db_url) as ws:
        assert not ws.has_plan() and ws.scenario_day() is None


def test_without_a_scenario_day_the_workspace_keeps_the_wall_clock(
        db_url: str, tmp_path: Path, small_plan_text: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _scenario(monkeypatch, tmp_path, small_plan_text, "actuals: {}\n")
    result = init_workspace(db_url, user="setup", scenario="small")
    assert result.clock.source == "wall clock"


@pytest.mark.parametrize("text", ["scenario_day: soon\n", "actuals: [a, b]\n",
                                  "actuals: {deployed: later}\n", "clock: 2027-01-01\n",
                                  "- 1\n"])
def test_a_malformed_workspace_file_is_a_data_file_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "workspace.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"workspace\.yaml"):
        starting_state(path)


def test_a_missing_workspace_file_means_nothing_set(tmp_path: Path) -> None:
    start = starting_state(tmp_path / "workspace.yaml")
    assert (start.scenario_day, start.actuals) == (None, {})
