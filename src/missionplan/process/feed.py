"""What concerns one person, newest news first: their tasks late or due soon, the reviews
asked of them, the comments that mention them, and the deadlines of their tasks that the
last change of the plan (an edit, an exercise's inject) moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..schedule import Schedule
from .tasks import Task, TaskStatus

__all__ = ["FeedItem", "moved_deadlines", "task_news"]


@dataclass(frozen=True, slots=True)
class FeedItem:
    kind: str  # assigned, late, due_soon, review, mentioned, moved
    text: str
    link: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, "link": self.link}


def task_news(tasks: list[Task]) -> list[FeedItem]:
    """A line for each task late or due soon, the late first."""
    out = []
    for status in (TaskStatus.late, TaskStatus.due_soon):
        for t in tasks:
            if t.status is status:
                out.append(FeedItem(status.value, f"{t.title}: {status.label}, due {t.due}",
                                    f"/products/{t.serves}" if ":" in t.id and
                                    not t.id.startswith(t.actor) else "/timeline"))
    return out


def moved_deadlines(before: Schedule, after: Schedule,
                    events: set[str]) -> list[FeedItem]:
    """The deadlines on ``events`` whose due date differs between two schedules."""
    was: dict[str, date | None] = {d.id: d.due for d in before.deadlines}
    out = []
    for d in after.deadlines:
        if d.to_event in events and d.id in was and was[d.id] != d.due:
            out.append(FeedItem("moved", f"deadline {d.id} moved from {was[d.id] or '—'} to "
                                         f"{d.due or '—'}", "/timeline"))
    return out
