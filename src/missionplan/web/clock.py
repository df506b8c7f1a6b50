"""Moving the workspace's clock from the web: the planning lead's, and only theirs.

Each call checks the permission, then makes one store call (audited as the terminal's
``missionplan clock`` is); the revision it raises is what every cached page follows.
"""

from __future__ import annotations

from datetime import date

from ..store import CurrentDay
from .accounts import Account
from .auth import may_set_clock, require
from .state import WebState

__all__ = ["advance_clock", "set_clock"]

_ONLY_LEADS = "only a planning lead moves the workspace's clock"


def set_clock(state: WebState, account: Account, day: date | None) -> CurrentDay:
    """Set the scenario day to ``day``, or (None) hand the day back to the wall clock; in an
    exercise the injects due are delivered, and what they broke measured meanwhile."""
    require(may_set_clock(account), _ONLY_LEADS)
    if day is None:
        return state.ws.unset_day(user=account.name)
    now = state.ws.set_day(day, user=account.name)
    _measure(state)
    return now


def advance_clock(state: WebState, account: Account, step: str) -> CurrentDay:
    """Move the day on by ``step`` (``7d``, ``2w``, ``1mo``)."""
    require(may_set_clock(account), _ONLY_LEADS)
    now = state.ws.advance(step, user=account.name)
    _measure(state)
    return now


def _measure(state: WebState) -> None:
    from .exercise import measure_later

    measure_later(state)
