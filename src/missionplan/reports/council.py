"""The annex to the Secretary-General's report, as the Security Council reads it.

The proposed timeline of the mission's decisions and milestones, the benchmarks of its
phases, the force and its phasing, the key risks and the timeline chart. Internal
tracking language (statuses, clause references, process outputs of Headquarters) stays
in the brief.
"""

from __future__ import annotations

from .blocks import Block, Bullets, Chart, Section, Table, awaits
from .concept import benchmark_rows, risk_rows
from .context import ReportContext
from .words import item_label

__all__ = ["COUNCIL_EVENT_KINDS", "KEY_RISKS", "annex_sections"]

COUNCIL_EVENT_KINDS = ("start", "decision", "milestone", "end")
KEY_RISKS = 5


def annex_sections(ctx: ReportContext) -> list[Section]:
    """The annex's sections."""
    _ = ctx.words.gettext
    return [
        Section("timeline", _("Proposed deployment timeline"), _timeline(ctx)),
        Section("benchmarks", _("Benchmarks of the mission's phases"), _benchmarks(ctx)),
        Section("force", _("The force and its phasing"), _force(ctx)),
        Section("risks", _("Key risks"), _risks(ctx)),
        Section("chart", _("Timeline chart"), [
            Chart("gantt", _("Gantt chart of the mission's timeline"))], page_break=True),
    ]


def _timeline(ctx: ReportContext) -> list[Block]:
    w = ctx.words
    _ = w.gettext
    rows = [[item_label(e.name, e.id), w.day(e.actual or e.forecast or e.earliest),
             w.day(None if e.actual else e.latest)]
            for e in ctx.events if e.kind in COUNCIL_EVENT_KINDS]
    if not rows:
        return [awaits(_, _("the mission's milestones"))]
    return [Table([_("Milestone"), _("Expected"), _("No later than")], rows, "timeline")]


def _benchmarks(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    rows = benchmark_rows(ctx)
    if not rows:
        return [awaits(_, _("the criteria for success"))]
    return [Table([_("Benchmark"), _("Measure"), _("Expected by")], rows, "benchmarks")]


def _force(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    if ctx.deployment_lines:
        blocks: list[Block] = [Bullets(ctx.deployment_lines)]
        if ctx.deployment_map is not None:
            blocks.append(Chart("map", _("Map of the deployment routes, by road and by air")))
        return blocks
    return [awaits(_, _(
        "the deployment plan: the force, the geography and the lift, and a date for the "
        "resolution"))]


def _risks(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    rows = [row[:4] for row in risk_rows(ctx, limit=KEY_RISKS)]
    if not rows:
        return [awaits(_, _("the risks to the mission"))]
    return [Table([_("Risk"), _("Likelihood"), _("Impact"), _("Mitigation")], rows, "risks")]
