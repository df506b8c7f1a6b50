"""Bottom line up front: the brief's first page.

The few decisions needed (each conflict, each late or at-risk deadline), the criteria
for success at risk and why, and the deployment estimate with its odds; then the
detail follows in the brief's sections. Each list is cut at :data:`LIMIT` items, with
a line saying how many more the detail holds, so the summary stays on one page.
"""

from __future__ import annotations

from .blocks import Block, Bullets, Heading, Para, Section, awaits
from .context import ReportContext
from .words import shorten

__all__ = ["AT_RISK", "LIMIT", "summary_section"]

LIMIT = 5
AT_RISK = ("late", "at_risk", "off_track")


def summary_section(ctx: ReportContext) -> Section:
    """The one-page summary that opens a brief."""
    _ = ctx.words.gettext
    blocks: list[Block] = [Heading(_("Decisions needed")), *_decisions(ctx),
                           Heading(_("Criteria for success at risk")), *_criteria(ctx),
                           Heading(_("Deployment")), *_deployment(ctx)]
    return Section("summary", _("Summary"), blocks)


def _capped(ctx: ReportContext, lines: list[str], where: str) -> list[Block]:
    blocks: list[Block] = [Bullets([shorten(line, limit=240) for line in lines[:LIMIT]])]
    more = len(lines) - LIMIT
    if more > 0:
        blocks.append(Para(ctx.words.ngettext(
            "And %(n)s more: see %(where)s.", "And %(n)s more: see %(where)s.", more)
            % {"n": more, "where": where}, "note"))
    return blocks


def _decisions(ctx: ReportContext) -> list[Block]:
    w = ctx.words
    _ = w.gettext
    lines = [_("Conflict %(n)s: %(what)s. Decide which clause gives way, by at least "
               "%(days)s.") % {"n": i, "what": c.description.rstrip(". "),
                               "days": w.ngettext("%(num)s day", "%(num)s days", c.excess_days)
                               % {"num": c.excess_days}}
             for i, c in enumerate(ctx.conflicts, start=1)]
    if not ctx.conflicts:
        lines += [f"{d.deadline} ({ctx.status_label(d.status)}): {d.how_late}"
                  for d in ctx.decisions]
    if not lines:
        return [Para(_("No decision is needed now: the plan's relations are consistent and "
                       "no deadline is late or at risk."))]
    return _capped(ctx, lines, _("Conflicts and the decisions they need"))


def _criteria(ctx: ReportContext) -> list[Block]:
    w = ctx.words
    _ = w.gettext
    lines = []
    for c in ctx.criteria:
        if c.status not in AT_RISK:
            continue
        facts = [ctx.status_label(c.status)]
        if c.due is not None:
            facts.append(_("due %(day)s") % {"day": w.day(c.due)})
        if c.odds is not None:
            facts.append(_("odds %(odds)s") % {"odds": w.percent(c.odds)})
        lines.append(f"{c.name} ({'; '.join(facts)}): {c.why or c.text}")
    if not lines:
        return [Para(_("No criterion for success is at risk."))]
    return _capped(ctx, lines, _("Criteria for success"))


def _deployment(ctx: ReportContext) -> list[Block]:
    w = ctx.words
    _ = w.gettext
    blocks: list[Block] = []
    if ctx.deployment_lines:
        blocks.append(Para(" ".join(ctx.deployment_lines[:2])))
    odds = [_("%(criterion)s: movement plan %(day)s; odds %(odds)s.") % {
        "criterion": c.name, "day": w.day(c.deployed),
        "odds": w.percent(c.odds) if c.odds is not None else "–"}
        for c in ctx.criteria if c.deployed is not None]
    if odds:
        blocks.append(Bullets(odds))
    if not blocks:
        blocks.append(awaits(_, _("a deployment estimate: the plan's deployment data (force, "
                                  "geography and lift) and a date for the resolution")))
    return blocks
