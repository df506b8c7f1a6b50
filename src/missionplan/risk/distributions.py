"""Uncertain quantities as numbers: days from durations, and quantile functions.

Every uncertain input of a sampled world is driven by one uniform number
``u`` in ``[0, 1)``; its value is the distribution's quantile at ``u``. That
keeps sampling, correlation (a Gaussian copula moves the ``u``) and
sensitivity (an input is "low" when its ``u`` is low) in one currency.

Durations are turned into days here. A span with months counts calendar days
when the event it counts from has a date; otherwise it takes its safe day
count from :meth:`Duration.day_bounds`: the longest for durations and least
bounds (which push events later), the shortest for greatest bounds (which make
deadlines tighter), so the odds are never flattered.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special

from ..errors import MissionplanError
from ..model import DistributionKind, Duration, UncertainDuration, parse_duration
from ..model.duration import DurationError

__all__ = [
    "KIND_CODES",
    "RiskInputError",
    "Spec",
    "check_probability",
    "driver_spec",
    "duration_days",
    "kind_code",
    "params",
    "pert_standard",
    "pert_table",
    "quantiles",
    "scalar_quantile",
    "spec_from_duration",
]

FloatArray = npt.NDArray[np.float64]
AnyFloats = npt.NDArray[np.floating[Any]]

KIND_CODES: dict[str, int] = {"fixed": 0, "uniform": 1, "triangular": 2, "pert": 3,
                              "lognormal": 4, "empirical": 5}
_Z90 = 1.2815515655446004  # the standard normal's 90th percentile


class RiskInputError(MissionplanError):
    """Risk data that cannot be sampled; ``code`` says which rule it breaks."""

    code = "risk-input"


@dataclass(frozen=True, slots=True)
class Spec:
    """One distribution in days: kind and parameters (a, b, c) or observed values."""

    kind: str
    a: float = 0.0
    b: float = 0.0
    c: float = 0.0
    values: tuple[float, ...] = ()

    @property
    def uncertain(self) -> bool:
        if self.kind == "fixed":
            return False
        if self.kind == "empirical":
            return len(set(self.values)) > 1
        if self.kind == "lognormal":
            return self.c > 0
        return self.c > self.a if self.kind != "uniform" else self.b > self.a

    @property
    def value(self) -> float:
        """The one value of a distribution that is not uncertain."""
        if self.kind == "lognormal":
            return math.exp(self.a)
        if self.kind == "empirical":
            return self.values[0]
        return self.a


def duration_days(d: Duration | str, start: date | None, *, longest: bool) -> float:
    """Days a span covers: calendar days from ``start`` if known, else its safe count."""
    if isinstance(d, str):
        d = parse_duration(d)
    if not d.is_calendar:
        return d.days + d.hours / 24
    if start is not None:
        return float(d.days_from(start))
    lo, hi = d.day_bounds()
    return float(hi if longest else lo)


def spec_from_duration(u: UncertainDuration, start: date | None, where: str) -> Spec:
    """The distribution of an uncertain duration in days; clear errors for bad parameters."""
    kind = u.distribution.value if isinstance(u.distribution, DistributionKind) else str(
        u.distribution)
    if kind not in KIND_CODES:
        raise RiskInputError(f"{where}: unknown distribution '{kind}'", code="risk-distribution")

    def days(field: str) -> float:
        value = getattr(u, field)
        if value is None:
            raise RiskInputError(f"{where}: a {kind} duration needs '{field}'",
                                 code="risk-distribution")
        try:
            return duration_days(value, start, longest=True)
        except DurationError as exc:
            raise RiskInputError(f"{where}.{field}: {exc}", code="risk-distribution") from None

    spec = _spec(kind, u, days, where)
    _check(spec, where)
    return spec


def _spec(kind: str, u: UncertainDuration, days: Callable[[str], float], where: str) -> Spec:
    if kind == "fixed":
        return Spec("fixed", days("likely"))
    if kind == "uniform":
        return Spec("uniform", days("min"), days("max"), days("max"))
    if kind in ("triangular", "pert"):
        return Spec(kind, days("min"), days("likely"), days("max"))
    if kind == "lognormal":
        median, p90 = days("median"), days("p90")
        if median <= 0:
            raise RiskInputError(f"{where}: a lognormal duration needs a median above zero, "
                                 f"got {median:g} days", code="risk-distribution")
        sigma = (math.log(p90) - math.log(median)) / _Z90 if p90 > 0 else -1.0
        return Spec("lognormal", math.log(median), 0.0, sigma)
    if not u.values:
        raise RiskInputError(f"{where}: an empirical duration needs at least one observed "
                             "value in 'values'", code="risk-distribution")
    try:
        observed = tuple(sorted(duration_days(v, None, longest=True) for v in u.values))
    except DurationError as exc:
        raise RiskInputError(f"{where}.values: {exc}", code="risk-distribution") from None
    return Spec("empirical", observed[0], 0.0, observed[-1], observed)


def _check(spec: Spec, where: str) -> None:
    if spec.kind == "lognormal":
        if spec.c < 0:
            raise RiskInputError(f"{where}: a lognormal duration needs p90 at or above its "
                                 "median", code="risk-distribution")
        return
    lo = min(spec.values) if spec.values else spec.a
    if lo < 0:
        raise RiskInputError(f"{where}: a duration cannot be negative ({lo:g} days)",
                             code="risk-distribution")
    if spec.kind == "uniform" and spec.a > spec.b:
        raise RiskInputError(f"{where}: min ({spec.a:g} days) is greater than max "
                             f"({spec.b:g} days)", code="risk-distribution")
    if spec.kind in ("triangular", "pert") and not spec.a <= spec.b <= spec.c:
        raise RiskInputError(f"{where}: needs min <= likely <= max, got {spec.a:g}, "
                             f"{spec.b:g}, {spec.c:g} days", code="risk-distribution")


def driver_spec(low: float, likely: float, high: float, shape: str, where: str) -> Spec:
    """A driver's multiplier: triangular by default, or uniform / PERT when asked."""
    if not (0 < low <= likely <= high) or not all(map(math.isfinite, (low, likely, high))):
        raise RiskInputError(f"{where}: driver factors must satisfy 0 < low <= likely <= "
                             f"high, got {low:g}, {likely:g}, {high:g}", code="risk-driver")
    if shape not in ("triangular", "uniform", "pert"):
        raise RiskInputError(f"{where}: a driver's factor is triangular, uniform or pert, "
                             f"not {shape}", code="risk-driver")
    return Spec(shape, low, high if shape == "uniform" else likely, high)


def check_probability(p: float, where: str) -> float:
    """A risk's probability, refused unless it lies in [0, 1]."""
    if not (isinstance(p, int | float) and 0.0 <= p <= 1.0):
        raise RiskInputError(f"{where}: a probability lies between 0 and 1, got {p}",
                             code="risk-probability")
    return float(p)


# -- quantile functions: the compiled kernel's, over arrays or one number ----------------------

def kind_code(spec: Spec) -> int:
    """The kernel's code of a distribution's kind."""
    return KIND_CODES[spec.kind]


def params(spec: Spec) -> tuple[float, float, float, float, float, float]:
    """The kernel's six parameters of a distribution (see ``kernel.quantile``), with every
    division done once here."""
    from .kernel import PERT_COLS, PERT_ROWS

    k, a, b, c = spec.kind, spec.a, spec.b, spec.c
    if k in ("fixed", "lognormal", "empirical"):
        return (a, c, 0.0, 0.0, 0.0, 0.0)
    if k == "uniform":
        return (a, b - a, 0.0, 0.0, 0.0, 0.0)
    span = c - a
    safe = span if span > 0 else 1.0
    if k == "triangular":
        return (a, c, (b - a) / safe, span * (b - a), span * (c - b), 0.0)
    alpha = 1.0 + 4.0 * (b - a) / safe
    fa = (alpha - 1.0) / 4.0 * (PERT_ROWS - 1)
    i = min(max(int(fa), 0), PERT_ROWS - 2)
    return (a, span, float(i * (PERT_COLS + 1)), fa - i, 1.0 / alpha, 1.0 / (6.0 - alpha))


def scalar_quantile(spec: Spec, u: float) -> float:
    """The value at one uniform number ``u``: the kernel's function, run as Python."""
    from . import kernel

    prm = np.array([params(spec)], dtype=np.float64)
    return float(kernel.quantile.py_func(KIND_CODES[spec.kind], prm, 0, spec.values, 0,
                                         len(spec.values), float(u), pert_table()))


def quantiles(spec: Spec, u: AnyFloats) -> FloatArray:
    """The values at the uniform numbers ``u`` (one per sample)."""
    flat = np.asarray(u, dtype=np.float64).ravel()
    out = np.array([scalar_quantile(spec, x) for x in flat.tolist()], dtype=np.float64)
    return out.reshape(np.shape(u))


# PERT is a beta distribution with alpha + beta = 6, a one-parameter family. Its exact
# inverse (scipy's betaincinv) costs about 10 µs a number, so the quantile is read from a
# table over alpha and u, built once from the forward CDF, with bilinear interpolation
# (error about 1e-4 of the range in 999 of 1000 draws); in the outermost cells, where the
# curve is steep, a power law through the nearest inner point (the beta CDF's leading term).
@functools.cache
def pert_table() -> FloatArray:
    """The table, flat: row i (alpha = 1 + 4 i / 48) holds the quantile at u = j / 4096."""
    from .kernel import PERT_COLS, PERT_ROWS

    alphas = np.linspace(1.0, 5.0, PERT_ROWS)[:, None]
    x = 0.5 - 0.5 * np.cos(np.pi * np.linspace(0.0, 1.0, 2049))
    cdf = special.betainc(alphas, 6.0 - alphas, x[None, :])
    grid = np.linspace(0.0, 1.0, PERT_COLS + 1)
    table = np.stack([np.interp(grid, row, x) for row in cdf]).ravel()
    table.setflags(write=False)
    return table


def pert_standard(alpha: AnyFloats, u: AnyFloats) -> FloatArray:
    """The quantile at ``u`` of the beta(alpha, 6 - alpha) distribution on [0, 1]."""
    a, x = np.broadcast_arrays(np.asarray(alpha, dtype=np.float64),
                               np.asarray(u, dtype=np.float64))
    out = [scalar_quantile(Spec("pert", 0.0, (p - 1.0) / 4.0, 1.0), q)
           for p, q in zip(a.ravel().tolist(), x.ravel().tolist(), strict=True)]
    return np.array(out, dtype=np.float64).reshape(a.shape)
