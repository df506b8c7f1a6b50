"""The analyses an answer may rest on, run with small budgets: risk and deployment.

A brief, ``status`` and the dashboard give each criterion the odds and the
deployment estimate beside its dates. The risk run happens when the plan has
something uncertain (durations with a spread, or risks), the movement plan when it
names deployment data; both by default with small budgets (2,000 Monte Carlo samples
with a fixed seed, a 10-second solver limit), and either can be left out. An
analysis run by default that cannot run says why (``Analyses.notes``); one asked
for explicitly raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..errors import MissionplanError
from ..model import Plan
from ..schedule import Schedule

if TYPE_CHECKING:
    from ..logistics import DeploymentResult
    from ..risk import RiskResult

__all__ = [
    "DEFAULT_DEPLOYMENT_SECONDS",
    "DEFAULT_RISK_SAMPLES",
    "Analyses",
    "AnalysisOptions",
    "Progress",
    "forecast_schedule",
    "has_deployment_data",
    "has_uncertainty",
    "run_analyses",
    "run_deployment",
    "run_risk",
]

DEFAULT_RISK_SAMPLES = 2_000
DEFAULT_DEPLOYMENT_SECONDS = 10.0

Progress = Callable[[str, float], None]
"""Told which analysis runs and how far along it is (0.0 to 1.0)."""


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """Which analyses to run: ``None`` means "when the plan has the data"."""

    risk_samples: int | None = None
    seed: int = 0
    deployment: bool | None = None
    deployment_seconds: float = DEFAULT_DEPLOYMENT_SECONDS


@dataclass(frozen=True, slots=True)
class Analyses:
    """What was run, and why anything wanted is missing."""

    risk: RiskResult | None = None
    deployment: DeploymentResult | None = None
    risk_note: str = ""
    deployment_note: str = ""
    ran: list[str] = field(default_factory=list)
    deployment_synthetic: bool = False  # its geography, force or lift say they are made up


def has_uncertainty(plan: Plan) -> bool:
    """Whether the plan has uncertain durations or risks for a Monte Carlo run."""
    return bool(plan.risks) or any(a.duration is not None and a.duration.distribution.value
                                   != "fixed" for a in plan.activities)


def has_deployment_data(plan: Plan) -> bool:
    """Whether the plan names deployment data (its ``deployment:`` section)."""
    return plan.deployment is not None


def run_analyses(plan: Plan, schedule: Schedule, options: AnalysisOptions, *,
                 progress: Progress | None = None) -> Analyses:
    """Run what ``options`` asks for on ``plan`` as of its schedule's day."""
    from ..logistics import load_deployment

    risk = deployment = None
    risk_note = deployment_note = ""
    ran = []
    synthetic = False
    samples = options.risk_samples
    if samples is None and has_uncertainty(plan):
        samples = DEFAULT_RISK_SAMPLES
    if samples:
        try:
            risk = run_risk(plan, samples=samples, seed=options.seed, as_of=schedule.as_of,
                            progress=progress)
            ran.append("risk")
        except MissionplanError as exc:
            if options.risk_samples is not None:
                raise
            risk_note = f"No risk summary: {exc}"
    wanted = options.deployment
    if wanted or (wanted is None and has_deployment_data(plan)):
        try:
            deployment = run_deployment(plan, schedule, time_limit=options.deployment_seconds,
                                        progress=progress)
            ran.append("deployment")
            synthetic = load_deployment(plan).synthetic
        except MissionplanError as exc:
            if wanted is True:
                raise
            deployment_note = f"No deployment summary: {exc}"
    return Analyses(risk, deployment, risk_note, deployment_note, ran, synthetic)


def run_risk(plan: Plan, *, samples: int, seed: int, as_of: date | None = None,
             anchors: dict[str, date] | None = None,
             progress: Progress | None = None) -> RiskResult:
    """The risk room's Monte Carlo result, worlds drawn as of ``as_of``."""
    from ..risk import simulate

    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress("risk", min(done / samples, 1.0))

    if progress is not None:
        progress("risk", 0.0)
    return simulate(plan, samples=samples, seed=seed, anchors=anchors, as_of=as_of,
                    progress=tick)


def run_deployment(plan: Plan, schedule: Schedule, *,
                   time_limit: float = DEFAULT_DEPLOYMENT_SECONDS,
                   progress: Progress | None = None) -> DeploymentResult:
    """The logistics room's movement plan, clocked from the resolution's actual date, else
    its forecast (the date the schedule expects it on)."""
    from ..logistics import load_deployment, plan_deployment

    data = load_deployment(plan)
    start = data.spec.from_event
    row = schedule.event_row(start)
    day = (row.expected or row.earliest) if row is not None else None
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


def forecast_schedule(plan: Plan, *, as_of: date, anchors: dict[str, date] | None = None,
                      actuals: dict[str, date] | None = None, horizon_days: int = 30,
                      risk_samples: int | None = None, seed: int = 0,
                      progress: Progress | None = None) -> Schedule:
    """The schedule as of ``as_of``; with ``risk_samples``, its forecast is the P50 (with
    P10–P90) of that many simulated worlds of the same plan state, as of the same day."""
    from ..schedule import build_schedule, spread_of

    plain = build_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals,
                           horizon_days=horizon_days)
    if not risk_samples:
        return plain
    run = run_risk(plain.plan, samples=risk_samples, seed=seed, as_of=as_of,
                   progress=progress)
    spread = spread_of({e.id: e.dates for e in run.events if e.dates})
    return build_schedule(plain.plan, as_of=as_of, horizon_days=horizon_days, spread=spread,
                          spread_basis=f"P50 of {run.samples:,} simulated worlds (seed "
                                       f"{seed}), P10–P90 beside it")
