"""The mission concept, in the order of the UN Integrated Assessment and Planning
guidance's mission concept (IAP Policy and Handbook, 2013; see docs/reports.md).

Each section is filled from the plan where the plan holds it; a section the plan cannot
fill says which input it awaits, never nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Indicator, Plan
from .blocks import Block, Bullets, Heading, Para, Section, Table, awaits
from .context import ReportContext
from .words import format_span, item_label

__all__ = ["concept_sections", "risk_rows"]


def concept_sections(ctx: ReportContext) -> list[Section]:
    """The mission concept's sections, numbered."""
    _ = ctx.words.gettext
    parts: list[tuple[str, str, Callable[[ReportContext], list[Block]]]] = [
        ("context", _("Political context and strategic assessment"), _context),
        ("vision", _("Mission vision"), _vision),
        ("objectives", _("Mission objectives and mandated tasks"), _objectives),
        ("phasing", _("Phasing, end-states and benchmarks"), _phasing),
        ("priorities", _("Mission-wide priorities"), _priorities),
        ("components", _("Component roles"), _components),
        ("protection", _("Protection of civilians, human rights, gender and child "
                         "protection"), _protection),
        ("unct", _("The UN country team and the Integrated Strategic Framework"), _unct),
        ("support", _("Support concept"), _support),
        ("coordination", _("Coordination with partners"), _coordination),
        ("risks", _("Risks"), _risks),
        ("assumptions", _("Planning assumptions"), _assumptions),
        ("performance", _("Performance framework"), _performance),
    ]
    return [Section(key, f"{i}. {title}", fill(ctx), page_break=key in _NEW_PAGE)
            for i, (key, title, fill) in enumerate(parts, start=1)]


_NEW_PAGE = frozenset({"components", "risks"})


def _awaits(ctx: ReportContext, what: str) -> Para:
    return awaits(ctx.words.gettext, what)


def _context(ctx: ReportContext) -> list[Block]:
    return [_awaits(ctx, ctx.words.gettext(
        "the strategic assessment: the conflict analysis and the UN's comparative advantage"))]


def _vision(ctx: ReportContext) -> list[Block]:
    texts = [o.text or o.label() for o in ctx.plan.objectives]
    if not texts:
        return [_awaits(ctx, ctx.words.gettext("the mission's vision: an objective in the plan"))]
    return [Para(t) for t in texts]


def _objectives(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    parts = [p.text or p.label() for o in ctx.plan.objectives for p in o.parts]
    blocks: list[Block] = [Bullets(parts, numbered=True)] if parts else [
        _awaits(ctx, _("the mission's objectives: the parts of the plan's objective"))]
    blocks += [Heading(_("Mandated tasks")), _awaits(
        ctx, _("the tasks the Security Council resolution mandates, once adopted"))]
    return blocks


def _phasing(ctx: ReportContext) -> list[Block]:
    w = ctx.words
    _ = w.gettext
    blocks: list[Block] = [_awaits(ctx, _("the mission's phases and the end-state of each"))]
    rows = benchmark_rows(ctx)
    if rows:
        blocks += [Heading(_("Benchmarks")),
                   Table([_("Benchmark"), _("Measure"), _("Expected by")], rows,
                         "benchmarks")]
    return blocks


def benchmark_rows(ctx: ReportContext) -> list[list[str]]:
    """The criteria for success as benchmarks: name, measure, the date they fall due."""
    return [[c.name, c.text, ctx.words.day(c.due)] for c in ctx.criteria]


def _priorities(ctx: ReportContext) -> list[Block]:
    ranked = [_priority(p) for p in ctx.ranked_priorities]
    others = [_priority(p) for p in ctx.unranked_priorities]
    blocks: list[Block] = []
    if ranked:
        blocks.append(Bullets(ranked, numbered=True, css="priorities"))
    if others:
        if ranked:
            blocks.append(Para(ctx.words.gettext("Further priorities, not ranked:")))
        blocks.append(Bullets(others, css="priorities"))
    return blocks or [_awaits(ctx, ctx.words.gettext("the mission-wide priorities"))]


def _priority(p: object) -> str:
    name, text = getattr(p, "name", ""), getattr(p, "text", "")
    return f"{name}: {text}" if name and text else str(text or name)


def _components(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    blocks: list[Block] = []
    for component, items in ctx.components().items():
        blocks += [Heading(component.capitalize()), Bullets(items)]
    rows = [[a.label(), "; ".join(r.text or r.label() for r in a.responsibilities)
             or _("awaits its responsibilities")] for a in ctx.plan.actors]
    if rows:
        blocks += [Heading(_("Responsibilities")),
                   Table([_("Actor"), _("Responsible for")], rows, "actors")]
    return [*blocks, _awaits(ctx, _("each component's concept of operations"))]


def _items_of(plan: Plan, component: str) -> list[str]:
    return [item.label() for _, item in plan.items() if item.component == component]


def _protection(ctx: ReportContext) -> list[Block]:
    restricted = [item.label() for _, item in ctx.plan.items() if item.restricted]
    blocks: list[Block] = [Bullets(restricted)] if restricted else []
    return [*blocks, _awaits(ctx, ctx.words.gettext(
        "the protection of civilians strategy and the human rights, gender and child "
        "protection advisers' input"))]


def _unct(ctx: ReportContext) -> list[Block]:
    return [_awaits(ctx, ctx.words.gettext(
        "the arrangements agreed with the UN country team and the Integrated Strategic "
        "Framework's results and timeline"))]


def _support(ctx: ReportContext) -> list[Block]:
    items = _items_of(ctx.plan, "support")
    blocks: list[Block] = [Bullets(items)] if items else []
    if ctx.deployment_lines:
        blocks.append(Bullets(ctx.deployment_lines))
    return [*blocks, _awaits(ctx, ctx.words.gettext(
        "the mission support concept: logistics, engineering, medical and lift"))]


def _coordination(ctx: ReportContext) -> list[Block]:
    rows = [[s.label(), s.expectation] for s in ctx.plan.stakeholders]
    if not rows:
        return [_awaits(ctx, ctx.words.gettext("the partners and how the mission works "
                                               "with each"))]
    _ = ctx.words.gettext
    return [Table([_("Partner"), _("Arrangement")], rows, "partners")]


def risk_rows(ctx: ReportContext, *, limit: int | None = None) -> list[list[str]]:
    """Risks, likeliest first: risk, likelihood, impact, mitigation, owner, trigger."""
    w = ctx.words
    _ = w.gettext
    names = {key: item.label() for key, item in ctx.plan.item_index().items()}
    assumptions = {a.id: a for a in ctx.plan.assumptions}
    rows = []
    for r in sorted(ctx.plan.risks, key=lambda r: -r.probability)[:limit]:
        impact = "; ".join(_impact(ctx, i.target, i.delay, names) for i in r.impacts)
        watched = assumptions.get(r.assumption or "")
        trigger = (watched.watch or watched.label()) if watched is not None else ""
        rows.append([r.text or r.label(), w.percent(r.probability), impact,
                     r.note or _("awaits a mitigation measure"),
                     ctx.who(r.owner) or _("awaits an owner"),
                     trigger or _("awaits a trigger")])
    return rows


def _impact(ctx: ReportContext, target: str, delay: object, names: dict[str, str]) -> str:
    name = names.get(target, item_label(None, target))
    most = getattr(delay, "max", None) or getattr(delay, "likely", None)
    if most is None:
        return name
    return ctx.words.gettext("%(item)s delayed by up to %(span)s") % {
        "item": name, "span": format_span(most)}


def _risks(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    rows = risk_rows(ctx)
    if not rows:
        return [_awaits(ctx, _("the risks to the mission, each with its owner"))]
    blocks: list[Block] = [Table([_("Risk"), _("Likelihood"), _("Impact"), _("Mitigation"),
                                  _("Owner"), _("Trigger")], rows, "risks")]
    if ctx.risk_lines:
        blocks.append(Bullets(ctx.risk_lines))
    return blocks


def _assumptions(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    rows = [[a.text or a.label(), a.watch, a.status] for a in ctx.plan.assumptions]
    if not rows:
        return [_awaits(ctx, _("the assumptions the plan rests on"))]
    return [Table([_("Assumption"), _("How it is watched"), _("Status")], rows,
                  "assumptions")]


def _performance(ctx: ReportContext) -> list[Block]:
    _ = ctx.words.gettext
    rows = []
    for crit in ctx.plan.criteria:
        shown = [_indicator(ctx, i) for i in ctx.plan.indicators
                 if i.id in crit.indicators or i.criterion == crit.id]
        rows.append([crit.label(), crit.measure or crit.text, "; ".join(shown) or
                     _("awaits indicators")])
    if not rows:
        return [_awaits(ctx, _("the criteria for success and their indicators"))]
    return [Table([_("Criterion for success"), _("Measure"), _("Indicators")], rows,
                  "performance")]


def _indicator(ctx: ReportContext, ind: Indicator) -> str:
    if ind.baseline is None and ind.target is None:
        return ind.label()
    w = ctx.words
    ends = [w.number(v) if v is not None else "–" for v in (ind.baseline, ind.target)]
    unit = f" {ind.unit}" if ind.unit else ""
    return f"{ind.label()} ({ends[0]} → {ends[1]}{unit})"
