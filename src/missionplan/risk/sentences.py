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


def _phrase(result: RiskResult, d: DeadlineOdds) -> str:
    """'the mission is deployed within 90 days of the resolution'."""
    after = "" if d.source is None else f" of {_label(result, d.source)}"
    return f"{result.event(d.target).label} {d.bound}{after}"


def _dates(result: RiskResult, d: DeadlineOdds) -> str:
    target = result.event(d.target)
    return f"P50 {_when(result, target, 'P50')}, P90 {_when(result, target, 'P90')}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def deadline_sentence(result: RiskResult, d: DeadlineOdds) -> str:
    """'The mission is deployed within 90 days of the resolution in 23% of worlds (P50 …).'"""
    return (f"{_capital(_phrase(result, d))} in {_pct(d.probability)} of worlds "
            f"({_dates(result, d)}).")


def sentences(result: RiskResult, plan: Plan | None = None) -> list[str]:
    """One sentence per criterion for success, per deadline outside them, then the drivers."""
    texts = {c.id: c.text for c in plan.criteria} if plan is not None else {}
    by_id = {d.id: d for d in result.deadlines}
    out: list[str] = []
    judged: set[str] = set()
    for c in result.criteria:
        judged.update(c.deadlines)
        name = (texts.get(c.id) or c.label).rstrip(".")
        if c.probability is None:
            dates = "; ".join(f"{result.event(e).label}: P50 "
                              f"{_when(result, result.event(e), 'P50')}" for e in c.events)
            out.append(f"{_capital(name)}: no deadline judges it ({dates or 'no events'}).")
            continue
        parts = [by_id[d] for d in c.deadlines]
        if len(parts) == 1:
            detail = _dates(result, parts[0])
        else:
            detail = "; ".join(f"{_phrase(result, d)} in {_pct(d.probability)}, "
                               f"{_dates(result, d)}" for d in parts)
        out.append(f"{_capital(name)} in {_pct(c.probability)} of worlds ({detail}).")
    out += [deadline_sentence(result, d) for d in result.deadlines if d.id not in judged]
    out += _drivers(result)
    return out


def _drivers(result: RiskResult, *, top: int = 3) -> list[str]:
    names = {d.id: d.label for d in result.deadlines}
    names.update({c.id: c.label for c in result.criteria if c.probability is not None})
    preferred = set(names) - {d.id for d in result.deadlines} or set(names)
    movers = [s for s in result.drivers if s.largest_swing >= 0.01][:top]
    described = []
    for s in movers:
        swings = {k: v for k, v in s.swing.items() if k in preferred}
        if not swings:
            continue
        target, (lo, hi) = max(swings.items(), key=lambda kv: (abs(kv[1][1] - kv[1][0]),
                                                                kv[0]))
        if s.kind == "risk":
            how = f"if it occurs, '{names[target]}' goes from {_pct(lo)} to {_pct(hi)}"
        else:
            how = f"'{names[target]}' goes from {_pct(lo)} when it is low to {_pct(hi)} when high"
        described.append(f"{s.label} ({how})")
    if not described:
        return []
    return ["The odds depend most on " + "; ".join(described) + "."]
