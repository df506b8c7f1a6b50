"""Plain-sentence answers from a run, worded from the plan's own criteria and deadlines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .results import DeadlineOdds, EventDates, RiskResult

if TYPE_CHECKING:
    from ..model import Plan

__all__ = ["ODDS_ON_ESTIMATES", "BasisLike", "basis_sentence", "sentences"]

ODDS_ON_ESTIMATES = ("The odds rest on these: the ranges and probabilities are planning "
                     "estimates.")


class BasisLike(Protocol):
    """What a plan's figures rest on, as :class:`missionplan.outlook.Basis` says (read here
    by its shape: the outlook room comes after this one)."""

    @property
    def synthetic_durations(self) -> int: ...
    def sentence(self) -> str: ...


def basis_sentence(basis: BasisLike) -> str:
    """What a run's odds rest on ('' when on facts alone): the plan's basis and, when its
    durations are synthetic figures, that the ranges and probabilities are estimates."""
    text = basis.sentence()
    return f"{text} {ODDS_ON_ESTIMATES}" if text and basis.synthetic_durations else text


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
    if d.kind == "order":
        return f"{_label(result, d.source)} {d.bound} {_label(result, d.target)}"
    after = "" if d.source is None else f" {_label(result, d.source)}"
    return f"{result.event(d.target).label} {d.bound}{after}"


def _dates(result: RiskResult, d: DeadlineOdds) -> str:
    target = result.event(d.source if d.kind == "order" and d.source else d.target)
    return f"P50 {_when(result, target, 'P50')}, P90 {_when(result, target, 'P90')}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def deadline_sentence(result: RiskResult, d: DeadlineOdds) -> str:
    """'The mission is deployed within 90 days of the resolution in 23% of worlds (P50 …).'

    A deadline on a branch reads as conditional: '… in 60% of the worlds where the
    contingency applies (taken in 30% of worlds).'"""
    if d.branch is not None and d.taken is not None:
        return (f"{_capital(_phrase(result, d))} in {_pct(d.probability)} of the worlds "
                f"where risk '{d.branch}' occurs and its branch applies (taken in "
                f"{_pct(d.taken)} of worlds).")
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
    """For each criterion whose odds are in doubt, the few uncertainties that move them most."""
    out = []
    for c in result.criteria:
        if c.probability is None or not 0.005 < c.probability < 0.995:
            continue
        movers = sorted((s for s in result.sensitivity if c.id in s.swing),
                        key=lambda s: (-abs(s.swing[c.id][1] - s.swing[c.id][0]), s.id))
        described = [_mover(s.label, s.kind, *s.swing[c.id]) for s in movers[:top]
                     if abs(s.swing[c.id][1] - s.swing[c.id][0]) >= 0.03]
        if described:
            out.append(f"What moves the odds of '{c.label}' most: " + "; ".join(described)
                       + ".")
    return out


def _mover(label: str, kind: str, low: float, high: float) -> str:
    if kind == "risk":
        return f"{label} ({_pct(low)} if it does not happen, {_pct(high)} if it does)"
    word = "short" if kind == "activity" else "low"
    other = "long" if kind == "activity" else "high"
    return f"{label} ({_pct(low)} when {word}, {_pct(high)} when {other})"
