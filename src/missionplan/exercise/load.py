"""Read an exercise file and check it against the plan it is written for.

Every problem is a :class:`~missionplan.errors.DataFileError` with the code
``exercise-file`` and the file, line and column of the value at fault: YAML that does
not parse, a key the format does not know, a date that is not one ("2027-02-30"), an
inject that names an event, activity, season, assumption, indicator, unit or route
the plan (or its deployment data) does not have, injects due before the exercise
starts, a fact recorded after the day its inject is due, or two injects of one id.
All problems are found before any is reported, and nothing is changed by a file
with one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataFileError, Diagnostic
from ..model import Plan
from ..planfile.located import Located, parse_located, raise_all, read_located
from .model import ExerciseFile, Inject

__all__ = ["CODE", "Exercise", "load_exercise", "loads_exercise"]

CODE = "exercise-file"


@dataclass(frozen=True)
class Exercise:
    """A checked exercise file and its text."""

    file: ExerciseFile
    text: str
    name: str

    @property
    def injects(self) -> list[Inject]:
        return self.file.injects


def load_exercise(path: Path | str, plan: Plan) -> Exercise:
    """Read and check the exercise file at ``path`` against ``plan``."""
    path = Path(path)
    located = read_located(path, ExerciseFile, code=CODE)
    _check(located, plan)
    return Exercise(located.model, path.read_text(encoding="utf-8"), path.name)


def loads_exercise(text: str, plan: Plan, *, name: str = "<exercise>") -> Exercise:
    """Check exercise file ``text`` (named ``name`` in messages) against ``plan``."""
    located = parse_located(text, ExerciseFile, code=CODE, path=Path(name))
    _check(located, plan)
    return Exercise(located.model, text, name)


def _check(located: Located[ExerciseFile], plan: Plan) -> None:
    ex = located.model
    problems: list[Diagnostic] = []

    def report(message: str, *at: str | int) -> None:
        problems.append(Diagnostic(CODE, message, located.at(*at)))

    if ex.plan != plan.id:
        report(f"the exercise is written for plan '{ex.plan}', and the workspace's plan is "
                f"'{plan.id}'", "plan")
    known = _Known(plan)
    seen: set[str] = set()
    for i, inject in enumerate(ex.injects):
        where = ("injects", i)
        if inject.id in seen:
            report(f"inject id '{inject.id}' is used twice", *where, "id")
        seen.add(inject.id)
        if inject.at is not None and inject.at < ex.starts:
            report(f"inject '{inject.id}' is due on {inject.at}, before the exercise starts "
                    f"({ex.starts})", *where, "at")
        if inject.after is not None and inject.after.event not in known.events:
            report(_unknown("event", inject.after.event, known.events), *where, "after",
                   "event")
        for j, effect in enumerate(inject.effects):
            for message, *path in _effect_problems(inject, effect, known):
                report(message, *where, "effects", j, *path)
    raise_all(problems, code=CODE)


@dataclass
class _Known:
    """The ids an exercise may name, from the plan and its deployment data."""

    events: set[str]
    activities: set[str]
    seasons: set[str]
    assumptions: set[str]
    indicators: set[str]
    anchored: set[str]
    ended: dict[str, list[str]]
    routes: set[str] | None
    units: set[str] | None
    deployment_problem: str

    def __init__(self, plan: Plan) -> None:
        self.events = set(plan.event_ids())
        self.activities = {a.id for a in plan.activities}
        self.seasons = {s.id for s in plan.seasons}
        self.assumptions = {a.id for a in plan.assumptions}
        self.indicators = {i.id for i in plan.indicators}
        self.anchored = {a.event for a in plan.anchors}
        self.ended = {}
        for activity in plan.activities:
            if activity.duration is not None:
                self.ended.setdefault(activity.end, []).append(activity.id)
        self.routes = self.units = None
        self.deployment_problem = ""
        if plan.deployment is None:
            self.deployment_problem = "the plan has no deployment data (its 'deployment:' section)"
            return
        from ..logistics import load_deployment

        try:
            data = load_deployment(plan)
        except DataFileError as exc:
            self.deployment_problem = f"the plan's deployment data cannot be read: {exc}"
            return
        self.routes = {e.id for e in data.network.edges} | set(data.places)
        self.units = {u.id for u in data.force.units}


def _effect_problems(inject: Inject, effect: object, known: _Known
                     ) -> Iterable[tuple[Any, ...]]:
    """(message, *path inside the effect) for each problem of one effect."""
    from .model import Effect

    assert isinstance(effect, Effect)
    kind = effect.kind
    found: list[tuple[Any, ...]] = []

    def unknown(what: str, value: str, pool: set[str], key: str) -> None:
        if value not in pool:
            found.append((_unknown(what, value, pool), kind, key))

    if effect.record is not None:
        unknown("event", effect.record.event, known.events, "event")
        day = effect.record.date
        if day is not None and inject.after is not None:
            found.append(("an inject due after an event records on the day it is due: give "
                          "no 'date'", kind, "date"))
        elif day is not None and inject.at is not None and day > inject.at:
            found.append((f"the event is recorded as happened on {day}, after the inject is "
                          f"due ({inject.at}): a fact cannot be in the future", kind, "date"))
    elif effect.delay is not None:
        event = effect.delay.event
        unknown("event", event, known.events, "event")
        if event in known.events and event not in known.anchored:
            ending = known.ended.get(event, [])
            if len(ending) != 1:
                why = ("no activity with a duration ends at it" if not ending else
                       f"several activities end at it ({', '.join(sorted(ending))})")
                found.append((f"event '{event}' cannot be delayed: it has no anchor and "
                               f"{why}; move it to a date ('move') or change an activity's "
                               "duration ('duration') instead", kind, "event"))
    elif effect.move is not None:
        unknown("event", effect.move.event, known.events, "event")
    elif effect.duration is not None:
        unknown("activity", effect.duration.activity, known.activities, "activity")
    elif effect.season is not None:
        unknown("season", effect.season.season, known.seasons, "season")
    elif effect.assumption is not None:
        unknown("assumption", effect.assumption.assumption, known.assumptions, "assumption")
    elif effect.observations is not None:
        for k, row in enumerate(effect.observations):
            if row.indicator not in known.indicators:
                found.append((_unknown("indicator", row.indicator, known.indicators), kind, k,
                              "indicator"))
            if row.date is not None and inject.after is not None:
                found.append(("an inject due after an event dates its observations by "
                              "'days_before' its day, not by 'date'", kind, k, "date"))
            elif row.date is not None and inject.at is not None and row.date > inject.at:
                found.append((f"an observation dated {row.date} is after the inject is due "
                              f"({inject.at}): it cannot be measured yet", kind, k, "date"))
    elif effect.close is not None or effect.unit is not None:
        pool = known.routes if effect.close is not None else known.units
        what, value, key = (("road, crossing or place", effect.close.route, "route")
                            if effect.close is not None else
                            ("unit", effect.unit.unit if effect.unit else "", "unit"))
        if pool is None:
            found.append((f"{kind} needs the deployment data: {known.deployment_problem}",
                          kind))
        else:
            unknown(what, value, pool, key)
    return found


def _unknown(what: str, value: str, pool: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(pool), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"the plan has no {what} '{value}'{hint}"
