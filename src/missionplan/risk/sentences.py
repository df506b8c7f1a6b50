"""Plain-sentence answers from a run, worded from the plan's own criteria and deadlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .results import DeadlineOdds, EventDates, RiskResult

if TYPE_CHECKING:
    from ..model import Plan

__all__ = ["sentences"]


def _pct(p: float) -> str:
    pct = 100 * p
    if 0 < pct < 1:
        return "under 1%"
    if 99 < pct < 100:
        return "over 99%"
    return f"{pct:.0f}%"


def _when(result: RiskResult, event: EventDates, key: str) -> str:
    if event.dates is not None:
        return event.dates[key]
    return f"day {event.days[key]:.0f}"


def _label(result: RiskResult, event_id: str | None) -> str:
    if event_id is None:
        return "the calendar"
    return next((e.label for e in result.events if e.id == event_id), event_id)


def deadline_sentence(result: RiskResult, d: DeadlineOdds) -> str:
    """'<To> happens within N of <from> in P% of worlds (P50 …, P90 …).'"""
    target = result.event(d.target)
    after = "" if d.source is None else f" of {_label(result, d.source)}"
    first = target.label[:1].upper() + target.label[1:]
    return (f"{first} happens {d.bound}{after} in {_pct(d.probability)} of worlds "
            f"(P50 {_when(result, target, 'P50')}, P90 {_when(result, target, 'P90')}).")


def sentences(result: RiskResult, plan: Plan | None = None) -> list[str]:
    """One sentence per criterion for success (or deadline, when the plan has none)."""
    texts = {c.id: c.text for c in plan.criteria} if plan is not None else {}
    by_id = {d.id: d for d in result.deadlines}
    out: list[str] = []
    judged: set[str] = set()
    for c in result.criteria:
        parts = [deadline_sentence(result, by_id[d]) for d in c.deadlines]
        judged.update(c.deadlines)
        name = texts.get(c.id) or c.label
        if c.probability is None:
            dates = "; ".join(f"{result.event(e).label} P50 {_when(result, result.event(e), 'P50')}"
                              for e in c.events)
            out.append(f"{name}: no deadline judges it ({dates or 'no events'}).")
            continue
        head = f"{name}: met in {_pct(c.probability)} of worlds."
        out.append(" ".join([head, *parts]) if len(parts) != 1 else
                   f"{head} {parts[0]}")
    out += [deadline_sentence(result, d) for d in result.deadlines if d.id not in judged]
    out += _drivers(result)
    return out


def _drivers(result: RiskResult, *, top: int = 3) -> list[str]:
    movers = [s for s in result.drivers if s.largest_swing >= 0.01][:top]
    if not movers:
        return []
    described = []
    for s in movers:
        target, (lo, hi) = max(s.swing.items(), key=lambda kv: abs(kv[1][1] - kv[1][0]))
        if s.kind == "risk":
            how = f"if it occurs, '{target}' falls from {_pct(lo)} to {_pct(hi)}"
        else:
            how = (f"'{target}' is met in {_pct(lo)} of worlds where it is low and "
                   f"{_pct(hi)} where it is high")
        described.append(f"{s.label} ({s.kind}: {how})")
    return ["The odds depend most on " + "; ".join(described) + "."]
