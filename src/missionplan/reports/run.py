"""From a plan to the bytes of a document or an export: what the CLI and the web call.

The clock is passed in (``generated`` / ``stamp``), so the same plan and the
same clock give the same output.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from ..model import Plan
from .context import ReportContext, build_context, summary_lines
from .documents import DocumentFormat, render_document
from .html import DocumentKind
from .shape import ScheduleLike

__all__ = [
    "SUFFIXES",
    "ExportFormat",
    "make_context",
    "make_document",
    "make_export",
    "plan_schedule",
    "run_deployment",
    "run_risk",
]


class ExportFormat(StrEnum):
    ics = "ics"
    xlsx = "xlsx"
    hxl = "hxl"
    mspdi = "mspdi"
    tjp = "tjp"


SUFFIXES = {"ics": ".ics", "xlsx": ".xlsx", "hxl": ".csv", "mspdi": ".xml", "tjp": ".tjp",
            "html": ".html", "pdf": ".pdf", "docx": ".docx"}


def plan_schedule(plan: Plan, *, as_of: date, anchors: dict[str, date] | None = None,
                  actuals: dict[str, date] | None = None) -> ScheduleLike:
    """The plan's schedule as of a day, from the schedule room."""
    from ..schedule import build_schedule

    return build_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals)


def make_context(plan: Plan, *, as_of: date, generated: date,
                 anchors: dict[str, date] | None = None, risk: object | None = None,
                 deployment: object | None = None) -> ReportContext:
    """Everything a document shows, for a plan as of a day."""
    schedule = plan_schedule(plan, as_of=as_of, anchors=anchors)
    dated = getattr(schedule, "plan", plan)
    return build_context(dated if isinstance(dated, Plan) else plan, schedule,
                         generated=generated, risk=risk, deployment=deployment)


def make_document(plan: Plan, kind: DocumentKind, fmt: DocumentFormat, *, as_of: date,
                  generated: date, anchors: dict[str, date] | None = None,
                  risk_samples: int = 0, seed: int = 0, deployment: bool = False) -> bytes:
    """A planning document's bytes; with ``risk_samples`` > 0 a risk summary from that many
    Monte Carlo samples, with ``deployment`` a deployment summary from the logistics room."""
    risk = run_risk(plan, samples=risk_samples, seed=seed, anchors=anchors) \
        if risk_samples > 0 else None
    ctx = make_context(plan, as_of=as_of, generated=generated, anchors=anchors, risk=risk)
    if deployment:
        ctx.deployment_lines = summary_lines(run_deployment(plan, ctx.schedule), plan)
    return render_document(kind, fmt, ctx)


def run_risk(plan: Plan, *, samples: int, seed: int,
             anchors: dict[str, date] | None = None) -> object:
    """The risk room's Monte Carlo result (it offers ``sentences(plan)``)."""
    from ..risk import simulate

    return simulate(plan, samples=samples, seed=seed, anchors=anchors)


def run_deployment(plan: Plan, schedule: ScheduleLike, *, time_limit: float = 20.0) -> object:
    """The logistics room's deployment plan, clocked from the resolution's earliest date."""
    from ..errors import MissionplanError
    from ..logistics import load_deployment, plan_deployment

    data = load_deployment(plan)
    start = data.spec.from_event
    event = next((e for e in schedule.events if e.id == start), None)
    day = (event.actual or event.earliest) if event is not None else None
    if day is None:
        raise MissionplanError(f"the deployment clock starts at '{start}', which has no date "
                               "yet: give it one with --anchor", code="deployment-undated")
    return plan_deployment(data, resolution_date=day, time_limit=time_limit)


def make_export(plan: Plan, fmt: ExportFormat, *, as_of: date, stamp: datetime,
                anchors: dict[str, date] | None = None) -> bytes:
    """An exchange file's bytes."""
    schedule = plan_schedule(plan, as_of=as_of, anchors=anchors)
    dated = getattr(schedule, "plan", plan)
    plan = dated if isinstance(dated, Plan) else plan
    return export_bytes(plan, schedule, fmt, stamp=stamp)


def export_bytes(plan: Plan, schedule: ScheduleLike, fmt: ExportFormat, *,
                 stamp: datetime) -> bytes:
    """An exchange file's bytes from a plan and a schedule already built."""
    if fmt is ExportFormat.ics:
        from .ical import to_ical

        return to_ical(plan, schedule, stamp=stamp)
    if fmt is ExportFormat.xlsx:
        from .xlsx import to_xlsx

        return to_xlsx(plan, schedule, stamp=stamp)
    if fmt is ExportFormat.hxl:
        from .hxl import to_hxl_csv

        return to_hxl_csv(plan, schedule).encode("utf-8")
    if fmt is ExportFormat.mspdi:
        from .mspdi import to_mspdi

        return to_mspdi(plan, schedule, stamp=stamp)
    from .tjp import to_tjp

    return to_tjp(plan, schedule).encode("utf-8")
