"""Room for geography and force: filled in by the deployment planner."""

from __future__ import annotations

from pydantic import Field

from .base import StrictModel

__all__ = ["DeploymentSpec"]


class DeploymentSpec(StrictModel):
    """Where the deployment data lives, relative to the plan file."""

    geography: str | None = Field(default=None, description="GeoJSON file of places and routes")
    network: str | None = Field(default=None, description="Network attributes file")
    force: str | None = Field(default=None, description="Units to deploy")
    lift: str | None = Field(default=None, description="Lift assets")
    season: str | None = Field(default=None, description="Id of the season that closes roads")
    deployed_event: str = Field(default="mission_deployed",
                                description="Event the deployment estimate feeds")
    from_event: str = Field(default="resolution_adopted",
                            description="Event the deployment clock starts at")
