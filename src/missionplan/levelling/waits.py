"""The plan with its levelled waits written in: each activity that waits for resources
takes so many days longer, so every other room (schedule, risk, documents) can date the
plan as levelled without knowing about resources."""

from __future__ import annotations

from ..model import Duration, Plan, UncertainDuration
from .result import Levelling

__all__ = ["with_waits"]

_SHIFTED = ("min", "likely", "max", "median", "p90")


def with_waits(plan: Plan, result: Levelling) -> Plan:
    """A copy of ``plan`` whose waiting activities' durations (every parameter) are longer
    by the days each waits for its resources in ``result``."""
    waits = {t.id: t.waits for t in result.tasks if t.waits > 0}
    activities = []
    for a in plan.activities:
        days = waits.get(a.id)
        if days and a.duration is not None:
            a = a.model_copy(update={"duration": _longer(a.duration, days)})
        activities.append(a)
    return plan.model_copy(update={"activities": activities})


def _longer(duration: UncertainDuration, days: int) -> UncertainDuration:
    def plus(d: Duration | None) -> Duration | None:
        return None if d is None else Duration(d.months, d.days + days, d.hours)

    update: dict[str, object] = {name: plus(getattr(duration, name)) for name in _SHIFTED}
    update["values"] = [plus(v) for v in duration.values]
    note = f"Levelled: waits {days} days for its resources."
    update["basis"] = f"{duration.basis} {note}".strip()
    return duration.model_copy(update=update)
