"""The compiled per-sample kernel: one world after another, counted as it goes.

Every function here is compiled by numba (``cache=True``, ``nogil=True`` so worker
threads run in parallel). A world's uniform numbers come from a counter-based hash
(SplitMix64) of the column's key and the sample's index, so a sample's numbers depend
only on the seed and its position: never on the chunk or the worker that ran it.
The working set of one world (its edge weights and event times) stays in cache;
nothing grows with the number of samples.
"""

from __future__ import annotations

import math
from typing import Any

import numba
import numpy as np

__all__ = ["BINS", "EPS", "PERT_COLS", "PERT_ROWS", "draw", "ndtri", "quantile", "run"]

BINS = 512
EPS = 1e-9
PERT_ROWS, PERT_COLS = 49, 4096
BLOCK_WORLDS = 64   # worlds whose histogram bins are counted together
GOLDEN = 0x9E3779B97F4A7C15
MIX1 = 0xBF58476D1CE4E5B9
MIX2 = 0x94D049BB133111EB
STEP = 2.0 ** -24
_SQRT2 = math.sqrt(2.0)
# Acklam's rational approximation of the normal quantile
_A = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
_B = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00)
_P_LOW = 0.02425

jit = numba.njit(cache=True, nogil=True)
inline = numba.njit(cache=True, nogil=True, inline="always")   # small, called per number


@inline
def uniform(key: Any, s: int) -> float:
    """The uniform number of sample ``s`` in the stream ``key``: (k + 1/2) / 2**24."""
    z = key + np.uint64(s + 1) * np.uint64(GOLDEN)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(MIX1)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(MIX2)
    z = z ^ (z >> np.uint64(31))
    return (float(z >> np.uint64(40)) + 0.5) * STEP


@inline
def _tail(q: float) -> float:
    c, d = _C, _D
    return ((((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0))


@inline
def ndtri(p: float) -> float:
    """The standard normal quantile (Acklam's approximation: relative error below 1.2e-9)."""
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    if p < _P_LOW:
        x = _tail(math.sqrt(-2.0 * math.log(p)))
    elif p <= 1.0 - _P_LOW:
        q = p - 0.5
        r = q * q
        a, b = _A, _B
        x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
             / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0))
    else:
        x = -_tail(math.sqrt(-2.0 * math.log(1.0 - p)))
    return x


@inline
def pert_standard(u: float, row: float, wa: float, inv_a: float, inv_b: float,
                  table: Any) -> float:
    """Beta(alpha, 6 - alpha) quantile on [0, 1] from the table (bilinear between the rows
    starting at ``row`` and ``row + 4097``, weight ``wa``); in the outermost cells a power
    law (exponent ``inv_a`` = 1/alpha, ``inv_b`` = 1/(6 - alpha)) through the nearest
    inner point."""
    width = PERT_COLS + 1
    fu = u * PERT_COLS
    j = min(max(int(fu), 0), PERT_COLS - 1)
    r = int(row)
    if j == 0:
        x1: float = table[r + 1] * (1.0 - wa) + table[r + width + 1] * wa
        return x1 * math.pow(fu, inv_a)
    if j == PERT_COLS - 1:
        y1: float = 1.0 - (table[r + j] * (1.0 - wa) + table[r + width + j] * wa)
        return 1.0 - y1 * math.pow((1.0 - u) * PERT_COLS, inv_b)
    wu = fu - j
    r += j
    below: float = table[r] * (1.0 - wu) + table[r + 1] * wu
    above: float = table[r + width] * (1.0 - wu) + table[r + width + 1] * wu
    return below * (1.0 - wa) + above * wa


@inline
def _pert(u: float, prm: Any, k: int, table: Any) -> float:
    width = PERT_COLS + 1
    wa: float = prm[k, 3]
    fu = u * PERT_COLS
    j = min(max(int(fu), 0), PERT_COLS - 1)
    r = int(prm[k, 2])
    if j == 0 or j == PERT_COLS - 1:
        return pert_standard(u, prm[k, 2], wa, prm[k, 4], prm[k, 5], table)
    wu = fu - j
    r += j
    below: float = table[r] * (1.0 - wu) + table[r + 1] * wu
    above: float = table[r + width] * (1.0 - wu) + table[r + width + 1] * wu
    return below * (1.0 - wa) + above * wa


@inline
def quantile(kind: int, prm: Any, k: int, values: Any, off: int, count: int, u: float,
             table: Any) -> float:
    """The value at ``u`` of a distribution: kind codes as in distributions.KIND_CODES,
    parameters ``prm[k]`` as distributions.params gives them."""
    if kind == 0:
        return float(prm[k, 0])
    if kind == 1:
        return float(prm[k, 0] + prm[k, 1] * u)
    if kind == 4:
        return math.exp(prm[k, 0] + prm[k, 1] * ndtri(u))
    if kind == 5:
        value: float = values[off + min(int(u * count), count - 1)]
        return value
    if kind == 2:
        if u < prm[k, 2]:
            return float(prm[k, 0] + math.sqrt(u * prm[k, 3]))
        return float(prm[k, 1] - math.sqrt((1.0 - u) * prm[k, 4]))
    return float(prm[k, 0] + prm[k, 1] * pert_standard(u, prm[k, 2], prm[k, 3], prm[k, 4],
                                                       prm[k, 5], table))


@jit
def draw(s: int, keys: Any, corr: Any, chol: Any, z: Any, u: Any) -> None:
    """Every input's uniform number in sample ``s``; correlated ones via a Gaussian copula."""
    for col in range(keys.shape[0]):
        u[col] = uniform(keys[col], s)
    m = corr.shape[0]
    for j in range(m):
        z[j] = ndtri(u[corr[j]])
    for j in range(m):
        acc = 0.0
        for k in range(j + 1):
            acc += chol[j, k] * z[k]
        v = 0.5 * math.erfc(-acc / _SQRT2)
        u[corr[j]] = min(max(v, STEP / 2.0), 1.0 - STEP / 2.0)


@jit
def occurs(u: Any, drv_col: Any, risk_p: Any, risk_col: Any, risk_drv: Any, occ: Any) -> None:
    """Which risks occur: a driven risk in the worlds where its driver is worst."""
    for r in range(risk_p.shape[0]):
        d = risk_drv[r]
        own = 1.0 - u[drv_col[d]] if d >= 0 else u[risk_col[r]]
        occ[r] = own < risk_p[r]


@jit
def _weights(u: Any, inp: Any, fac: Any, w: Any, edge_const: Any) -> None:
    act_edge, act_kind, act_prm, act_off, act_cnt = inp[3], inp[4], inp[5], inp[6], inp[7]
    act_col, act_drv = inp[8], inp[9]
    drv_kind, drv_prm, drv_col = inp[10], inp[11], inp[12]
    values, table = inp[27], inp[28]
    for d in range(drv_kind.shape[0]):
        fac[d] = quantile(drv_kind[d], drv_prm, d, values, 0, 0, u[drv_col[d]], table)
    for e in range(w.shape[0]):
        w[e] = edge_const[e]
    for k in range(act_edge.shape[0]):
        e = act_edge[k]
        col = act_col[k]
        base = w[e]
        if col >= 0:   # kernel.quantile, written out: a call per number costs more than it
            x = u[col]
            kind = act_kind[k]
            if kind == 1:
                base = act_prm[k, 0] + act_prm[k, 1] * x
            elif kind == 2:
                if x < act_prm[k, 2]:
                    base = act_prm[k, 0] + math.sqrt(x * act_prm[k, 3])
                else:
                    base = act_prm[k, 1] - math.sqrt((1.0 - x) * act_prm[k, 4])
            elif kind == 4:
                base = math.exp(act_prm[k, 0] + act_prm[k, 1] * ndtri(x))
            elif kind == 5:
                base = values[act_off[k] + min(int(x * act_cnt[k]), act_cnt[k] - 1)]
            elif kind == 3:
                base = act_prm[k, 0] + act_prm[k, 1] * _pert(x, act_prm, k, table)
            else:
                base = act_prm[k, 0]
        if act_drv[k] >= 0:
            base = base * fac[act_drv[k]]
        w[e] = base


@jit
def _impacts(u: Any, occ: Any, inp: Any, w: Any, delays: Any, limits: Any) -> None:
    imp_risk, imp_kind, imp_target, imp_delay = inp[17], inp[18], inp[19], inp[20]
    imp_dkind, imp_prm, imp_off, imp_cnt = inp[21], inp[22], inp[23], inp[24]
    imp_col, imp_set, values, table = inp[25], inp[26], inp[27], inp[28]
    for q in range(imp_risk.shape[0]):
        hit = occ[imp_risk[q]]
        target = imp_target[q]
        if imp_delay[q]:
            value = imp_prm[q, 0]
            if imp_col[q] >= 0:
                value = quantile(imp_dkind[q], imp_prm, q, values, imp_off[q], imp_cnt[q],
                                 u[imp_col[q]], table)
            added = value if hit else 0.0
            if imp_kind[q] == 0:
                w[target] += added
            else:
                delays[target] += added
        elif hit:
            if imp_kind[q] == 0:
                w[target] = imp_set[q]
            else:
                limits[target] = imp_set[q]


@jit
def _propagate(net: Any, w: Any, delays: Any, t: Any, bind: Any) -> None:
    fixed, actual, in_ptr, in_edge = net[1], net[2], net[3], net[4]
    delay_row, fixed_nodes, live, in_src = net[7], net[18], net[19], net[20]
    for v in fixed_nodes:
        t[v] = fixed[v]
        bind[v] = -1
        r = delay_row[v]
        if r >= 0 and not actual[v]:
            t[v] += delays[r]
    for v in live:
        p = in_ptr[v]
        b = in_edge[p]
        best = t[in_src[p]] + w[b]
        for q in range(p + 1, in_ptr[v + 1]):
            val = t[in_src[q]] + w[in_edge[q]]
            if val > best:
                best = val
                b = in_edge[q]
        r = delay_row[v]
        if r >= 0:
            best += delays[r]
        t[v] = best
        bind[v] = b


@jit
def _met(net: Any, w: Any, t: Any, limits: Any, met: Any) -> None:
    fixed, in_ptr, in_edge, edge_src = net[1], net[3], net[4], net[5]
    dl_src, dl_dst, dl_order, dl_edge = net[8], net[9], net[11], net[12]
    cr_ptr, cr_dl = net[13], net[14]
    ndl = dl_src.shape[0]
    for d in range(ndl):
        src, dst = dl_src[d], dl_dst[d]
        if not dl_order[d]:
            met[d] = (t[dst] - t[src]) <= limits[d] + EPS
            continue
        least = w[dl_edge[d]]
        if not math.isnan(fixed[dst]):
            met[d] = (t[dst] - t[src]) >= least - EPS
            continue
        rest = -math.inf
        seen = False
        for p in range(in_ptr[dst], in_ptr[dst + 1]):
            e = in_edge[p]
            if e != dl_edge[d]:
                val = t[edge_src[e]] + w[e]
                if not seen or val > rest:
                    rest = val
                    seen = True
        met[d] = (not seen) or t[src] + least <= rest + EPS
    for c in range(cr_ptr.shape[0] - 1):
        ok = True
        for p in range(cr_ptr[c], cr_ptr[c + 1]):
            ok = ok and met[cr_dl[p]]
        met[ndl + c] = ok


@jit
def _bin(net: Any, t: Any, kb: Any, out: Any) -> None:
    """One world's histogram bin of every event (counted later, a block at a time), and
    the running minima and maxima."""
    lo, scale = net[21], net[22]
    tmin, tmax = out[1], out[2]
    for v in range(t.shape[0]):
        x = t[v]
        tmin[v] = min(tmin[v], x)
        tmax[v] = max(tmax[v], x)
        z = (x - lo[v]) * scale[v]
        kb[v] = BINS - 1 if z >= BINS - 1 else (int(z) if z > 0 else 0)


@jit
def _histogram(kb: Any, nb: int, hist: Any) -> None:
    """Count a block of worlds' bins event by event, so each event's histogram row is
    fetched once per block rather than once per world."""
    for v in range(kb.shape[1]):
        for b in range(nb):
            hist[v, kb[b, v]] += 1


@jit
def _count(net: Any, bind: Any, met: Any, out: Any) -> None:
    edge_src, keys = net[5], net[15]
    met_n, critical = out[3], out[4]
    for j in range(met.shape[0]):
        met_n[j] += met[j]
    for k in range(keys.shape[0]):
        v = keys[k]
        while bind[v] >= 0:
            e = bind[v]
            critical[k, e] += 1
            v = edge_src[e]


@jit
def _subjects(u: Any, occ: Any, col_risk: Any, met: Any, out: Any) -> None:
    low_n, high_n, low_met, high_met = out[5], out[6], out[7], out[8]
    for col in range(u.shape[0]):
        r = col_risk[col]
        low = (not occ[r]) if r >= 0 else u[col] <= 0.1
        high = occ[r] if r >= 0 else u[col] >= 0.9
        if low:
            low_n[col] += 1
            for j in range(met.shape[0]):
                low_met[col, j] += met[j]
        if high:
            high_n[col] += 1
            for j in range(met.shape[0]):
                high_met[col, j] += met[j]


@jit
def run(first: int, n: int, inp: Any, net: Any, given_u: Any, given_occ: Any, out: Any,
        rec_nodes: Any, rec_t: Any, rec_met: Any) -> None:
    """Sample, propagate and count worlds ``first .. first + n - 1`` into ``out``.

    ``given_u`` (inputs × n) and ``given_occ`` (risks × n; -1: as drawn) replace the
    drawn numbers when they have columns. The first ``rec_t.shape[1]`` worlds' times of
    ``rec_nodes`` and deadline/criterion outcomes are recorded.
    """
    keys, corr, chol = inp[0], inp[1], inp[2]
    drv_col, risk_p, risk_col, risk_drv, col_risk = inp[12], inp[13], inp[14], inp[15], inp[16]
    n_nodes, n_edges = net[1].shape[0], net[6].shape[0]
    u = np.empty(keys.shape[0])
    z = np.empty(corr.shape[0])
    fac = np.empty(drv_col.shape[0])
    occ = np.zeros(risk_p.shape[0], dtype=np.bool_)
    w = np.empty(n_edges)
    t = np.empty(n_nodes)
    kb = np.empty((BLOCK_WORLDS, n_nodes), dtype=np.int16)
    bind = np.empty(n_nodes, dtype=np.int64)
    delays = np.zeros(max(int(net[7].max()) + 1, 1))
    limits = np.empty(net[10].shape[0])
    met = np.zeros(net[8].shape[0] + net[13].shape[0] - 1, dtype=np.bool_)
    for i in range(n):
        if given_u.shape[1] > 0:
            u[:] = given_u[:, i]
        else:
            draw(first + i, keys, corr, chol, z, u)
        _weights(u, inp, fac, w, net[6])
        occurs(u, drv_col, risk_p, risk_col, risk_drv, occ)
        if given_occ.shape[1] > 0:
            for r in range(occ.shape[0]):
                if given_occ[r, i] >= 0:
                    occ[r] = given_occ[r, i] == 1
        delays[:] = 0.0
        limits[:] = net[10]
        _impacts(u, occ, inp, w, delays, limits)
        _propagate(net, w, delays, t, bind)
        _met(net, w, t, limits, met)
        _bin(net, t, kb[i % BLOCK_WORLDS], out)
        _count(net, bind, met, out)
        _subjects(u, occ, col_risk, met, out)
        if i % BLOCK_WORLDS == BLOCK_WORLDS - 1 or i == n - 1:
            _histogram(kb, i % BLOCK_WORLDS + 1, out[0])
        if i < rec_t.shape[1]:
            for q in range(rec_nodes.shape[0]):
                rec_t[q, i] = t[rec_nodes[q]]
        if i < rec_met.shape[1]:
            for j in range(met.shape[0]):
                rec_met[j, i] = met[j]


@jit
def inputs_of(first: int, n: int, inp: Any, x: Any) -> None:
    """Each input's uniform number in worlds ``first ..`` (a risk's: whether it occurs)."""
    keys, corr, chol = inp[0], inp[1], inp[2]
    drv_col, risk_p, risk_col, risk_drv = inp[12], inp[13], inp[14], inp[15]
    u = np.empty(keys.shape[0])
    z = np.empty(corr.shape[0])
    occ = np.zeros(risk_p.shape[0], dtype=np.bool_)
    for i in range(n):
        draw(first + i, keys, corr, chol, z, u)
        occurs(u, drv_col, risk_p, risk_col, risk_drv, occ)
        for col in range(u.shape[0]):
            x[col, i] = u[col]
        for r in range(occ.shape[0]):
            x[risk_col[r], i] = 1.0 if occ[r] else 0.0
