"""The brief's deadline table (clear names, dates once, footnote, clause with quote) and
the decisions it asks for when deadlines slip in a consistent plan."""

from __future__ import annotations

import re
from datetime import date

import pytest

from missionplan.model import Relation
from missionplan.reports.context import ReportContext, build_context
from missionplan.reports.deadline_rows import ESTIMATE_NOTE, deadline_name
from missionplan.reports.html import DocumentKind, render_html
from missionplan.reports.run import make_context
from missionplan.reports.words import id_words, shorten
from reports.fixture import small_plan, small_schedule

AS_OF = date(2025, 4, 1)  # the assessment mission and the draft plan are late


def _ctx() -> ReportContext:
    return make_context(small_plan(), as_of=AS_OF, generated=AS_OF)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, name: str) -> str:
    start = html.index(f'<section id="{name}">')
    return html[start:html.index("</section>", start)]


def test_deadlines_are_named_from_their_events_and_bounds() -> None:
    names = [v.name for v in _ctx().deadline_table]
    assert names == [
        "Assessment mission departs within 21 days of Agreement signed",
        "Draft mission plan at least 7 days before Assessment mission departs",
        "Report to the Council 21 days after Assessment mission returns",
        "Report to the Council by 1 June 2025",
        "Headquarters established within 5 weeks of Resolution adopted",
    ]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"kind": "within", "max": "3mo"}, "DDR started within 3 months of Peace agreement signed"),
    ({"kind": "immediately"}, "DDR started immediately after Peace agreement signed"),
    ({"kind": "after", "min": "2w", "max": "2w"},
     "DDR started 2 weeks after Peace agreement signed"),
    ({"kind": "custom", "min": "10d", "max": "1y"},
     "DDR started 10 days to 1 year after Peace agreement signed"),
    ({"kind": "precedence", "min": "5d"},
     "DDR started at least 5 days after Peace agreement signed"),
    ({"kind": "prior", "max": "-1d"}, "DDR started at least 1 day before Peace agreement signed"),
    ({"kind": "within", "max": "3mo", "name": "DDR on time"}, "DDR on time"),
])
def test_generated_names_follow_the_bounds(fields: dict[str, str], expected: str) -> None:
    rel = Relation.model_validate({"id": "r", "from": "peace_agreement_signed",
                                   "to": "ddr_started", **fields})
    row = type("Row", (), {"to_event": "ddr_started", "text": ""})()
    names = {"peace_agreement_signed": "Peace agreement signed"}
    assert deadline_name(rel, row, names) == expected


def test_why_writes_each_date_once_and_the_estimate_as_a_footnote() -> None:
    ctx = _ctx()
    html = _section(render_html(DocumentKind.brief, ctx), "deadlines")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", html)
    assert "counted from a forecast)" not in html
    assert html.count(ESTIMATE_NOTE.replace(":", ":")) == 1
    estimated = [v for v in ctx.deadline_table if v.estimated]
    assert len(estimated) == 2 and html.count("<sup>*</sup>") == len(estimated) + 1
    late = ctx.deadline_table[0]
    assert late.why == "8 days overdue and not recorded done"
    assert "24 March 2025" in _text(html)


def test_clause_shows_the_reference_and_the_directives_words() -> None:
    first = _ctx().deadline_table[0]
    assert first.clause == "TIMELINE:8 “Assessment mission: within 21 days of the signing of " \
        "the agreement.”"
    long = "word " * 60
    cut = shorten(long, limit=40)
    assert len(cut) <= 40 and cut.endswith("word…")


def test_a_consistent_plan_with_slipping_deadlines_asks_for_decisions() -> None:
    ctx = _ctx()
    assert not ctx.conflicts
    text = _text(_section(render_html(DocumentKind.brief, ctx), "conflicts"))
    assert "no conflict needs a decision" not in text
    assert "2 deadlines slip: each needs a decision" in text
    late, draft = ctx.decisions
    assert late.status == "late" and late.how_late == "Due 24 March 2025: 8 days overdue."
    assert late.clause.startswith("TIMELINE:8 “Assessment mission")
    assert late.chain == ["Agreement signed", "Assessment mission departs"]
    assert "Accept the slip" in late.options[0]
    assert late.options[1] == ("Accelerate the chain behind it: Agreement signed → "
                               "Assessment mission departs.")
    # due a week before an assessment mission that can leave today at the earliest
    assert draft.status == "late" and draft.how_late == "Due 25 March 2025: 7 days overdue."
    assert draft.chain[-1] == "Draft mission plan"
    assert "Assessment mission departs within 21 days of Agreement signed (late)" in text


def test_no_decision_when_every_deadline_is_on_track() -> None:
    ctx = build_context(small_plan(), small_schedule(), generated=date(2025, 3, 1))
    assert {d.status.value for d in ctx.deadlines} <= {"on_track", "not_reachable"}
    assert ctx.decisions == []
    assert "no decision is needed" in _text(render_html(DocumentKind.brief, ctx))


def test_ids_become_words_with_acronyms_upper_case() -> None:
    assert id_words("ddr_started") == "DDR started"
    assert id_words("usg_directive_to_srsg") == "USG directive to SRSG"
    assert id_words("idps_returned") == "IDPs returned"
    assert id_words("mission_hq_established") == "Mission HQ established"
    assert id_words("conops-ready") == "CONOPS ready"
