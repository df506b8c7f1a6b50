"""Each levelled resource's load and capacity over time, as PNG and SVG step charts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..levelling import Levelling, ResourceRow
from .atomic import write_atomic

__all__ = ["write_load_charts"]


def write_load_charts(result: Levelling, folder: Path | str) -> list[Path]:
    """One chart per resource in use, written whole or not at all; the files written."""
    import matplotlib

    matplotlib.use("Agg")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for row in result.resources:
        if not row.steps:
            continue
        fig = _chart(result, row)
        for ext in ("png", "svg"):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=ext)
            target = out / f"load-{row.id}.{ext}"
            write_atomic(target, buffer.getvalue())
            written.append(target)
    return written


def _chart(result: Levelling, row: ResourceRow) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 3), dpi=100)
    ax = fig.add_subplot()
    days = [s.day for s in row.steps]
    ax.step(days, [s.used for s in row.steps], where="post", label="in use")
    ax.step(days, [s.capacity for s in row.steps], where="post", linestyle="--",
            label="available")
    origin = result.date_of(0)
    ax.set_xlabel(f"days from {origin}" if origin and origin[0].isdigit() else "days")
    ax.set_ylabel("units")
    ax.set_title(f"{row.name}: load, levelled")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right")
    fig.tight_layout()
    return fig
