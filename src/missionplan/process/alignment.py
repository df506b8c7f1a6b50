"""The alignment matrix: each mission-wide priority against each component's lines of
effort, with the priorities no component serves and the lines that serve none."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Diagnostic, Severity
from ..model import Plan

__all__ = ["Alignment", "alignment", "alignment_findings"]


@dataclass(frozen=True, slots=True)
class Alignment:
    """``cells[(priority, component)]``: the ids of the lines of effort serving it."""

    priorities: list[tuple[str, str]]  # (id, label), in plan order
    components: list[str]
    cells: dict[tuple[str, str], list[str]]
    unserved: list[str]  # priorities no line serves
    unaligned: list[str]  # lines that serve no priority of the plan

    def to_json(self) -> dict[str, object]:
        return {"priorities": [{"id": p, "name": n} for p, n in self.priorities],
                "components": list(self.components),
                "cells": [{"priority": p, "component": c, "lines": lines}
                          for (p, c), lines in sorted(self.cells.items())],
                "unserved": list(self.unserved), "unaligned": list(self.unaligned)}


def alignment(plan: Plan) -> Alignment:
    """The matrix of ``plan``'s priorities against its components' lines of effort."""
    priorities = [(p.id, p.label()) for p in plan.priorities]
    known = {p for p, _ in priorities}
    components = sorted({line.component or "unassigned" for line in plan.lines_of_effort})
    cells: dict[tuple[str, str], list[str]] = {}
    unaligned: list[str] = []
    for line in plan.lines_of_effort:
        served = [p for p in line.priorities if p in known]
        if not served:
            unaligned.append(line.id)
        for priority in served:
            cells.setdefault((priority, line.component or "unassigned"), []).append(line.id)
    unserved = [p for p, _ in priorities if not any(k[0] == p for k in cells)]
    return Alignment(priorities, components, cells, unserved, unaligned)


def alignment_findings(plan: Plan) -> list[Diagnostic]:
    """Warnings for ``check``: a priority no line of effort serves (``unserved-priority``),
    a line of effort that serves no priority (``unaligned-line``). None for a plan that
    declares no lines of effort."""
    if not plan.lines_of_effort:
        return []
    found = alignment(plan)
    names = dict(found.priorities)
    return [
        *(Diagnostic("unserved-priority", f"priority '{p}' ({names[p]}) is served by no "
                     "component's line of effort", severity=Severity.warning, related=(p,))
          for p in found.unserved),
        *(Diagnostic("unaligned-line", f"line of effort '{line}' serves no mission-wide "
                     "priority", severity=Severity.warning, related=(line,))
          for line in found.unaligned),
    ]
