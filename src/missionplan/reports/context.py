"""What a document shows, gathered once from the plan and its analyses.

A :class:`ReportContext` holds plain values (rows, sentences, dates) that every
output format renders the same way: the HTML templates, the DOCX writer and
the web workspace's downloads all read it. Optional analyses (risk, deployment,
criteria monitoring) are accepted as objects or as the dicts their ``to_json``
returns; a section whose analysis is absent is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from ..i18n import N_, Language, Words, words
from ..model import Plan
from ..outlook import Outlook
from ..outlook.options import OptionsComparison
from .deadline_rows import ESTIMATE_NOTE, DeadlineView, deadline_views
from .decisions import DecisionView, slip_decisions
from .frame import Frame
from .shape import ConflictLike, DeadlineLike, EventLike, ScheduleLike
from .words import item_label

__all__ = [
    "STATUS_LABELS", "Clause", "ConflictView", "CriterionView", "DeploymentMap", "ReportContext",
    "build_context", "deployment_sentences", "edge_item", "summary_lines",
]

STATUS_LABELS = {"done": N_("done"), "early": N_("done early"), "on_track": N_("on track"),
                 "at_risk": N_("at risk"), "late": N_("late"),
                 "not_reachable": N_("not yet reachable"),
                 # the monitor's verdicts on observations (``criteria_status``)
                 "met": N_("met"), "off_track": N_("off track")}
# Worse is higher: the status a criterion shows is the worst of its deadlines'.
_SEVERITY = {"late": 5, "at_risk": 4, "not_reachable": 3, "on_track": 2, "early": 1, "done": 0}
TO_BE_WRITTEN = "[to be written by the planning team]"


@dataclass(frozen=True, slots=True)
class Clause:
    """A relation behind a conflict, with the directive's words for it."""

    relation: str
    text: str
    source: str
    quote: str


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A conflict and the decision it needs."""

    description: str
    excess_days: int
    clauses: list[Clause]

    @property
    def decision(self) -> str:
        days = f"{self.excess_days} day{'s' if self.excess_days != 1 else ''}"
        return (f"Decide which of these clauses gives way, by at least {days}, "
                "or ask the issuing authority to amend one of them.")


@dataclass(frozen=True, slots=True)
class CriterionView:
    """A criterion for success and where its deadlines stand; with an outlook, its one
    answer and the answers beside it (forecast, odds, deployment, reconciling words)."""

    id: str
    name: str
    text: str
    status: str
    deadlines: list[DeadlineLike]
    forecast: date | None = None
    actual: date | None = None
    odds: float | None = None
    deployed: date | None = None
    why: str = ""
    reconcile: list[str] = field(default_factory=list)

    @property
    def odds_label(self) -> str:
        return "" if self.odds is None else f"{round(100 * self.odds)}%"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status.replace("_", " "))

    @property
    def due(self) -> date | None:
        days = [d.due for d in self.deadlines if d.due is not None]
        return max(days) if days else None


@dataclass(frozen=True, slots=True)
class DeploymentMap:
    """The map of the movement plan's routes, as SVG (HTML, PDF) and PNG (DOCX)."""

    svg: str
    png: bytes


@dataclass(slots=True)
class ReportContext:
    """Everything a planning document shows, as plain values."""

    plan: Plan
    schedule: ScheduleLike
    generated: date
    conflicts: list[ConflictView]
    criteria: list[CriterionView]
    risk_lines: list[str] | None = None
    deployment_lines: list[str] | None = None
    actor_names: dict[str, str] = field(default_factory=dict)
    basis: str = ""  # what the figures rest on ("Assumed: ..."), shown where they appear
    forecast_basis: str = ""
    lang: Language = Language.en
    frame: Frame | None = None  # marking, symbol, distribution: document_frame() by default
    options: OptionsComparison | None = None  # the courses of action compared
    deployment_map: DeploymentMap | None = None  # the routes the movement plan uses

    @property
    def words(self) -> Words:
        """Messages, dates and numbers in the document's language."""
        return words(self.lang)

    def status_label(self, status: str) -> str:
        """A status in the document's words ("at risk", "à risque")."""
        label = STATUS_LABELS.get(status)
        return self.words.gettext(label) if label else status.replace("_", " ")

    @property
    def title(self) -> str:
        return self.plan.title or self.plan.id

    @property
    def as_of(self) -> date:
        return self.schedule.as_of

    @property
    def events(self) -> list[EventLike]:
        return sorted(self.schedule.events, key=_event_order)

    @property
    def outputs(self) -> list[EventLike]:
        """Process outputs and decisions: what the Secretary-General's annex lists."""
        return [e for e in self.events if e.kind in ("output", "decision")]

    @property
    def deadlines(self) -> list[DeadlineLike]:
        return sorted(self.schedule.deadlines, key=lambda d: (d.due is None, d.due or date.min,
                                                             d.id))

    @property
    def deadline_table(self) -> list[DeadlineView]:
        """The deadlines as the documents' table shows them (name, why, clause)."""
        return deadline_views(self.plan, self.deadlines, self.words)

    @property
    def estimate_note(self) -> str:
        """The footnote behind the marker on estimated due dates."""
        return self.words.gettext(ESTIMATE_NOTE)

    @property
    def event_names(self) -> dict[str, str]:
        return {e.id: item_label(e.name, e.id) for e in self.plan.events}

    @property
    def decisions(self) -> list[DecisionView]:
        """Late and at-risk deadlines with the options open to the planners."""
        chains = getattr(self.schedule, "critical_chains", None) or []
        return slip_decisions(self.deadline_table, as_of=self.as_of, chains=chains,
                              names=self.event_names, w=self.words)

    @property
    def priorities(self) -> list[Any]:
        return sorted(self.plan.priorities, key=lambda p: (p.rank is None, p.rank or 0))

    @property
    def ranked_priorities(self) -> list[Any]:
        """Priorities with a rank, in rank order (a numbered list)."""
        return [p for p in self.priorities if p.rank is not None]

    @property
    def unranked_priorities(self) -> list[Any]:
        """Priorities without a rank, in plan order (a bulleted list)."""
        return [p for p in self.priorities if p.rank is None]

    def who(self, actor: str | None) -> str:
        """An actor's name for an owner id ('' when none)."""
        if actor is None:
            return ""
        return self.actor_names.get(actor, actor)

    def components(self) -> dict[str, list[str]]:
        """Each component or agency and the plan items it owns, by name."""
        out: dict[str, list[str]] = {}
        for _, item in self.plan.items():
            if item.component:
                out.setdefault(item.component, []).append(item.label())
        return dict(sorted(out.items()))


def build_context(plan: Plan, schedule: ScheduleLike, *, generated: date,
                  risk: object | None = None, deployment: object | None = None,
                  criteria_status: Iterable[object] | None = None,
                  outlook: Outlook | None = None, basis: str = "") -> ReportContext:
    """Gather what documents show from the plan, its schedule and any further analyses.
    With ``outlook`` each criterion shows its one answer and what stands beside it."""
    return ReportContext(
        plan=plan, schedule=schedule, generated=generated,
        conflicts=[conflict_view(plan, cast(ConflictLike, c)) for c in schedule.conflicts],
        criteria=(outlook_views(plan, schedule, outlook) if outlook is not None
                  else criterion_views(plan, schedule, criteria_status)),
        risk_lines=summary_lines(risk, plan),
        deployment_lines=summary_lines(deployment, plan),
        actor_names={a.id: a.label() for a in plan.actors},
        basis=basis, forecast_basis=outlook.forecast_basis if outlook is not None else "",
    )


def outlook_views(plan: Plan, schedule: ScheduleLike, outlook: Outlook) -> list[CriterionView]:
    """Each criterion's one answer, from the outlook room, with its deadlines."""
    by_id = {d.id: d for d in schedule.deadlines}
    texts = {c.id: (c.text or c.measure, [by_id[d] for d in c.deadlines if d in by_id])
             for c in plan.criteria}
    return [CriterionView(
        id=a.id, name=a.name, text=texts[a.id][0], status=a.status.value,
        deadlines=texts[a.id][1], forecast=a.forecast, actual=a.actual, odds=a.odds,
        deployed=a.deployed, why=a.why, reconcile=list(a.reconcile))
        for a in outlook.criteria if a.id in texts]


def conflict_view(plan: Plan, conflict: ConflictLike) -> ConflictView:
    relations = {r.id: r for r in plan.relations}
    clauses: list[Clause] = []
    for edge in conflict.edges:
        rel_id = edge_item(edge)
        rel = relations.get(rel_id) if rel_id else None
        if rel is None or any(c.relation == rel.id for c in clauses):
            continue
        clauses.append(Clause(relation=rel.id, text=rel.text or rel.label(),
                              source=str(rel.source) if rel.source else "",
                              quote=plan.quote(rel.source)))
    return ConflictView(description=conflict.describe(plan), excess_days=conflict.excess_days,
                        clauses=clauses)


def edge_item(edge: object) -> str | None:
    """The plan item (relation, activity) a conflict's edge comes from."""
    if isinstance(edge, str):
        return edge
    for attr in ("relation", "item", "id"):
        value = getattr(edge, attr, None)
        if isinstance(value, str):
            return value
    return None


def criterion_views(plan: Plan, schedule: ScheduleLike,
                    criteria_status: Iterable[object] | None = None) -> list[CriterionView]:
    """Each criterion with the worst status of its deadlines (or the monitor's status)."""
    by_id = {d.id: d for d in schedule.deadlines}
    monitored = _monitored_status(getattr(schedule, "criteria", None))
    monitored.update(_monitored_status(criteria_status))
    views = []
    for crit in plan.criteria:
        rows = [by_id[d] for d in crit.deadlines if d in by_id]
        rows += [d for d in schedule.deadlines if crit.id in d.criteria and d not in rows]
        status = monitored.get(crit.id) or _worst(d.status.value for d in rows)
        views.append(CriterionView(id=crit.id, name=crit.label(), text=crit.text or crit.measure,
                                   status=status, deadlines=rows))
    return views


def _worst(statuses: Iterable[str]) -> str:
    ordered = sorted(statuses, key=lambda s: _SEVERITY.get(s, 2), reverse=True)
    return ordered[0] if ordered else "not_reachable"


def _monitored_status(rows: Iterable[object] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows or ():
        def get(key: str, row: object = row) -> object:
            return row.get(key) if isinstance(row, dict) else getattr(row, key, None)

        crit = get("criterion") or get("id")
        status = get("status")
        status = getattr(status, "value", status)
        # "on track" (the monitor's words) is "on_track"; "no data" says nothing, so the
        # criterion's deadlines speak for it
        if isinstance(crit, str) and isinstance(status, str) and status != "no data":
            out[crit] = status.replace(" ", "_")
    return out


def summary_lines(analysis: object | None, plan: Plan) -> list[str] | None:
    """Sentences summarising an optional analysis, or None when there is none.

    Accepts an object with ``sentences(plan)`` or ``summary()``, a dict with a
    ``sentences`` or ``summary`` entry, or a plain list of strings.
    """
    if analysis is None:
        return None
    sentences = getattr(analysis, "sentences", None)
    if callable(sentences):
        return _strings(sentences(plan))
    summary = getattr(analysis, "summary", None)
    if callable(summary):
        return _strings(summary())
    to_json = getattr(analysis, "to_json", None)
    if callable(to_json):
        analysis = to_json()
    if isinstance(analysis, dict):
        for key in ("sentences", "summary"):
            if key in analysis:
                return _strings(analysis[key])
        if "deployed_day" in analysis:
            return deployment_sentences(analysis)
        return [f"{k}: {v}" for k, v in analysis.items() if isinstance(v, str | int | float)]
    if isinstance(analysis, Sequence):
        return _strings(analysis)
    return [str(analysis)]


def deployment_sentences(data: dict[str, Any]) -> list[str]:
    """Plain sentences from a deployment result's JSON (logistics ``to_json``)."""
    out: list[str] = []
    threshold = data.get("threshold")
    share = f"{round(100 * threshold)}% of the authorised strength" if isinstance(
        threshold, int | float) else "The threshold strength"
    if data.get("deployed_date"):
        out.append(f"{share} is deployed on {data['deployed_date']} (day "
                   f"{data['deployed_day']} after the resolution).")
    else:
        out.append(f"{share} is not reached within the planning horizon.")
    if data.get("date_90"):
        out.append(f"90% of the authorised strength is deployed on {data['date_90']} "
                   f"(day {data['day_90']}).")
    if data.get("completion_day") is not None:
        out.append(f"Every unit is in place by day {data['completion_day']}.")
    lift = data.get("lift")
    if isinstance(lift, dict):
        out.append(f"Lift needed: {lift.get('helicopter_sorties', 0)} helicopter sorties "
                   f"({lift.get('helicopter_hours', 0)} hours) and "
                   f"{lift.get('fixed_wing_sorties', 0)} fixed-wing sorties "
                   f"({lift.get('fixed_wing_hours', 0)} hours).")
    for b in data.get("bottlenecks") or []:
        if isinstance(b, dict) and b.get("detail"):
            out.append(f"Bottleneck: {b['detail']}")
    return out


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def _event_order(e: EventLike) -> tuple[bool, date]:
    day = e.actual or e.forecast or e.earliest
    return (day is None, day or date.max)
