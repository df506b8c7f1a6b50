"""Trends as one line of block characters (▁▂▃▄▅▆▇█) for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["sparkline"]

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], *, width: int = 12) -> str:
    """The last ``width`` values, each scaled between the least and the greatest of them."""
    shown = list(values)[-width:]
    if not shown:
        return ""
    lo, hi = min(shown), max(shown)
    if hi == lo:
        return BLOCKS[len(BLOCKS) // 2 - 1] * len(shown)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[round((v - lo) / (hi - lo) * top)] for v in shown)
