"""Risk and deployment runs on demand, kept in memory for the plan they ran on.

A run is a library call (:func:`missionplan.risk.simulate`,
:func:`missionplan.logistics.plan_deployment`) on the plan as the person asking
may see it; its result is kept under the view key of that plan (version and its
hash, actual dates, assumption states, clearance) and the day
(:meth:`WebState.keep`), so the next visitor reads it at once. One run of each
kind at a time: a second request waits for the first and reuses it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ..logistics import (
    DeploymentData,
    DeploymentResult,
    WhatIf,
    load_deployment,
    plan_deployment,
)
from ..logistics.start import deployment_start
from ..model import Plan
from ..monitor import CriterionStatus
from ..outlook import Outlook, build_outlook
from ..risk import RiskResult, simulate
from ..schedule import Schedule
from .accounts import Account
from .state import WebState

__all__ = ["DeploymentRun", "RiskRun", "cached_deployment", "cached_risk", "criteria_outlook",
           "deployment_data", "resolution_day", "run_deployment", "run_deployment_what_if",
           "run_risk"]


@dataclass(frozen=True, slots=True)
class RiskRun:
    """A risk simulation of one plan version and the plain-language reading of it."""

    version: int
    result: RiskResult
    sentences: list[str]


@dataclass(frozen=True, slots=True)
class DeploymentRun:
    """A movement plan of one plan version, with the data it was planned on."""

    version: int
    data: DeploymentData
    result: DeploymentResult


_LOCKS = {"risk": threading.Lock(), "deployment": threading.Lock(), "data": threading.Lock()}
T = TypeVar("T")
_KEEP = 4


def _key(kind: str, state: WebState, account: Account) -> tuple[object, ...]:
    """A run is of the plan as ``account`` sees it now (its actual dates and assumption
    states included: the simulation starts from them) and of today."""
    return (kind, *state.view_key(account), state.today())


def cached_risk(state: WebState, account: Account) -> RiskRun | None:
    """The risk run of the newest version as ``account`` sees it, if one was made."""
    return _cached("risk", RiskRun, state, account)


def cached_deployment(state: WebState, account: Account) -> DeploymentRun | None:
    """The deployment run of the newest version as ``account`` sees it, if one was made."""
    return _cached("deployment", DeploymentRun, state, account)


def deployment_data(state: WebState, account: Account) -> DeploymentData:
    """The newest plan's deployment data (geography, network, force, lift), remembered."""
    return _made("data", DeploymentData, state, account, load_deployment)


def run_risk(state: WebState, account: Account) -> RiskRun:
    """Simulate the newest plan (``settings.risk_samples`` worlds, fixed seed), remembered."""
    def simulated(plan: Plan) -> RiskRun:
        result = simulate(plan, samples=state.settings.risk_samples, seed=0,
                          as_of=state.today())
        return RiskRun(state.latest_version(), result, result.sentences(plan))

    return _made("risk", RiskRun, state, account, simulated)


def run_deployment(state: WebState, account: Account) -> DeploymentRun:
    """Plan the deployment of the newest plan (``settings.deploy_time_limit`` s), remembered."""
    def planned(plan: Plan) -> DeploymentRun:
        data = deployment_data(state, account)
        result = plan_deployment(data, resolution_date=resolution_day(plan, state.today()),
                                 time_limit=state.settings.deploy_time_limit)
        return DeploymentRun(state.latest_version(), data, result)

    return _made("deployment", DeploymentRun, state, account, planned)


def run_deployment_what_if(state: WebState, account: Account, what_if: WhatIf
                           ) -> DeploymentRun:
    """The movement plan of the newest plan with ``what_if`` laid over its data (late
    units, closed routes, another rainy season, another threshold), saving nothing;
    remembered for that what-if, one run at a time like the others."""
    def planned(plan: Plan) -> DeploymentRun:
        data = deployment_data(state, account)
        result = plan_deployment(data, resolution_date=resolution_day(plan, state.today()),
                                 time_limit=state.settings.deploy_time_limit,
                                 what_if=what_if)
        return DeploymentRun(state.latest_version(), data, result)

    with _LOCKS["deployment"]:
        key = (*_key("deployment-what-if", state, account), repr(what_if.to_json()))
        return state.keep(key, lambda: planned(state.plan_for(account)), last=_KEEP)


def _cached(kind: str, cls: type[T], state: WebState, account: Account) -> T | None:
    found = state.kept(_key(kind, state, account))
    return found if isinstance(found, cls) else None


def _made(kind: str, cls: type[T], state: WebState, account: Account,
          make: Callable[[Plan], T]) -> T:
    """The ``kind`` result of the plan as ``account`` sees it: made once (one run of a
    kind at a time: they are long), then kept."""
    with _LOCKS[kind]:
        key = _key(kind, state, account)  # first: the plan read after is as new or newer
        return state.keep(key, lambda: make(state.plan_for(account)), last=_KEEP)


def resolution_day(plan: Plan, as_of: date) -> date:
    """The day the deployment clock starts, as of ``as_of`` (see ``deployment_start``)."""
    return deployment_start(plan, as_of=as_of)[0]


def criteria_outlook(state: WebState, account: Account, plan: Plan, schedule: Schedule,
                     monitoring: list[CriterionStatus]) -> Outlook:
    """One answer per criterion of the plan ``account`` sees, with the odds and the
    deployment estimate of the runs kept for that plan as seen (none is started)."""
    risk, deployment = cached_risk(state, account), cached_deployment(state, account)
    return build_outlook(plan, schedule, monitoring=monitoring,
                         risk=risk.result if risk else None,
                         deployment=deployment.result if deployment else None)
