"""Risk and deployment runs on demand, remembered per plan version in memory.

A run is a library call (:func:`missionplan.risk.simulate`,
:func:`missionplan.logistics.plan_deployment`) on the plan as the person
asking may see it; its result is kept under (kind, plan version, whether
restricted items were in view) in this workspace's memo, so the next visitor
reads it at once. One run
of each kind at a time: a second request waits for the first and reuses it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from ..logistics import DeploymentData, DeploymentResult, load_deployment, plan_deployment
from ..logistics.start import deployment_start
from ..model import Plan
from ..risk import RiskResult, simulate
from .accounts import Account
from .state import WebState

__all__ = ["DeploymentRun", "RiskRun", "cached_deployment", "cached_risk", "deployment_data",
           "resolution_day",
           "run_deployment", "run_risk"]


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


_LOCKS = {"risk": threading.Lock(), "deployment": threading.Lock()}
_KEEP = 4


def _key(kind: str, state: WebState, account: Account) -> tuple[object, ...]:
    """A run is of the plan as ``account`` sees it now (its actual dates and assumption
    states included: the simulation starts from them) and of today."""
    return (kind, *state.view_key(account), state.today())


def cached_risk(state: WebState, account: Account) -> RiskRun | None:
    """The risk run of the newest version as ``account`` sees it, if one was made."""
    found = state.memo.get(_key("risk", state, account))
    return found if isinstance(found, RiskRun) else None


def cached_deployment(state: WebState, account: Account) -> DeploymentRun | None:
    """The deployment run of the newest version as ``account`` sees it, if one was made."""
    found = state.memo.get(_key("deployment", state, account))
    return found if isinstance(found, DeploymentRun) else None


def deployment_data(state: WebState, account: Account) -> DeploymentData:
    """The newest plan's deployment data (geography, network, force, lift), remembered."""
    key = _key("data", state, account)
    found = state.memo.get(key)
    if not isinstance(found, DeploymentData):
        found = load_deployment(state.plan_for(account))
        state.remember(key, found, keep=_KEEP)
    return found


def run_risk(state: WebState, account: Account) -> RiskRun:
    """Simulate the newest plan (``settings.risk_samples`` worlds, fixed seed), remembered."""
    with _LOCKS["risk"]:
        key = _key("risk", state, account)
        found = cached_risk(state, account)
        if found is not None:
            return found
        plan = state.plan_for(account)
        result = simulate(plan, samples=state.settings.risk_samples, seed=0)
        run = RiskRun(state.latest_version(), result, result.sentences(plan))
        state.remember(key, run, keep=_KEEP)
        return run


def run_deployment(state: WebState, account: Account) -> DeploymentRun:
    """Plan the deployment of the newest plan (``settings.deploy_time_limit`` s), remembered."""
    with _LOCKS["deployment"]:
        key = _key("deployment", state, account)
        found = cached_deployment(state, account)
        if found is not None:
            return found
        plan = state.plan_for(account)
        data = deployment_data(state, account)
        result = plan_deployment(data, resolution_date=resolution_day(plan, state.today()),
                                 time_limit=state.settings.deploy_time_limit)
        run = DeploymentRun(state.latest_version(), data, result)
        state.remember(key, run, keep=_KEEP)
        return run


def resolution_day(plan: Plan, as_of: date) -> date:
    """The day the deployment clock starts, as of ``as_of`` (see ``deployment_start``)."""
    return deployment_start(plan, as_of=as_of)[0]
