"""One answer per criterion for success, and what every figure rests on.

Public API::

    build_outlook(plan, schedule, *, monitoring=None, risk=None, deployment=None)
        -> Outlook            # .criteria: list[CriterionOutlook], .to_json()
    plan_basis(plan, *, synthetic_observations=False, synthetic_deployment=False)
        -> Basis              # .sentence(): "Assumed: ..."; .parts(); .to_json()

A criterion's status is the schedule's (its deadlines against the forecast), in the
schedule's words; its indicators can make 'on track' 'at risk', or speak when no
deadline judges it. The risk odds, the risk run's P10/P50/P90 dates and the movement
plan's deployed date stand beside it, with sentences that reconcile them when they
differ (``CriterionOutlook.reconcile``).
"""

from .basis import Basis, plan_basis
from .reconcile import DAYS_APART, reconcile
from .verdict import CriterionOutlook, Outlook, build_outlook

__all__ = ["DAYS_APART", "Basis", "CriterionOutlook", "Outlook", "build_outlook", "plan_basis",
           "reconcile"]
