"""The solver's inner loops, written once for two engines.

Every function here uses only indexing, ``len`` and ``range``, so it runs unchanged on
Python lists (small plans: no compiled code to load) and, compiled by numba, on numpy
arrays (large networks). Nothing here allocates: the caller passes every work array.

The search is label-correcting (Bellman–Ford–Moore family) with two refinements that
make it near-linear on plan-shaped networks:

* sweeps in a topological order of the plan's own arcs, alternately forwards and
  backwards, scanning only nodes whose label changed (Gauss–Seidel passes, as in
  Goldberg–Radzik): a path that changes direction k times is settled in k + 1 sweeps;
* early negative-cycle detection: the parent graph is checked for a cycle in O(n) after
  sweeps 4, 8, 16, … (any cycle there is negative), so an inconsistent network stops
  soon after its cycle forms rather than after n passes.
"""

from __future__ import annotations

from typing import Any

INF = 1 << 62
"""Distance of a node the search does not reach."""

Ints = Any  # a list[int] or a numpy int64 array: the kernel only indexes it

FIRST_CHECK = 4
"""Sweep after which the parent graph is first checked for a cycle, then after 2×, 4×…"""


def csr_fill(n: int, tail: Ints, head: Ints, weight: Ints, forward: Ints, keep: Ints,
             indptr: Ints, cursor: Ints, indices: Ints, weights: Ints, eids: Ints,
             flags: Ints) -> None:
    """Counting sort of the kept edges by tail into CSR arrays (``indptr`` zeroed)."""
    for e in range(len(tail)):
        if keep[e]:
            indptr[tail[e] + 1] += 1
    for i in range(n):
        indptr[i + 1] += indptr[i]
        cursor[i] = indptr[i]
    for e in range(len(tail)):
        if keep[e]:
            u = tail[e]
            p = cursor[u]
            cursor[u] = p + 1
            indices[p] = head[e]
            weights[p] = weight[e]
            eids[p] = e
            flags[p] = forward[e]


def in_plan_order(src: Ints, dst: Ints, forward: Ints, keep: Ints) -> bool:
    """True when node numbers already run along every kept plan arc (the usual case)."""
    for e in range(len(src)):
        if keep[e]:
            a, b = (src[e], dst[e]) if forward[e] else (dst[e], src[e])
            if a >= b:
                return False
    return True


def plan_order(n: int, f_ptr: Ints, f_head: Ints, f_flag: Ints, r_ptr: Ints, r_head: Ints,
               r_flag: Ints, indeg: Ints, order: Ints) -> None:
    """Kahn's topological order of the plan's arcs; a plan cycle is broken where met.

    An arc runs along a forward edge, or against an edge that is not forward: out of
    ``u`` along ``f_head`` where ``f_flag`` is 1 and along ``r_head`` where ``r_flag`` is 0.
    """
    for i in range(n):
        indeg[i] = 0
    for p in range(len(f_head)):
        if f_flag[p]:
            indeg[f_head[p]] += 1
        if not r_flag[p]:
            indeg[r_head[p]] += 1
    size = 0
    for i in range(n):
        if indeg[i] == 0:
            order[size] = i
            size += 1
    head = 0
    while True:
        while head < size:
            u = order[head]
            head += 1
            for p in range(f_ptr[u], f_ptr[u + 1]):
                if f_flag[p]:
                    v = f_head[p]
                    indeg[v] -= 1
                    if indeg[v] == 0:
                        order[size] = v
                        size += 1
            for p in range(r_ptr[u], r_ptr[u + 1]):
                if not r_flag[p]:
                    v = r_head[p]
                    indeg[v] -= 1
                    if indeg[v] == 0:
                        order[size] = v
                        size += 1
        if size == n:
            return
        for i in range(n):  # break a plan cycle at its first node
            if indeg[i] > 0:
                indeg[i] = 0
                order[size] = i
                size += 1
                break


def invert(order: Ints, pos: Ints) -> None:
    """``pos[order[k]] = k``."""
    for k in range(len(order)):
        pos[order[k]] = k


def label_correct(n: int, indptr: Ints, indices: Ints, weights: Ints, order: Ints,
                  pos: Ints, sources: Ints, dist: Ints, pnode: Ints, ppos: Ints, mark: Ints,
                  stamp: Ints) -> int:
    """Shortest distances from ``sources`` (each at 0); a node on a negative cycle or -1.

    ``pos`` is the inverse of ``order``. Each sweep runs only over the span of positions
    marked during the sweep before; the parent graph is checked for a cycle after sweeps
    4, 8, 16, … (amortised O(n) in all, and at most twice as late as checking always).
    """
    for i in range(n):
        dist[i] = INF
        pnode[i] = -1
        ppos[i] = -1
        mark[i] = 0
    lo, hi = n, -1
    for k in range(len(sources)):
        s = sources[k]
        dist[s] = 0
        mark[s] = 1
        lo, hi = min(lo, pos[s]), max(hi, pos[s])
    sweep, next_check = 0, FIRST_CHECK
    while True:
        changed = 0
        new_lo, new_hi = n, -1
        first, stop, step = (lo, hi + 1, 1) if sweep % 2 == 0 else (hi, lo - 1, -1)
        for k in range(first, stop, step):
            u = order[k]
            if mark[u] == 0:
                continue
            mark[u] = 0
            du = dist[u]
            for p in range(indptr[u], indptr[u + 1]):
                v = indices[p]
                nd = du + weights[p]
                if nd < dist[v]:
                    dist[v] = nd
                    pnode[v] = u
                    ppos[v] = p
                    mark[v] = 1
                    changed += 1
                    pv = pos[v]
                    if pv < new_lo:
                        new_lo = pv
                    if pv > new_hi:
                        new_hi = pv
        sweep += 1
        if changed == 0:
            return -1
        lo, hi = new_lo, new_hi
        if sweep < next_check:
            continue
        next_check *= 2
        # a cycle in the parent graph (always a negative one)? O(n), inline for numba
        for i in range(n):
            stamp[i] = 0
        for i in range(n):
            if stamp[i] != 0:
                continue
            v = i
            while v >= 0 and stamp[v] == 0:
                stamp[v] = i + 1
                v = pnode[v]
            if v >= 0 and stamp[v] == i + 1:
                return int(v)
