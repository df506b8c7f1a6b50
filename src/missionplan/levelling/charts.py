"""Each resource's load over time as terminal bars (the PNG and SVG charts are drawn by
``missionplan.reports.load_charts``)."""

from __future__ import annotations

import itertools

from .result import ResourceRow

__all__ = ["load_bars"]

BAR = "█"


def load_bars(row: ResourceRow, *, width: int = 20) -> list[tuple[int, int, str]]:
    """(first day, last day, bar) for each step of the load: used out of capacity."""
    out = []
    for step, after in itertools.pairwise(row.steps):
        top = max(step.capacity, step.used, 1)
        full = round(width * step.used / max(top, row.capacity, 1))
        room = round(width * step.capacity / max(top, row.capacity, 1)) - full
        over = "!" if step.used > step.capacity else ""
        out.append((step.day, after.day - 1, BAR * full + "·" * max(0, room) + over))
    return out
