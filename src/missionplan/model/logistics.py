"""Room for geography and force: where the deployment data lives and the what-ifs to apply."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from .base import StrictModel

__all__ = ["DeploymentSpec"]


class DeploymentSpec(StrictModel):
    """Where the deployment data lives, relative to the plan file, and what-ifs to apply."""

    geography: str | None = Field(default=None, description="GeoJSON file of places and routes")
    network: str | None = Field(default=None, description="Network attributes file")
    force: str | None = Field(default=None, description="Units to deploy")
    lift: str | None = Field(default=None, description="Lift assets")
    season: str | None = Field(default=None, description="Id of the season that closes roads")
    deployed_event: str = Field(default="mission_deployed",
                                description="Event the deployment estimate feeds")
    from_event: str = Field(default="resolution_adopted",
                            description="Event the deployment clock starts at")
    rainy_season_override: tuple[date, date] | None = Field(
        default=None, description="What-if: the rains fall between these two dates instead")
    late_units: dict[str, int] = Field(
        default_factory=dict, description="What-if: unit id -> days it arrives later")
    closed: list[str] = Field(
        default_factory=list, description="What-if: road or crossing (edge or node) ids out")
    threshold: float = Field(default=1.0, gt=0, le=1,
                             description="Share of authorised strength that counts as deployed")
    arrivals: Literal["min", "likely", "max"] = Field(
        default="likely", description="Which arrival offset of each unit to plan with")

    @model_validator(mode="after")
    def _ordered(self) -> DeploymentSpec:
        rs = self.rainy_season_override
        if rs is not None and rs[0] > rs[1]:
            raise ValueError(f"rainy_season_override starts ({rs[0]}) after it ends ({rs[1]})")
        return self
