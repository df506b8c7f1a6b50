"""Built-in scenarios. Each is data only: a directive, a plan and its sample data."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["DEFAULT", "scenario_dir", "scenario_plan_path"]

DEFAULT = "carana"


def scenario_dir(name: str = DEFAULT) -> Path:
    """The folder holding a built-in scenario's files."""
    return Path(str(files(__name__).joinpath(name)))


def scenario_plan_path(name: str = DEFAULT) -> Path:
    """The plan file of a built-in scenario."""
    return scenario_dir(name) / "plan.yaml"
