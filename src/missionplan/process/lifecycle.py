"""A product's lifecycle: the states it passes through, and who may move it between them.

::

    not_started ─▶ drafting ─▶ in_review ─▶ validated ─▶ endorsed ─▶ superseded
                      ▲            │                                     │
                      │            ▼                                     │
                      └── revision_requested ◀─┘       (a new edition) ◀─┘

Who may make a move is said by *capacity*, what a person is to the product: its
``owner`` (they act for the owning actor), a ``contributor``, a ``reviewer``, or the
planning ``lead``. Endorsement waits for the human rights compliance check when the
product asks for one (:func:`check_move`, code ``hr-check-required``).
"""

from __future__ import annotations

from enum import StrEnum

from ..errors import WorkspaceError
from ..i18n import N_

__all__ = ["MOVES", "Capacity", "State", "check_move", "moves_for"]


class State(StrEnum):
    not_started = "not_started"
    drafting = "drafting"
    in_review = "in_review"
    revision_requested = "revision_requested"
    validated = "validated"
    endorsed = "endorsed"
    superseded = "superseded"

    @property
    def label(self) -> str:
        """The state in English words (``in review``); pages translate it."""
        return self.value.replace("_", " ")


# The states' words, marked for the catalogue (pages show ``_(state.label)``)
_LABELS = (N_("not started"), N_("drafting"), N_("in review"), N_("revision requested"),
           N_("validated"), N_("endorsed"), N_("superseded"))


class Capacity(StrEnum):
    """What a person is to one product."""

    lead = "lead"
    owner = "owner"
    contributor = "contributor"
    reviewer = "reviewer"


_L, _O, _C, _R = Capacity.lead, Capacity.owner, Capacity.contributor, Capacity.reviewer
S = State
# (from, to) -> the capacities that may make the move
MOVES: dict[tuple[State, State], frozenset[Capacity]] = {
    (S.not_started, S.drafting): frozenset({_L, _O, _C}),
    (S.drafting, S.in_review): frozenset({_L, _O}),
    (S.in_review, S.revision_requested): frozenset({_L, _R}),
    (S.in_review, S.validated): frozenset({_L, _R}),
    (S.revision_requested, S.drafting): frozenset({_L, _O, _C}),
    (S.revision_requested, S.in_review): frozenset({_L, _O}),
    (S.validated, S.endorsed): frozenset({_L}),
    (S.validated, S.revision_requested): frozenset({_L}),
    (S.endorsed, S.superseded): frozenset({_L}),
    (S.superseded, S.drafting): frozenset({_L, _O}),
}


def moves_for(state: State, capacities: frozenset[Capacity] | set[Capacity]) -> list[State]:
    """The states someone with ``capacities`` may move a product in ``state`` to."""
    return [to for (frm, to), who in MOVES.items() if frm is state and who & capacities]


def check_move(product: str, state: State, to: State, capacities: frozenset[Capacity] |
               set[Capacity], *, hr_needed: bool, hr_signed: bool) -> None:
    """Refuse a move the lifecycle has no arrow for (``bad-move``), one these capacities may
    not make (``move-not-allowed``), or an endorsement before the human rights compliance
    check (``hr-check-required``)."""
    allowed = MOVES.get((state, to))
    if allowed is None:
        nexts = ", ".join(t.value for (f, t) in MOVES if f is state) or "none"
        raise WorkspaceError(f"product '{product}' is {state.label}: it cannot move to "
                             f"'{to.value}' (from here: {nexts})", code="bad-move")
    if not allowed & capacities:
        who = " or ".join(sorted(c.value for c in allowed))
        raise WorkspaceError(f"moving product '{product}' from {state.label} to {to.label} "
                             f"is for its {who}", code="move-not-allowed")
    if to is State.endorsed and hr_needed and not hr_signed:
        raise WorkspaceError(f"product '{product}' cannot be endorsed before a cleared "
                             "reviewer has signed off its human rights compliance check "
                             "(Policy Committee decision 2008/24)", code="hr-check-required")
