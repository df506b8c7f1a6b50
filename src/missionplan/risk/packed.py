"""A compiled network as the flat arrays the kernel reads (two tuples: inputs and network).

Kept apart from :mod:`network` so the plan compiler stays free of kernel layout. The
tuples hold only arrays, so they pickle to Dask workers cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .distributions import KIND_CODES, FloatArray, Spec, params, pert_table
from .network import Network
from .rng import column_keys

__all__ = ["Packed", "pack"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Packed:
    """The kernel's view of a network: ``inputs(seed)`` and ``net(lo, scale)`` tuples."""

    n_columns: int
    inp_rest: tuple[Any, ...]      # every input array after the column keys
    net_head: tuple[Any, ...]      # every network array before lo and scale (21, 22)

    def inputs(self, seed: int) -> tuple[Any, ...]:
        return (column_keys(seed, self.n_columns), *self.inp_rest)

    def net(self, lo: FloatArray, scale: FloatArray) -> tuple[Any, ...]:
        return (*self.net_head, np.ascontiguousarray(lo, dtype=np.float64),
                np.ascontiguousarray(scale, dtype=np.float64))


def _i(values: list[int]) -> IntArray:
    return np.array(values, dtype=np.int64)


def _f(values: list[float]) -> FloatArray:
    return np.array(values, dtype=np.float64)


class _Specs:
    """Distribution parameters as columns, with empirical values in one flat array."""

    def __init__(self, values: list[float]) -> None:
        self.kind: list[int] = []
        self.prm: list[tuple[float, ...]] = []
        self.off: list[int] = []
        self.cnt: list[int] = []
        self.values = values

    def add(self, spec: Spec, *, sampled: bool) -> None:
        if not sampled:
            spec = Spec("fixed", spec.value)
        self.kind.append(KIND_CODES[spec.kind])
        self.prm.append(params(spec))
        self.off.append(len(self.values))
        self.cnt.append(len(spec.values))
        self.values.extend(spec.values)

    def arrays(self) -> tuple[Any, ...]:
        prm = np.array(self.prm, dtype=np.float64).reshape(len(self.prm), 6)
        return (_i(self.kind), prm, _i(self.off), _i(self.cnt))


def _inputs(net: Network) -> tuple[Any, ...]:
    inputs = net.inputs
    values: list[float] = []
    acts, drivers, delays = _Specs(values), _Specs(values), _Specs(values)
    for a in inputs.activities:
        acts.add(a.spec, sampled=a.column >= 0)
    for d in inputs.drivers:
        drivers.add(d.spec, sampled=True)
    col_risk = np.full(inputs.n_columns, -1, dtype=np.int64)
    for r, risk in enumerate(inputs.risks):
        col_risk[risk.column] = r
    kinds = {"edge": 0, "node": 1, "limit": 1}
    delay_row = _delay_rows(net)
    targets = [delay_row[i.target] if i.kind == "node" else i.target for i in inputs.impacts]
    for imp in inputs.impacts:
        delays.add(imp.delay or Spec("fixed"), sampled=imp.column >= 0)
    dk, dprm, doff, dcnt = delays.arrays()
    return (
        _i(inputs.correlated), np.ascontiguousarray(inputs.cholesky, dtype=np.float64),
        _i([a.edge for a in inputs.activities]), *acts.arrays(),
        _i([a.column for a in inputs.activities]), _i([a.driver for a in inputs.activities]),
        *drivers.arrays()[:2], _i([d.column for d in inputs.drivers]),
        _f([r.probability for r in inputs.risks]), _i([r.column for r in inputs.risks]),
        _i([r.driver for r in inputs.risks]), col_risk,
        _i([i.risk for i in inputs.impacts]), _i([kinds[i.kind] for i in inputs.impacts]),
        _i(targets), np.array([i.delay is not None for i in inputs.impacts], dtype=np.bool_),
        dk, dprm, doff, dcnt, _i([i.column for i in inputs.impacts]),
        _f([i.set_value if i.set_value is not None else 0.0 for i in inputs.impacts]),
        _f(values or [0.0]), pert_table(),
    )


def _delay_rows(net: Network) -> dict[int, int]:
    nodes = sorted({i.target for i in net.inputs.impacts if i.kind == "node"})
    return {node: k for k, node in enumerate(nodes)}


def pack(net: Network) -> Packed:
    """The kernel's arrays of a compiled network."""
    rows = np.full(net.n_nodes, -1, dtype=np.int64)
    for node, k in _delay_rows(net).items():
        rows[node] = k
    cr_ptr, cr_dl = [0], []
    for _, _, deadlines, _ in net.criteria:
        cr_dl.extend(deadlines)
        cr_ptr.append(len(cr_dl))
    dls = net.deadlines
    order = net.order
    fixed = ~np.isnan(net.fixed[order])
    head = (
        net.order, net.fixed, net.actual, net.in_ptr, net.in_edge, net.edge_src,
        net.edge_const, rows, _i([d.source for d in dls]), _i([d.target for d in dls]),
        _f([d.limit for d in dls]), np.array([d.kind == "order" for d in dls], dtype=np.bool_),
        _i([d.edge for d in dls]), _i(cr_ptr), _i(cr_dl), net.key_nodes,
        # 16: (edge, risk) of each conditional edge; 17: each deadline's branch risk
        # (-1: none), empty when no risk has a branch
        np.array(net.gates, dtype=np.int64).reshape(len(net.gates), 2),
        _i(net.deadline_gate),
        order[fixed], order[~fixed], net.edge_src[net.in_edge],
    )
    return Packed(net.inputs.n_columns, _inputs(net), head)
