"""Sampling worlds: the uniform numbers of each block, and the edge weights they imply.

Samples come in blocks of :data:`BLOCK`; block ``k`` draws from its own
Philox stream seeded by ``SeedSequence(seed, spawn_key=(k,))``. A chunk is a
run of whole blocks, so the numbers of every sample depend only on the seed
and the sample's position, never on chunk size or on which worker ran it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from .distributions import AnyFloats, FloatArray, quantile_rows, quantiles
from .inputs import Inputs
from .network import Network

__all__ = ["BLOCK", "Uniforms", "World", "block_uniforms", "occurrences", "realise", "uniforms"]

BLOCK = 128
_CACHE_ELEMENTS = 1 << 16
Uniforms = npt.NDArray[np.float32]
_BELOW_ONE = float(np.nextafter(np.float32(1.0), np.float32(0.0)))


def block_uniforms(inputs: Inputs, seed: int, block: int) -> Uniforms:
    """The uniform numbers of one block: one row per input, one column per sample.

    Single precision (steps of 2**-24) halves the cost of drawing and storing them;
    every use converts them to double precision first.
    """
    rng = np.random.Generator(np.random.Philox(np.random.SeedSequence(seed,
                                                                      spawn_key=(block,))))
    u = rng.random((inputs.n_columns, BLOCK), dtype=np.float32)
    if inputs.correlated:
        z = rng.standard_normal((len(inputs.correlated), BLOCK))
        u[inputs.correlated] = np.minimum(special.ndtr(inputs.cholesky @ z), _BELOW_ONE)
    return u


def uniforms(inputs: Inputs, seed: int, first_block: int, n_blocks: int) -> Uniforms:
    """The uniform numbers of consecutive blocks, side by side."""
    parts = [block_uniforms(inputs, seed, b) for b in range(first_block,
                                                             first_block + n_blocks)]
    if not parts:
        return np.zeros((inputs.n_columns, 0), dtype=np.float32)
    return np.concatenate(parts, axis=1)


@dataclass(slots=True)
class World:
    """A chunk of sampled worlds: edge weights, event delays, deadline limits."""

    weights: FloatArray                    # (edges, samples)
    delay_nodes: npt.NDArray[np.int64]     # nodes that risks may delay
    delays: FloatArray                     # (len(delay_nodes), samples)
    limits: FloatArray                     # (deadlines, samples)
    occurs: npt.NDArray[np.bool_]          # (risks, samples)


def occurrences(inputs: Inputs, u: AnyFloats) -> npt.NDArray[np.bool_]:
    """Which risks occur in each sample."""
    out = np.zeros((len(inputs.risks), u.shape[1]), dtype=bool)
    for i, risk in enumerate(inputs.risks):
        own = (1.0 - u[inputs.drivers[risk.driver].column] if risk.driver >= 0
               else u[risk.column])
        out[i] = own < risk.probability
    return out


def realise(net: Network, u: AnyFloats, *,
            occurs: npt.NDArray[np.bool_] | None = None) -> World:
    """Turn uniform numbers into the weights of each world (``occurs`` may force risks)."""
    inputs = net.inputs
    c = u.shape[1]
    weights = np.empty((net.n_edges, c))
    plain = net.plain_edges()
    weights[plain] = net.edge_const[plain, None]
    rows = max(1, _CACHE_ELEMENTS // max(c, 1))   # a block's temporaries stay in cache
    for g in inputs.groups:
        for r0 in range(0, len(g.edges), rows):
            part = slice(r0, r0 + rows)
            weights[g.edges[part]] = quantile_rows(g.kind, g.a[part], g.b[part], g.c[part],
                                                   u[g.columns[part]])
    for act in inputs.empirical:
        weights[act.edge] = quantiles(act.spec, u[act.column])
    _scale(inputs, u, weights)
    occ = occurrences(inputs, u) if occurs is None else occurs
    delay_nodes = np.array(sorted({i.target for i in inputs.impacts if i.kind == "node"}),
                           dtype=np.int64)
    delays = np.zeros((len(delay_nodes), c))
    limits = np.repeat(np.array([d.limit for d in net.deadlines])[:, None], c, axis=1)
    row = {int(n): k for k, n in enumerate(delay_nodes)}
    for imp in inputs.impacts:
        hit = occ[imp.risk]
        if imp.delay is not None:
            value = quantiles(imp.delay, u[imp.column]) if imp.column >= 0 else np.full(
                c, imp.delay.a)
            added = np.where(hit, value, 0.0)
            if imp.kind == "edge":
                weights[imp.target] += added
            else:
                delays[row[imp.target]] += added
        elif imp.kind == "edge":
            weights[imp.target] = np.where(hit, imp.set_value, weights[imp.target])
        else:
            limits[imp.target] = np.where(hit, imp.set_value, limits[imp.target])
    return World(weights, delay_nodes, delays, limits.reshape(len(net.deadlines), c), occ)


def _scale(inputs: Inputs, u: AnyFloats, weights: FloatArray) -> None:
    scaled = [a for a in inputs.activities if a.driver >= 0]
    if not scaled:
        return
    factors = np.stack([quantiles(d.spec, u[d.column]) for d in inputs.drivers])
    edges = np.array([a.edge for a in scaled], dtype=np.int64)
    which = np.array([a.driver for a in scaled], dtype=np.int64)
    weights[edges] *= factors[which]
