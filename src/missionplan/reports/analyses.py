"""The further analyses a planning brief summarises: risk and deployment.

A brief carries a risk summary when the plan has something uncertain
(durations with a spread, or risks) and a deployment summary when the plan
names deployment data; both run by default with small budgets (2,000 Monte
Carlo samples with a fixed seed, a 10-second solver limit) and can be skipped.
An analysis that runs by default and cannot run says why in its section; one
asked for explicitly raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..errors import MissionplanError
from ..model import Plan, UncertainDuration
from .context import summary_lines
from .shape import ScheduleLike

__all__ = [
    "DEFAULT_DEPLOYMENT_SECONDS", "DEFAULT_RISK_SAMPLES", "AnalysisOptions", "Progress",
    "brief_summaries", "has_deployment_data", "has_uncertainty", "run_deployment", "run_risk",
]

DEFAULT_RISK_SAMPLES = 2_000
DEFAULT_DEPLOYMENT_SECONDS = 10.0

Progress = Callable[[str, float], None]
"""Told which analysis runs and how far along it is (0.0 to 1.0)."""


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """Which analyses a brief runs: ``None`` means "when the plan has the data"."""

    risk_samples: int | None = None
    seed: int = 0
    deployment: bool | None = None
    deployment_seconds: float = DEFAULT_DEPLOYMENT_SECONDS


def has_uncertainty(plan: Plan) -> bool:
    """Whether the plan has uncertain durations or risks for a Monte Carlo run."""
    return bool(plan.risks) or any(isinstance(a.duration, UncertainDuration)
                                   for a in plan.activities)


def has_deployment_data(plan: Plan) -> bool:
    """Whether the plan names deployment data (its ``deployment:`` section)."""
    return plan.deployment is not None


def brief_summaries(plan: Plan, schedule: ScheduleLike, options: AnalysisOptions, *,
                    anchors: dict[str, date] | None = None,
                    progress: Progress | None = None) -> tuple[list[str] | None,
                                                               list[str] | None]:
    """The risk and deployment sentences of a brief (``None``: section left out)."""
    risk: list[str] | None = None
    samples = options.risk_samples
    if samples is None and has_uncertainty(plan):
        samples = DEFAULT_RISK_SAMPLES
    if samples:
        risk = _guarded(lambda: summary_lines(run_risk(
            plan, samples=samples, seed=options.seed, anchors=anchors, progress=progress),
            plan), "risk", explicit=options.risk_samples is not None)
    deployment: list[str] | None = None
    wanted = options.deployment
    if wanted or (wanted is None and has_deployment_data(plan)):
        deployment = _guarded(lambda: summary_lines(run_deployment(
            plan, schedule, time_limit=options.deployment_seconds, progress=progress), plan),
            "deployment", explicit=wanted is True)
    return risk, deployment


def _guarded(run: Callable[[], list[str] | None], what: str, *,
             explicit: bool) -> list[str] | None:
    try:
        return run()
    except MissionplanError as exc:
        if explicit:
            raise
        return [f"No {what} summary: {exc}"]


def run_risk(plan: Plan, *, samples: int, seed: int, anchors: dict[str, date] | None = None,
             progress: Progress | None = None) -> object:
    """The risk room's Monte Carlo result (it offers ``sentences(plan)``)."""
    from ..risk import simulate

    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress("risk", min(done / samples, 1.0))

    if progress is not None:
        progress("risk", 0.0)
    return simulate(plan, samples=samples, seed=seed, anchors=anchors, progress=tick)


def run_deployment(plan: Plan, schedule: ScheduleLike, *,
                   time_limit: float = DEFAULT_DEPLOYMENT_SECONDS,
                   progress: Progress | None = None) -> object:
    """The logistics room's deployment plan, clocked from the resolution's earliest date."""
    from ..logistics import load_deployment, plan_deployment

    data = load_deployment(plan)
    start = data.spec.from_event
    event = next((e for e in schedule.events if e.id == start), None)
    day = (event.actual or event.earliest) if event is not None else None
    if day is None:
        raise MissionplanError(f"the deployment clock starts at '{start}', which has no date "
                               "yet: give it one with --anchor", code="deployment-undated")

    def tick(_objective: float, _bound: float, seconds: float) -> None:
        if progress is not None:
            progress("deployment", min(seconds / max(time_limit, 0.5), 1.0))

    if progress is not None:
        progress("deployment", 0.0)
    result = plan_deployment(data, resolution_date=day, time_limit=time_limit, progress=tick)
    if progress is not None:
        progress("deployment", 1.0)
    return result
