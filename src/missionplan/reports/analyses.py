"""The further analyses a planning brief summarises: risk and deployment.

They are run by the outlook room (:mod:`missionplan.outlook.analyses`, budgets and
defaults there); here they become the brief's two summaries. A summary whose
analysis runs by default and cannot run says why in its section.
"""

from __future__ import annotations

from datetime import date

from ..model import Plan
from ..outlook.analyses import (
    DEFAULT_DEPLOYMENT_SECONDS,
    DEFAULT_RISK_SAMPLES,
    Analyses,
    AnalysisOptions,
    Progress,
    has_deployment_data,
    has_uncertainty,
    run_analyses,
    run_deployment,
    run_risk,
)
from ..schedule import Schedule
from .context import summary_lines

__all__ = [
    "DEFAULT_DEPLOYMENT_SECONDS",
    "DEFAULT_RISK_SAMPLES",
    "Analyses",
    "AnalysisOptions",
    "Progress",
    "brief_summaries",
    "has_deployment_data",
    "has_uncertainty",
    "run_deployment",
    "run_risk",
    "summaries",
]


def brief_summaries(plan: Plan, schedule: Schedule, options: AnalysisOptions, *,
                    anchors: dict[str, date] | None = None,
                    progress: Progress | None = None) -> tuple[list[str] | None,
                                                               list[str] | None]:
    """The risk and deployment sentences of a brief (``None``: section left out)."""
    return summaries(plan, run_analyses(plan, schedule, options, progress=progress))


def summaries(plan: Plan, done: Analyses) -> tuple[list[str] | None, list[str] | None]:
    """The two summaries of what ran (a note where a wanted analysis could not run)."""
    risk = summary_lines(done.risk, plan) if done.risk is not None else (
        [done.risk_note] if done.risk_note else None)
    deployment = summary_lines(done.deployment, plan) if done.deployment is not None else (
        [done.deployment_note] if done.deployment_note else None)
    return risk, deployment
