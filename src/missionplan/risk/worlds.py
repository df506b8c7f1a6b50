"""The compiled pass over worlds, a few side by side: sample, propagate, judge and count.

(Sampling and propagation always compute all :data:`LANES` worlds, so their loops have a
fixed trip count the compiler vectorises; past the chunk's end the extra worlds are
computed but never counted.)

Worlds go through in groups of :data:`LANES`: every per-input, per-edge and
per-event array holds the group's worlds next to each other, so an edge's
indices and parameters are read once for the group and one cache line serves
every world of it. Each world's arithmetic is exactly the plain
implementation's; nothing is shared between worlds but the loop.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .kernel import BINS, EPS, PERT_COLS, STEP, jit, ndtri, pert_standard, quantile, uniform

__all__ = ["BLOCK_WORLDS", "LANES", "inputs_of", "run"]

LANES = 4
BLOCK_WORLDS = 64   # worlds whose histogram bins are counted together (a multiple of LANES)
_SQRT2 = math.sqrt(2.0)


@jit
def _draw(s0: int, nl: int, keys: Any, corr: Any, chol: Any, z: Any, u: Any) -> None:
    """Every input's number in worlds ``s0 .. s0 + nl - 1``; correlated ones by the copula."""
    for col in range(keys.shape[0]):
        for lane in range(LANES):
            u[col, lane] = uniform(keys[col], s0 + lane)
    m = corr.shape[0]
    for lane in range(LANES):
        for j in range(m):
            z[j] = ndtri(u[corr[j], lane])
        for j in range(m):
            acc = 0.0
            for k in range(j + 1):
                acc += chol[j, k] * z[k]
            v = 0.5 * math.erfc(-acc / _SQRT2)
            u[corr[j], lane] = min(max(v, STEP / 2.0), 1.0 - STEP / 2.0)


@jit
def _occurs(nl: int, u: Any, inp: Any, occ: Any) -> None:
    """Which risks occur: a driven risk in the worlds where its driver is worst."""
    drv_col, risk_p, risk_col, risk_drv = inp[12], inp[13], inp[14], inp[15]
    for r in range(risk_p.shape[0]):
        d = risk_drv[r]
        for lane in range(LANES):
            own = 1.0 - u[drv_col[d], lane] if d >= 0 else u[risk_col[r], lane]
            occ[r, lane] = own < risk_p[r]


@jit
def _weights(nl: int, u: Any, inp: Any, fac: Any, w: Any, edge_const: Any) -> None:
    """Edge weights: constants, then sampled durations (scaled by their drivers)."""
    act_edge, act_kind, act_prm, act_off, act_cnt = inp[3], inp[4], inp[5], inp[6], inp[7]
    act_col, act_drv = inp[8], inp[9]
    drv_kind, drv_prm, drv_col = inp[10], inp[11], inp[12]
    values, table = inp[27], inp[28]
    for d in range(drv_kind.shape[0]):
        for lane in range(LANES):
            fac[d, lane] = quantile(drv_kind[d], drv_prm, d, values, 0, 0,
                                    u[drv_col[d], lane], table)
    for e in range(w.shape[0]):
        for lane in range(LANES):
            w[e, lane] = edge_const[e]
    width = PERT_COLS + 1
    for k in range(act_edge.shape[0]):
        # kernel.quantile, written out per kind (the same arithmetic) so the lane loops
        # have no calls and no kind test inside
        e, col, kind = act_edge[k], act_col[k], act_kind[k]
        p0, p1, p2, p3, p4 = act_prm[k, 0], act_prm[k, 1], act_prm[k, 2], act_prm[k, 3], \
            act_prm[k, 4]
        if col < 0:
            pass
        elif kind == 1:
            for lane in range(LANES):
                w[e, lane] = p0 + p1 * u[col, lane]
        elif kind == 2:
            for lane in range(LANES):
                x = u[col, lane]
                if x < p2:
                    w[e, lane] = p0 + math.sqrt(x * p3)
                else:
                    w[e, lane] = p1 - math.sqrt((1.0 - x) * p4)
        elif kind == 4:
            for lane in range(LANES):
                w[e, lane] = math.exp(p0 + p1 * ndtri(u[col, lane]))
        elif kind == 5:
            off, count = act_off[k], act_cnt[k]
            for lane in range(LANES):
                w[e, lane] = values[off + min(int(u[col, lane] * count), count - 1)]
        elif kind == 3:
            row = int(p2)
            for lane in range(LANES):
                x = u[col, lane]
                fu = x * PERT_COLS
                j = min(max(int(fu), 0), PERT_COLS - 1)
                if j == 0 or j == PERT_COLS - 1:
                    std = pert_standard(x, p2, p3, p4, act_prm[k, 5], table)
                else:
                    wu = fu - j
                    r = row + j
                    below = table[r] * (1.0 - wu) + table[r + 1] * wu
                    above = table[r + width] * (1.0 - wu) + table[r + width + 1] * wu
                    std = below * (1.0 - p3) + above * p3
                w[e, lane] = p0 + p1 * std
        else:
            for lane in range(LANES):
                w[e, lane] = p0
        drv = act_drv[k]
        if drv >= 0:
            for lane in range(LANES):
                w[e, lane] = w[e, lane] * fac[drv, lane]


@jit
def _impacts(nl: int, u: Any, occ: Any, inp: Any, w: Any, delays: Any, limits: Any) -> None:
    imp_risk, imp_kind, imp_target, imp_delay = inp[17], inp[18], inp[19], inp[20]
    imp_dkind, imp_prm, imp_off, imp_cnt = inp[21], inp[22], inp[23], inp[24]
    imp_col, imp_set, values, table = inp[25], inp[26], inp[27], inp[28]
    for q in range(imp_risk.shape[0]):
        target = imp_target[q]
        for lane in range(LANES):
            hit = occ[imp_risk[q], lane]
            if imp_delay[q]:
                value = imp_prm[q, 0]
                if imp_col[q] >= 0:
                    value = quantile(imp_dkind[q], imp_prm, q, values, imp_off[q],
                                     imp_cnt[q], u[imp_col[q], lane], table)
                added = value if hit else 0.0
                if imp_kind[q] == 0:
                    w[target, lane] += added
                else:
                    delays[target, lane] += added
            elif hit:
                if imp_kind[q] == 0:
                    w[target, lane] = imp_set[q]
                else:
                    limits[target, lane] = imp_set[q]


@jit
def _gate(occ: Any, gates: Any, w: Any) -> None:
    """A branch's edges bound nothing in the worlds where its risk does not occur."""
    for g in range(gates.shape[0]):
        e, r = gates[g, 0], gates[g, 1]
        for lane in range(LANES):
            if not occ[r, lane]:
                w[e, lane] = -math.inf


@jit
def _propagate(nl: int, net: Any, w: Any, delays: Any, t: Any, bind: Any) -> None:
    """Each event's time: the latest of its incoming bounds (first of equal maxima)."""
    fixed, actual, in_ptr, in_edge = net[1], net[2], net[3], net[4]
    delay_row, fixed_nodes, live, in_src = net[7], net[18], net[19], net[20]
    floor = net[16].shape[0] > 0     # a branch not taken can leave an event unbounded
    for v in fixed_nodes:
        r = delay_row[v]
        for lane in range(LANES):
            t[v, lane] = fixed[v]
            bind[v, lane] = -1
            if r >= 0 and not actual[v]:
                t[v, lane] += delays[r, lane]
    for v in live:
        p = in_ptr[v]
        e0, s0 = in_edge[p], in_src[p]
        for lane in range(LANES):
            t[v, lane] = t[s0, lane] + w[e0, lane]
            bind[v, lane] = e0
        for q in range(p + 1, in_ptr[v + 1]):
            e, src = in_edge[q], in_src[q]
            for lane in range(LANES):
                val = t[src, lane] + w[e, lane]
                if val > t[v, lane]:
                    t[v, lane] = val
                    bind[v, lane] = e
        if floor:
            for lane in range(LANES):
                if t[v, lane] == -math.inf:
                    t[v, lane] = 0.0
                    bind[v, lane] = -1
        r = delay_row[v]
        if r >= 0:
            for lane in range(LANES):
                t[v, lane] += delays[r, lane]


@jit
def _met(nl: int, net: Any, w: Any, t: Any, limits: Any, occ: Any, met: Any) -> None:
    """Each deadline and criterion: met in each world? (A deadline on a branch not taken
    is not missed.)"""
    fixed, in_ptr, in_edge, edge_src = net[1], net[3], net[4], net[5]
    dl_src, dl_dst, dl_order, dl_edge = net[8], net[9], net[11], net[12]
    cr_ptr, cr_dl, dl_gate = net[13], net[14], net[17]
    ndl = dl_src.shape[0]
    for d in range(ndl):
        src, dst, own = dl_src[d], dl_dst[d], dl_edge[d]
        for lane in range(LANES):
            if not dl_order[d]:
                met[d, lane] = (t[dst, lane] - t[src, lane]) <= limits[d, lane] + EPS
                continue
            least = w[own, lane]
            if not math.isnan(fixed[dst]):
                met[d, lane] = (t[dst, lane] - t[src, lane]) >= least - EPS
                continue
            rest = -math.inf
            seen = False
            for p in range(in_ptr[dst], in_ptr[dst + 1]):
                e = in_edge[p]
                if e != own:
                    val = t[edge_src[e], lane] + w[e, lane]
                    if not seen or val > rest:
                        rest = val
                        seen = True
            met[d, lane] = (not seen) or t[src, lane] + least <= rest + EPS
        if dl_gate.shape[0] > 0 and dl_gate[d] >= 0:
            for lane in range(LANES):
                met[d, lane] = met[d, lane] or not occ[dl_gate[d], lane]
    for c in range(cr_ptr.shape[0] - 1):
        for lane in range(LANES):
            ok = True
            for p in range(cr_ptr[c], cr_ptr[c + 1]):
                ok = ok and met[cr_dl[p], lane]
            met[ndl + c, lane] = ok


@jit
def _bin(nl: int, row: int, net: Any, t: Any, kb: Any, out: Any) -> None:
    """The worlds' histogram bins of every event (counted a block at a time), and the
    running minima and maxima."""
    lo, scale = net[21], net[22]
    tmin, tmax = out[1], out[2]
    for v in range(t.shape[0]):
        low, high, base, step = tmin[v], tmax[v], lo[v], scale[v]
        for lane in range(nl):
            x = t[v, lane]
            low = min(low, x)
            high = max(high, x)
            z = (x - base) * step
            kb[row + lane, v] = BINS - 1 if z >= BINS - 1 else (int(z) if z > 0 else 0)
        tmin[v] = low
        tmax[v] = high


@jit
def _histogram(kb: Any, nb: int, hist: Any) -> None:
    """Count a block of worlds' bins event by event (each histogram row fetched once)."""
    for v in range(kb.shape[1]):
        for b in range(nb):
            hist[v, kb[b, v]] += 1


@jit
def _count(nl: int, net: Any, bind: Any, met: Any, out: Any) -> None:
    edge_src, keys = net[5], net[15]
    met_n, critical = out[3], out[4]
    for j in range(met.shape[0]):
        for lane in range(nl):
            met_n[j] += met[j, lane]
    for k in range(keys.shape[0]):
        for lane in range(nl):
            v = keys[k]
            while bind[v, lane] >= 0:
                e = bind[v, lane]
                critical[k, e] += 1
                v = edge_src[e]


@jit
def _subjects(nl: int, u: Any, occ: Any, col_risk: Any, met: Any, out: Any) -> None:
    """Per input: worlds where it is low (high), and the targets met in them."""
    low_n, high_n, low_met, high_met = out[5], out[6], out[7], out[8]
    for col in range(u.shape[0]):
        r = col_risk[col]
        for lane in range(nl):
            low = (not occ[r, lane]) if r >= 0 else u[col, lane] <= 0.1
            high = occ[r, lane] if r >= 0 else u[col, lane] >= 0.9
            if low:
                low_n[col] += 1
                for j in range(met.shape[0]):
                    low_met[col, j] += met[j, lane]
            if high:
                high_n[col] += 1
                for j in range(met.shape[0]):
                    high_met[col, j] += met[j, lane]


@jit
def run(first: int, n: int, inp: Any, net: Any, given_u: Any, given_occ: Any, out: Any,
        rec_nodes: Any, rec_t: Any, rec_met: Any) -> None:
    """Sample, propagate and count worlds ``first .. first + n - 1`` into ``out``.

    ``given_u`` (inputs × n) and ``given_occ`` (risks × n; -1: as drawn) replace the
    drawn numbers when they have columns. The first ``rec_t.shape[1]`` worlds' times of
    ``rec_nodes`` and the first ``rec_met.shape[1]`` worlds' deadline and criterion
    outcomes are recorded.
    """
    keys, corr, chol, col_risk = inp[0], inp[1], inp[2], inp[16]
    n_nodes, n_edges, n_risks = net[1].shape[0], net[6].shape[0], inp[13].shape[0]
    u = np.empty((keys.shape[0], LANES))
    z = np.empty(corr.shape[0])
    fac = np.empty((inp[12].shape[0], LANES))
    occ = np.zeros((n_risks, LANES), dtype=np.bool_)
    w = np.empty((n_edges, LANES))
    t = np.empty((n_nodes, LANES))
    kb = np.empty((BLOCK_WORLDS, n_nodes), dtype=np.int16)
    bind = np.empty((n_nodes, LANES), dtype=np.int64)
    delays = np.zeros((max(int(net[7].max()) + 1, 1), LANES))
    limits = np.empty((net[10].shape[0], LANES))
    met = np.zeros((net[8].shape[0] + net[13].shape[0] - 1, LANES), dtype=np.bool_)
    for i in range(0, n, LANES):
        nl = min(LANES, n - i)
        if given_u.shape[1] > 0:
            u[:, :nl] = given_u[:, i:i + nl]
        else:
            _draw(first + i, nl, keys, corr, chol, z, u)
        _weights(nl, u, inp, fac, w, net[6])
        _occurs(nl, u, inp, occ)
        if given_occ.shape[1] > 0:
            for r in range(n_risks):
                for lane in range(nl):
                    if given_occ[r, i + lane] >= 0:
                        occ[r, lane] = given_occ[r, i + lane] == 1
        delays[:] = 0.0
        for d in range(limits.shape[0]):
            limits[d, :] = net[10][d]
        _impacts(nl, u, occ, inp, w, delays, limits)
        _gate(occ, net[16], w)
        _propagate(nl, net, w, delays, t, bind)
        _met(nl, net, w, t, limits, occ, met)
        _bin(nl, i % BLOCK_WORLDS, net, t, kb, out)
        _count(nl, net, bind, met, out)
        _subjects(nl, u, occ, col_risk, met, out)
        if (i + nl) % BLOCK_WORLDS == 0 or i + nl == n:
            _histogram(kb, (i % BLOCK_WORLDS) + nl, out[0])
        for lane in range(nl):
            if i + lane < rec_t.shape[1]:
                for q in range(rec_nodes.shape[0]):
                    rec_t[q, i + lane] = t[rec_nodes[q], lane]
            if i + lane < rec_met.shape[1]:
                for j in range(met.shape[0]):
                    rec_met[j, i + lane] = met[j, lane]


@jit
def inputs_of(first: int, n: int, inp: Any, x: Any) -> None:
    """Each input's uniform number in worlds ``first ..`` (a risk's: whether it occurs)."""
    keys, corr, chol, risk_col = inp[0], inp[1], inp[2], inp[14]
    u = np.empty((keys.shape[0], LANES))
    z = np.empty(corr.shape[0])
    occ = np.zeros((inp[13].shape[0], LANES), dtype=np.bool_)
    for i in range(0, n, LANES):
        nl = min(LANES, n - i)
        _draw(first + i, nl, keys, corr, chol, z, u)
        _occurs(nl, u, inp, occ)
        for col in range(keys.shape[0]):
            for lane in range(nl):
                x[col, i + lane] = u[col, lane]
        for r in range(occ.shape[0]):
            for lane in range(nl):
                x[risk_col[r], i + lane] = 1.0 if occ[r, lane] else 0.0
