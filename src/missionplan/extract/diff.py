"""What a revised directive changes: new, changed and removed clauses, and the plan
items each one touches.

Clauses of the old and the new text are aligned with difflib over their
whitespace-folded words. Within a replaced block, a pair of clauses at least
``CHANGED_RATIO`` alike is *changed*; the rest are *removed* or *new*. A plan
item is touched by a change when one of its citations overlaps the old
clause's lines; its lines in the new text are the new clause's.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..model import Plan
from .text import Clause, split_document

__all__ = ["ClauseChange", "RevisionDiff", "diff_directives"]

CHANGED_RATIO = 0.6


@dataclass(frozen=True, slots=True)
class ClauseChange:
    """One clause added, changed or removed, with the plan items it touches."""

    kind: str  # "new" | "changed" | "removed"
    old: Clause | None
    new: Clause | None
    items: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "old": _clause_json(self.old), "new": _clause_json(self.new),
                "items": list(self.items)}


@dataclass
class RevisionDiff:
    """Every clause-level change between two versions of a directive."""

    changes: list[ClauseChange] = field(default_factory=list)

    def touched(self) -> list[str]:
        """Ids of every plan item some change touches, in order, once each."""
        seen: dict[str, None] = {}
        for change in self.changes:
            for item in change.items:
                seen.setdefault(item, None)
        return list(seen)

    def to_json(self) -> dict[str, object]:
        return {"changes": [c.to_json() for c in self.changes], "touched": self.touched()}


def diff_directives(old_text: str, new_text: str, plan: Plan | None = None) -> RevisionDiff:
    """Compare two versions of a directive clause by clause (see the module docstring)."""
    old = split_document(old_text).clauses
    new = split_document(new_text).clauses
    matcher = difflib.SequenceMatcher(None, [_words(c) for c in old], [_words(c) for c in new],
                                      autojunk=False)
    changes: list[ClauseChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changes.extend(_block(old[i1:i2], new[j1:j2]))
    return RevisionDiff([_with_items(c, plan) for c in changes])


def _block(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[ClauseChange]:
    pending_new = list(new)
    out: list[ClauseChange] = []
    for o in old:
        best = max(pending_new, key=lambda n: _ratio(o, n), default=None)
        if best is not None and _ratio(o, best) >= CHANGED_RATIO:
            for n in pending_new[:pending_new.index(best)]:
                out.append(ClauseChange("new", None, n))
            pending_new = pending_new[pending_new.index(best) + 1:]
            out.append(ClauseChange("changed", o, best))
        else:
            out.append(ClauseChange("removed", o, None))
    out.extend(ClauseChange("new", None, n) for n in pending_new)
    return out


def _with_items(change: ClauseChange, plan: Plan | None) -> ClauseChange:
    if plan is None or change.old is None:
        return change
    first, last = change.old.first, change.old.last
    items = tuple(item.id for _, item in plan.items()
                  if any(c.lines[0] <= last and first <= c.lines[1] for c in item.citations()))
    return ClauseChange(change.kind, change.old, change.new, items)


def _words(clause: Clause) -> str:
    return " ".join(clause.text.split())


def _ratio(a: Clause, b: Clause) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _clause_json(clause: Clause | None) -> dict[str, object] | None:
    if clause is None:
        return None
    return {"source": clause.source, "lines": [clause.first, clause.last], "text": clause.text}
