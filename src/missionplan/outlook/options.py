"""Courses of action side by side: each option's movement plan, the dates and odds of
the criteria for success it gives, and the lift it needs; then the one to recommend.

Each option is the plan as the option makes it (:meth:`Plan.with_course`): its movement
plan is solved, fed back into the plan's deployment duration, and the schedule and the
Monte Carlo run judge the criteria on that. The recommendation is the planning team's
when the plan marks one ``recommended``; else the option with the fewest criteria at
risk, then the best mean odds, then the earliest deployment, then the least lift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import MissionplanError
from ..model import CourseOfAction, Plan
from ..schedule import Status, build_schedule
from .analyses import Progress, run_deployment, run_risk
from .verdict import CriterionOutlook, build_outlook

__all__ = ["AT_RISK", "OptionOutcome", "OptionsComparison", "compare_options"]

AT_RISK = (Status.late, Status.at_risk)


@dataclass(frozen=True, slots=True)
class OptionOutcome:
    """What one course of action gives."""

    course: CourseOfAction
    criteria: list[CriterionOutlook]
    deployed: date | None = None
    deployed_day: int | None = None
    completion_day: int | None = None
    helicopter_hours: float | None = None
    fixed_wing_hours: float | None = None
    bottlenecks: list[str] = field(default_factory=list)
    note: str = ""  # why the movement plan could not be made

    @property
    def at_risk(self) -> int:
        return sum(1 for c in self.criteria if c.status in AT_RISK)

    @property
    def mean_odds(self) -> float | None:
        odds = [c.odds for c in self.criteria if c.odds is not None]
        return sum(odds) / len(odds) if odds else None

    @property
    def lift_hours(self) -> float | None:
        if self.helicopter_hours is None:
            return None
        return self.helicopter_hours + (self.fixed_wing_hours or 0.0)

    def rank(self) -> tuple[int, float, int, float]:
        """Smaller is better: criteria at risk, odds, deployment day, lift."""
        return (self.at_risk, -(self.mean_odds or 0.0),
                self.deployed_day if self.deployed_day is not None else 10**6,
                self.lift_hours if self.lift_hours is not None else float("inf"))


@dataclass(frozen=True, slots=True)
class OptionsComparison:
    """Every option's outcome and the one recommended."""

    outcomes: list[OptionOutcome]
    recommended: str | None
    by_planners: bool  # the plan marks it, rather than the comparison choosing it

    def outcome(self, course_id: str) -> OptionOutcome:
        return next(o for o in self.outcomes if o.course.id == course_id)

    def runner_up(self) -> OptionOutcome | None:
        others = sorted((o for o in self.outcomes if o.course.id != self.recommended),
                        key=OptionOutcome.rank)
        return others[0] if others else None


def compare_options(plan: Plan, *, as_of: date, samples: int = 0, seed: int = 0,
                    deployment: bool = True, time_limit: float = 10.0,
                    progress: Progress | None = None) -> OptionsComparison:
    """Each course of action of ``plan`` judged as of ``as_of``."""
    outcomes = [_outcome(plan, course, as_of=as_of, samples=samples, seed=seed,
                         deployment=deployment, time_limit=time_limit, progress=progress)
                for course in plan.courses_of_action]
    marked = [o.course.id for o in outcomes if o.course.recommended]
    if marked:
        return OptionsComparison(outcomes, marked[0], by_planners=True)
    best = min(outcomes, key=OptionOutcome.rank) if outcomes else None
    return OptionsComparison(outcomes, best.course.id if best else None, by_planners=False)


def _outcome(plan: Plan, course: CourseOfAction, *, as_of: date, samples: int, seed: int,
             deployment: bool, time_limit: float,
             progress: Progress | None) -> OptionOutcome:
    from ..logistics import apply_to_plan

    option = plan.with_course(course)
    schedule = build_schedule(option, as_of=as_of)
    result, note = None, ""
    if deployment and option.deployment is not None:
        try:
            result = run_deployment(option, schedule, time_limit=time_limit, progress=progress)
            option = apply_to_plan(option, result)
            schedule = build_schedule(option, as_of=as_of)
        except MissionplanError as exc:
            note = str(exc)
    elif deployment:
        note = "the plan has no deployment data"
    risk = run_risk(option, samples=samples, seed=seed, as_of=as_of) if samples else None
    outlook = build_outlook(option, schedule, risk=risk, deployment=result)
    if result is None:
        return OptionOutcome(course, list(outlook.criteria), note=note)
    return OptionOutcome(
        course, list(outlook.criteria), deployed=result.date_of(result.deployed_day),
        deployed_day=result.deployed_day, completion_day=result.completion_day,
        helicopter_hours=result.lift.helicopter_hours,
        fixed_wing_hours=result.lift.fixed_wing_hours,
        bottlenecks=[b.detail for b in result.bottlenecks if b.detail])
