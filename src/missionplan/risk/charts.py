"""Pictures of a run: histogram, S-curve and tornado per key date, as PNG and SVG.

Files are written to a temporary name and renamed, so a folder never holds a
half-written chart.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from .results import EventDates, RiskResult, as_date

__all__ = ["write_charts"]


def write_charts(result: RiskResult, folder: Path | str) -> list[Path]:
    """Write a histogram and an S-curve of each key date, and a tornado; return the files."""
    import matplotlib

    matplotlib.use("Agg")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for key in result.key_events:
        event = result.event(key)
        written += _save(_histogram(result, event), out / f"{key}-histogram")
        written += _save(_s_curve(result, event), out / f"{key}-s-curve")
    if result.sensitivity and (result.deadlines or result.criteria):
        written += _save(_tornado(result), out / "tornado")
    return written


def _figure() -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4), dpi=100)
    return fig, fig.add_subplot()


def _axis_label(result: RiskResult) -> str:
    if result.reference is None:
        return "days from the plan's start"
    return f"days from {result.reference.isoformat()}"


def _centres(event: EventDates) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    hist = np.array(event.histogram, dtype=float)
    centres = event.bin_start + (np.arange(len(hist)) + 0.5) * event.bin_width
    used = np.nonzero(hist)[0]
    lo, hi = (used[0], used[-1] + 1) if len(used) else (0, len(hist))
    return centres[lo:hi], hist[lo:hi]


def _title(result: RiskResult, event: EventDates) -> str:
    p50 = event.days["P50"]
    when = (as_date(result.reference, p50).isoformat() if result.reference
            else f"day {p50:.0f}")
    return f"{event.label} (P50 {when})"


def _histogram(result: RiskResult, event: EventDates) -> Any:
    fig, ax = _figure()
    x, h = _centres(event)
    edges = np.append(x - event.bin_width / 2, x[-1] + event.bin_width / 2) if len(x) else [0, 1]
    ax.stairs(h / max(h.sum(), 1), edges, fill=True, color="#4a78a8")
    ax.set_xlabel(_axis_label(result))
    ax.set_ylabel("share of worlds")
    ax.set_title(_title(result, event))
    return fig


def _s_curve(result: RiskResult, event: EventDates) -> Any:
    fig, ax = _figure()
    x, h = _centres(event)
    ax.plot(x, np.cumsum(h) / max(h.sum(), 1), color="#4a78a8")
    for key in ("P50", "P80"):
        ax.axvline(event.days[key], color="#999999", linestyle="--", linewidth=0.8)
    ax.set_ylim(0, 1)
    ax.set_xlabel(_axis_label(result))
    ax.set_ylabel("probability of happening by then")
    ax.set_title(_title(result, event))
    return fig


def _tornado(result: RiskResult, *, top: int = 10) -> Any:
    fig, ax = _figure()
    movers = [s for s in result.drivers if s.swing][:top][::-1]
    for i, s in enumerate(movers):
        _, (lo, hi) = max(s.swing.items(), key=lambda kv: abs(kv[1][1] - kv[1][0]))
        ax.barh(i, hi - lo, left=lo, color="#b04a3a" if hi < lo else "#4a78a8")
    ax.set_yticks(range(len(movers)), [s.label[:30] for s in movers], fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability of meeting it: input low → high")
    ax.set_title("What moves the odds most")
    fig.tight_layout()
    return fig


def _save(fig: Any, stem: Path) -> list[Path]:
    paths = []
    for ext in ("png", "svg"):
        target = stem.with_suffix(f".{ext}")
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=f".{ext}")
        os.close(fd)
        try:
            fig.savefig(tmp, format=ext)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        paths.append(target)
    return paths
