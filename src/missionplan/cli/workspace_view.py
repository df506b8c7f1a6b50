"""Rendering of the workspace verbs' tables (kept apart so the verbs stay thin)."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from ..monitor import IndicatorStatus, sparkline
from ..store.status import StatusReport

__all__ = ["status_table"]

_STYLE = {"met": "green", "on track": "green", "at risk": "yellow", "off track": "red",
          "no data": "dim"}


def _compact(value: float | None) -> str:
    if value is None:
        return "—"
    for limit, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}".replace(".0", "")
    return f"{value:g}"


def status_table(report: StatusReport) -> Table:
    """The criteria table: one row per criterion, its indicators beneath with trends."""
    table = Table(title=f"Criteria for success as of {report.as_of}", box=box.SIMPLE,
                  pad_edge=False)
    table.add_column("Criterion / indicator", overflow="fold", min_width=20, max_width=27)
    table.add_column("Status", no_wrap=True)
    table.add_column("Latest", justify="right", no_wrap=True)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column("Trend", no_wrap=True)
    table.add_column("Forecast", no_wrap=True, min_width=10)
    for c in report.criteria:
        table.add_row(Text(c.name, style="bold"), _status(c.status.value), "", "", "", "")
        for ind in c.indicators:
            table.add_row(*_indicator_cells(ind, report))
    return table


def _status(value: str) -> Text:
    return Text(value, style=_STYLE.get(value, ""))


def _indicator_cells(ind: IndicatorStatus, report: StatusReport) -> list[str | Text]:
    fc = report.forecasts.get(ind.indicator)
    when = "—"
    if fc is not None and fc.expected is not None:
        when = fc.expected.isoformat() if fc.verdict != "already met" else "met"
    elif fc is not None:
        when = {"not at current trend": "never", "too few observations": "—"}.get(
            fc.verdict, "—")
    return [f"  {ind.name}", _status(ind.status.value),
            _compact(ind.latest[1] if ind.latest else None), _compact(ind.target),
            sparkline([v for _, v in ind.observations], width=10), when]
