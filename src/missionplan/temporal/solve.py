"""Shortest paths over a network, on the engine that suits its size.

Small networks run the kernel as plain Python on lists, so a 150-event plan loads no
compiled code; large ones run the same kernel compiled by numba on numpy arrays (numba,
numpy and the compiled code are imported only then, and cached on disk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from . import kernel
from .kernel import INF
from .network import Network

__all__ = ["AUTO_THRESHOLD", "INF", "Backend", "Engine", "Run"]

Backend = Literal["auto", "python", "numba"]

AUTO_THRESHOLD = 20_000
"""Edges from which ``auto`` uses the compiled engine."""

_COMPILED: dict[str, Callable[..., Any]] = {}


def _compiled(name: str) -> Callable[..., Any]:
    if not _COMPILED:
        import numba

        for fn in ("csr_fill", "in_plan_order", "plan_order", "invert", "label_correct"):
            _COMPILED[fn] = numba.njit(cache=True, nogil=True)(getattr(kernel, fn))
    return _COMPILED[name]


@dataclass
class Run:
    """The result of one search: distances, parents and a node on a negative cycle."""

    dist: Sequence[int]
    pnode: Sequence[int]
    ppos: Sequence[int]
    cycle_node: int
    reverse: bool

    def reached(self, v: int) -> bool:
        return bool(self.dist[v] < INF)


class _Csr:
    """Edges by tail: heads, weights, original edge ids and forward flags."""

    def __init__(self, indptr: Any, indices: Any, weights: Any, eids: Any,
                 flags: Any) -> None:
        self.indptr, self.indices, self.weights = indptr, indices, weights
        self.eids, self.flags = eids, flags


class Engine:
    """CSR arrays of a network (forward and reversed) and its sweep order.

    ``keep`` drops edges (0 = dropped).
    """

    def __init__(self, net: Network, *, backend: Backend = "auto",
                 keep: Sequence[int] | None = None) -> None:
        if backend == "auto":
            backend = "numba" if net.m >= AUTO_THRESHOLD else "python"
        self.backend = backend
        self.n, self.m = net.n, net.m
        self._alloc: Callable[..., Any] = _np_alloc if backend == "numba" else _py_alloc
        self._call: Callable[[str], Callable[..., Any]] = (
            _compiled if backend == "numba" else _py_call)
        src, dst, fwd = self._as(net.src), self._as(net.dst), self._as(net.forward)
        weight = self._as(net.weight)
        self._src, self._dst, self._weight = src, dst, weight
        self._slots: tuple[Any, Any] | None = None
        keep_a = self._as(keep, "int8") if keep is not None else self._ones(net.m)
        self.fwd = self._csr(src, dst, weight, fwd, keep_a)
        self.rev = self._csr(dst, src, weight, fwd, keep_a)
        along = self._sum(self.fwd.flags)  # edges that run forwards in plan order
        self._step = {False: 1 if 2 * along >= len(self.fwd.flags) else -1}
        self._step[True] = -self._step[False]  # reversed, the same edges run backwards
        # mark and stamp, reused by every search
        self._work = (self._alloc(self.n, "int8"), self._alloc(self.n, "int32"))
        if self._call("in_plan_order")(src, dst, fwd, keep_a):
            self.order = self.pos = self._range(self.n)
        else:
            self.order, self.pos = self._alloc(self.n, "int32"), self._alloc(self.n, "int32")
            self._call("plan_order")(self.n, self.fwd.indptr, self.fwd.indices,
                                     self.fwd.flags, self.rev.indptr, self.rev.indices,
                                     self.rev.flags, self._alloc(self.n, "int32"), self.order)
            self._call("invert")(self.order, self.pos)

    def _sum(self, seq: Any) -> int:
        return int(seq.sum()) if self.backend == "numba" else sum(seq)

    def _range(self, size: int) -> Any:
        if self.backend == "numba":
            import numpy as np

            return np.arange(size, dtype=np.int32)
        return list(range(size))

    def _ones(self, size: int) -> Any:
        if self.backend == "numba":
            import numpy as np

            return np.ones(size, dtype=np.int8)
        return [1] * size

    def _as(self, seq: Any, dtype: str = "int64") -> Any:
        if self.backend == "numba":
            import numpy as np

            return np.asarray(seq, dtype=dtype)
        return seq if isinstance(seq, list) else list(seq)

    def _csr(self, tail: Any, head: Any, weight: Any, forward: Any, keep: Any) -> _Csr:
        kept = self._sum(keep)
        # int32 indices and int8 flags: half the memory to touch, so fewer page faults
        csr = _Csr(*(self._alloc(size, dtype) for size, dtype in (
            (self.n + 1, "int32"), (kept, "int32"), (kept, "int64"), (kept, "int32"),
            (kept, "int8"))))
        self._call("csr_fill")(self.n, tail, head, weight, forward, keep, csr.indptr,
                               self._alloc(self.n, "int32"), csr.indices, csr.weights,
                               csr.eids, csr.flags)
        return csr

    def run(self, sources: Sequence[int], *, reverse: bool = False) -> Run:
        """Distances from ``sources`` (on the reversed graph: distances to them)."""
        csr = self.rev if reverse else self.fwd
        dist = self._alloc(self.n)
        pnode, ppos = self._alloc(self.n, "int32"), self._alloc(self.n, "int32")
        cycle = self._call("label_correct")(self.n, csr.indptr, csr.indices, csr.weights,
                                            self.order, self.pos, self._as(_seq(sources)), dist,
                                            pnode, ppos, *self._work, self._step[reverse])
        return Run(dist, pnode, ppos, int(cycle), reverse)

    def mask(self, edges: Iterable[int], *, on: bool = True) -> None:
        """Set edges aside in place (``on=False`` puts them back), without rebuilding.

        A masked edge becomes a self-loop of weight 0 at its tail, which never relaxes.
        Only for an engine built with every edge kept.
        """
        if self._slots is None:
            self._slots = (self._slot_of(self.fwd), self._slot_of(self.rev))
        for csr, slots, tail, head in ((self.fwd, self._slots[0], self._src, self._dst),
                                       (self.rev, self._slots[1], self._dst, self._src)):
            for e in edges:
                p = slots[e]
                csr.indices[p] = tail[e] if on else head[e]
                csr.weights[p] = 0 if on else self._weight[e]

    def _slot_of(self, csr: _Csr) -> Any:
        """The CSR position of every edge."""
        assert len(csr.eids) == self.m, "mask needs an engine with every edge kept"
        slots = self._alloc(self.m)
        if self.backend == "numba":
            slots[csr.eids] = self._range(self.m)
            return slots
        for p, e in enumerate(csr.eids):
            slots[e] = p
        return slots

    def edge_of(self, run: Run, v: int) -> int:
        """The original edge through which ``v`` got its label."""
        csr = self.rev if run.reverse else self.fwd
        return int(csr.eids[run.ppos[v]])

    def path_edges(self, run: Run, v: int) -> list[int]:
        """Edges of the parent path ending at ``v``, from the source's end to ``v``."""
        edges: list[int] = []
        seen = set()
        while run.pnode[v] >= 0 and v not in seen:
            seen.add(v)
            edges.append(self.edge_of(run, v))
            v = int(run.pnode[v])
        edges.reverse()
        return edges

    def cycle_edges(self, run: Run) -> list[int]:
        """The negative cycle a search stopped on, as original edges in path order."""
        start = run.cycle_node
        if start < 0:
            return []
        edges: list[int] = []
        v = start
        while True:
            edges.append(self.edge_of(run, v))
            v = int(run.pnode[v])
            if v == start:
                break
        if not run.reverse:
            edges.reverse()
        return edges


def _seq(sources: Any) -> Any:
    return sources if hasattr(sources, "dtype") else list(sources)


def _py_alloc(size: int, dtype: str = "int64") -> list[int]:
    return [0] * size


def _np_alloc(size: int, dtype: str = "int64") -> Any:
    """Zeros of ``dtype`` (int64 for days and distances, narrower for indices and flags)."""
    import numpy as np

    return np.zeros(size, dtype=dtype)


def _py_call(name: str) -> Callable[..., Any]:
    fn: Callable[..., Any] = getattr(kernel, name)
    return fn
