"""Findings about a plan's timeline, each a Diagnostic with a stable code.

======================  ========  ====================================================
code                    severity  finding
======================  ========  ====================================================
relation-conflict       error     bounds that contradict each other (one per conflict)
redundant-relation      warning   a bound made redundant by a tighter one on the same
                                  pair of events, from the same clause
directive-discrepancy   warning   two clauses set different deadlines for the same pair of
                                  events (within 14 days and within 21 days): a question
                                  for the issuing authority
deadline-margin         warning   a deadline falls on or after that of an event it must
                                  precede, so it never binds: the margin, in days
implied-tighter         info      the other bounds imply a tighter bound than written
unanchored-event        warning   no dated event reaches it: unbounded both ways
deadline-before-anchor  warning   a deadline that can fall before its own from-event,
                                  or a calendar deadline before every anchor date
recurrence-collision    warning   an occurrence of a recurrence within a few days of a
                                  deadline of the same owner, or on the same day
calendar-reading        info      a month, year or hour bound read safely in days
missed-target           warning   a deadline the recorded dates miss (late or early)
estimate-exceeded       info      an activity the recorded dates put outside its estimate
anchor-contradicted     warning   an assumed date the recorded dates contradict
actual-against-logic    error     a recorded date against the plan's logic, unconfirmed
logic-corrected         warning   the same, confirmed as a correction of the plan's logic
======================  ========  ====================================================

The plan's own bounds are linted as designed, without the recorded facts; what the
facts did to them comes from ``Analysis.gave_way``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Diagnostic, Severity
from ..model import Plan, Relation
from ..model.base import Approval
from .analysis import Analysis, analyse
from .edges import EdgeKind, EdgeRef
from .network import span_bounds
from .solve import INF, Run

__all__ = ["COLLISION_DAYS", "IMPLIED_LIMIT", "lint"]

COLLISION_DAYS = 3
"""An occurrence this close to a deadline of the same owner collides with it."""
IMPLIED_LIMIT = 2000
"""Most distinct events searched from for implied and backward bounds."""
MARGIN_DAYS = 0
"""A deadline that leaves this margin or less before the deadline of an event it must
precede can never be the one that binds: it warns."""
OCCURRENCE_LIMIT = 200


def lint(plan: Plan, analysis: Analysis | None = None) -> list[Diagnostic]:
    """Every temporal finding about the plan, errors first."""
    facts = analysis or analyse(plan)
    a = facts.as_designed
    out = [_diag("relation-conflict", Severity.error, c.describe(plan),
                 [e.item for e in c.edges]) for c in a.conflicts]
    out += list(_facts(plan, facts))
    redundant = list(_redundant(a))
    out += [d for d, _ in redundant]
    if a.consistent:
        skip = {key for _, key in redundant}
        out += list(_implied(a, skip))
        out += list(_unanchored(a))
        out += list(_before_anchor(a))
        out += list(_margins(a))
        out += list(_collisions(a))
    out += list(_calendar_before_anchor(a))
    out += [_diag("calendar-reading", Severity.info, str(r), [r.item]) for r in a.readings]
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    return sorted(out, key=lambda d: order[d.severity])


def _facts(plan: Plan, a: Analysis) -> Iterator[Diagnostic]:
    """What the recorded dates did to the plan's bounds (see ``Analysis.gave_way``)."""
    from .edges import Role

    corrected = sorted(plan.corrections())
    words = {r.id: r.text for r in plan.relations}
    for g in a.gave_way:
        e, role, days = g.edge, g.role, f"{g.days} day{'s' if g.days != 1 else ''}"
        what = f"{e.item}{_cite(e)}" + (f" '{words[e.item]}'" if words.get(e.item) else "")
        if role is Role.target:
            side = "late" if e.bound == "max" else "early"
            yield _diag("missed-target", Severity.warning,
                        f"{what}: the dates recorded miss it by {days} ({side})", [e.item])
        elif role is Role.estimate:
            yield _diag("estimate-exceeded", Severity.info,
                        f"{e.item}: the dates recorded put {e.to} {days} beyond its "
                        f"estimated {e.bound} of {e.text} (an estimate, not a deadline: the "
                        "forecast follows the facts)", [e.item])
        elif role is Role.anchor:
            yield _diag("anchor-contradicted", Severity.warning,
                        f"the assumed date of {e.to} ({e.text}) is contradicted by the dates "
                        f"recorded: by the plan's logic it moves by {days}", [e.to])
        elif corrected:
            yield _diag("logic-corrected", Severity.warning,
                        f"{what}: the dates recorded break it by {days}, confirmed as a "
                        f"correction of the plan's logic ({', '.join(corrected)})", [e.item])
        else:
            yield _diag("actual-against-logic", Severity.error,
                        f"{what}: the dates recorded break it by {days}; correct the date or "
                        "confirm it as a correction of the plan's logic", [e.item])


def _margins(a: Analysis) -> Iterator[Diagnostic]:
    """A deadline on X counted from A leaves too little before Y, which X must precede."""
    relations = [r for r in a.plan.relations if r.approval is Approval.approved]
    for r in relations:
        hi = r.bounds()[1]
        if not r.is_target or r.from_ is None or hi is None or _counts_backwards(r):
            continue
        start = a.windows.get(r.from_)
        if start is None or start.earliest is None:
            continue
        due = start.earliest + span_bounds(hi)[0]
        for later, gap, p in _must_precede(relations, r.to):
            end = a.windows.get(later)
            if later == r.from_ or end is None or end.latest is None:
                continue
            margin = end.latest - due - gap
            if margin <= MARGIN_DAYS:
                yield _diag("deadline-margin", Severity.warning, _margin_message(
                    a, r, p, later, due, end.latest, margin), [r.id, p.id])


def _must_precede(relations: list[Relation], event: str) -> Iterator[tuple[str, int, Relation]]:
    """The events ``event`` must come before, with the least gap: ``X → Y`` at least N
    after, or ``Y → X`` at most −N ('in good time' before Y, 'N prior to Y')."""
    for p in relations:
        lo, hi = p.bounds()
        if p.from_ == event and lo is not None and span_bounds(lo)[0] >= 0:
            yield p.to, span_bounds(lo)[0], p
        elif p.to == event and p.from_ is not None and hi is not None and (
                span_bounds(hi)[1] <= 0):
            yield p.from_, -span_bounds(hi)[1], p


def _margin_message(a: Analysis, r: Relation, p: Relation, later: str, due: int,
                    latest: int, margin: int) -> str:
    def day(n: int) -> str:
        return a.date_of(n).isoformat() if a.origin is not None else f"day {n}"

    gap = f"{-margin} days after" if margin < 0 else "on the same day as"
    return (f"{r.id}{_cite_src(r.source)} has '{_label(a, r.to)}' due "
            f"'{r.text or r.max}' ({day(due)} at the earliest), but {p.id}"
            f"{_cite_src(p.source)} puts it before '{_label(a, later)}', which is due by "
            f"{day(latest)} at the latest: the deadline falls {gap} that, leaving no "
            f"margin, so it is the deadline of '{_label(a, later)}' that governs "
            f"('{p.text}')")


def _label(a: Analysis, event: str | None) -> str:
    if event is None:
        return "day 0"
    try:
        return a.plan.event(event).label()
    except KeyError:
        return event


def _diag(code: str, severity: Severity, message: str, related: list[str]) -> Diagnostic:
    return Diagnostic(code, message, None, severity, tuple(dict.fromkeys(related)))


def _cite(e: EdgeRef) -> str:
    return f" [{e.source}]" if e.source else ""


def _relation_edges(a: Analysis) -> Iterator[tuple[int, EdgeRef]]:
    for i, e in enumerate(a.network.refs):
        if e.kind is EdgeKind.relation:
            yield i, e


def _redundant(a: Analysis) -> Iterator[tuple[Diagnostic, tuple[str, str]]]:
    net = a.network
    best: dict[tuple[int, int], tuple[int, EdgeRef]] = {}
    for i, e in _relation_edges(a):
        pair = (int(net.src[i]), int(net.dst[i]))
        if pair not in best:
            best[pair] = (i, e)
            continue
        j, kept = best[pair]
        tight, loose = (kept, e) if net.weight[j] <= net.weight[i] else (e, kept)
        if net.weight[i] < net.weight[j]:
            best[pair] = (i, e)
        if tight.item == loose.item or net.weight[i] == net.weight[j]:
            continue
        if _discrepant(tight, loose):
            yield (_discrepancy(a, tight, loose), (loose.item, loose.bound))
            continue
        msg = (f"{loose.item}{_cite(loose)} ({loose.bound} {loose.text}) is redundant: "
               f"{tight.item}{_cite(tight)} ({tight.bound} {tight.text}) bounds the same "
               f"events more tightly")
        yield (_diag("redundant-relation", Severity.warning, msg, [loose.item, tight.item]),
               (loose.item, loose.bound))


def _discrepant(a: EdgeRef, b: EdgeRef) -> bool:
    """Two targets on the same events from different clauses: the directive disagrees
    with itself, which is a question to ask, not a bound to drop."""
    from .edges import Role

    return (a.role is Role.target and b.role is Role.target and a.source is not None
            and b.source is not None and str(a.source) != str(b.source))


def _discrepancy(a: Analysis, tight: EdgeRef, loose: EdgeRef) -> Diagnostic:
    def clause(e: EdgeRef) -> str:
        words = a.plan.quote(e.source)
        return f"'{words or e.text}' ({e.source})"

    side = "at most" if tight.bound == "max" else "at least"
    msg = (f"the directive gives two deadlines for '{_label(a, tight.to)}' counted from "
           f"'{_label(a, tight.frm)}': "
           f"{clause(tight)} and {clause(loose)}. The plan holds it to the tighter, {side} "
           f"{tight.text}; ask the issuing authority which governs: {tight.text} or "
           f"{loose.text}?")
    return _diag("directive-discrepancy", Severity.warning, msg, [tight.item, loose.item])


def _implied(a: Analysis, skip: set[tuple[str, str]]) -> Iterator[Diagnostic]:
    net, eng = a.network, a.require_solution().engine
    written = {(r.id, b) for r in a.plan.relations for b in ("min", "max")
               if getattr(r, b) is not None}
    edges = [(i, e) for i, e in _relation_edges(a)
             if (e.item, e.bound) not in skip and (e.item, e.bound) in written]
    tails = sorted({int(net.src[i]) for i, _ in edges})[:IMPLIED_LIMIT]
    runs = {t: eng.run([t]) for t in tails}
    for i, e in edges:
        run = runs.get(int(net.src[i]))
        if run is None or (e.bound == "min" and e.days == 0):  # a window opening at 0
            continue
        d = int(run.dist[int(net.dst[i])])
        if d < net.weight[i]:
            implied = d if e.bound == "max" else -d
            word = "at most" if e.bound == "max" else "at least"
            chain = [net.edge_label(k) for k in eng.path_edges(run, int(net.dst[i]))]
            msg = (f"{e.item}{_cite(e)} says {e.to} is {word} {e.days} days after {e.frm}, "
                   f"but the other bounds already imply {word} {implied} days "
                   f"(through {', '.join(dict.fromkeys(chain))})")
            yield _diag("implied-tighter", Severity.info, msg, [e.item, *chain])


def _unanchored(a: Analysis) -> Iterator[Diagnostic]:
    if a.origin is None:
        return
    for name, w in a.windows.items():
        if w.earliest is None and w.latest is None:
            yield _diag("unanchored-event", Severity.warning,
                        f"{name}: no dated event reaches it, so it has no window", [name])


def _before_anchor(a: Analysis) -> Iterator[Diagnostic]:
    net, eng = a.network, a.require_solution().engine
    deadlines = [r for r in a.plan.relations if r.approval is Approval.approved
                 and r.is_deadline and not _counts_backwards(r)]
    runs: dict[str, Run] = {}
    for r in deadlines[:IMPLIED_LIMIT]:
        if r.from_ is None:
            continue
        run = runs.setdefault(r.to, eng.run([net.node(r.to)]))
        d = run.dist[net.node(r.from_)]
        if d > 0:
            by = "without limit" if d >= INF else f"by up to {int(d)} days"
            yield _diag("deadline-before-anchor", Severity.warning,
                        f"deadline {r.id}{_cite_src(r.source)}: {r.to} can fall before "
                        f"{r.from_}, the event it counts from ({by})", [r.id])


def _counts_backwards(r: Relation) -> bool:
    """'One week prior to X': the deadline is meant to fall before its from-event."""
    hi = r.bounds()[1]
    return hi is not None and span_bounds(hi)[1] <= 0


def _cite_src(source: object) -> str:
    return f" [{source}]" if source else ""


def _calendar_before_anchor(a: Analysis) -> Iterator[Diagnostic]:
    anchors = [an.date for an in a.plan.anchors]
    if not anchors:
        return
    first = min(anchors)
    for r in a.plan.relations:
        if r.approval is Approval.approved and r.not_after is not None and r.not_after < first:
            yield _diag("deadline-before-anchor", Severity.warning,
                        f"deadline {r.id}{_cite_src(r.source)}: {r.to} is due {r.not_after}, "
                        f"before any anchor date ({first})", [r.id])


def _collisions(a: Analysis) -> Iterator[Diagnostic]:
    deadlines = [(r, a.windows.get(r.to)) for r in a.plan.relations
                 if r.approval is Approval.approved and r.is_deadline]
    owners = {e.id: e.owner for e in a.plan.events}
    for rec in a.plan.recurrences:
        if rec.approval is not Approval.approved:
            continue
        for day in _occurrences(a, rec.start, rec.until, span_bounds(rec.every)[0]):
            for r, w in deadlines:
                if w is None or w.latest is None:
                    continue
                gap = abs(w.latest - day)
                owner = rec.owner is not None and rec.owner in (r.owner, owners.get(r.to))
                if gap == 0 or (owner and gap <= COLLISION_DAYS):
                    yield _diag("recurrence-collision", Severity.warning,
                                f"{rec.id}: an occurrence on day {day} falls "
                                f"{'on the same day as' if gap == 0 else f'{gap} days from'} "
                                f"deadline {r.id} ({r.to}, latest day {w.latest})",
                                [rec.id, r.id])


def _occurrences(a: Analysis, start: str, until: str | None, every: int) -> Iterator[int]:
    first = a.windows.get(start)
    if every <= 0 or first is None or first.earliest is None:
        return
    end_w = a.windows.get(until) if until else None
    last = end_w.latest if end_w is not None else None
    for k in range(1, OCCURRENCE_LIMIT + 1):
        day = first.earliest + k * every
        if last is not None and day > last:
            return
        yield day
