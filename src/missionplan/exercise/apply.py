"""What one inject does to one branch's plan: pure, so that it can be tried and tested.

:func:`apply_inject` takes the plan as stored (no dates recorded), the dates that have
happened and the day the inject is due, and says what changes: a new plan (anchors,
durations, seasons, the deployment what-ifs), the actual dates to record, the
assumption states to set, the observations to add, and a sentence for each change in
the plan's own words. It changes nothing itself; the store writes all of it in one
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Anchor, Duration, Plan, UncertainDuration
from ..monitor.observations import Observation
from .model import Effect, Inject, plus

__all__ = ["Applied", "apply_inject", "describe_duration"]


@dataclass
class Applied:
    """What an inject changes in one branch."""

    inject: str
    due: date
    plan: Plan | None = None  # the new plan as stored, when the plan itself changes
    actuals: dict[str, date] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    touches_deployment: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.plan is not None or self.actuals or self.states or self.observations)

    def to_json(self) -> dict[str, object]:
        return {"inject": self.inject, "due": self.due.isoformat(), "changes": self.changes,
                "plan_changed": self.plan is not None,
                "actuals": {k: v.isoformat() for k, v in self.actuals.items()},
                "assumptions": dict(self.states),
                "observations": len(self.observations)}


def apply_inject(inject: Inject, stored: Plan, *, due: date, happened: dict[str, date],
                 labels: Mapping[str, str] | None = None) -> Applied:
    """The changes ``inject``, due on ``due``, makes to ``stored`` (a branch's newest plan as
    stored) given the events that have ``happened``. Effects apply in their order.
    ``labels``: names of units and routes (the deployment data's), for the sentences."""
    out = Applied(inject.id, due)
    plan = stored
    names = {e.id: e.label() for e in stored.events}
    for effect in inject.effects:
        plan = _one(effect, plan, out, due=due, happened={**happened, **out.actuals},
                    names=names, inject=inject, labels=labels or {})
        out.touches_deployment |= effect.touches_deployment
    if plan is not stored:
        out.plan = plan
    return out


def _one(effect: Effect, plan: Plan, out: Applied, *, due: date, happened: dict[str, date],
         names: dict[str, str], inject: Inject, labels: Mapping[str, str]) -> Plan:
    note = f"Exercise inject '{inject.id}': {inject.title}"
    if effect.record is not None:
        event, day = effect.record.event, effect.record.date or due
        if happened.get(event) == day:
            out.changes.append(f"{names[event]} was already recorded on {day}.")
        else:
            out.actuals[event] = day
            out.changes.append(f"{names[event]} happened on {day}.")
        return plan
    if effect.delay is not None or effect.move is not None:
        event = effect.delay.event if effect.delay is not None else (
            effect.move.event if effect.move is not None else "")
        if event in happened:
            out.changes.append(f"{names[event]} had already happened on {happened[event]}: "
                               "nothing to move.")
            return plan
        if effect.move is not None:
            return _anchor(plan, event, effect.move.to, note, out, names)
        assert effect.delay is not None
        by = effect.delay.by
        anchored = {a.event: a for a in plan.anchors}
        if event in anchored:
            return _anchor(plan, event, by.add_to(anchored[event].date), note, out, names)
        activity = next(a for a in plan.activities if a.end == event and a.duration)
        return _lengthen(plan, activity.id, by, out, names,
                         why=f"{names[event]} comes {by.describe()} later")
    if effect.duration is not None:
        change = effect.duration
        if change.by is not None:
            return _lengthen(plan, change.activity, change.by, out, names, why="")
        return _bounds(plan, change.activity, change.min, change.likely, change.max, out)
    if effect.season is not None:
        moved = effect.season
        seasons = []
        for season in plan.seasons:
            if season.id == moved.season:
                new = season.model_copy(update={k: v for k, v in (
                    ("start", moved.start), ("end", moved.end)) if v is not None})
                out.changes.append(f"{season.name or season.id} now runs {_mmdd(new.start)} "
                                   f"to {_mmdd(new.end)} (was {_mmdd(season.start)} to "
                                   f"{_mmdd(season.end)}).")
                season = new
            seasons.append(season)
        return plan.model_copy(update={"seasons": seasons})
    if effect.close is not None or effect.unit is not None:
        return _deployment(effect, plan, out, due=due, labels=labels)
    if effect.assumption is not None:
        state = effect.assumption
        out.states[state.assumption] = state.state
        text = next((a.text for a in plan.assumptions if a.id == state.assumption), "")
        out.changes.append(f"Assumption '{state.assumption}' is now {state.state}"
                           + (f": {text}" if text else "."))
        return plan
    assert effect.observations is not None
    rows = [Observation(r.indicator, r.day(due), r.value,
                        r.source or f"exercise inject {inject.id}", r.pcode)
            for r in effect.observations]
    out.observations.extend(rows)
    indicators = sorted({r.indicator for r in rows})
    out.changes.append(f"{len(rows)} observation{'s' if len(rows) != 1 else ''} of "
                       f"{', '.join(indicators)} reported.")
    return plan


def _anchor(plan: Plan, event: str, day: date, note: str, out: Applied,
            names: dict[str, str]) -> Plan:
    old = next((a for a in plan.anchors if a.event == event), None)
    if old is not None and old.date == day:
        out.changes.append(f"{names[event]} was already expected on {day}.")
        return plan
    anchors = [a for a in plan.anchors if a.event != event]
    anchors.append(Anchor(event=event, date=day, assumed=True, note=note))
    was = f" (was {old.date})" if old is not None else ""
    out.changes.append(f"{names[event]} is now expected on {day}{was}.")
    return plan.model_copy(update={"anchors": anchors})


def _lengthen(plan: Plan, activity_id: str, by: Duration, out: Applied,
              names: dict[str, str], *, why: str) -> Plan:
    def change(d: UncertainDuration) -> UncertainDuration:
        update: dict[str, Any] = {k: plus(getattr(d, k), by) for k in (
            "min", "likely", "max", "median", "p90") if getattr(d, k) is not None}
        if d.values:
            update["values"] = [plus(v, by) for v in d.values]
        return d.model_copy(update=update)

    return _activity(plan, activity_id, change, out, names, why=why)


def _bounds(plan: Plan, activity_id: str, lo: Duration | None, mid: Duration | None,
            hi: Duration | None, out: Applied) -> Plan:
    def change(d: UncertainDuration) -> UncertainDuration:
        given = {k: v for k, v in (("min", lo), ("likely", mid), ("max", hi)) if v is not None}
        if d.distribution.value in ("lognormal", "empirical"):  # a range replaces it
            kept = {k: getattr(d, k) for k in ("min", "likely", "max")}
            kept.update(given)
            fields = {k: v for k, v in kept.items() if v is not None}
            kind = "pert" if "likely" in fields and len(fields) == 3 else (
                "fixed" if set(fields) == {"likely"} else "uniform")
            return UncertainDuration.model_validate({
                "distribution": kind, **{k: str(v) for k, v in fields.items()},
                "driver": d.driver, "basis": d.basis, "replaces": d.replaces})
        if d.distribution.value == "fixed" and set(given) - {"likely"}:
            merged = {"min": d.likely, "likely": d.likely, "max": d.likely, **given}
            return UncertainDuration.model_validate({
                "distribution": "pert", **{k: str(v) for k, v in merged.items()},
                "driver": d.driver, "basis": d.basis, "replaces": d.replaces})
        return UncertainDuration.model_validate({**d.model_dump(exclude_defaults=True),
                                                 **{k: str(v) for k, v in given.items()}})

    return _activity(plan, activity_id, change, out, {}, why="")


def _activity(plan: Plan, activity_id: str, change: Any, out: Applied,
              names: dict[str, str], *, why: str) -> Plan:
    activities = []
    for activity in plan.activities:
        if activity.id == activity_id and activity.duration is not None:
            new = change(activity.duration)
            label = activity.name or activity_id.replace("_", " ")
            out.changes.append((f"{why}: " if why else "") + f"{label} now takes "
                               f"{describe_duration(new)} (was "
                               f"{describe_duration(activity.duration)}).")
            activity = activity.model_copy(update={"duration": new})
        activities.append(activity)
    return plan.model_copy(update={"activities": activities})


def _deployment(effect: Effect, plan: Plan, out: Applied, *, due: date,
                labels: Mapping[str, str]) -> Plan:
    spec = plan.deployment
    assert spec is not None  # the loader refuses these effects for a plan without one
    if effect.close is not None:
        route = effect.close.route
        name = labels.get(route, route)
        if route in spec.closed:
            out.changes.append(f"{name} was already closed.")
            return plan
        out.changes.append(f"{name} is closed to movement.")
        spec = spec.model_copy(update={"closed": [*spec.closed, route]})
    else:
        unit = effect.unit
        assert unit is not None
        days = unit.days_late(due)
        late = dict(spec.late_units)
        late[unit.unit] = late.get(unit.unit, 0) + days
        name = labels.get(unit.unit, unit.unit)
        text = (f"{name} is withdrawn; its replacement arrives {days} days after it would "
                "have" if unit.withdrawn else f"{name} arrives {days} days later")
        total = late[unit.unit]
        out.changes.append(text + (f" ({total} days late in all)." if total != days else "."))
        spec = spec.model_copy(update={"late_units": late})
    return plan.model_copy(update={"deployment": spec})


def describe_duration(d: UncertainDuration) -> str:
    """A duration in words: '7 to 21 days, most likely 10 days', 'median 150 days'."""
    def days(x: Duration | None) -> str:
        return "?" if x is None else x.describe()

    kind = d.distribution.value
    if kind == "fixed":
        return days(d.likely)
    if kind == "lognormal":
        return f"a median of {days(d.median)} (P90 {days(d.p90)})"
    if kind == "empirical":
        return f"{len(d.values)} observed durations"
    if kind == "uniform":
        return f"{days(d.min)} to {days(d.max)}"
    return f"{days(d.min)} to {days(d.max)}, most likely {days(d.likely)}"


def _mmdd(text: str) -> str:
    month, day = text.split("-")
    names = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
    return f"{int(day)} {names[int(month) - 1]}"
