"""Tasks: what each actor's responsibilities and products ask of them, due when the
temporal engine says, with why that date.

A product gives its owner a task to deliver it and each contributor one to write in it,
and, while it is in review, each reviewer one to review it. A responsibility gives its
actor a task for each event it covers that no product already stands for. Each is due
by the earliest deadline on its event (else the latest day the plan allows the event),
and is done once the event has its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from ..model import Plan, Product
from ..schedule import Schedule
from .lifecycle import State

__all__ = ["DUE_SOON_DAYS", "Task", "TaskStatus", "due_of", "plan_tasks"]

DUE_SOON_DAYS = 14


class TaskStatus(StrEnum):
    done = "done"
    late = "late"
    due_soon = "due_soon"
    waiting = "waiting"
    open = "open"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Task:
    """One thing an actor is to do, for a product or an event, by a day."""

    id: str
    title: str
    actor: str
    serves: str  # the product or event it is for
    due: date | None
    why: str
    status: TaskStatus
    waiting_on: list[str] = field(default_factory=list)  # actors it waits on

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "actor": self.actor,
                "serves": self.serves, "due": self.due.isoformat() if self.due else None,
                "why": self.why, "status": self.status.value,
                "waiting_on": list(self.waiting_on)}


def due_of(schedule: Schedule, event: str) -> tuple[date | None, str]:
    """When ``event`` is due and why: its earliest deadline, else the latest day its window
    allows."""
    deadlines = [d for d in schedule.deadlines if d.to_event == event and d.due is not None]
    if deadlines:
        first = min(deadlines, key=lambda d: (d.due, d.id))
        words = first.quote or first.text or first.id
        where = f" ({first.source})" if first.source else ""
        return first.due, f"deadline {first.id}: {words}{where}"
    row = schedule.event_row(event)
    if row is not None and row.latest is not None:
        return row.latest, f"the latest day the plan's relations allow for {event}"
    return None, f"nothing in the plan bounds {event} yet"


def plan_tasks(plan: Plan, schedule: Schedule, states: dict[str, State], *,
               soon_days: int = DUE_SOON_DAYS) -> list[Task]:
    """Every task of the plan as of the schedule's day, soonest due first."""
    actual = {e.id: e.actual for e in schedule.events}
    today = schedule.as_of
    tasks: list[Task] = []

    def add(task_id: str, title: str, actor: str, serves: str, event: str, *,
            done: bool, waiting_on: list[str] | None = None) -> None:
        due, why = due_of(schedule, event)
        status = _status(due, today, done=done or actual.get(event) is not None,
                         waiting=bool(waiting_on), soon_days=soon_days)
        tasks.append(Task(task_id, title, actor, serves, due, why, status,
                          list(waiting_on or [])))

    covered = {p.event for p in plan.products}
    for product in plan.products:
        state = states.get(product.id, State.not_started)
        done = state in (State.endorsed, State.superseded)
        reviewing = state in (State.in_review, State.validated)
        waiting = _waiting_on(product, state)
        if product.owner:
            add(f"{product.id}:deliver", f"Deliver the {product.label()}", product.owner,
                product.id, product.event, done=done, waiting_on=waiting)
        for name in product.contributors:
            add(f"{product.id}:contribute:{name}", f"Contribute to the {product.label()}",
                name, product.id, product.event, done=done or reviewing)
        if state is State.in_review:
            for name in product.reviewers:
                add(f"{product.id}:review:{name}", f"Review the {product.label()}", name,
                    product.id, product.event, done=False)
    events = set(plan.event_ids())
    for actor in plan.actors:
        for resp in actor.responsibilities:
            for ref in resp.items:
                if ref in events and ref not in covered:
                    add(f"{resp.id}:{ref}", resp.text or resp.label(), actor.id, ref, ref,
                        done=False)
    return sorted(tasks, key=lambda t: (t.status is TaskStatus.done, t.due or date.max, t.id))


def _waiting_on(product: Product, state: State) -> list[str]:
    if state is State.in_review:
        return list(product.reviewers)
    if state is State.validated:
        return ["the planning lead"]
    return []


def _status(due: date | None, today: date, *, done: bool, waiting: bool,
            soon_days: int) -> TaskStatus:
    if done:
        return TaskStatus.done
    if due is not None and due < today:
        return TaskStatus.late
    if waiting:
        return TaskStatus.waiting
    if due is not None and due <= today + timedelta(days=soon_days):
        return TaskStatus.due_soon
    return TaskStatus.open
