"""The after-action review: what each inject cost each syndicate, what each decided and
when, how their plans now differ, and which criteria they meet.

:func:`build_review` takes what the store holds of each syndicate (its plan at the start
and now, the injects it received, its audit entries) and works out, purely:

- each inject's cost per syndicate: the days its criteria's forecasts slipped, the odds
  it took, the deadlines it put at risk or made late (from the impacts measured);
- each syndicate's decisions (its own changes, not the injects'), each dated on the
  scenario clock and placed after the inject it followed (how many scenario days later);
- the timeliness of its products: each target deadline, met, late or open;
- its criteria as of the review's day: status, forecast and odds;
- what it changed in its plan, and how the syndicates' plans differ pair by pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from typing import Any

from ..model import Plan
from ..model.diff import Change, diff_forms, plan_form
from ..outlook import Outlook, build_outlook
from ..outlook.analyses import run_risk
from ..schedule import DeadlineRow, build_schedule
from .deliveries import Delivery
from .model import ExerciseFile, Inject

__all__ = ["BranchRecord", "Cost", "Decision", "Entry", "Review", "SyndicateReview",
           "build_review"]

# What a syndicate's people do that counts as a decision, in words.
_DECISIONS = {"item.add": "added", "item.change": "changed", "item.remove": "removed",
              "actual.record": "recorded", "actual.clear": "cleared the date of",
              "assumption.set": "marked", "plan.baseline": "set the baseline",
              "observations.import": "imported observations of",
              "plan.import": "saved a new version of the plan"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit entry of a syndicate's copy of the plan."""

    at: datetime
    user: str
    action: str
    item: str
    after: Any = None


@dataclass(frozen=True, slots=True)
class BranchRecord:
    """What the store holds of one syndicate."""

    name: str
    title: str
    start: Plan     # its copy as it was made (stored, no dates)
    stored: Plan    # its newest version (stored, no dates)
    plan: Plan      # its newest version with its dates and assumption states
    deliveries: list[Delivery]
    entries: list[Entry]
    since: datetime | None = None  # when its copy was made: what came before is not theirs


@dataclass(frozen=True, slots=True)
class Decision:
    """One thing a syndicate's people did, dated, after the inject it followed."""

    at: datetime
    day: date | None          # the scenario day it was made on
    user: str
    action: str
    item: str
    text: str
    after_inject: str | None  # the last inject it had received by then
    after_title: str = ""
    days_after: int | None = None  # scenario days after that inject arrived

    def to_json(self) -> dict[str, object]:
        return {"at": self.at.isoformat(), "day": self.day.isoformat() if self.day else None,
                "user": self.user, "action": self.action, "item": self.item,
                "text": self.text, "after_inject": self.after_inject,
                "days_after": self.days_after}


@dataclass(frozen=True, slots=True)
class Cost:
    """What one inject cost one syndicate."""

    inject: str
    syndicate: str
    arrived: date | None
    days: int | None          # the most a criterion's forecast slipped (None: not measured)
    odds: float | None        # the most a criterion's odds fell, as a share
    broke: list[str] = field(default_factory=list)   # deadlines now late or at risk
    deployment_days: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"inject": self.inject, "syndicate": self.syndicate,
                "arrived": self.arrived.isoformat() if self.arrived else None,
                "days": self.days, "odds": self.odds, "broke": list(self.broke),
                "deployment_days": self.deployment_days}


@dataclass(frozen=True)
class SyndicateReview:
    """One syndicate at the review."""

    name: str
    title: str
    outlook: Outlook
    deadlines: list[DeadlineRow]
    decisions: list[Decision]
    changes: list[Change]
    deliveries: list[Delivery]

    @property
    def met(self) -> int:
        return sum(1 for c in self.outlook.criteria if c.status.value in ("done", "early"))

    @property
    def missed(self) -> int:
        return sum(1 for c in self.outlook.criteria if c.status.value == "late")

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title, "outlook": self.outlook.to_json(),
                "deadlines": [d.to_json() for d in self.deadlines],
                "decisions": [d.to_json() for d in self.decisions],
                "changes": [c.to_json() for c in self.changes],
                "met": self.met, "missed": self.missed}


@dataclass(frozen=True)
class Review:
    """The after-action review of an exercise as of a day."""

    exercise: ExerciseFile
    as_of: date
    syndicates: list[SyndicateReview]
    costs: list[Cost]
    pairs: dict[tuple[str, str], list[Change]]
    samples: int = 0

    @property
    def injects(self) -> list[Inject]:
        return self.exercise.injects

    def cost(self, inject: str, syndicate: str) -> Cost | None:
        return next((c for c in self.costs if c.inject == inject and c.syndicate == syndicate),
                    None)

    def delivered(self) -> list[Inject]:
        """The injects that reached at least one syndicate, in the file's order."""
        got = {c.inject for c in self.costs if c.arrived is not None}
        return [i for i in self.injects if i.id in got]

    def to_json(self) -> dict[str, object]:
        return {"exercise": self.exercise.id, "title": self.exercise.title,
                "as_of": self.as_of.isoformat(), "samples": self.samples,
                "syndicates": [s.to_json() for s in self.syndicates],
                "costs": [c.to_json() for c in self.costs],
                "pairs": [{"a": a, "b": b, "changes": [c.to_json() for c in changes]}
                          for (a, b), changes in self.pairs.items()]}


def build_review(exercise: ExerciseFile, branches: Sequence[BranchRecord], *, as_of: date,
                 clock: Sequence[tuple[datetime, date]] = (), samples: int = 0, seed: int = 0,
                 progress: Callable[[str, float], None] | None = None) -> Review:
    """The review of ``branches`` as of ``as_of``. ``clock``: when the scenario clock moved
    to which day (to date each decision); ``samples``: simulated worlds for each
    syndicate's odds (none: no odds)."""
    syndicates = []
    costs = []
    for n, branch in enumerate(branches):
        if progress is not None:
            progress("review", n / max(len(branches), 1))
        schedule = build_schedule(branch.plan, as_of=as_of)
        risk = (run_risk(schedule.plan, samples=samples, seed=seed, as_of=as_of)
                if samples else None)
        outlook = build_outlook(schedule.plan, schedule, risk=risk)
        syndicates.append(SyndicateReview(
            branch.name, branch.title, outlook,
            [d for d in schedule.deadlines if d.nature == "target"],
            _decisions(branch, clock, exercise), diff_forms(plan_form(branch.start),
                                                            plan_form(branch.stored)),
            list(branch.deliveries)))
        got = {d.inject: d for d in branch.deliveries}
        for inject in exercise.injects:
            d = got.get(inject.id)
            impact = d.impact if d is not None else None
            costs.append(Cost(inject.id, branch.name, d.day if d is not None else None,
                              impact.cost_days if impact is not None else None,
                              impact.odds_cost if impact is not None else None,
                              [b.id for b in impact.broke] if impact is not None else [],
                              impact.deployment_slip if impact is not None else None))
    pairs = {(a.name, b.name): diff_forms(plan_form(a.stored), plan_form(b.stored))
             for a, b in combinations(branches, 2)}
    if progress is not None:
        progress("review", 1.0)
    return Review(exercise, as_of, syndicates, costs, pairs, samples)


def _decisions(branch: BranchRecord, clock: Sequence[tuple[datetime, date]],
               exercise: ExerciseFile) -> list[Decision]:
    from .deliveries import AUTHOR

    labels = {item.id: item.label() for _, item in branch.stored.items()}
    titles = {i.id: i.title for i in exercise.injects}
    moves = sorted(clock)
    arrivals = sorted(branch.deliveries, key=lambda d: d.delivered_at)
    out = []
    for entry in sorted(branch.entries, key=lambda e: e.at):
        verb = _DECISIONS.get(entry.action)
        if verb is None or entry.user == AUTHOR or (branch.since is not None
                                                    and entry.at <= branch.since):
            continue
        day = next((d for at, d in reversed(moves) if at <= entry.at), exercise.starts)
        before = [d for d in arrivals if d.delivered_at <= entry.at]
        last = before[-1] if before else None
        out.append(Decision(entry.at, day, entry.user, entry.action, entry.item,
                            _words(entry, verb, labels),
                            last.inject if last else None,
                            titles.get(last.inject, last.inject) if last else "",
                            (day - last.day).days if last is not None else None))
    return out


def _words(entry: Entry, verb: str, labels: dict[str, str]) -> str:
    name = labels.get(entry.item, entry.item.split(":", 1)[-1])
    after = entry.after if isinstance(entry.after, dict) else {}
    if entry.action == "actual.record":
        return f"recorded {name} on {after.get('date', '?')}" + (
            " (a correction of the plan's logic)" if after.get("correction") else "")
    if entry.action == "assumption.set":
        return f"marked assumption {name} {after.get('status', '?')}"
    if entry.action == "plan.baseline":
        return f"set version {after.get('baseline', '?')} as the baseline"
    if entry.action == "plan.import":
        note = after.get("note")
        return f"saved version {after.get('version', '?')} of the plan" + (
            f" ({note})" if note else "")
    if entry.action == "observations.import":
        return f"imported {after.get('rows', '?')} observations of {name}"
    return f"{verb} {name}"
