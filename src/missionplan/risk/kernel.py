"""The compiled scalar functions of a world: its random numbers and quantile functions.

Every function here is compiled by numba (``cache=True``; ``nogil=True`` so worker
threads run in parallel); the small ones are inlined where they are called, since a
call with array arguments costs more than the arithmetic. A world's uniform numbers
come from a counter-based hash (SplitMix64) of the input's key and the world's
index, so they depend only on the seed and the world's position, never on the chunk
or the worker that ran it. The pass over worlds is in :mod:`worlds`.
"""

from __future__ import annotations

import math
from typing import Any

import numba
import numpy as np

__all__ = ["BINS", "EPS", "PERT_COLS", "PERT_ROWS", "inline", "jit", "ndtri", "pert_standard",
           "quantile", "uniform"]

BINS = 512
EPS = 1e-9
PERT_ROWS, PERT_COLS = 49, 4096
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
    return pert_standard(u, prm[k, 2], prm[k, 3], prm[k, 4], prm[k, 5], table)


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
