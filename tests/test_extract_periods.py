"""Phrase classes added for the second round of issue 16: periods and renewals named by
what they end, days on a timetable, spans counted from a date, and the subjects real texts
use ("have eight months to", "a deadline of N for", "their forces"). Each test reads a
short text through the whole extractor and checks the relation it drafts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missionplan.extract import extract_plan
from missionplan.extract.draft import _plus
from missionplan.extract.events import EventName
from missionplan.extract.temporal import find_phrases
from missionplan.model import Duration, Plan


def _draft(sentence: str, *, lang: str = "en") -> Plan:
    head = ("Resolution (test text)\n\nOPERATIVE\n\n" if lang == "en"
            else "Résolution (texte d'essai)\n\nDISPOSITIF\n\n")
    return extract_plan(f"{head}{sentence}\n").plan


def _rows(plan: Plan) -> list[tuple[str, str, str, str, str]]:
    names = {e.id: e.name for e in plan.events}
    rows = []
    for r in plan.relations:
        lo, hi = r.bounds()
        rows.append((names.get(r.from_ or "", "-"), names[r.to], str(lo) if lo else "-",
                     str(hi) if hi else "-",
                     f"{r.not_before or '-'}..{r.not_after or '-'}"))
    return rows


@pytest.mark.parametrize(("sentence", "end"), [
    ("Resolution 1996 establishes the UN Mission in the Republic of South Sudan (UNMISS) for "
     "an initial period of one year.", "UNMISS initial period ended"),
    ("Decides, in order to assist the Committee, to establish for a period of 18 months a New "
     "York-based Sanctions Monitoring Team under the direction of the Committee.",
     "Sanctions Monitoring Team mandate ended"),
    ("The UN Security Council extended on Tuesday the mandate of the UN peacekeeping mission "
     "in Haiti for six months.", "Mission in Haiti extended mandate ended"),
])
def test_a_period_ends_the_mission_it_establishes_not_the_resolution_verb(
        sentence: str, end: str) -> None:
    (row,) = _rows(_draft(sentence))
    assert row[1] == end and row[2] == row[3]


def test_a_renewal_until_a_date_ends_that_mission_and_missions_stay_apart() -> None:
    rows = _rows(_draft("Decides to extend the mandate of the UN Mission in Liberia (UNMIL) "
                        "until 30 September 2015;\n\nDecides to extend the mandate of the "
                        "Mission in Mali (MINUSMA) until 30 June 2016;"))
    assert [(r[1], r[4]) for r in rows] == [
        ("UNMIL extended mandate ended", "2015-09-30..2015-09-30"),
        ("MINUSMA extended mandate ended", "2016-06-30..2016-06-30")]
    fr = _rows(_draft("Le Conseil a annoncé la prorogation pour un an du mandat de la MONUSCO.",
                      lang="fr"))
    assert fr[0][1:4] == ("Mandat de la MONUSCO terminé", "1y", "1y")


def test_an_acronym_parts_two_events_however_alike_their_letters() -> None:
    a = EventName("mandat de la minusma end", "terminé", "", "Mandat de la MINUSMA")
    b = EventName("mandat de la monusco end", "terminé", "", "Mandat de la MONUSCO")
    assert not a.same_as(b) and a.same_as(a)
    pre = EventName("pre transitional period", "ended", "")
    assert not pre.same_as(EventName("transitional period", "ended", ""))


def test_periods_named_by_their_own_noun_chain_and_start_where_the_text_says() -> None:
    rows = _rows(_draft("After concluding the agreement on the revised bridging proposal, a "
                        "pre-transitional period of 120 days shall commence to be followed by "
                        "a transitional period of 36 months."))
    assert ("Pre transitional period ended", "Transitional period ended", "36mo", "36mo") in [
        r[:4] for r in rows]
    first = next(r for r in rows if r[2] == "120d")
    assert first[1] == "Pre transitional period ended" and "agreement" in first[0].lower()
    fr = _rows(_draft("Des législatives seront organisées au terme d'une période de transition "
                      "de 12 mois.", lang="fr"))
    assert fr[0][:4] == ("Période de transition commencée", "Période de transition terminée",
                         "12mo", "12mo")


@pytest.mark.parametrize(("sentence", "to_words", "lo", "hi"), [
    ("Repatriations are due to begin on day 30 after the accord is signed.",
     "Repatriations started", "0d", "30d"),
    ("Monuc, the JMC and the Third Party will start to track down, disarm and dismantle "
     "ex-FAR groups from day 10 of the accord.", "ex FAR groups started", "10d", "-"),
    ("The rebels, meanwhile, have eight months to withdraw their forces from northern Sudan.",
     "Rebels forces from northern Sudan withdrawn", "0d", "8mo"),
    ("Decommissioning would be phased in over 6 months (180 days) after the formal signing of "
     "the final agreement.", "Decommissioning", "0d", "180d"),
    ("The new police force will be phased in over a two-year period.", "Police force",
     "0d", "2y"),
    ("A permanent ceasefire is hereby declared and shall enter into force within 72 hours of "
     "the signing of the declaration.", "Permanent ceasefire in force", "0d", "72h"),
])
def test_spans_in_the_forms_real_texts_use(sentence: str, to_words: str, lo: str,
                                           hi: str) -> None:
    rows = _rows(_draft(sentence))
    assert any(to_words in r[1] and (r[2], r[3]) == (lo, hi) for r in rows), rows


def test_a_span_counted_from_a_date_is_a_calendar_bound() -> None:
    (row,) = _rows(_draft("commence the first course at the Academy within 15 days after "
                          "June 30 1992;"))
    assert row[0] == "-" and row[4] == "-..1992-07-15"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(0, 40), st.integers(0, 400))
def test_moving_a_date_by_months_and_days_agrees_with_counting_month_ends(
        day: date, months: int, days: int) -> None:
    moved = _plus(day, Duration(months, days, 0, text="x"))
    # brute force: step month by month, clamping to the month's length, then add the days
    y, m = day.year, day.month
    for _ in range(months):
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    last = [31, 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][m - 1]
    expected = date(y, m, min(day.day, last)).toordinal() + days
    assert moved.toordinal() == expected


@pytest.mark.parametrize(("sentence", "kept"), [
    ("requests that authority be transferred from the MIF to MINUSTAH on 1 June 2004;", True),
    ("the Elections which are scheduled to take place on the 23rd of December 2018.", True),
    ("Resolution 1279, adopted on 30 November 1999, extended the mandate.", False),
])
def test_a_day_is_read_only_when_something_is_to_happen_on_it(sentence: str,
                                                              kept: bool) -> None:
    _, phrases, _ = find_phrases(sentence)
    assert any(p.on_day for p in phrases) is kept


def test_french_subjects_owners_gerunds_and_objects_after_an_infinitive() -> None:
    rows = _rows(_draft("Souligne que le Groupe des crimes graves doit achever ses enquêtes "
                        "d'ici à novembre 2004 ;", lang="fr"))
    assert rows[0][1] == "Enquêtes du Groupe des crimes graves achevées"
    rows = _rows(_draft("Les groupes armés s'engagent à observer dès la signature de "
                        "l'Accord, une cessation immédiate, complète et irrévocable des "
                        "hostilités.", lang="fr"))
    assert rows[0][2:4] == ("0d", "0d") and "hostilités" in rows[0][1]
    plan = _draft("Prie le Secrétaire général de présenter un rapport dans les trois mois "
                  "suivant la date d'adoption de la présente résolution, puis tous les trois "
                  "mois par la suite ;", lang="fr")
    assert [(r.name, str(r.every)) for r in plan.recurrences] == [("Rapport présenté", "3mo")]


def test_vague_words_and_dates_without_a_year_go_to_review_not_into_numbers() -> None:
    result = extract_plan("Resolution (test text)\n\nOPERATIVE\n\nRequests the "
                          "Secretary-General to submit an assessment as soon as feasible;\n\n"
                          "The elections will take place on 25 June.\n")
    assert not result.plan.relations
    said = " ".join(r.text for r in result.review)
    assert "as soon as feasible" in said and "25 June" in said
