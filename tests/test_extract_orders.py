"""Orders stated in words with no number become precedence relations, margins for review."""

from __future__ import annotations

import pytest

from missionplan.extract import extract_plan
from missionplan.extract.evaluate import score
from missionplan.extract.orders import find_orders, without_asides
from missionplan.model import RelationKind
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_dir

TEXT = """Transition Plan (illustrative test text)

IMPLEMENTATION

The Joint Commission shall adopt its work plan on the basis of the Transition Framework.

The radio campaign should be launched well in advance of the referendum.

Once the Electoral Commission has published the voter register, the parties will name candidates.

A logistics plan will be prepared as soon as possible.

Polling stations shall open for displaced voters should the vote occur before they return.

The Commissioner shall appear before the Security Council.
"""


def _orders() -> dict[str, tuple[str, str]]:
    plan = extract_plan(TEXT).plan
    return {r.text: (r.from_ or "", r.to) for r in plan.relations
            if r.kind is RelationKind.precedence}


def test_on_the_basis_of_orders_the_subject_after_the_basis() -> None:
    earlier, later = _orders()["on the basis of the Transition Framework"]
    assert "transition_framework" in earlier and "work_plan" in later


def test_in_advance_of_orders_the_subject_before_the_event() -> None:
    earlier, later = _orders()["well in advance of the referendum"]
    assert "radio_campaign" in earlier and "referendum" in later


def test_once_orders_the_main_clause_after_the_condition() -> None:
    orders = _orders()
    earlier, later = next(v for k, v in orders.items() if k.startswith("Once"))
    assert "voter_register" in earlier and "published" in earlier
    assert "candidates" in later


def test_as_soon_as_possible_runs_after_the_documents_start_and_is_flagged() -> None:
    result = extract_plan(TEXT)
    assert any("logistics_plan" in to for _, to in _orders().values())
    assert any(r.code == "vague-time" and "as soon as possible" in r.message
               for r in result.review)


def test_a_condition_and_a_place_are_not_orders() -> None:
    result = extract_plan(TEXT)
    assert not any("return" in to or "council" in to for _, to in _orders().values())
    assert any(r.code == "conditional" for r in result.review)


@pytest.mark.parametrize("sentence", [
    "The draft is due one week prior to the mission.",
    "Forces withdraw 30 days before the vote.",
])
def test_counted_orders_are_left_to_the_grammar(sentence: str) -> None:
    assert not [o for o in find_orders(sentence) if o.direction == "before"]


def test_asides_are_blanked_and_offsets_kept() -> None:
    text = "Components - A, B and C - will align plans."
    blank = without_asides(text)
    assert len(blank) == len(text) and "A, B" not in blank and blank.endswith("align plans.")


def test_carana_orders_raise_recall_against_every_relation_without_spurious() -> None:
    text = (scenario_dir("carana") / "directive.txt").read_text(encoding="utf-8")
    reference = load_plan(scenario_dir("carana") / "plan.yaml")
    s = score(extract_plan(text).plan, reference, text.splitlines(), all_relations=True)
    assert s.recall > 0.55 and not s.spurious


def test_a_listed_aside_gives_each_item_its_own_order() -> None:
    text = ("Plan (illustrative test text)\n\nIMPLEMENTATION\n\nThe units of the Force - "
            "engineers, medics and signals - will be expected to adapt their plans on the "
            "basis of the Force Directive.\n")
    plan = extract_plan(text).plan
    later = sorted(r.to for r in plan.relations if r.kind is RelationKind.precedence)
    assert len(later) == 3 and len(set(later)) == 3
    assert all(any(w in t for t in later) for w in ("engineers", "medics", "signals"))


@pytest.mark.parametrize("sentence", [
    "Those responsible shall be brought before the Special Court.",
    "The Minister shall appear before it.",
    "Once deployed, the Force shall patrol the zone.",
])
def test_a_body_a_pronoun_or_a_bare_participle_is_no_order(sentence: str) -> None:
    text = f"Plan (illustrative test text)\n\nIMPLEMENTATION\n\n{sentence}\n"
    assert not [r for r in extract_plan(text).plan.relations
                if r.kind is RelationKind.precedence]


def test_an_order_between_commas_constrains_the_verb_after_it() -> None:
    text = ("Plan (illustrative test text)\n\nIMPLEMENTATION\n\nThe Government shall, prior "
            "to the deployment of the Mission, conclude a status agreement.\n")
    (relation,) = extract_plan(text).plan.relations
    assert relation.kind is RelationKind.precedence
    assert "agreement_concluded" in (relation.from_ or "") and relation.to == "mission_deployed"
