"""What a figure rests on: assumed dates, estimated durations, synthetic data.

Every output that shows a date, an odds or a deployment day says, briefly and where
the figure appears, when it stands on an assumed anchor, on assumed durations or on
synthetic data. The plan and its data say so themselves (an anchor's ``assumed``, a
duration's ``basis``, a data file's ``synthetic`` mark, an observation's source);
this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Plan

__all__ = ["Basis", "plan_basis"]


@dataclass(frozen=True, slots=True)
class Basis:
    """The assumptions and synthetic inputs behind a plan's figures."""

    assumed_dates: list[str] = field(default_factory=list)   # "X on 2027-06-03"
    estimates: int = 0                                       # durations that are estimates
    synthetic_durations: int = 0                             # of which synthetic figures
    synthetic_data: list[str] = field(default_factory=list)  # "indicator observations"

    @property
    def empty(self) -> bool:
        return not (self.assumed_dates or self.estimates or self.synthetic_data)

    def parts(self) -> list[str]:
        """One short clause per kind of assumption."""
        out = []
        if self.assumed_dates:
            out.append("dates count from assumed dates (" + "; ".join(self.assumed_dates)
                       + ")")
        if self.estimates:
            synthetic = (f", {self.synthetic_durations} of them synthetic figures"
                         if self.synthetic_durations else "")
            out.append(f"{self.estimates} durations are planning estimates{synthetic}")
        if self.synthetic_data:
            out.append(" and ".join(self.synthetic_data) + " are synthetic")
        return out

    def sentence(self) -> str:
        """The caveat in one sentence ('' when the figures rest on facts alone)."""
        parts = self.parts()
        return ("Assumed: " + "; ".join(parts) + ".") if parts else ""

    def to_json(self) -> dict[str, object]:
        return {"assumed_dates": list(self.assumed_dates), "estimates": self.estimates,
                "synthetic_durations": self.synthetic_durations,
                "synthetic_data": list(self.synthetic_data), "sentence": self.sentence()}


def plan_basis(plan: Plan, *, synthetic_observations: bool = False,
               synthetic_deployment: bool = False) -> Basis:
    """What ``plan``'s figures rest on. ``synthetic_observations``: the indicators'
    observations are synthetic (say so when they are shown); ``synthetic_deployment``:
    the deployment's geography, force or lift files say they are synthetic."""
    recorded = set(plan.actual_dates())
    names = {e.id: e.label() for e in plan.events}
    assumed = [f"{names.get(a.event, a.event)} on {a.date.isoformat()}"
               for a in plan.anchors if a.assumed and a.event not in recorded]
    durations = [a.duration for a in plan.activities
                 if a.duration is not None and a.approval == "approved"]
    estimates = [d for d in durations if d.basis != "deployment planner"
                 and not d.basis.startswith("deployment planner")]
    synthetic = [d for d in estimates if "synthetic" in d.basis.lower()]
    data = []
    if synthetic_observations:
        data.append("indicator observations")
    if synthetic_deployment:
        data.append("the deployment's geography and force")
    return Basis(assumed, len(estimates), len(synthetic), data)
