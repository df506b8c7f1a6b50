"""The courses of action compared on demand, kept in memory for the plan they ran on.

One comparison at a time (each option is a movement plan and a Monte Carlo run); the
result is kept under the view key of the plan as the person asking may see it and the
day, as the risk and deployment runs are (:mod:`.analysis`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..outlook.options import OptionsComparison, compare_options
from ..reports.run import OPTION_SAMPLES
from .accounts import Account
from .state import WebState

__all__ = ["OptionsRun", "cached_options", "run_options"]

_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class OptionsRun:
    """The comparison of one plan version's courses of action."""

    version: int
    comparison: OptionsComparison


def _key(state: WebState, account: Account) -> tuple[object, ...]:
    return ("options", *state.view_key(account), state.today())


def cached_options(state: WebState, account: Account) -> OptionsRun | None:
    """The comparison of the newest version as ``account`` sees it, if one was made."""
    found = state.kept(_key(state, account))
    return found if isinstance(found, OptionsRun) else None


def run_options(state: WebState, account: Account) -> OptionsRun:
    """Compare the newest plan's courses of action (each movement plan searches for
    ``settings.deploy_time_limit`` seconds), remembered."""
    def compared() -> OptionsRun:
        found = compare_options(state.plan_for(account), as_of=state.today(),
                                samples=OPTION_SAMPLES, seed=0,
                                time_limit=state.settings.deploy_time_limit)
        return OptionsRun(state.latest_version(), found)

    with _LOCK:
        return state.keep(_key(state, account), compared, last=2)
