"""The extract room reads actors, names events as noun phrases, keeps the text's words."""

from __future__ import annotations

import itertools

import pytest

from missionplan.extract import extract_plan
from missionplan.extract.duties import find_duty
from missionplan.extract.temporal import find_phrases

CEASEFIRE = """Ceasefire Agreement (illustrative test text)

IMPLEMENTATION

The Force Commander shall deploy liaison teams within 72 hours of the signing of this Agreement.

The Secretary-General shall report to the Security Council at least once every three
months on the situation.

The parties shall notify the Joint Commission of the locations of their forces within 7
days of the signing of this Agreement.

Cantonment sites shall be established within 30 days of the signing of this Agreement.

The Joint Commission shall meet every two weeks from the signing of this Agreement.

Refugees shall return not later than the end of March 2028.

The Special Representative is responsible for coordinating the humanitarian agencies.

S/he is to brief the donors within 10 days of the signing of this Agreement.

The Joint Commission will lead the verification of the withdrawal.
"""


@pytest.mark.parametrize(("sentence", "actor"), [
    ("The Force Commander shall deploy liaison teams.", "Force Commander"),
    ("The Secretary-General shall report to the Council.", "Secretary-General"),
    ("The parties shall notify the Joint Commission.", "The parties"),
    ("The Joint Commission is responsible for verification.", "Joint Commission"),
    ("The Joint Commission will lead the verification.", "Joint Commission"),
    ("Within 30 days of X, the Force Commander shall, in addition, deploy teams.",
     "Force Commander"),
    ("Requests the Secretary-General to report every 90 days.", "Secretary-General"),
])
def test_modal_forms_name_the_actor(sentence: str, actor: str) -> None:
    duty = find_duty(sentence)
    assert duty is not None and duty.actor == actor


@pytest.mark.parametrize("sentence", [
    "Refugees shall return.", "Cantonment sites shall be established.",
    "Elections shall be held in May.", "The weather was fine."])
def test_sentences_that_assign_nothing_name_no_actor(sentence: str) -> None:
    assert find_duty(sentence) is None


def test_pronoun_is_the_sections_actor() -> None:
    duty = find_duty("S/he is to lead a technical assessment mission.")
    assert duty is not None and duty.actor is None


def test_actors_and_responsibilities_outside_a_responsibilities_section() -> None:
    plan = extract_plan(CEASEFIRE).plan
    actors = {a.name: a for a in plan.actors}
    assert {"Force Commander", "Secretary-General", "The parties", "Joint Commission",
            "Special Representative"} <= set(actors)
    deploy = actors["Force Commander"].responsibilities[0]
    assert any(i in {r.id for r in plan.relations} for i in deploy.items)
    assert len(actors["Joint Commission"].responsibilities) == 2
    # "S/he" is the actor the section last named
    assert any("brief the donors" in r.text
               for r in actors["Special Representative"].responsibilities)


def test_event_ids_are_noun_phrases_without_modals() -> None:
    plan = extract_plan(CEASEFIRE).plan
    ids = {e.id for e in plan.events} | {r.id for r in plan.recurrences}
    assert {"cantonment_sites_established", "refugees_returned",
            "liaison_teams_deployed"} <= ids
    for text in ids:
        words = text.split("_")
        assert not {"shall", "will", "must", "should"} & set(words), text
        assert all(a != b for a, b in itertools.pairwise(words)), text
    report = next(r for r in plan.recurrences if r.every.months == 3)
    assert report.name == "Secretary General report submitted"
    meets = next(r for r in plan.recurrences if r.every.days == 14)
    assert meets.name == "Joint Commission met"


def test_at_least_once_every_is_a_recurrence_and_its_start_is_reviewed() -> None:
    result = extract_plan(CEASEFIRE)
    report = next(r for r in result.plan.recurrences if r.every.months == 3)
    assert report.at_least and str(report.every) == "3mo"
    assert not any(r.code == "unread-span" for r in result.review)
    assumed = [r for r in result.review if r.code == "assumed-anchor"]
    assert len(assumed) == 1 and "at least once every 3 months" in assumed[0].message
    assert "signing of the ceasefire agreement" in assumed[0].message
    # a recurrence that names its start is not flagged
    meets = next(r for r in result.plan.recurrences if r.every.days == 14)
    assert meets.start == "agreement_signed"


def test_quoted_text_keeps_the_directives_case() -> None:
    plan = extract_plan(CEASEFIRE).plan
    deadline = next(r for r in plan.relations if r.not_after is not None)
    assert deadline.text == "not later than the end of March 2028"
    signing = next(r for r in plan.relations if r.to == "liaison_teams_deployed")
    assert signing.text.endswith("this Agreement")


def test_review_notes_end_at_a_word() -> None:
    long_until = ("The office stays open until a directive to the head of mission is issued "
                  "to guide an integrated approach to everything the mission does.")
    _, _, vague = find_phrases(long_until)
    text = vague[0].text
    assert text.endswith("…")
    body = text[:-1]
    at = long_until.index(body)
    assert long_until[at + len(body)] == " "


def test_after_in_whichever_is_earlier_is_a_latest_date() -> None:
    text = ("TIMETABLE\n\nThe release of hostages shall take place within 3 days of the signing "
            "of this Agreement or 24 hours after the establishment of the Commission, "
            "whichever is earlier.\n")
    plan = extract_plan(text).plan
    assert {e.id for e in plan.events} >= {"hostages_released"}
    assert {(r.kind.value, str(r.min), str(r.max)) for r in plan.relations} == {
        ("within", "0d", "3d"), ("within", "0d", "24h")}
