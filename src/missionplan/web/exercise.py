"""The exercise on the web: the trainer's controls, each syndicate's inbox, the review.

Each call checks who may do it, then makes one store call. What an inject broke is
measured after the clock's move is committed, on a thread of its own (one at a time), so
that moving the clock answers at once; a delivery not yet measured says so until it is.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from fastapi import Request

from ..exercise import Delivery, ExerciseFile, Inject
from ..exercise.review import Review
from ..store import Syndicate
from .accounts import Account
from .auth import VIEW_KEY, main_state, may_run_exercise, require, state_of
from .state import WebState

__all__ = ["REVIEW_SAMPLES", "MasterRow", "add_syndicate", "exercise_of", "inbox",
           "load_exercise", "master_list", "measure_later", "measuring", "review", "set_view",
           "syndicates", "wait_for_impacts", "whose"]

REVIEW_SAMPLES = 400
_ONLY_TRAINERS = "only a trainer runs the exercise"
_MEASURING = threading.Lock()
_AGAIN = threading.Event()  # something was delivered since the thread last looked
_IDLE = threading.Event()
_IDLE.set()


def exercise_of(state: WebState) -> ExerciseFile | None:
    """The exercise loaded (read once per revision)."""
    return state.derive(("exercise",), state.ws.exercise, observed=False)


def inbox(state: WebState) -> list[Delivery]:
    """The injects delivered to the plan ``state`` reads, newest first."""
    return state.derive(("inbox",), lambda: list(reversed(state.ws.deliveries())),
                        observed=False)


def syndicates(state: WebState) -> list[Syndicate]:
    return state.derive(("syndicate list",), state.ws.syndicates, observed=False)


def whose(request: Request) -> str:
    """Whose plan the pages show, for the banner: "Syndicate Alpha" ('' the workspace's)."""
    branch = state_of(request).ws.branch
    if not branch:
        return ""
    found = [s for s in syndicates(main_state(request)) if s.name == branch]
    return (found[0].title if found and found[0].title else f"Syndicate {branch}")


@dataclass(frozen=True, slots=True)
class MasterRow:
    """One inject of the master events list and where it has gone."""

    inject: Inject
    delivered: dict[str, date]     # syndicate ('' the workspace's plan) -> day it arrived
    after: str = ""                # the name of the event it follows, if it has no date


def master_list(request: Request, account: Account) -> list[MasterRow]:
    """Every inject of the exercise in its order, with the day each syndicate got it."""
    require(may_run_exercise(account), _ONLY_TRAINERS)
    main = main_state(request)
    file = exercise_of(main)
    if file is None:
        return []
    names = {e.id: e.name for e in main.base_plan().events}
    went: dict[str, dict[str, date]] = {}
    for d in main.derive(("every delivery",),
                         lambda: main.ws.deliveries(every_branch=True), observed=False):
        went.setdefault(d.inject, {})[d.branch] = d.day
    return [MasterRow(i, went.get(i.id, {}),
                      names.get(i.after.event, i.after.event) if i.after else "")
            for i in file.injects]


def measuring() -> bool:
    """Whether impacts are being measured now."""
    return not _IDLE.is_set()


def review(request: Request, account: Account) -> Review:
    """The after-action review as of the clock's day (kept while the workspace holds)."""
    from ..store.review import gather_review

    require(may_run_exercise(account), _ONLY_TRAINERS)
    main = main_state(request)
    return main.derive(("review", REVIEW_SAMPLES), lambda: gather_review(
        main.ws, samples=REVIEW_SAMPLES))


def load_exercise(request: Request, account: Account, text: str, name: str) -> ExerciseFile:
    require(may_run_exercise(account), _ONLY_TRAINERS)
    main = main_state(request)
    loaded = main.ws.load_exercise(text, user=account.name, name=name)
    measure_later(main)
    return loaded.file


def add_syndicate(request: Request, account: Account, name: str, title: str) -> Syndicate:
    require(may_run_exercise(account), _ONLY_TRAINERS)
    return main_state(request).ws.add_syndicate(name, user=account.name, title=title)


def set_view(request: Request, account: Account, name: str) -> None:
    """Look at syndicate ``name``'s plan on every page ('' the workspace's own)."""
    require(may_run_exercise(account), _ONLY_TRAINERS)
    if name:
        main_state(request).ws.syndicate(name)  # unknown-syndicate, listing those there are
        request.session[VIEW_KEY] = name
    else:
        request.session.pop(VIEW_KEY, None)


def measure_later(state: WebState) -> None:
    """Measure what the injects delivered broke, on a thread (one at a time: a thread that
    runs already measures these too before it stops)."""
    _AGAIN.set()
    if not _MEASURING.acquire(blocking=False):
        return
    _IDLE.clear()

    def run() -> None:
        import logging

        try:
            while _AGAIN.is_set():
                _AGAIN.clear()
                try:
                    state.ws.measure_impacts()
                except Exception:  # a failed measure must not stop the next one
                    logging.getLogger(__name__).exception("measuring injects' impacts failed")
        finally:
            _MEASURING.release()
            if _AGAIN.is_set():
                measure_later(state)
            else:
                _IDLE.set()

    threading.Thread(target=run, name="missionplan-impacts", daemon=True).start()


def wait_for_impacts(timeout: float | None = None) -> bool:
    """Block until no measuring runs (for tests and for a clean shutdown)."""
    return _IDLE.wait(timeout)
