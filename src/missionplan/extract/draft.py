"""Assemble a draft plan from a directive's text, and the list of things to review.

Every item cites the lines it came from (``source: SECTION:FIRST-LAST``).
Whatever the extractor recognises but cannot place — a span with no event to
count from, a date without a year, "at the earliest opportunity" — becomes a
:class:`ReviewItem`; the draft also carries each as a ``review:`` line in the
plan's ``readings``, so nothing is dropped silently.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Duration, Plan, Recurrence, Relation, RelationKind, SourceRef
from .events import EventName, EventRegistry, describe, ending, slug
from .french import describe_fr, detect_language, ending_fr, subject_fr
from .orders import Order, aside_items, find_orders, without_asides
from .periods import period_end, period_start
from .roles import ClauseItems, SectionItems
from .subjects import named_origin, subject_of
from .temporal import Phrase, find_phrases, parse_phrase
from .text import Clause, Document, Sentence, split_document

__all__ = ["ExtractResult", "ReviewItem", "extract_plan"]

_EARLIER = re.compile(r"whichever (?:is|comes) (?:the )?(?:earlier|earliest|sooner|first)")
_LOOSE_SPAN = re.compile(r"\b\d+\s+(?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
_PERFECT = re.compile(r"^.+?\s(?:has|have)\s+(?!been\b)(?P<verb>[a-z]+ed)\s+(?P<obj>.+)$",
                      re.IGNORECASE)
_DOC_KINDS = (("resolution", "adoption of this resolution"),
              ("agreement", "signing of this agreement"), ("accord", "signing of this agreement"),
              ("protocol", "signing of this protocol"),
              ("memorandum", "signing of this memorandum"),
              ("declaration", "signing of this declaration"), ("deal", "signing of this deal"),
              ("directive", "issue of this directive"))
_SPAN_KINDS = {"within": RelationKind.within, "after": RelationKind.after,
               "prior": RelationKind.prior, "immediately": RelationKind.immediately,
               "dplus": RelationKind.within}
_CALENDAR = {"deadline", "until", "since", "window"}
_COUNTED = {"within", "after", "prior", "dplus", "period", *_CALENDAR}


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """Something recognised but not placed: a stable code, what it is, where, the words."""

    code: str
    message: str
    source: str
    text: str = ""

    def __str__(self) -> str:
        return f"review[{self.code}] {self.source}: {self.message}"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "source": self.source,
                "text": self.text}


@dataclass
class ExtractResult:
    """The draft plan and the things a planner must look at."""

    plan: Plan
    review: list[ReviewItem] = field(default_factory=list)


def extract_plan(text: str, *, name: str = "draft", source_file: str | None = None
                 ) -> ExtractResult:
    """Read a directive's text and draft a plan from it (rule-based, deterministic)."""
    doc = split_document(text)
    builder = _Builder(doc, lang=detect_language(text))
    for clause in doc.clauses:
        builder.clause(clause)
    return builder.result(name=name, source_file=source_file)


class _Builder:
    """Walks the clauses, accumulating events, relations, section items and review items."""

    def __init__(self, doc: Document, *, lang: str = "en") -> None:
        self.doc = doc
        self.lang = lang
        self._bare = ""  # a sentence with no phrase, which the next may name ("X. Commence …")
        self.events = EventRegistry()
        self.relations: list[Relation] = []
        self.recurrences: list[Recurrence] = []
        self.sections = SectionItems()
        self.review: list[ReviewItem] = []
        self.readings: list[str] = []

    def result(self, *, name: str, source_file: str | None) -> ExtractResult:
        review_lines = [str(r) for r in self.review]
        plan = Plan(id=_plan_id(name), title=self.doc.title, directive=source_file,
                    readings=[*self.readings, *review_lines], events=self.events.events,
                    relations=self.relations, recurrences=self.recurrences,
                    criteria=self.sections.criteria, assumptions=self.sections.assumptions,
                    constraints=self.sections.constraints,
                    stakeholders=self.sections.stakeholders,
                    objectives=self.sections.objectives, actors=self.sections.actors)
        return ExtractResult(plan=plan, review=list(self.review))

    def clause(self, clause: Clause) -> None:
        self._bare = ""
        found = [self._sentence(clause, s) for s in clause.sentences]
        for sentence, items in zip(clause.sentences, found, strict=True):
            self.sections.add_duty(clause, sentence, items)
        items = ClauseItems(relations=tuple(r for f in found for r in f.relations),
                            events=tuple(e for f in found for e in f.events))
        self.sections.add(clause, items)

    def _sentence(self, clause: Clause, sentence: Sentence) -> ClauseItems:
        source = SourceRef(section=clause.section, lines=(sentence.first, sentence.last))
        norm, phrases, vague = find_phrases(sentence.text, lang=self.lang)
        for v in vague:
            self._flag("vague-time", f"'{v.text}' sets no bound the plan can hold", source,
                       sentence.text)
        self._flag_loose_spans(norm, phrases, source, sentence.text)
        ctx = _Context(norm=norm, source=source, earlier=bool(_EARLIER.search(norm.lower())),
                       bare=self._bare)
        for phrase in phrases:
            self._phrase(ctx, phrase)
        self._bare = "" if phrases else norm
        vague_at = {v.start for v in vague}
        counted = any(p.kind in _COUNTED for p in phrases)
        for order in find_orders(norm):
            if order.direction == "asap" and counted:
                continue  # "as soon as possible and not later than N": the bound says it
            if not any(p.start < order.end and order.start < p.end for p in phrases):
                self._order(ctx, order, flagged=order.start in vague_at)
        return ClauseItems(relations=tuple(ctx.relation_ids), events=tuple(ctx.event_ids))

    def _phrase(self, ctx: _Context, phrase: Phrase) -> None:
        if self.lang == "fr":
            subject = subject_fr(ctx.norm, phrase.start, phrase.end,
                                 ctx.previous.end if ctx.previous else 0, ctx.bare)
            if subject is not None and not subject.core:
                subject = ctx.subject
        else:
            subject = subject_of(ctx.norm, phrase, previous=ctx.previous,
                                 previous_subject=ctx.subject)
        if phrase.kind == "dplus":
            subject = _dplus_subject(ctx.norm, phrase) or subject
        if phrase.kind == "recurrence":
            self._recurrence(ctx, phrase, subject)
        elif phrase.kind in _CALENDAR:
            self._deadline(ctx, phrase, subject)
        elif phrase.kind == "period":
            self._period(ctx, phrase, subject)
        else:
            self._span(ctx, phrase, subject)
        ctx.previous = phrase
        ctx.subject = subject or ctx.subject

    def _describe(self, text: str) -> EventName:
        return describe_fr(text) if self.lang == "fr" else describe(text)

    def _ending(self, subject: EventName, sentence: str) -> EventName:
        return ending_fr(subject, sentence) if self.lang == "fr" else ending(subject, sentence)

    def _span(self, ctx: _Context, phrase: Phrase, subject: EventName | None) -> None:
        day = _date_of(phrase.event) if phrase.event else None
        if day is not None and subject is not None and phrase.hi is not None:
            # "within 15 days after June 30 1992": a date, not an event, is counted from
            self._date_span(ctx, phrase, subject, day)
            return
        origin = self._describe(phrase.event) if phrase.event else None
        if phrase.event and _ITS_SIGNING.match(phrase.event):
            origin = self._document_anchor()  # "après sa signature": the text's own signing
        notes = list(phrase.notes)
        if origin is None and ctx.origin is not None:
            origin = ctx.origin
            notes.append(f"counted from '{origin.words}', named earlier in the sentence")
        if origin is None and subject is not None:
            origin = named_origin(ctx.norm, phrase) or self._document_anchor()
            notes.append(f"names no start; counted from '{origin.words}' (a reading)")
            self._flag("assumed-anchor", f"'{phrase.text}' names no start: counted from "
                       f"'{origin.words}'; confirm", ctx.source, ctx.norm)
        if origin is None or subject is None:
            missing = "event to count from" if origin is None else "event it constrains"
            self._flag("no-anchor" if origin is None else "no-subject",
                       f"'{phrase.text}' names no {missing}", ctx.source, ctx.norm)
            return
        to_id = self.events.resolve(subject, ctx.source)
        from_id = self.events.resolve(origin, ctx.source)
        if to_id == from_id:
            self._flag("same-event", f"'{phrase.text}' relates an event to itself",
                       ctx.source, ctx.norm)
            return
        kind, lo = _SPAN_KINDS[phrase.kind], phrase.lo
        if ctx.earlier:
            notes.append("whichever is earlier: each bound is a relation; the tighter binds")
            if kind is RelationKind.after:  # "or N after X, whichever is earlier": a latest date
                kind, lo = RelationKind.within, Duration(text="0d")
        elif kind is RelationKind.after and lo is not None and lo == phrase.hi:
            # "Report: three weeks after X" sets a deadline: due by then, not on that day
            lo = Duration(text="0d")
            notes.append("'N after' read as a target due by N after, not on that day exactly")
        self._add_relation(ctx, Relation.model_validate({
            "id": self._relation_id(to_id), "from": from_id, "to": to_id,
            "kind": kind, "min": lo, "max": phrase.hi,
            "text": phrase.text, "source": ctx.source, "note": "; ".join(notes)}))
        ctx.origin = origin

    def _date_span(self, ctx: _Context, phrase: Phrase, subject: EventName, day: date) -> None:
        assert phrase.hi is not None
        bounds: dict[str, object] = {"not_after": _plus(day, phrase.hi)}
        if phrase.lo is not None and (phrase.lo.months or phrase.lo.days or phrase.lo.hours):
            bounds["not_before"] = _plus(day, phrase.lo)
        to_id = self.events.resolve(subject, ctx.source)
        self._add_relation(ctx, Relation.model_validate({
            "id": self._relation_id(to_id), "to": to_id, "kind": RelationKind.custom, **bounds,
            "text": phrase.text, "source": ctx.source,
            "note": f"counted from the date {day.isoformat()}"}))

    def _period(self, ctx: _Context, phrase: Phrase, subject: EventName | None) -> None:
        """ "for a period of N", "lasting N": the period's end exactly N after its start."""
        named = period_end(ctx.norm, phrase.start, phrase.end, lang=self.lang,
                           initial=bool(re.search(r"initial", phrase.text, re.IGNORECASE)))
        if subject is None and named is None:
            self._flag("no-subject", f"'{phrase.text}' bounds no named period", ctx.source,
                       ctx.norm)
            return
        if phrase.event:
            start_id = self.events.resolve(self._describe(phrase.event), ctx.source)
        elif ctx.last_to is not None and ctx.previous is not None:
            start_id = ctx.last_to  # "beginning two weeks after X and lasting two weeks"
        else:
            own = period_start(ctx.norm, phrase.start, phrase.end, lang=self.lang)
            start_id = self.events.resolve(own or self._document_anchor(), ctx.source)
        ended = named or self._ending(subject, ctx.norm) if subject else named
        assert ended is not None
        end_id = self.events.resolve(ended, ctx.source)
        if end_id == start_id:
            return
        self._add_relation(ctx, Relation.model_validate({
            "id": self._relation_id(end_id), "from": start_id, "to": end_id,
            "kind": RelationKind.after, "min": phrase.lo, "max": phrase.hi,
            "text": phrase.text, "source": ctx.source,
            "note": "a period: it ends exactly its length after it starts"}))

    def _order(self, ctx: _Context, order: Order, *, flagged: bool) -> None:
        """A worded order with no number: a precedence relation, its margin for review."""
        if order.direction == "conditional":
            self._flag("conditional", f"'{order.text}' is a condition, not an order the plan "
                       "can hold", ctx.source, ctx.norm)
            return
        if order.subject_text:
            end = len(order.subject_text)
            subject = subject_of(order.subject_text, Phrase("order", end, end, ""),
                                 previous=None, previous_subject=None)
        else:
            start = len(ctx.norm[:order.start].rstrip(" ,"))
            subject = subject_of(without_asides(ctx.norm),
                                 Phrase("order", start, order.end, order.text),
                                 previous=None, previous_subject=ctx.subject)
        origin = (self._document_anchor() if order.direction == "asap"
                  else _perfect(order.event) or describe(order.event))
        if subject is None or not origin.core:
            self._flag("no-subject", f"'{order.text}' orders no named event", ctx.source,
                       ctx.norm)
            return
        if not flagged:
            self._flag("vague-time", f"'{order.text}' states an order but no margin",
                       ctx.source, ctx.norm)
        items = [] if order.subject_text else aside_items(ctx.norm, order.start)
        for each in [_each(subject, item) for item in items] or [subject]:
            self._order_relation(ctx, order, each, origin)

    def _order_relation(self, ctx: _Context, order: Order, subject: EventName,
                        origin: EventName) -> None:
        to_id = self.events.resolve(subject, ctx.source)
        from_id = self.events.resolve(origin, ctx.source)
        if to_id == from_id:
            return
        if order.direction == "before":
            from_id, to_id = to_id, from_id
        note = ("'as soon as possible': after the document's start; confirm"
                if order.direction == "asap" else "an order in words; the margin is not stated")
        self._add_relation(ctx, Relation.model_validate({
            "id": self._relation_id(to_id), "from": from_id, "to": to_id,
            "kind": RelationKind.precedence, "text": order.text, "source": ctx.source,
            "note": note}))

    def _document_anchor(self) -> EventName:
        """The event a document counts from when a clause names none (see docs)."""
        if self.lang == "fr":
            return describe_fr(_document_event_fr(self.doc))
        return describe(_document_event(self.doc))

    def _deadline(self, ctx: _Context, phrase: Phrase, subject: EventName | None) -> None:
        if phrase.date is None:
            self._flag("date-without-year", f"'{phrase.text}': which year?", ctx.source,
                       ctx.norm)
            return
        if phrase.kind == "until":  # "extends the mandate until DATE": the mandate ends then
            subject = period_end(ctx.norm, phrase.start, phrase.end, lang=self.lang) or (
                self._ending(subject, ctx.norm) if subject else None)
        if subject is None:
            self._flag("no-subject", f"'{phrase.text}' bounds no named event", ctx.source,
                       ctx.norm)
            return
        bounds: dict[str, object] = {"not_after": phrase.date}
        if phrase.kind == "until":
            bounds["not_before"] = phrase.date
        elif phrase.kind == "since":
            bounds = {"not_before": phrase.date}
        elif phrase.kind == "window":
            bounds["not_before"] = phrase.since
        to_id = self.events.resolve(subject, ctx.source)
        self._add_relation(ctx, Relation.model_validate({
            "id": self._relation_id(to_id), "to": to_id, "kind": RelationKind.custom,
            **bounds, "text": phrase.text, "source": ctx.source,
            "note": "; ".join(phrase.notes)}))

    def _recurrence(self, ctx: _Context, phrase: Phrase, subject: EventName | None) -> None:
        assert phrase.every is not None
        start = self._recurrence_start(ctx, phrase)
        task = "recurring task" if self.lang == "en" else "tâche récurrente"
        what = subject or self._describe(task)
        base = f"{slug(what)}_every_{phrase.every}"
        rec_id = self.events._unique(re.sub(r"[^a-z0-9_]", "", base)[:70] or "recurrence")
        if any(r.id == rec_id for r in self.recurrences):
            rec_id = f"{rec_id}_{len(self.recurrences) + 1}"
        self.recurrences.append(Recurrence(
            id=rec_id, name=what.label, every=phrase.every, at_least=phrase.at_least,
            start=start, text=phrase.text, source=ctx.source))
        ctx.relation_ids.append(rec_id)

    def _recurrence_start(self, ctx: _Context, phrase: Phrase) -> str:
        if phrase.event:
            return self.events.resolve(self._describe(phrase.event), ctx.source)
        if phrase.thereafter and ctx.last_to is not None:
            return ctx.last_to
        anchor = self._document_anchor()
        self._flag("assumed-anchor", f"'{phrase.text}' names no start: taken to run from the "
                   f"{anchor.words}; confirm", ctx.source, ctx.norm)
        return self.events.resolve(anchor, None)

    def _add_relation(self, ctx: _Context, relation: Relation) -> None:
        self.relations.append(relation)
        ctx.relation_ids.append(relation.id)
        ctx.event_ids.append(relation.to)
        ctx.last_to = relation.to

    def _relation_id(self, to_id: str) -> str:
        return f"r{len(self.relations) + 1}_{to_id}"[:80]

    def _flag(self, code: str, message: str, source: SourceRef, text: str) -> None:
        self.review.append(ReviewItem(code=code, message=message, source=str(source),
                                      text=" ".join(text.split())))

    def _flag_loose_spans(self, norm: str, phrases: list[Phrase], source: SourceRef,
                          text: str) -> None:
        for m in _LOOSE_SPAN.finditer(norm):
            if not any(p.start <= m.start() < max(p.end, p.start + len(p.text))
                       for p in phrases):
                self._flag("unread-span", f"'{m.group(0)}' is not part of a phrase the "
                           "grammar reads", source, text)


@dataclass
class _Context:
    """What one sentence's phrases share as they are read left to right."""

    norm: str
    source: SourceRef
    earlier: bool
    bare: str = ""
    previous: Phrase | None = None
    subject: EventName | None = None
    origin: EventName | None = None
    last_to: str | None = None
    relation_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)


def _date_of(text: str) -> date | None:
    """The calendar date an event text is, if it is one ("June 30 1992", "1 June 2004")."""
    parsed = parse_phrase(f"by {text}")
    if parsed is None or parsed.date is None or parsed.kind != "deadline":
        return None
    return parsed.date if len(parsed.text) >= len(f"by {text}") - 1 else None


def _plus(day: date, span: Duration) -> date:
    """A date moved on by a duration: months by the calendar, then days and hours."""
    month = day.month - 1 + span.months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)) + timedelta(days=span.days + span.hours // 24)


_ITS_SIGNING = re.compile(r"^(?:sa|son|its|their)\s+(?:signature|signing|adoption|conclusion)\s*$",
                          re.IGNORECASE)


def _each(subject: EventName, item: str) -> EventName:
    """The subject's event done by one item of a listed aside ("military")."""
    part = re.sub(r"[^a-z0-9]+", "_", item.lower()).strip("_")
    return EventName(subject.core, f"{subject.state}_{part}", f"{subject.words} ({item})",
                     subject.shown)


def _dplus_subject(norm: str, phrase: Phrase) -> EventName | None:
    """What a timetable day constrains: the words after "E-Day + 30:" (or before "on
    E-Day + 1"), as a clause with an actor or as a noun phrase."""
    rest = re.split(r"[;.]", norm[phrase.end:].lstrip(" :-–—,"), maxsplit=1)[0].strip()
    if not rest:
        rest = re.sub(r"\s+(?:on|at|by|before|from)\s*$", "", norm[:phrase.start]).strip()
    if not rest:
        return None
    name = subject_of(rest, Phrase("order", len(rest), len(rest), ""), previous=None,
                      previous_subject=None)
    return name


def _perfect(text: str) -> EventName | None:
    """ "the USG DPKO has issued a directive" -> directive issued (None if not that form)."""
    m = _PERFECT.match(text)
    return describe(m["obj"], state=m["verb"].lower()) if m else None


def _document_event(doc: Document) -> str:
    """The first agreement or resolution the text names (its title first), as an event."""
    texts = [doc.title, *(c.text for c in doc.clauses)]
    kinds = "|".join(w for w, _ in _DOC_KINDS if w != "directive")
    pattern = re.compile(rf"\b((?:peace|ceasefire|security council)\s+)?({kinds})s?\b"
                         r"(?:\s+\d{3,4}\b(?!\s*\)))?", re.IGNORECASE)
    for text in texts:
        m = pattern.search(text)
        if m:
            verb = dict(_DOC_KINDS)[m.group(2).lower()].split(" of ")[0]
            return f"{verb} of the {m.group(0).strip().lower()}"
    return "issue of this document"


def _document_event_fr(doc: Document) -> str:
    """The first agreement or resolution a French text names, as an event."""
    for text in [doc.title, *(c.text for c in doc.clauses)]:
        m = re.search(r"\b(accord|résolution|protocole|feuille de route)\b", text, re.IGNORECASE)
        if m:
            word = m.group(1).lower()
            verb = "adoption" if word in ("résolution", "feuille de route") else "signature"
            article = "la" if word in ("résolution", "feuille de route") else "l'"
            return f"{verb} de {article}{'' if article.endswith(chr(39)) else ' '}{word}"
    return "signature de l'accord"


def _plan_id(name: str) -> str:
    text = re.sub(r"[^a-z0-9_-]+", "_", name.lower()).strip("_-")
    return text if text[:1].isalpha() else f"plan_{text}" if text else "draft"

