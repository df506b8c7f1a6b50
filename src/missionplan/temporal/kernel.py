"""The solver's inner loops, written once for two engines.

Every function here uses only indexing, ``len`` and ``range``, so it runs unchanged on
Python lists (small plans: no compiled code to load) and, compiled by numba, on numpy
arrays (large networks). Nothing here allocates: the caller passes every work array.

The search is label-correcting (Bellman–Ford–Moore family) with two refinements that
make it near-linear on plan-shaped networks:

* sweeps in a topological order of the plan's own arcs, the first in the direction most
  edges run, then alternately, scanning only nodes whose label changed (Gauss–Seidel
  passes): a path that changes direction k times is settled in k + 1 sweeps, and a
  sweep rewinds to nodes marked just behind its cursor (bounded), so the short backward
  steps of plans cost no extra sweep;
* early negative-cycle detection: the parent graph is checked for a cycle in O(n) after
  sweeps 4, 8, 16, … and when a sweep's rewinds pass 2n, 4n, 8n steps (any cycle there
  is negative), so an inconsistent network stops soon after its cycle forms.
"""

from __future__ import annotations

from typing import Any

INF = 1 << 62
"""Distance of a node the search does not reach."""

Ints = Any  # a list[int] or a numpy int64 array: the kernel only indexes it

FIRST_CHECK = 4
"""Sweep after which the parent graph is first checked for a cycle, then after 2×, 4×…"""

REWIND_LIMIT = 8
"""Positions (times n) a sweep may step back to scan nodes marked behind its cursor."""


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
                  stamp: Ints, first_step: int) -> int:
    """Shortest distances from ``sources`` (each at 0); a node on a negative cycle or -1.

    ``pos`` is the inverse of ``order``; ``first_step`` (1 or -1) is the direction of the
    first sweep, the one most edges run in. A sweep scans marked nodes in order; a node
    marked ahead of the cursor extends the sweep, one marked behind it rewinds the cursor
    (until rewinds have stepped back ``REWIND_LIMIT * n`` positions in the sweep; later
    marks wait for the next sweep, which runs the other way over the span they cover).

    The parent graph is checked for a cycle (always a negative one) after sweeps 4, 8,
    16, … and within a sweep when its rewinds pass 2n, 4n, 8n steps back: amortised
    O(n) in all, and an inconsistent network stops soon after its cycle forms.
    """
    for i in range(n):
        dist[i] = INF
        pnode[i] = -1
        ppos[i] = -1
        mark[i] = 0
    lo, hi, pending = n, -1, 0
    for k in range(len(sources)):
        s = sources[k]
        dist[s] = 0
        if mark[s] == 0:
            mark[s] = 1
            pending += 1
        lo, hi = min(lo, pos[s]), max(hi, pos[s])
    sweep, next_check, step = 0, FIRST_CHECK, first_step
    k = end = new_lo = new_hi = extra = check_at = 0
    in_sweep = False
    while True:
        if not in_sweep:
            k, end = (lo, hi) if step == 1 else (hi, lo)
            new_lo, new_hi, extra, check_at, in_sweep = n, -1, 0, 2 * n, True
        while pending > 0 and (end - k) * step >= 0 and extra < check_at:
            u = order[k]
            if mark[u] == 0:
                k += step
                continue
            mark[u] = 0
            pending -= 1
            du = dist[u]
            back = k + step
            for p in range(indptr[u], indptr[u + 1]):
                v = indices[p]
                nd = du + weights[p]
                if nd < dist[v]:
                    dist[v] = nd
                    pnode[v] = u
                    ppos[v] = p
                    if mark[v] == 0:
                        mark[v] = 1
                        pending += 1
                    pv = pos[v]
                    if (pv - k) * step > 0:  # ahead: this sweep reaches it
                        if (pv - end) * step > 0:
                            end = pv
                    elif extra < REWIND_LIMIT * n:  # behind: go back for it
                        if (back - pv) * step > 0:
                            back = pv
                    else:  # behind, out of rewinds: the next sweep's span
                        new_lo, new_hi = min(new_lo, pv), max(new_hi, pv)
            extra += (k - back) * step + 1 if (k - back) * step >= 0 else 0
            k = back
        if extra >= check_at:  # rewinds passed a threshold mid-sweep: check, then resume
            check_at *= 2
        else:  # the sweep is over
            in_sweep = False
            sweep += 1
            if pending == 0:
                return -1
            lo, hi, step = new_lo, new_hi, -step
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
