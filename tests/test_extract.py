"""The extract room: phrases, event naming, the Carana draft measured against the hand plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missionplan.extract import diff_directives, extract_plan
from missionplan.extract.evaluate import measured, score
from missionplan.extract.events import describe
from missionplan.extract.numbers import normalise_numbers, words_to_int
from missionplan.extract.temporal import parse_phrase
from missionplan.planfile import load_plan, loads_plan, write_plan
from missionplan.scenarios import scenario_dir

CARANA = scenario_dir("carana")
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """Brute-force oracle: an integer below 1000 in English words."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{WORDS[hundreds]} hundred"] if hundreds else []
    if rest or not parts:
        tens, units = divmod(rest, 10)
        word = WORDS[rest] if rest < 20 else TENS[tens] + (f"-{WORDS[units]}" if units else "")
        parts.append(word)
    return " and ".join(parts)


@given(st.integers(min_value=0, max_value=999))
def test_numbers_in_words_read_back(n: int) -> None:
    assert words_to_int(spell(n)) == n
    assert normalise_numbers(f"within {spell(n)} ({n}) days") == f"within {n} days"


@pytest.mark.parametrize(("phrase", "kind", "lo", "hi"), [
    ("within 14 days of the signing", "within", "0d", "14d"),
    ("three weeks after return of the mission", "after", "3w", "3w"),
    ("one week prior to the mission", "prior", None, "-1w"),
    ("immediately on the return of the mission", "immediately", "0d", "0d"),
    ("within thirty (30) days after the transfer", "within", "0d", "30d"),
    ("within 72–96 hours of the incident", "within", "72h", "96h"),
    ("at least four weeks in advance of the elections", "prior", None, "-4w"),
    ("within twenty-one days of the signing", "within", "0d", "21d"),
    ("within six months from the adoption of a resolution", "within", "0d", "6mo"),
])
def test_relation_phrases(phrase: str, kind: str, lo: str | None, hi: str) -> None:
    parsed = parse_phrase(phrase)
    assert parsed is not None and parsed.kind == kind
    assert (str(parsed.lo) if parsed.lo else None, str(parsed.hi)) == (lo, hi)
    assert parsed.event


def test_calendar_and_recurrence_phrases() -> None:
    deadline = parse_phrase("no later than 31 December 2005")
    assert deadline is not None and str(deadline.date) == "2005-12-31"
    end = parse_phrase("not later than the end of March 2006")
    assert end is not None and str(end.date) == "2006-03-31"
    no_year = parse_phrase("not later than the end of March")
    assert no_year is not None and no_year.date is None and no_year.date_text
    every = parse_phrase("at least once every three months")
    assert every is not None and every.at_least and str(every.every) == "3mo"
    plain = parse_phrase("every 30 days")
    assert plain is not None and not plain.at_least and str(plain.every) == "30d"


@pytest.mark.parametrize(("a", "b"), [
    ("the signing of a peace agreement", "the signing of the peace agreement"),
    ("return of the technical assessment mission", "return from the technical assessment"),
    ("a Security Council resolution", "the adoption of a Security Council resolution"),
    ("Secretary-General's report to Security Council",
     "Secretary-General submits a report to the Security Council"),
])
def test_one_happening_one_name(a: str, b: str) -> None:
    assert describe(a).same_as(describe(b))


def test_different_happenings_stay_apart() -> None:
    assert not describe("the establishment of the mission").same_as(
        describe("establishment of the mission headquarters"))
    assert not describe("deployment of a peacekeeping mission").same_as(
        describe("deployment of a technical assessment mission"))
    assert not describe("return of the mission").same_as(describe("deployment of the mission"))


def test_whichever_is_earlier_keeps_both_bounds() -> None:
    text = ("TIMETABLE\n\nThe Commission shall be established within 90 days of the signing "
            "of this Agreement or 30 days after the inauguration of the Government, whichever "
            "is earlier.\n")
    plan = extract_plan(text).plan
    assert len(plan.relations) == 2
    assert all("whichever is earlier" in r.note for r in plan.relations)
    assert len({r.to for r in plan.relations}) == 1


def test_unplaced_time_words_are_listed_for_review() -> None:
    text = ("RESPONSIBILITIES\n\nThe envoy is to travel at the earliest opportunity.\n\n"
            "Elections shall be held not later than the end of March.\n")
    result = extract_plan(text)
    codes = {r.code for r in result.review}
    assert {"vague-time", "date-without-year"} <= codes
    assert all(line in result.plan.readings for line in map(str, result.review))


def test_carana_draft_against_hand_built_plan() -> None:
    text = (CARANA / "directive.txt").read_text(encoding="utf-8")
    reference = load_plan(CARANA / "plan.yaml")
    draft = extract_plan(text, name="carana").plan
    result = score(draft, reference, text.splitlines())
    # the bounded set: the hand plan's relations whose cited lines state a count or a date
    assert result.expected >= 15
    assert result.recall >= 0.95, result.missing
    assert len(result.spurious) <= 0.05 * result.produced, result.spurious
    every = score(draft, reference, text.splitlines(), all_relations=True)
    assert every.expected == len(reference.relations) > result.expected
    unstated = {r.id for r in reference.relations} - {r.id for r in
                                                      measured(reference, text.splitlines())}
    assert set(every.missing) <= unstated  # only readings the text does not state are missed


def test_every_item_cites_its_lines() -> None:
    text = (CARANA / "directive.txt").read_text(encoding="utf-8")
    plan = extract_plan(text).plan
    lines = text.splitlines()
    for relation in plan.relations:
        assert relation.source is not None
        quoted = " ".join(lines[relation.source.lines[0] - 1:relation.source.lines[1]])
        assert relation.text.split()[-1] in quoted  # the directive's own words and case


def test_draft_round_trips_through_the_plan_file(tmp_path: Path) -> None:
    text = (CARANA / "directive.txt").read_text(encoding="utf-8")
    plan = extract_plan(text, name="carana").plan
    target = tmp_path / "draft.yaml"
    write_plan(plan, target)
    again = loads_plan(target.read_text(encoding="utf-8"))
    assert [r.id for r in again.relations] == [r.id for r in plan.relations]


def test_revision_diff_names_touched_items() -> None:
    old = (CARANA / "directive.txt").read_text(encoding="utf-8")
    plan = load_plan(CARANA / "plan.yaml")
    lines = old.splitlines()
    changed = next(i for i, line in enumerate(lines) if "Within 21 days of the signing" in line)
    removed = next(i for i, line in enumerate(lines) if line.startswith("That the humanitarian"))
    new_lines = list(lines)
    new_lines[changed] = new_lines[changed].replace("21 days", "30 days")
    new_lines[removed] = ""
    new_lines.insert(changed + 1, "\nElection observers: within 60 days of the resolution,")
    diff = diff_directives(old, "\n".join(new_lines), plan)
    kinds = {(c.kind, c.old.first if c.old else None) for c in diff.changes}
    assert ("changed", changed + 1) in kinds
    assert ("removed", removed + 1) in kinds
    assert any(c.kind == "new" and "observers" in (c.new.text if c.new else "")
               for c in diff.changes)
    touched = next(c for c in diff.changes if c.kind == "changed").items
    assert "tam_within_21_days_of_signing" in touched
