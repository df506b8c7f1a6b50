"""Rendering of the workspace verbs' tables (kept apart so the verbs stay thin)."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.table import Table
from rich.text import Text

from ..monitor import IndicatorStatus, sparkline
from ..outlook import CriterionOutlook
from ..store.status import StatusReport
from .common import terminal_day

__all__ = ["status_notes", "status_table"]

_STYLE = {"met": "green", "on track": "green", "at risk": "yellow", "off track": "red",
          "no data": "dim", "done": "green", "done early": "magenta", "late": "red bold",
          "not yet reachable": "dim"}
_LABELS = {"done": "done", "early": "done early", "on_track": "on track", "at_risk": "at risk",
           "late": "late", "not_reachable": "not yet reachable"}


def _compact(value: float | None) -> str:
    if value is None:
        return "—"
    for limit, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}".replace(".0", "")
    return f"{value:g}"


def _d(day: date | None) -> str:
    return terminal_day(day)


WIDE = 110
"""From this many columns the table also shows each indicator's latest value and trend."""


def status_table(report: StatusReport, *, width: int = 80) -> Table:
    """One row per criterion: its status and the answers beside it; its indicators
    beneath, with their forecast (and, on a wide terminal, latest value and trend)."""
    wide = width >= WIDE
    table = Table(title=f"Criteria for success as of {_d(report.as_of)}", box=box.SIMPLE,
                  pad_edge=False)
    table.add_column("Criterion / indicator", overflow="fold", min_width=22,
                     max_width=40 if wide else 30)
    table.add_column("Status", overflow="fold", max_width=13)
    table.add_column("Due", no_wrap=True)
    table.add_column("Forecast", no_wrap=True)
    table.add_column("Odds", justify="right", no_wrap=True)
    if wide:
        table.add_column("Latest / target", justify="right", no_wrap=True)
        table.add_column("Trend", no_wrap=True)
    answers = {c.id: c for c in report.outlook.criteria} if report.outlook else {}
    for c in report.criteria:
        answer = answers.get(c.criterion)
        cells = (_answer_cells(answer) if answer is not None else
                 [Text(c.name, style="bold"), _status(c.status.value), "", "", ""])
        table.add_row(*cells, *(["", ""] if wide else []))
        for ind in c.indicators:
            table.add_row(*_indicator_cells(ind, report)[:7 if wide else 5])
    return table


def _answer_cells(a: CriterionOutlook) -> list[str | Text]:
    when = _d(a.actual) + " ✓" if a.actual else _d(a.forecast)
    odds = "" if a.odds is None else f"{round(100 * a.odds)}%"
    return [Text(a.name, style="bold"), _status(_LABELS[a.status.value]), _d(a.due), when,
            odds]


def _status(value: str) -> Text:
    return Text(value, style=_STYLE.get(value, ""))


def _indicator_cells(ind: IndicatorStatus, report: StatusReport) -> list[str | Text]:
    fc = report.forecasts.get(ind.indicator)
    when = "—"
    if fc is not None and fc.expected is not None:
        when = _d(fc.expected) if fc.verdict != "already met" else "met"
    elif fc is not None:
        when = {"not at current trend": "never", "too few observations": "—"}.get(
            fc.verdict, "—")
    latest = _compact(ind.latest[1] if ind.latest else None)
    return [f"  {ind.name}", _status(ind.status.value), "", when, "",
            f"{latest} / {_compact(ind.target)}",
            sparkline([v for _, v in ind.observations], width=10)]


def status_notes(report: StatusReport) -> list[str]:
    """What the table cannot hold: each criterion's reason and reconciling sentences, the
    movement plan's estimate, what was not run, and what the figures rest on."""
    out: list[str] = []
    outlook = report.outlook
    if outlook is not None:
        for a in outlook.criteria:
            lines = [f"{_LABELS[a.status.value]}: {a.why}"]
            if a.deployed is not None:
                lines.append(f"the movement plan deploys the force on {a.deployed} "
                             f"(day {a.deployed_day})")
            lines += a.reconcile
            out.append(f"{a.name}: " + " ".join(f"{line.rstrip('.')}." for line in lines))
        out.append(f"Forecast: {outlook.forecast_basis}"
                   + (f"; odds from {outlook.risk_samples:,} simulated worlds"
                      if outlook.risk_samples else "") + ".")
    out += [n for n in (report.analyses.risk_note, report.analyses.deployment_note) if n]
    if report.basis is not None and report.basis.sentence():
        out.append(report.basis.sentence())
    return out
