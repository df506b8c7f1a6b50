"""Rich rendering of plan results for the terminal (80 columns and up)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from ..errors import Diagnostic
from ..model import Plan
from ..schedule import DeadlineRow, Schedule, Status
from .common import console, terminal_day, wrap_id

if TYPE_CHECKING:
    from ..temporal import Analysis, Conflict

__all__ = [
    "conflict_json", "explain_json", "print_check", "print_explain", "print_schedule",
]

STATUS_STYLE = {
    Status.done: "green", Status.early: "magenta", Status.on_track: "cyan",
    Status.at_risk: "yellow bold", Status.late: "red bold", Status.not_reachable: "dim",
}
SEVERITY_STYLE = {"error": "red bold", "warning": "yellow", "info": "dim"}
EVENT_MARK = {Status.done: "✓", Status.early: "✓", Status.on_track: " ", Status.at_risk: "!",
              Status.late: "✗", Status.not_reachable: "?"}
ID_WIDTH = 32
NAME_WIDTH = 26


def _d(day: date | None) -> str:
    return terminal_day(day)


def print_schedule(result: Schedule, *, verbose: bool = False) -> None:
    out = console()
    origin = f", day 0 = {_d(result.origin)}" if result.origin else ""
    out.print(Text(f"{result.plan.title or result.plan.id} — as of {_d(result.as_of)}{origin}",
                   style="bold"))
    for note in result.notes:
        out.print(Text(f"note: {note}", style="yellow"))
    events = Table(box=box.SIMPLE_HEAD, title="Events", title_justify="left", pad_edge=False)
    events.add_column("event", overflow="fold", max_width=max(NAME_WIDTH, out.width - 56))
    spread = any(row.forecast_low for row in result.events)
    for col in ("earliest", "latest", "forecast", *(["P10–P90"] if spread else []), "actual"):
        events.add_column(col, no_wrap=True, min_width=10)
    events.add_column("", no_wrap=True, min_width=2)
    for row in sorted(result.events, key=lambda r: (r.expected or r.earliest or date.max,
                                                    r.id)):
        mark = Text(EVENT_MARK[row.status], style=STATUS_STYLE[row.status])
        if row.critical:
            mark.append("◆", style="red")
        band = ([f"{_d(row.forecast_low)[5:]}…{_d(row.forecast_high)[5:]}"
                 if row.forecast_low else ""] if spread else [])
        events.add_row(row.name, _d(row.earliest), _d(row.latest),
                       "" if row.actual else _d(row.forecast), *band,
                       Text(_d(row.actual) if row.actual else "", style="green"), mark)
    out.print(events)
    out.print(Text(f"forecast: {result.forecast_basis}; ✓ done, ✗ late, ! at risk, ◆ on a "
                   "critical chain", style="dim"))
    deadlines = Table(box=box.SIMPLE_HEAD, title="Deadlines", title_justify="left",
                      pad_edge=False)
    deadlines.add_column("deadline", no_wrap=True, max_width=ID_WIDTH + 8)
    deadlines.add_column("due", no_wrap=True, min_width=10)
    deadlines.add_column("forecast", no_wrap=True, min_width=10)
    deadlines.add_column("status", no_wrap=True)
    deadlines.add_column("slack", justify="right", no_wrap=True)
    for d in sorted(result.deadlines, key=lambda r: (r.due or date.max, r.id)):
        slack = "" if d.slack_days is None else str(d.slack_days)
        status = Text(_status_words(d), style=STATUS_STYLE[d.status])
        deadlines.add_row(wrap_id(d.id, ID_WIDTH + 8), _d(d.due),
                          Text(_d(d.actual), style="green") if d.actual else _d(d.forecast),
                          status, slack)
    out.print(deadlines)
    for e in result.events:
        for note in e.notes:
            out.print(Text.assemble(("note: ", "dim"), e.name, f" — {note}"))
    trouble = [d for d in result.deadlines if d.status in (Status.late, Status.at_risk,
                                                           Status.early)]
    for d in trouble:
        out.print(Text.assemble((f"{d.status.label}: ", STATUS_STYLE[d.status]), d.id,
                                f" — {d.reason}"))
        if d.quote:
            out.print(Text(f"    “{_short(d.quote)}” ({d.source})", style="dim"))
    soon = result.due_soon
    out.print(Text(f"\nDue in the next {result.horizon_days} days:", style="bold"))
    if not soon and not result.occurrences_soon:
        out.print("  nothing")
    for d in soon:
        out.print(f"  {_d(d.due)}  {d.id} ({d.status.label})")
    for o in result.occurrences_soon:
        out.print(f"  {_d(o.due)}  {o.recurrence} #{o.index} (recurring)")
    if result.critical_chains:
        out.print(Text("\nCritical chains:", style="bold"))
        names = {e.id: e.name for e in result.events}
        for chain in result.critical_chains:
            out.print("  " + " → ".join(names.get(e, e) for e in chain))
    shown = [d for d in result.diagnostics if verbose or d.severity != "info"]
    _print_findings(shown)
    if len(shown) < len(result.diagnostics):
        out.print(Text(f"({_count(len(result.diagnostics) - len(shown), 'note')} not shown: "
                       "--verbose shows them)", style="dim"))


def _status_words(d: DeadlineRow) -> str:
    """'late by 7 days', 'early by 2 days', else the status's label."""
    if d.missed_by and d.status in (Status.late, Status.early):
        word = "late" if d.missed_by > 0 else "early"
        return f"{word} by {_count(abs(d.missed_by), 'day')}"
    return d.status.label


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _print_findings(findings: list[Diagnostic]) -> None:
    if not findings:
        return
    out = console()
    out.print(Text("\nFindings:", style="bold"))
    for f in findings:
        out.print(Text.assemble((f"{f.severity.value}[{f.code}]", SEVERITY_STYLE[f.severity]),
                                f" {f.message}"))


def print_check(plan: Plan, analysis: Analysis, findings: list[Diagnostic], *,
                verbose: bool = False) -> None:
    out = console()
    counted = [f for f in findings if f.severity != "info"]
    verdict = "consistent" if analysis.consistent else "INCONSISTENT"
    out.print(Text(f"{plan.title or plan.id}: {_count(len(plan.events), 'event')}, "
                   f"{_count(len(plan.relations), 'relation')}, "
                   f"{_count(len(plan.activities), 'activity', 'activities')} — {verdict}",
                   style="bold" if analysis.consistent else "red bold"))
    if analysis.relaxation is not None and len(analysis.conflicts) > 1:
        out.print(Text(f"least total change that resolves every conflict: "
                       f"{analysis.relaxation}", style="yellow"))
    _print_findings(findings if verbose else counted)
    notes = len(findings) - len(counted)
    hidden = (f" ({_count(notes, 'note')} not shown: --verbose shows them)"
              if notes and not verbose else "")
    out.print(Text((f"\n{_count(len(counted), 'finding')}" if counted else "\nno findings")
                   + hidden, style="bold"))


def conflict_json(plan: Plan, conflict: Conflict) -> dict[str, object]:
    return conflict.to_json(plan)


def explain_json(plan: Plan, analysis: Analysis, event: str) -> dict[str, object]:
    return analysis.explain(event).to_json()


def print_explain(plan: Plan, analysis: Analysis, event: str) -> None:
    console().print(str(analysis.explain(event)))
