"""Synthetic networks shaped like real plans, for benchmarks and tests (no real data).

Events come in plan order; each has one or two predecessors among the few dozen events
before it (parallel workstreams that merge), a minimum lag on each, a maximum delay on
one precedence in ten, an anchor on one event in a thousand and a calendar deadline on
one in twenty. Every bound is drawn around a hidden schedule, so the network is
consistent; ``inconsistent=True`` adds deadlines that fall before their events can.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

from .network import ORIGIN, Network

__all__ = ["NodeNames", "plan_shaped"]

WINDOW = 40
"""How far back in plan order a predecessor may stand."""


class NodeNames(Sequence[str]):
    """The origin, then names ``e0 … e{n-1}``, without storing a million strings."""

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n + 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return ORIGIN if i == 0 else f"e{i - 1}"

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


def plan_shaped(n: int, *, seed: int = 0, inconsistent: bool = False) -> Network:
    """A plan-shaped network of ``n`` events plus the origin (numpy edge arrays)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    t = np.concatenate([[0], np.cumsum(rng.integers(0, 3, n - 1))]).astype(np.int64)
    parts: list[tuple[Any, Any, Any, int]] = []  # (tail, head, weight, forward)
    for extra in (False, True):
        child = np.arange(1, n) if not extra else rng.choice(np.arange(1, n), n // 3)
        if len(child) == 0:
            continue
        parent = np.maximum(0, child - rng.integers(1, WINDOW + 1, len(child)))
        gap = t[child] - t[parent]
        lag = (gap * rng.random(len(child))).astype(np.int64)
        parts.append((child, parent, -lag, 0))
        delayed = rng.random(len(child)) < 0.1
        slack = rng.integers(0, 10, int(delayed.sum()))
        parts.append((parent[delayed], child[delayed], gap[delayed] + slack, 1))
    origin = n
    anchored = np.unique(np.concatenate([[0], rng.choice(n, max(1, n // 1000))]))
    parts.append((np.full(len(anchored), origin), anchored, t[anchored], 1))
    parts.append((anchored, np.full(len(anchored), origin), -t[anchored], 0))
    due = rng.choice(n, max(1, n // 20))
    parts.append((np.full(len(due), origin), due, t[due] + rng.integers(0, 30, len(due)), 1))
    if inconsistent:
        late = rng.choice(np.arange(n // 2, n), min(3, n - n // 2), replace=False)
        parts.append((np.full(len(late), origin), late, np.full(len(late), -1), 1))
    # renumber: the origin first (node 0), event i as node i + 1
    src = (np.concatenate([p[0] for p in parts]).astype(np.int64) + 1) % (n + 1)
    dst = (np.concatenate([p[1] for p in parts]).astype(np.int64) + 1) % (n + 1)
    weight = np.concatenate([p[2] for p in parts]).astype(np.int64)
    forward = np.concatenate([np.full(len(p[0]), p[3]) for p in parts]).astype(np.int64)
    names: Sequence[str] = NodeNames(n)
    return Network(names, src, dst, weight, forward, [], 0, None)
