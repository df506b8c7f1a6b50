"""The simple temporal network of a plan: consistency, windows, causes, conflicts, lint.

Public API::

    analyse(plan, *, reference=None, backend="auto", max_conflicts=50,
            relax_fixed=False) -> Analysis
    lint(plan, analysis=None) -> list[Diagnostic]
    distance_between(analysis, a, b) -> int | None    # most days b can fall after a

``Analysis``
    ``origin`` (date of day 0, or None when the plan has no date; then ``reference`` is
    the event at day 0), ``consistent``, ``windows: dict[event, Window]`` (``earliest``,
    ``latest`` in days from day 0; None = unbounded; empty when inconsistent),
    ``date_of(day)``, ``conflicts: list[Conflict]``, ``relaxation: Relaxation | None``
    (least total change; None when only fixed dates could be moved), ``single_fix``,
    ``readings: list[Reading]`` (month/year/hour bounds read safely in days),
    ``why(event, "earliest" | "latest") -> list[EdgeRef]``, ``explain(event) ->
    Explanation`` (``sentences()``, ``str()``, ``to_json()``), ``critical_chain(event)``,
    ``to_json()`` (windows in days and ISO dates, conflicts, relaxation, readings).

``Conflict``
    ``edges: list[EdgeRef]`` (the negative cycle in path order), ``excess_days``,
    ``single_fix: Change | None``, ``describe(plan)``, ``to_json(plan)``.

``EdgeRef``
    ``item``, ``kind`` (relation, activity, anchor, actual, calendar), ``bound`` (min or
    max), ``text``, ``days``, ``source``, ``frm``, ``to``: the edge says
    ``to − frm ≤ days`` (max) or ``to − frm ≥ days`` (min).

``Change``
    ``edge``, ``delta``, ``from_days``, ``to_days``.

Lower level, for benchmarks and other rooms: ``build_network(plan)``,
``Network`` (parallel edge arrays), ``solve_network(net)`` (``Solution.window(v)``).
"""

from importlib import import_module
from typing import TYPE_CHECKING

from .analysis import Analysis, analyse, distance_between
from .edges import EdgeKind, EdgeRef, Reading, Window
from .lint import lint
from .network import ORIGIN, Network, build_network
from .windows import Solution, solve_network

if TYPE_CHECKING:
    from .conflicts import Change, Conflict
    from .explain import Explanation
    from .relax import Relaxation

_LAZY = {"Change": "conflicts", "Conflict": "conflicts", "Explanation": "explain",
         "Relaxation": "relax"}
"""Names whose modules only inconsistent plans and explanations need: loaded on first use."""


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "ORIGIN", "Analysis", "Change", "Conflict", "EdgeKind", "EdgeRef", "Explanation",
    "Network", "Reading", "Relaxation", "Solution", "Window", "analyse", "build_network",
    "distance_between", "lint", "solve_network",
]
