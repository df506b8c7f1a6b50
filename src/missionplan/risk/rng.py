"""The random numbers of every world, in plain Python: a counter-based hash.

Input ``col`` of sample ``s`` is ``(k + 1/2) / 2**24`` where ``k`` is the top 24
bits of SplitMix64 at counter ``s + 1`` of the column's stream, whose key is a
hash of the seed and the column. A number therefore depends only on the seed,
the input and the sample's position, never on chunking or workers. The compiled
kernel computes the same numbers (``kernel.uniform``); the plain implementation and
the tests use these.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["GOLDEN", "column_key", "column_keys", "mix", "uniform"]

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
_MIX1 = 0xBF58476D1CE4E5B9
_MIX2 = 0x94D049BB133111EB


def mix(z: int) -> int:
    """SplitMix64's output function (a bijection of 64-bit integers)."""
    z = ((z ^ (z >> 30)) * _MIX1) & MASK
    z = ((z ^ (z >> 27)) * _MIX2) & MASK
    return z ^ (z >> 31)


def column_keys(seed: int, n: int) -> npt.NDArray[np.uint64]:
    """The stream key of each of ``n`` inputs under ``seed`` (numpy's uint64 arithmetic
    wraps like ``& MASK``; :func:`column_key` is the same for one input)."""
    base = np.uint64(mix((seed + GOLDEN) & MASK))
    z = (np.arange(n, dtype=np.uint64) ^ base) + np.uint64(GOLDEN)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(_MIX1)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(_MIX2)
    out: npt.NDArray[np.uint64] = z ^ (z >> np.uint64(31))
    return out


def column_key(seed: int, c: int) -> int:
    """The stream key of input ``c`` under ``seed``, in Python integers."""
    return mix(((mix((seed + GOLDEN) & MASK) ^ c) + GOLDEN) & MASK)


def uniform(key: int, s: int) -> float:
    """The uniform number of sample ``s`` in the stream ``key``."""
    z = mix((key + (s + 1) * GOLDEN) & MASK)
    return ((z >> 40) + 0.5) * 2.0 ** -24
