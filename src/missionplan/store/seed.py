"""A new workspace holding a built-in scenario's plan and sample data (``missionplan init``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import WorkspaceError
from ..scenarios import DEFAULT, scenario_dir, scenario_plan_path
from .workspace import open_workspace

__all__ = ["InitResult", "init_workspace"]


@dataclass(frozen=True, slots=True)
class InitResult:
    url: str
    plan_id: str
    version: int
    observations: int

    def to_json(self) -> dict[str, object]:
        return {"db": self.url, "plan_id": self.plan_id, "version": self.version,
                "observations": self.observations}


def init_workspace(url: str | None = None, *, user: str, force: bool = False,
                   scenario: str = DEFAULT) -> InitResult:
    """Create the workspace with ``scenario``'s plan and sample observations.

    Refuses a workspace that already holds a plan unless ``force``, which empties it first.
    """
    with open_workspace(url) as ws:
        where = ws.engine.url.render_as_string(hide_password=True)
        if ws.has_plan() and not force:
            raise WorkspaceError(f"{where} already holds a workspace; pass --force to replace "
                                 "it (back it up first with 'missionplan backup')",
                                 code="workspace-exists")
        if force:
            ws.clear(user=user)
        path = scenario_plan_path(scenario)
        version = ws.import_plan(path.read_text(encoding="utf-8"), user=user,
                                 filename=str(path), note=f"built-in scenario '{scenario}'")
        sample = scenario_dir(scenario) / "data" / "observations.csv"
        imported = (ws.import_observations(sample, user=user).imported
                    if sample.is_file() else 0)
        return InitResult(where, version.plan_id, version.version, imported)
