"""The one charting path: Gantt chart and criteria status chart, as SVG text or PNG bytes.

Documents and the web workspace both draw through here. Figures are built on
matplotlib's Agg canvas without pyplot (no global state, safe in a server) and
saved with fixed metadata and a fixed SVG hash salt, so the same schedule
always gives the same bytes. SVG text stays text (``svg.fonttype: none``), so
names and dates in a chart can be searched and tested.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import matplotlib
from matplotlib import dates as _mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..model import Plan
from .context import STATUS_LABELS, CriterionView, edge_item
from .shape import ScheduleLike
from .words import item_label

__all__ = [
    "DOCUMENT_FOLD", "LEGEND_LABELS", "STATUS_COLOURS", "conflict_events", "criteria_figure",
    "criteria_png", "criteria_svg", "folded", "gantt_figure", "gantt_png", "gantt_svg",
    "png_bytes", "svg_text",
]

STATUS_COLOURS = {"done": "#4d4d4d", "early": "#7b3294", "on_track": "#1a9641",
                  "at_risk": "#f4a000", "late": "#d7191c", "not_reachable": "#7b8fa6"}
# The monitor's verdicts a criterion may show instead (met on observations, off track).
_MONITOR_COLOURS = {"met": "#4d4d4d", "off_track": "#d7191c"}
_WINDOW, _BAR, _ASOF, _CONFLICT = "#9ecae1", "#3182bd", "#555555", "#d7191c"
_FOLD = "#c7c7c7"
_RC: Any = {"svg.hashsalt": "missionplan", "svg.fonttype": "none", "font.size": 8,
       "font.family": "DejaVu Sans"}


mdates: Any = _mdates  # matplotlib.dates has no type annotations


@dataclass(frozen=True, slots=True)
class _Row:
    label: str
    start: date | None
    end: date | None
    window_end: date | None
    exact: bool
    actual: date | None
    conflict: bool
    event: str | None
    forecast: date | None = None
    folded: bool = False


def conflict_events(plan: Plan, schedule: ScheduleLike) -> set[str]:
    """Events touched by a bound that takes part in a conflict."""
    relations = {r.id: r for r in plan.relations}
    out: set[str] = set()
    for conflict in schedule.conflicts:
        for edge in getattr(conflict, "edges", ()):
            ends = [getattr(edge, "frm", None), getattr(edge, "to", None)]
            rel = relations.get(edge_item(edge) or "")
            if rel is not None:
                ends += [rel.from_, rel.to]
            out.update(e for e in ends if isinstance(e, str))
    return out


DOCUMENT_FOLD = 22
"""Rows of each group a document's Gantt shows before the rest fold into one (A4)."""


def gantt_svg(schedule: ScheduleLike, *, title: str = "",
              conflicts: set[str] | None = None, fold: int | None = None) -> str:
    """The Gantt chart as SVG text (``fold``: see :func:`gantt_figure`)."""
    with matplotlib.rc_context(_RC):
        return svg_text(gantt_figure(schedule, title=title, conflicts=conflicts, fold=fold))


def gantt_png(schedule: ScheduleLike, *, title: str = "",
              conflicts: set[str] | None = None, fold: int | None = None) -> bytes:
    """The Gantt chart as PNG bytes (``fold``: see :func:`gantt_figure`)."""
    with matplotlib.rc_context(_RC):
        return png_bytes(gantt_figure(schedule, title=title, conflicts=conflicts, fold=fold))


def criteria_svg(criteria: Sequence[CriterionView], *, as_of: date,
                 title: str = "Criteria for success") -> str:
    """The criteria status chart as SVG text."""
    with matplotlib.rc_context(_RC):
        return svg_text(criteria_figure(criteria, as_of=as_of, title=title))


def criteria_png(criteria: Sequence[CriterionView], *, as_of: date,
                 title: str = "Criteria for success") -> bytes:
    """The criteria status chart as PNG bytes."""
    with matplotlib.rc_context(_RC):
        return png_bytes(criteria_figure(criteria, as_of=as_of, title=title))


def gantt_figure(schedule: ScheduleLike, *, title: str = "",
                 conflicts: set[str] | None = None, fold: int | None = None) -> Figure:
    """The Gantt chart: event windows, activities, deadlines, actual dates, conflicts.
    With ``fold``, each group (events, activities) shows its first ``fold`` rows in date
    order and the long tail after them as one row, "N more, to DATE", spanning them."""
    rows = _gantt_rows(schedule, conflicts or set())
    if fold is not None:
        rows = folded(rows, fold)
    fig = Figure(figsize=(10, 1.4 + 0.2 * max(len(rows), 1)))
    ax = fig.add_subplot()
    _draw_rows(ax, rows)
    _draw_deadlines(ax, schedule, rows)
    _legend(ax)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _finish_time_axis(ax, schedule.as_of, rows, title)
    return fig


def criteria_figure(criteria: Sequence[CriterionView], *, as_of: date,
                    title: str = "Criteria for success") -> Figure:
    """Each criterion at its due date, coloured by status, against the as-of day."""
    fig = Figure(figsize=(10, 1.2 + 0.35 * max(len(criteria), 1)))
    ax = fig.add_subplot()
    days: list[date] = [as_of]
    for y, crit in enumerate(criteria):
        colour = STATUS_COLOURS.get(crit.status) or _MONITOR_COLOURS.get(crit.status, "#999999")
        due = crit.due
        where = due or as_of
        days.append(where)
        ax.plot([mdates.date2num(where)], [y], marker="o" if due else "x", color=colour,
                markersize=9)
        note = STATUS_LABELS.get(crit.status, crit.status)
        note += f" · due {due.isoformat()}" if due else " · no date yet"
        ax.annotate(note, (mdates.date2num(where), y), xytext=(8, -3),
                    textcoords="offset points", color=colour)
    ax.set_yticks(range(len(criteria)), [c.name for c in criteria])
    ax.set_ylim(len(criteria) - 0.4, -0.6)
    _finish_dates(ax, as_of, days, title)
    ax.set_xlim(right=mdates.date2num(max(days) + timedelta(days=60)))
    return fig


def _gantt_rows(schedule: ScheduleLike, conflicts: set[str]) -> list[_Row]:
    """Events in date order, then activities in date order: two groups, never mixed."""
    events = {e.id: e for e in schedule.events}
    event_rows = [(e.actual or e.earliest or date.max, i, _Row(
        label=item_label(e.name, e.id), start=e.earliest, end=e.earliest, window_end=e.latest,
        exact=e.earliest is not None and e.earliest == e.latest, actual=e.actual,
        conflict=e.id in conflicts, event=e.id, forecast=getattr(e, "forecast", None)))
        for i, e in enumerate(schedule.events)]
    activity_rows = []
    for i, a in enumerate(schedule.activities):
        end_actual = events[a.end].actual if a.end in events else None
        activity_rows.append((a.start_earliest or date.max, i, _Row(
            label=item_label(a.name, a.id), start=a.start_earliest, end=a.end_earliest,
            window_end=a.end_latest, exact=False, actual=end_actual,
            conflict=a.start in conflicts or a.end in conflicts, event=None)))
    return [row for _, _, row in sorted(event_rows, key=lambda t: (t[0], t[1]))] + \
        [row for _, _, row in sorted(activity_rows, key=lambda t: (t[0], t[1]))]


def folded(rows: list[_Row], keep: int) -> list[_Row]:
    """Each group's first ``keep`` rows, and the rest as one row spanning them."""
    out: list[_Row] = []
    for is_event in (True, False):
        group = [r for r in rows if (r.event is not None) is is_event]
        tail = group[keep:]
        out += group[:keep]
        if len(tail) > 1:
            starts = [r.start for r in tail if r.start is not None]
            ends = [d for r in tail for d in (r.window_end, r.end, r.actual, r.start) if d]
            last = max(ends) if ends else None
            out.append(_Row(label=f"… {len(tail)} more, to {last.isoformat() if last else '–'}",
                            start=min(starts) if starts else None, end=last, window_end=last,
                            exact=False, actual=None, conflict=any(r.conflict for r in tail),
                            event=_FOLDED if is_event else None, folded=True))
        else:
            out += tail
    return out


_FOLDED = "\0folded"  # not an event id: deadlines are not drawn on the folded row


def _draw_rows(ax: Any, rows: list[_Row]) -> None:
    for y, row in enumerate(rows):
        if row.start is None:
            continue
        x0 = mdates.date2num(row.start)
        if row.folded:
            ax.barh(y, max(mdates.date2num(row.end or row.start) - x0, 0.5), left=x0,
                    height=0.3, color=_FOLD)
            continue
        right = mdates.date2num(row.window_end) if row.window_end else None
        if row.event is None and row.end is not None:
            ax.barh(y, max(mdates.date2num(row.end) - x0, 0.5), left=x0, height=0.5,
                    color=_BAR)
            x0 = mdates.date2num(row.end)
        if right is None:
            ax.annotate("", xy=(x0 + 25, y), xytext=(x0, y),
                        arrowprops={"arrowstyle": "->", "color": _WINDOW, "lw": 2})
        elif right > x0:
            ax.barh(y, right - x0, left=x0, height=0.3, color=_WINDOW)
        if row.event is not None and row.actual is None:
            ax.plot([mdates.date2num(row.forecast or row.start)], [y], marker="D",
                    color=_BAR, markersize=6 if row.exact else 4)
        if row.actual is not None:
            ax.plot([mdates.date2num(row.actual)], [y], marker="D", color="black",
                    markersize=7)
    labels = [("⚠ " if r.conflict else "") + r.label for r in rows]
    ax.set_yticks(range(len(rows)), labels)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        if row.conflict:
            tick.set_color(_CONFLICT)
        if row.event is None or row.folded:
            tick.set_fontstyle("italic")
    _group_divider(ax, rows)


def _group_divider(ax: Any, rows: list[_Row]) -> None:
    """A rule between the events and the activities, each group named at the right."""
    first_activity = next((y for y, r in enumerate(rows) if r.event is None), None)
    if first_activity is None:
        return
    if first_activity > 0:
        ax.axhline(first_activity - 0.5, color=_ASOF, linewidth=0.8)
        ax.annotate("events", (1.0, first_activity - 0.5), xycoords=("axes fraction", "data"),
                    xytext=(-3, 3), textcoords="offset points", ha="right", va="bottom",
                    color=_ASOF, fontstyle="italic")
    ax.annotate("activities", (1.0, first_activity - 0.5), xycoords=("axes fraction", "data"),
                xytext=(-3, -3), textcoords="offset points", ha="right", va="top",
                color=_ASOF, fontstyle="italic")


LEGEND_LABELS = (
    "window (earliest–latest)", "forecast date", "actual date", "activity",
    *(f"deadline: {STATUS_LABELS[k]}" for k in STATUS_COLOURS), "in a conflict", "as-of day",
)


def _legend(ax: Any) -> None:
    """A key to every mark the chart draws, deadline colours by status included."""
    marks: list[Line2D] = [
        Line2D([], [], color=_WINDOW, lw=5),
        Line2D([], [], color=_BAR, marker="D", markersize=5, lw=0),
        Line2D([], [], color="black", marker="D", lw=0),
        Line2D([], [], color=_BAR, lw=5),
        *(Line2D([], [], color=colour, marker="|", markersize=10, lw=0, markeredgewidth=2.5)
          for colour in STATUS_COLOURS.values()),
        Line2D([], [], color=_CONFLICT, marker="$⚠$", lw=0),
        Line2D([], [], color=_ASOF, linestyle="--", lw=1),
    ]
    for mark, label in zip(marks, LEGEND_LABELS, strict=True):
        mark.set_label(label)
    ax.legend(handles=marks, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3,
              frameon=False, borderaxespad=0.2)


def _draw_deadlines(ax: Any, schedule: ScheduleLike, rows: list[_Row]) -> None:
    where = {row.event: y for y, row in enumerate(rows) if row.event}
    for d in schedule.deadlines:
        if d.due is None or d.to_event not in where:
            continue
        y = where[d.to_event]
        ax.plot([mdates.date2num(d.due)], [y], marker="|", markersize=14, markeredgewidth=2.5,
                color=STATUS_COLOURS.get(d.status.value, _CONFLICT))


def _finish_time_axis(ax: Any, as_of: date, rows: list[_Row], title: str) -> None:
    days = [as_of] + [d for r in rows for d in (r.start, r.window_end, r.actual) if d]
    _finish_dates(ax, as_of, days, title)


def _finish_dates(ax: Any, as_of: date, days: list[date], title: str) -> None:
    ax.axvline(mdates.date2num(as_of), color=_ASOF, linestyle="--", linewidth=1)
    ax.annotate(f"as of {as_of.isoformat()}", (mdates.date2num(as_of), 0.0),
                xycoords=("data", "axes fraction"), xytext=(3, 3), textcoords="offset points",
                color=_ASOF)
    ax.set_xlim(mdates.date2num(min(days) - timedelta(days=7)),
                mdates.date2num(max(days) + timedelta(days=30)))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if not ax.yaxis_inverted():
        ax.invert_yaxis()
    ax.grid(axis="x", color="#e0e0e0")
    ax.set_axisbelow(True)
    if title:
        ax.set_title(title, loc="left", pad=18)
    ax.figure.tight_layout()


def svg_text(fig: Figure) -> str:
    """A figure as SVG text, with no date stamped in it."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue().decode("utf-8")


def png_bytes(fig: Figure, *, dpi: int = 150) -> bytes:
    """A figure as PNG bytes, with no software name stamped in it."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
