"""A map of the routes used (SVG or PNG), drawn with matplotlib from the same GeoJSON the web
map uses: provinces, rivers, roads, places, and each movement's route coloured by mode."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import MissionplanError
from .data import DeploymentData
from .result import DeploymentResult

__all__ = ["draw_map"]

MODE_COLOURS = {"road": "#c0392b", "helicopter": "#2471a3", "fixed_wing": "#7d3c98"}


def draw_map(data: DeploymentData, result: DeploymentResult, path: Path) -> None:
    """Draw the map to ``path``; the suffix (.svg or .png) picks the format."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise MissionplanError(f"{path}: a map is written as .svg or .png", code="bad-option")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5.5))
    _background(ax, data)
    _routes(ax, data, result)
    ax.set_aspect("equal")
    ax.set_title(f"Deployment routes ({result.status}); synthetic geography", fontsize=10)
    ax.set_xlabel("longitude (fictional placement)")
    ax.set_ylabel("latitude")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    try:
        fig.savefig(tmp, format=suffix[1:], dpi=120, bbox_inches="tight",
                    metadata={"Date": None} if suffix == ".svg" else None)
        os.replace(tmp, path)
    finally:
        plt.close(fig)
        Path(tmp).unlink(missing_ok=True)


def _background(ax: object, data: DeploymentData) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    for feat in data.features:
        for ring in feat.rings:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if feat.kind == "province":
                ax.fill(xs, ys, facecolor="#f4f1e8", edgecolor="#999999", linewidth=0.6)
                ax.text(sum(xs[:-1]) / max(1, len(xs) - 1), sum(ys[:-1]) / max(1, len(ys) - 1),
                        feat.id, fontsize=7, color="#888888", ha="center")
            elif feat.kind == "river":
                ax.plot(xs, ys, color="#5dade2", linewidth=1.4)
            elif feat.kind == "road":
                ax.plot(xs, ys, color="#bbbbbb", linewidth=0.8, linestyle="--")
    for place in data.places.values():
        marker = "^" if place.airfield else ("s" if place.type in ("bridge", "ferry", "ford")
                                             else "o")
        ax.plot(place.lon, place.lat, marker, color="#333333", markersize=3)
        if place.type not in ("bridge", "ferry", "ford"):
            ax.annotate(place.name.split(" (")[0], (place.lon, place.lat), fontsize=6,
                        xytext=(3, 3), textcoords="offset points")


def _routes(ax: object, data: DeploymentData, result: DeploymentResult) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    drawn: set[tuple[str, str, str]] = set()
    for m in result.movements:
        for leg in m.legs:
            key = (leg.kind, *sorted((leg.origin, leg.to)))
            if key in drawn:
                continue
            drawn.add((key[0], key[1], key[2]))
            a, b = data.places[leg.origin], data.places[leg.to]
            ax.plot([a.lon, b.lon], [a.lat, b.lat], color=MODE_COLOURS[leg.kind],
                    linewidth=2.2 if leg.kind == "road" else 1.2,
                    linestyle="-" if leg.kind == "road" else ":",
                    label=leg.kind.replace("_", "-"))
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=False))
    if unique:
        ax.legend(unique.values(), unique.keys(), fontsize=7, loc="lower left")
