"""How well a draft matches a hand-built plan: event alignment, recall and precision.

The draft's event ids are its own (``peace_agreement_signed``,
``technical_assessment_mission_returned``); a hand-built plan has others
(``tam_returned``). :func:`align_events` computes the alignment instead of
taking a table: a draft relation and a hand relation that cite overlapping
lines and state the same bounds vote for pairing their endpoints, each vote
weighted by how alike the events' names are; every draft event goes to the
hand event with most votes (two draft events may go to one hand event when
the hand plan reads two phrasings as one happening).

Only relations the text *states with a bound* are measured by default: kinds
within, after, prior and immediately, and calendar bounds, whose cited lines
hold a count or a date. With ``all_relations`` every relation is measured;
a reference relation whose cited lines hold no count or date has a margin
the text does not state (it is the plan author's reading of "well in
advance", "until", an order of work), so a draft *precedence* relation
matches it when the two join the same events in the same order (earlier
event, later event), whatever the reference's bounds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Duration, Plan, Relation, RelationKind
from .events import describe, similarity

__all__ = ["Score", "align_events", "measured", "score"]

_TIMED = {RelationKind.within, RelationKind.after, RelationKind.prior,
          RelationKind.immediately}
_COUNT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|a week|"
                    r"a month|a year|first|second|third|fourth|fifth|sixth|immediately)\b",
                    re.IGNORECASE)

Signature = tuple[str | None, str, object, object, object, object]


@dataclass
class Score:
    """Recall and precision of a draft's relations against a reference's."""

    expected: int
    produced: int
    matched_expected: int
    matched_produced: int
    missing: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched_expected / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched_produced / self.produced if self.produced else 1.0


def measured(plan: Plan, lines: list[str]) -> list[Relation]:
    """The relations of a reference plan that its text states with a bound."""
    out = []
    for relation in plan.relations:
        calendar = relation.not_after is not None or relation.not_before is not None
        if relation.kind not in _TIMED and not calendar:
            continue
        cited = " ".join(" ".join(lines[c.lines[0] - 1:c.lines[1]])
                         for c in relation.citations())
        if _COUNT.search(cited):
            out.append(relation)
    return out


def align_events(draft: Plan, reference: Plan, *, lines: list[str] | None = None
                 ) -> dict[str, str]:
    """Draft event id → reference event id (see the module docstring); with ``lines``
    a draft precedence also votes with a reference relation of unstated margin."""
    names = {e.id: e.label() for e in [*draft.events, *reference.events]}
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    unstated = {r.id for r in reference.relations
                if lines is not None and not _states_bound(r, lines)}
    for d in draft.relations:
        for r in reference.relations:
            if not _overlap(d, r):
                continue
            pairs = _endpoint_pairs(d, r)
            if not pairs and r.id in unstated:
                pairs = _order_pairs(d, r)
            for d_end, r_end in pairs:
                votes[d_end][r_end] += 1 + _name_likeness(names[d_end], names[r_end])
    return {d: max(sorted(cands), key=lambda r: cands[r]) for d, cands in votes.items()}


def score(draft: Plan, reference: Plan, lines: list[str], *, all_relations: bool = False
          ) -> Score:
    """Recall over the reference's measured relations (every relation with
    ``all_relations``, readings included); precision over the draft's."""
    expected = list(reference.relations) if all_relations else measured(reference, lines)
    alignment = align_events(draft, reference, lines=lines)
    produced = draft.relations
    unstated = {r.id for r in reference.relations if not _states_bound(r, lines)}

    def ref_sigs(r: Relation) -> set[object]:
        order = _order(r) if r.id in unstated else None
        return {*_signatures(r, lambda e: e), *([("order", *order)] if order else [])}

    def draft_sigs(d: Relation) -> set[object]:
        name: Callable[[str], str] = lambda e: alignment.get(e, f"?{e}")  # noqa: E731
        order = _order(d) if d.kind is RelationKind.precedence and d.from_ else None
        extra = [("order", name(order[0]), name(order[1]))] if order else []
        return {*_signatures(d, name), *extra}

    wanted = {r.id: ref_sigs(r) for r in expected}
    made = {d.id: draft_sigs(d) for d in produced}
    all_ref = {r.id: ref_sigs(r) for r in reference.relations}
    hit_expected = [rid for rid, sigs in wanted.items()
                    if any(sigs & m for m in made.values())]
    implied = _implied_orders(reference)
    hit_produced = [did for did, sigs in made.items()
                    if any(sigs & w for w in all_ref.values()) or sigs & implied]
    return Score(expected=len(expected), produced=len(produced),
                 matched_expected=len(hit_expected), matched_produced=len(hit_produced),
                 missing=[r for r in wanted if r not in hit_expected],
                 spurious=[d for d in made if d not in hit_produced])


def _states_bound(relation: Relation, lines: list[str]) -> bool:
    """Whether the relation's cited lines hold a count or a date (its margin is the text's)."""
    cited = " ".join(" ".join(lines[c.lines[0] - 1:c.lines[1]]) for c in relation.citations())
    return bool(_COUNT.search(cited))


def _order(r: Relation) -> tuple[str, str] | None:
    """(earlier event, later event) of a relation, or None when its bounds give no order."""
    if r.from_ is None:
        return None
    lo, hi = r.bounds()
    if r.kind is RelationKind.precedence or (lo is not None and min(_key(lo) or (0,)) >= 0):
        return r.from_, r.to
    if hi is not None and max(_key(hi) or (0,)) <= 0:
        return r.to, r.from_
    return None


def _implied_orders(reference: Plan) -> set[object]:
    """("order", a, b) for every a the reference orders before b, through any chain."""
    later: dict[str, set[str]] = defaultdict(set)
    for r in reference.relations:
        order = _order(r)
        if order:
            later[order[0]].add(order[1])
    out: set[object] = set()
    for start in list(later):
        seen: set[str] = set()
        stack = [start]
        while stack:
            for nxt in later.get(stack.pop(), set()) - seen:
                seen.add(nxt)
                stack.append(nxt)
        out |= {("order", start, end) for end in seen}
    return out


def _order_pairs(d: Relation, r: Relation) -> list[tuple[str, str]]:
    mine, theirs = (_order(d) if d.kind is RelationKind.precedence else None), _order(r)
    if mine is None or theirs is None:
        return []
    return [(mine[0], theirs[0]), (mine[1], theirs[1])]


def _name_likeness(a: str, b: str) -> float:
    x, y = describe(a), describe(b)
    shared = _words(a) & _words(b)  # shared words part names whose cores are alike
    return similarity(x.core or a.lower(), y.core or b.lower()) + 2 * len(shared) / max(
        len(_words(a) | _words(b)), 1)


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", name.lower())) - {"the", "of", "a", "an", "with"}


def _overlap(a: Relation, b: Relation) -> bool:
    return any(x.lines[0] <= y.lines[1] and y.lines[0] <= x.lines[1]
               for x in a.citations() for y in b.citations())


def _endpoint_pairs(d: Relation, r: Relation) -> list[tuple[str, str]]:
    ds, rs = _bounds_key(d), _bounds_key(r)
    pairs: list[tuple[str, str]] = []
    if ds == rs:
        pairs.append((d.to, r.to))
        if d.from_ and r.from_:
            pairs.append((d.from_, r.from_))
    elif d.from_ and r.from_ and ds == _flip(rs):
        pairs += [(d.to, r.from_), (d.from_, r.to)]
    return pairs


def _key(d: Duration | None) -> tuple[int, int, int] | None:
    return None if d is None else (d.months, d.days, d.hours)


def _bounds_key(r: Relation) -> tuple[object, object, object, object]:
    lo, hi = r.bounds()
    return (_key(lo), _key(hi), r.not_before, r.not_after)


def _flip(key: tuple[object, object, object, object]) -> tuple[object, object, object, object]:
    lo, hi, nb, na = key
    return (_negate(hi), _negate(lo), nb, na)


def _negate(k: object) -> object:
    return tuple(-x for x in k) if isinstance(k, tuple) else None


def _signatures(r: Relation, name: Callable[[str], str]) -> set[Signature]:
    lo, hi, nb, na = _bounds_key(r)
    to = name(r.to)
    frm = name(r.from_) if r.from_ else None
    sigs: set[Signature] = {(frm, to, lo, hi, nb, na)}
    if frm is not None:
        flo, fhi, _, _ = _flip((lo, hi, nb, na))
        sigs.add((to, frm, flo, fhi, nb, na))
    return sigs
