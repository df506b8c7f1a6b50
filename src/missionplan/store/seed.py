"""A new workspace with a built-in scenario's plan and sample data (``missionplan init``).

The scenario's ``data/workspace.yaml`` (optional) says how its workspace starts:
``scenario_day:`` the day the workspace's clock is set to, and ``actuals:`` a
mapping ``EVENT: DATE`` of events recorded as having happened. Both are data of
the scenario, never of the code.

``init --exercise`` starts the scenario's exercise instead (its ``exercise.yaml``): the
plan alone, nothing done and nothing measured, the clock on the day the exercise
starts; the world then arrives by injects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import DataFileError, UnknownItemError, WorkspaceError
from ..scenarios import DEFAULT, scenario_dir, scenario_plan_path
from .clock import CurrentDay
from .workspace import open_workspace

__all__ = ["InitResult", "StartingState", "init_workspace", "starting_state"]


@dataclass(frozen=True, slots=True)
class StartingState:
    """How a scenario's workspace starts: its clock and the events already done."""

    scenario_day: date | None = None
    actuals: dict[str, date] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InitResult:
    url: str
    plan_id: str
    version: int
    observations: int
    clock: CurrentDay
    actuals: int = 0
    exercise: str | None = None  # the exercise's title, when one was started
    delivered: int = 0

    def to_json(self) -> dict[str, object]:
        return {"db": self.url, "plan_id": self.plan_id, "version": self.version,
                "observations": self.observations, "actuals": self.actuals,
                "clock": self.clock.to_json(), "exercise": self.exercise,
                "delivered": self.delivered}


def starting_state(path: Path) -> StartingState:
    """Read a scenario's ``workspace.yaml`` (a missing file: the wall clock, nothing done)."""
    if not path.is_file():
        return StartingState()
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, Mapping) or set(data) - {"scenario_day", "actuals"}:
        raise DataFileError(f"{path}: expected a mapping with 'scenario_day' and 'actuals'")
    day, actuals = data.get("scenario_day"), data.get("actuals") or {}
    if day is not None and not isinstance(day, date):
        raise DataFileError(f"{path}: scenario_day '{day}' is not a date (YYYY-MM-DD)")
    if not isinstance(actuals, Mapping) or not all(
            isinstance(k, str) and isinstance(v, date) for k, v in actuals.items()):
        raise DataFileError(f"{path}: actuals must map event ids to dates (EVENT: YYYY-MM-DD)")
    return StartingState(day, dict(actuals))


def init_workspace(url: str | None = None, *, user: str, force: bool = False,
                   scenario: str = DEFAULT, exercise: bool = False) -> InitResult:
    """Create the workspace with ``scenario``'s plan, sample observations and starting state
    (``exercise``: with the plan and the scenario's exercise alone).

    Refuses a workspace that already holds a plan unless ``force``, which empties it first.
    """
    from ..planfile import loads_plan

    data = scenario_dir(scenario) / "data"
    start = StartingState() if exercise else starting_state(data / "workspace.yaml")
    exercise_path = scenario_dir(scenario) / "exercise.yaml"
    if exercise and not exercise_path.is_file():
        raise WorkspaceError(f"the built-in scenario '{scenario}' has no exercise "
                             f"({exercise_path} is missing)", code="no-exercise")
    path = scenario_plan_path(scenario)
    text = path.read_text(encoding="utf-8")
    try:
        loads_plan(text, filename=str(path)).require_events(list(start.actuals))
    except UnknownItemError as exc:
        raise UnknownItemError(f"{data / 'workspace.yaml'}: {exc}", code=exc.code) from None
    with open_workspace(url) as ws:
        where = ws.engine.url.render_as_string(hide_password=True)
        if ws.has_plan() and not force:
            raise WorkspaceError(f"{where} already holds a workspace; pass --force to replace "
                                 "it (back it up first with 'missionplan backup')",
                                 code="workspace-exists")
        if force:
            ws.clear(user=user)
        version = ws.import_plan(text, user=user, filename=str(path),
                                 note=f"built-in scenario '{scenario}'")
        if exercise:
            loaded = ws.load_exercise(exercise_path.read_text(encoding="utf-8"), user=user,
                                      name=str(exercise_path))
            return InitResult(where, version.plan_id, version.version, 0, ws.current_day(),
                              exercise=loaded.file.title or loaded.file.id,
                              delivered=len(ws.deliveries()))
        sample = data / "observations.csv"
        imported = (ws.import_observations(sample, user=user).imported
                    if sample.is_file() else 0)
        clock = (ws.set_day(start.scenario_day, user=user) if start.scenario_day is not None
                 else ws.current_day())
        for event, day in sorted(start.actuals.items(), key=lambda kv: (kv[1], kv[0])):
            ws.record_actual(event, day, user=user)  # each checked as a user's would be
        return InitResult(where, version.plan_id, version.version, imported, clock,
                          len(start.actuals))
