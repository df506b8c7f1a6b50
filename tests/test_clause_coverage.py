"""The directive's clauses: how a text splits into them, and that the Carana plan cites each."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from missionplan.model.clauses import (
    Clause,
    clauses_not_cited,
    directive_clauses,
    is_heading,
    uncited_clauses,
)
from missionplan.model.plan import Plan
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_plan_path

SAMPLE = """\
 Planning Directive for Somewhere

A subtitle line that is still the title

SITUATION

The first paragraph states the situation.

Key aspects include:

The first aspect;
The second aspect.

TIMELINE:
· Report: within 14 days of the signing,
· Concept: 21 days after the report
<SPACES>
A long sentence that the author wrapped
over two lines, then ended.
A new sentence on the next line.
DPKO / ITF:

S/he is to lead.
""".replace("<SPACES>", "   ")  # a line of only spaces is blank


def _split(text: str) -> list[Clause]:
    return directive_clauses(text.splitlines())


def test_title_and_headings_are_not_clauses() -> None:
    clauses = _split(SAMPLE)
    texts = [c.text for c in clauses]
    assert not any("Planning Directive" in t or "subtitle" in t for t in texts)
    assert not any(t in ("SITUATION", "TIMELINE:", "DPKO / ITF:") for t in texts)
    assert clauses[0] == Clause("SITUATION", 7, 7, "The first paragraph states the situation.")


def test_every_list_line_is_its_own_clause() -> None:
    clauses = _split(SAMPLE)
    assert [(c.first, c.last) for c in clauses if c.section == "SITUATION"] == [
        (7, 7), (9, 9), (11, 11), (12, 12)]
    bullets = [c for c in clauses if c.text.startswith("·")]
    assert [(c.first, c.section) for c in bullets] == [(15, "TIMELINE"), (16, "TIMELINE")]


def test_a_wrapped_sentence_stays_one_clause() -> None:
    clauses = _split(SAMPLE)
    wrapped = [c for c in clauses if c.text.startswith("A long sentence")]
    assert wrapped == [Clause("TIMELINE", 18, 19, "A long sentence that the author wrapped "
                                                  "over two lines, then ended.")]
    assert any(c.first == 20 and c.text.startswith("A new sentence") for c in clauses)


def test_a_trailing_colon_is_not_part_of_the_section_name() -> None:
    last = _split(SAMPLE)[-1]
    assert (last.section, last.first, last.text) == ("DPKO / ITF", 23, "S/he is to lead.")


def test_headings_are_the_all_capitals_lines() -> None:
    assert is_heading("CRITERIA FOR SUCCESS")
    assert is_heading("  RESPONSIBILITIES & DEADLINES  ")
    assert not is_heading("Draft Mission Plan: one week prior")
    assert not is_heading("· 1.")
    assert not is_heading("   ")


def test_a_text_without_headings_has_no_clauses() -> None:
    assert _split("A title\n\nSome text.\nMore text.\n") == []


# -- property: a directive built from known parts splits back into those parts -----------

_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=6).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")
_HEADING = st.lists(st.text(alphabet="ABCDEFG", min_size=2, max_size=6),
                    min_size=1, max_size=3).map(" ".join)
_BLOCK = st.tuples(st.sampled_from(["para", "bullets", "wrapped"]),
                   st.lists(_SENTENCE, min_size=1, max_size=3))
_SECTION = st.tuples(_HEADING, st.lists(_BLOCK, min_size=0, max_size=4))


def _render(title: str, sections: list[tuple[str, list[tuple[str, list[str]]]]]
            ) -> tuple[list[str], list[Clause]]:
    """Lines of a directive and the clauses it must split into, built side by side."""
    lines = [title, ""]
    expected: list[Clause] = []
    for heading, blocks in sections:
        lines += [heading, ""]
        name = heading.strip()
        for kind, sentences in blocks:
            if kind == "wrapped":
                text = " ".join(s.rstrip(".") for s in sentences) + " and so on."
                head, _, tail = text.partition(" ")
                first = len(lines) + 1
                lines += [head, "  " + tail.lower()]
                expected.append(Clause(name, first, first + 1, f"{head} {tail.lower()}"))
            else:
                for sentence in sentences:
                    line = f"- {sentence}" if kind == "bullets" else sentence
                    lines.append(line)
                    expected.append(Clause(name, len(lines), len(lines), line))
            lines.append("")
    return lines, expected


@given(st.lists(_SECTION, min_size=0, max_size=5))
def test_split_recovers_the_clauses_a_directive_was_built_from(
        sections: list[tuple[str, list[tuple[str, list[str]]]]]) -> None:
    lines, expected = _render("A title in ordinary case", sections)
    assert directive_clauses(lines) == expected


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 5)), max_size=8))
def test_a_clause_is_uncited_exactly_when_no_citation_touches_its_lines(
        ranges: list[tuple[int, int]]) -> None:
    from missionplan.model.base import SourceRef

    clauses = [Clause("S", n, n + 1, "x") for n in range(1, 40, 3)]
    citations = [SourceRef(section="S", lines=(a, a + k)) for a, k in ranges]
    cited_lines = {line for a, k in ranges for line in range(a, a + k + 1)}
    expected = [c for c in clauses if not {c.first, c.last} & cited_lines]
    assert clauses_not_cited(clauses, citations) == expected


# -- a plan on disk ---------------------------------------------------------------------

def test_uncited_clauses_of_a_plan_name_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "directive.txt").write_text(SAMPLE, encoding="utf-8")
    plan = Plan.model_validate({
        "id": "somewhere", "directive": "directive.txt",
        "events": [{"id": "signed", "source": "SITUATION:7"},
                   {"id": "report", "source": "TIMELINE:15", "sources": ["TIMELINE:19"]}],
        "actors": [{"id": "chair", "responsibilities": [
            {"id": "lead", "source": "DPKO / ITF:23"}]}],
    })
    plan.set_base_dir(tmp_path)
    missing = [(c.first, c.last) for c in uncited_clauses(plan)]
    assert missing == [(9, 9), (11, 11), (12, 12), (16, 16), (20, 20)]


def test_a_plan_without_its_directive_has_nothing_to_cite(tmp_path: Path) -> None:
    plan = Plan.model_validate({"id": "x", "directive": "missing.txt"})
    plan.set_base_dir(tmp_path)
    assert uncited_clauses(plan) == []


# -- the built-in plan ------------------------------------------------------------------

def test_every_clause_of_the_carana_directive_is_cited() -> None:
    plan = load_plan(scenario_plan_path())
    clauses = directive_clauses(plan.directive_lines())
    assert len(clauses) > 60, "the Carana directive did not load or split"
    missing = uncited_clauses(plan)
    assert not missing, "clauses no plan item cites:\n" + "\n".join(map(str, missing))
