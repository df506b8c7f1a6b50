"""From a plan to the bytes of a document or an export: what the CLI and the web call.

The stamp is passed in (``generated`` / ``stamp``; :func:`made_at` gives it), and the
day reported as of (``as_of``), so the same plan, stamp and day give the same output.
Each call returns an :class:`Output`: the bytes and what a caller reports about them
(kind, format, sections, as-of day).
"""

from __future__ import annotations

import html as _html
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

from ..i18n import Language, words
from ..logistics import DeploymentResult
from ..model import Plan
from ..monitor import CriterionStatus
from ..outlook import Basis, build_outlook, plan_basis
from ..outlook.analyses import run_analyses
from ..outlook.options import OptionsComparison, compare_options
from ..risk import RiskResult
from ..schedule import Schedule
from .analyses import AnalysisOptions, Progress, run_deployment, run_risk, summaries
from .caveat import caveat
from .context import DeploymentMap, ReportContext, build_context
from .documents import DocumentFormat, render_document
from .frame import FrameOptions
from .html import DocumentKind, render_html
from .shape import ScheduleLike

__all__ = [
    "BINARY_FORMATS",
    "SUFFIXES",
    "ExportFormat",
    "FrameOptions",
    "Output",
    "export_bytes",
    "made_at",
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
BINARY_FORMATS = frozenset({"xlsx", "pdf", "docx"})


@dataclass(frozen=True, slots=True)
class Output:
    """A document or exchange file made from a plan, and what to say about it."""

    kind: str
    format: str
    data: bytes
    as_of: date
    sections: list[str] = field(default_factory=list)

    @property
    def binary(self) -> bool:
        return self.format in BINARY_FORMATS

    def to_json(self, *, path: Path | None) -> dict[str, object]:
        """Metadata about the output; the text itself only when no file was written."""
        out: dict[str, object] = {
            "kind": self.kind, "format": self.format,
            "path": str(path) if path is not None else None, "bytes": len(self.data),
            "as_of": self.as_of.isoformat(), "sections": list(self.sections),
        }
        if path is None and not self.binary:
            out["content"] = self.data.decode("utf-8")
        return out


def made_at() -> datetime:
    """When a file is made (its stamp, not the day it reports as of): ``SOURCE_DATE_EPOCH``
    when set (reproducible builds), else now, in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def plan_schedule(plan: Plan, *, as_of: date, anchors: dict[str, date] | None = None,
                  actuals: dict[str, date] | None = None) -> Schedule:
    """The plan's schedule as of a day, from the schedule room."""
    from ..schedule import build_schedule

    return build_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals)


def _dated(plan: Plan, schedule: ScheduleLike) -> Plan:
    dated = getattr(schedule, "plan", plan)
    return dated if isinstance(dated, Plan) else plan


def make_context(plan: Plan, *, as_of: date, generated: date,
                 anchors: dict[str, date] | None = None,
                 actuals: dict[str, date] | None = None, risk: object | None = None,
                 deployment: object | None = None,
                 criteria_status: Iterable[object] | None = None,
                 synthetic_observations: bool = False,
                 synthetic_deployment: bool = False,
                 lang: Language = Language.en) -> ReportContext:
    """Everything a document shows, for a plan as of a day (``anchors`` and ``actuals`` add
    to or replace the plan's; ``criteria_status``: the monitor's verdicts on observations,
    which stand beside a criterion's dates; ``synthetic_observations`` and
    ``synthetic_deployment``: the document says its figures rest on synthetic data), in
    ``lang``."""
    schedule = plan_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals)
    dated = _dated(plan, schedule)
    outlook = build_outlook(dated, schedule, monitoring=_monitored(criteria_status),
                            risk=risk if isinstance(risk, RiskResult) else None,
                            deployment=deployment if isinstance(
                                deployment, DeploymentResult) else None)
    basis = plan_basis(dated, synthetic_observations=synthetic_observations,
                       synthetic_deployment=synthetic_deployment)
    ctx = build_context(dated, schedule, generated=generated, risk=risk,
                        deployment=deployment, criteria_status=criteria_status,
                        outlook=outlook, basis=caveat(basis, words(lang)))
    ctx.lang = lang
    return ctx


def _monitored(rows: Iterable[object] | None) -> list[CriterionStatus] | None:
    """The monitor's verdicts, when they are (typed ones; others are left to the dates)."""
    found = [r for r in rows or () if isinstance(r, CriterionStatus)]
    return found or None



def make_document(plan: Plan, kind: DocumentKind, fmt: DocumentFormat, *, as_of: date,
                  generated: date, anchors: dict[str, date] | None = None,
                  actuals: dict[str, date] | None = None,
                  criteria_status: Iterable[object] | None = None,
                  analyses: AnalysisOptions | None = None,
                  progress: Progress | None = None,
                  synthetic_observations: bool = False,
                  lang: Language = Language.en, frame: FrameOptions | None = None) -> Output:
    """A planning document in ``lang``. A brief summarises risk and deployment as
    ``analyses`` says (by default: each when the plan has the data for it); the annex
    shows the deployment. ``frame`` sets the marking, symbol and distribution line. The
    plan's French text (``fr:``) is used in French."""
    plan = plan.in_language(lang.value)
    risk = deployment = None
    notes: tuple[list[str] | None, list[str] | None] = (None, None)
    synthetic_deployment = False
    wanted = _analyses_for(kind, analyses or AnalysisOptions())
    if wanted is not None:
        schedule = plan_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals)
        done = run_analyses(_dated(plan, schedule), schedule, wanted, progress=progress)
        risk, deployment, notes = done.risk, done.deployment, summaries(plan, done)
        synthetic_deployment = done.deployment_synthetic
    ctx = make_context(plan, as_of=as_of, generated=generated, anchors=anchors,
                       actuals=actuals, criteria_status=criteria_status, risk=risk,
                       deployment=deployment, synthetic_observations=synthetic_observations,
                       synthetic_deployment=synthetic_deployment, lang=lang)
    ctx.frame = (frame or FrameOptions()).frame(ctx.plan, kind.value, generated=generated,
                                                lang=lang)
    if wanted is not None:
        ctx.risk_lines, ctx.deployment_lines = notes
    if kind is DocumentKind.annex and isinstance(deployment, DeploymentResult):
        ctx.deployment_map = deployment_map(ctx.plan, deployment)
    if kind is DocumentKind.options:
        ctx.options = _compare(ctx.plan, as_of, analyses or AnalysisOptions(), progress)
    page = render_html(kind, ctx)
    if fmt is DocumentFormat.html:
        data = page.encode("utf-8")
    elif fmt is DocumentFormat.pdf:
        from .pdf import html_to_pdf

        data = html_to_pdf(page)
    else:
        data = render_document(kind, fmt, ctx)
    return Output(kind=kind.value, format=fmt.value, data=data, as_of=as_of,
                  sections=html_sections(page))


def deployment_map(plan: Plan, result: DeploymentResult) -> DeploymentMap:
    """The logistics room's map of the routes ``result`` uses, as SVG and PNG."""
    import tempfile

    from ..logistics import draw_map, load_deployment

    data = load_deployment(plan)
    with tempfile.TemporaryDirectory(prefix="missionplan-map-") as folder:
        svg, png = Path(folder) / "map.svg", Path(folder) / "map.png"
        draw_map(data, result, svg)
        draw_map(data, result, png)
        return DeploymentMap(svg=svg.read_text("utf-8"), png=png.read_bytes())


OPTION_SAMPLES = 500  # Monte Carlo worlds per course of action, unless --risk says


def _compare(plan: Plan, as_of: date, options: AnalysisOptions,
             progress: Progress | None) -> OptionsComparison:
    """The courses of action compared as ``options`` says (``--risk``, ``--deployment``)."""
    samples = OPTION_SAMPLES if options.risk_samples is None else options.risk_samples
    return compare_options(plan, as_of=as_of, samples=samples, seed=options.seed,
                           deployment=options.deployment is not False,
                           time_limit=options.deployment_seconds, progress=progress)


def _analyses_for(kind: DocumentKind, options: AnalysisOptions) -> AnalysisOptions | None:
    """What a kind of document runs: the brief both analyses, the annex the deployment."""
    if kind is DocumentKind.brief:
        return options
    if kind is DocumentKind.annex and options.deployment is not False:
        return replace(options, risk_samples=0)
    return None


def html_sections(page: str) -> list[str]:
    """The level-2 headings of a document page: its sections, in order."""
    return [_html.unescape(re.sub(r"<[^>]+>", "", m))
            for m in re.findall(r"<h2[^>]*>(.*?)</h2>", page, flags=re.S)]


def make_export(plan: Plan, fmt: ExportFormat, *, as_of: date, stamp: datetime,
                anchors: dict[str, date] | None = None,
                actuals: dict[str, date] | None = None,
                synthetic_observations: bool = False) -> Output:
    """An exchange file. It says, where its format has room, what its dates rest on
    (assumed dates, estimated durations; ``synthetic_observations``: the workspace's
    observations are synthetic)."""
    schedule = plan_schedule(plan, as_of=as_of, anchors=anchors, actuals=actuals)
    dated = _dated(plan, schedule)
    basis = plan_basis(dated, synthetic_observations=synthetic_observations)
    data = export_bytes(dated, schedule, fmt, stamp=stamp, basis=basis)
    return Output(kind="export", format=fmt.value, data=data, as_of=as_of)


def export_bytes(plan: Plan, schedule: ScheduleLike, fmt: ExportFormat, *,
                 stamp: datetime, basis: Basis | None = None) -> bytes:
    """An exchange file's bytes from a plan and a schedule already built (``basis``: what
    its figures rest on; by default the plan's own)."""
    if fmt is ExportFormat.ics:
        from .ical import to_ical

        return to_ical(plan, schedule, stamp=stamp, basis=basis)
    if fmt is ExportFormat.xlsx:
        from .xlsx import to_xlsx

        return to_xlsx(plan, schedule, stamp=stamp, basis=basis)
    if fmt is ExportFormat.hxl:
        from .hxl import to_hxl_csv

        return to_hxl_csv(plan, schedule, basis=basis).encode("utf-8")
    if fmt is ExportFormat.mspdi:
        from .mspdi import to_mspdi

        return to_mspdi(plan, schedule, stamp=stamp, basis=basis)
    from .tjp import to_tjp

    return to_tjp(plan, schedule, basis=basis).encode("utf-8")
