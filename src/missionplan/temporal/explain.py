"""Why an event's window is what it is: the chain of bounds behind each end, in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..model import Plan
from .edges import EdgeKind, EdgeRef, Window

__all__ = ["Explanation"]


@dataclass
class Explanation:
    """An event's window and the chains of bounds that set its earliest and latest day."""

    event: str
    window: Window
    earliest_chain: list[EdgeRef]
    latest_chain: list[EdgeRef]
    origin: date | None
    reference: str | None
    quotes: dict[str, str]

    @classmethod
    def build(cls, plan: Plan, event: str, window: Window, earliest: list[EdgeRef],
              latest: list[EdgeRef], origin: date | None,
              reference: str | None) -> Explanation:
        quotes = {str(e.source): plan.quote(e.source) for e in earliest + latest if e.source}
        return cls(event, window, earliest, latest, origin, reference, quotes)

    def _day(self, day: int) -> str:
        if self.origin is not None:
            return f"day {day} ({(self.origin + timedelta(days=day)).isoformat()})"
        return f"day {day} (counting from {self.reference})"

    def _step(self, e: EdgeRef) -> str:
        if e.kind in (EdgeKind.anchor, EdgeKind.actual):
            return e.phrase()
        cite = ""
        if e.source:
            words = self.quotes.get(str(e.source), "")
            cite = f" ({e.source}" + (f" '{words}'" if words else "") + ")"
        return f"{e.phrase()}{cite}"

    def sentence(self, side: Literal["earliest", "latest"]) -> str:
        """One sentence for the ``earliest`` or the ``latest`` side."""
        chain = self.earliest_chain if side == "earliest" else self.latest_chain
        day = self.window.earliest if side == "earliest" else self.window.latest
        word = "no earlier than" if side == "earliest" else "no later than"
        if day is None:
            return f"{self.event} has no {side} bound: nothing dated limits it that way."
        if not chain:
            return f"{self.event} is day 0 itself."
        steps = "; ".join(self._step(e) for e in chain)
        return f"{self.event} is {word} {self._day(day)} because: {steps}."

    def sentences(self) -> list[str]:
        return [self.sentence("earliest"), self.sentence("latest")]

    def __str__(self) -> str:
        return "\n".join(self.sentences())

    def to_json(self) -> dict[str, object]:
        def chain(edges: list[EdgeRef]) -> list[dict[str, object]]:
            return [{**e.to_json(), "quote": self.quotes.get(str(e.source), "")}
                    for e in edges]

        return {"event": self.event, "earliest": self.window.earliest,
                "latest": self.window.latest, "earliest_chain": chain(self.earliest_chain),
                "latest_chain": chain(self.latest_chain), "sentences": self.sentences()}
