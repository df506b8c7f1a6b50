"""The after-action review's pictures: when injects arrived and each syndicate answered,
and what each inject cost each syndicate in days.

Drawn as :mod:`.charts` draws (matplotlib's Agg canvas, no pyplot, fixed metadata), so
the same review gives the same bytes and the SVG's words can be searched.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from matplotlib.figure import Figure

from ..exercise.review import Review
from ..i18n import Language, words
from .charts import mdates, png_bytes, svg_text

__all__ = ["costs_figure", "costs_png", "costs_svg", "timeline_figure", "timeline_png",
           "timeline_svg"]

_PALETTE = ("#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#de2d26", "#fd8d3c",
            "#74c476")


def timeline_figure(review: Review, lang: Language = Language.en) -> Figure:
    """One row per syndicate: injects as they arrived (triangles), decisions (dots)."""
    from babel.dates import format_date
    from matplotlib.ticker import FuncFormatter

    _ = words(lang).gettext
    rows = review.syndicates
    fig = Figure(figsize=(7.2, 1.2 + 0.5 * max(len(rows), 1)))
    ax: Any = fig.add_subplot()
    for y, s in enumerate(rows):
        colour = _PALETTE[y % len(_PALETTE)]
        arrived = [d.day for d in s.deliveries]
        decided = [d.day for d in s.decisions if d.day is not None]
        ax.scatter(arrived, [y] * len(arrived), marker="v", s=46, color="#444444",
                   label=_("inject arrived") if y == 0 else None, zorder=3)
        ax.scatter(decided, [y + 0.18] * len(decided), marker="o", s=14, color=colour,
                   label=_("decision") if y == 0 else None, zorder=2)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([s.title for s in rows])
    ax.set_ylim(-0.6, len(rows) - 0.2)
    ax.axvline(review.as_of, color="#555555", linestyle="--", linewidth=0.8)
    ax.set_xlim(review.exercise.starts - timedelta(days=3), review.as_of + timedelta(days=3))
    ax.xaxis.set_major_formatter(FuncFormatter(  # the months in the document's language
        lambda x, _pos: format_date(mdates.num2date(x).date(), "d MMM y", locale=lang.value)))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    ax.grid(axis="x", color="#e0e0e0")
    ax.set_axisbelow(True)
    ax.set_title(_("Injects and the syndicates' decisions"), loc="left", pad=6)
    _legend_below(fig, ax, 2)
    return fig


def costs_figure(review: Review, lang: Language = Language.en) -> Figure:
    """Days each delivered inject moved the forecasts, one bar per syndicate."""
    _ = words(lang).gettext
    injects = review.delivered()
    teams = review.syndicates
    fig = Figure(figsize=(7.2, 1.4 + 0.32 * max(len(injects), 1) * max(len(teams), 1) ** 0.5))
    ax: Any = fig.add_subplot()
    height = 0.8 / max(len(teams), 1)
    for k, s in enumerate(teams):
        days = []
        for inject in injects:
            cost = review.cost(inject.id, s.name)
            days.append(cost.days or 0 if cost is not None else 0)
        ys = [i + k * height for i in range(len(injects))]
        ax.barh(ys, days, height=height * 0.9, color=_PALETTE[k % len(_PALETTE)],
                label=s.title)
    ax.set_yticks([i + 0.4 - height / 2 for i in range(len(injects))])
    ax.set_yticklabels([_short(i.title) for i in injects])
    ax.invert_yaxis()
    ax.set_xlabel(_("days the forecasts slipped"))
    ax.grid(axis="x", color="#e0e0e0")
    ax.set_axisbelow(True)
    ax.set_title(_("What each inject cost"), loc="left", pad=6)
    if len(teams) > 1:
        _legend_below(fig, ax, min(len(teams), 4))
    else:
        fig.tight_layout()
    return fig


def _legend_below(fig: Figure, ax: Any, columns: int) -> None:
    """The legend under the plot, clear of the title however long either is."""
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=columns,
               frameon=False)


def _short(title: str, most: int = 38) -> str:
    return title if len(title) <= most else title[:most - 1].rstrip() + "…"


def timeline_svg(review: Review, lang: Language = Language.en) -> str:
    return svg_text(timeline_figure(review, lang))


def timeline_png(review: Review, lang: Language = Language.en) -> bytes:
    return png_bytes(timeline_figure(review, lang))


def costs_svg(review: Review, lang: Language = Language.en) -> str:
    return svg_text(costs_figure(review, lang))


def costs_png(review: Review, lang: Language = Language.en) -> bytes:
    return png_bytes(costs_figure(review, lang))
