"""Injects reach every syndicate as the clock moves, each as one new plan version with its
facts, states and observations; the clock cannot go back past them; what each broke is
measured just before and just after, on its day."""

from __future__ import annotations

from datetime import date

import pytest

from missionplan.errors import DataFileError, WorkspaceError
from missionplan.scenarios import scenario_dir, scenario_plan_path
from missionplan.store import open_workspace
from missionplan.store.seed import init_workspace

DRILL = """\
format: missionplan-exercise/1
id: drill
plan: carana
starts: 2027-05-24
injects:
  - id: signing_slips
    title: Signing slips
    at: 2027-05-24
    effects:
      - move: {event: peace_agreement_signed, to: 2027-06-01}
  - id: signed
    title: Signed
    at: 2027-06-01
    effects:
      - record: {event: peace_agreement_signed}
  - id: visas
    title: Visas held up
    at: 2027-06-04
    effects:
      - delay: {event: tam_deployed, by: 10d}
      - assumption: {assumption: government_cooperation, state: unknown}
  - id: violence
    title: Violations surge
    at: 2027-06-20
    effects:
      - observations:
          - {indicator: ceasefire_violations, date: 2027-06-15, value: 55}
  - id: after_tam
    title: Two days after the TAM deploys
    after: {event: tam_deployed, days: 2}
    from: The press
    message: The TAM is in Galasi.
  - id: battalion
    title: A battalion withdrawn
    at: 2027-06-25
    effects:
      - unit: {unit: inf_bn_3, withdrawn: true, replacement_after: 120d}
"""


@pytest.fixture
def exercise_ws(db_url: str):  # type: ignore[no-untyped-def]
    with open_workspace(db_url) as ws:
        ws.import_plan(scenario_plan_path().read_text(encoding="utf-8"), user="trainer")
        yield ws


def test_loading_sets_the_clock_to_its_start_and_delivers_what_is_due(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    ws.load_exercise(DRILL, user="trainer")
    assert ws.current_day().day == date(2027, 5, 24)
    [first] = ws.deliveries()
    assert (first.inject, first.branch, first.version) == ("signing_slips", "", 2)
    assert ws.stored_plan().anchors[-1].event == "peace_agreement_signed"
    assert [v.note for v in ws.plan_versions()][-1].startswith("exercise inject 'signing_slips'")
    assert any(e.action == "inject.deliver" for e in ws.audit())


def test_each_syndicate_gets_every_inject_and_answers_at_its_own_pace(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    ws.add_syndicate("alpha", user="trainer")
    ws.add_syndicate("bravo", user="trainer")
    ws.load_exercise(DRILL, user="trainer")
    ws.advance("11d", user="trainer")  # to 4 June
    alpha, bravo = ws.on("alpha"), ws.on("bravo")
    for branch in (alpha, bravo):
        assert [d.inject for d in branch.deliveries()] == ["signing_slips", "signed", "visas"]
        assert branch.actuals() == {"peace_agreement_signed": date(2027, 6, 1)}
        assert branch.assumption_states()["government_cooperation"] == "unknown"
        assert len(branch.plan_versions()) == 3  # the copy, the slip, the delay
    assert ws.deliveries() == [] and ws.actuals() == {}  # the own plan is the trainer's
    alpha.record_actual("tam_deployed", date(2027, 6, 4), user="amy")
    ws.advance("2d", user="trainer")  # 6 June: alpha's TAM deployed two days ago
    assert "after_tam" in [d.inject for d in alpha.deliveries()]
    assert "after_tam" not in [d.inject for d in bravo.deliveries()]
    bravo.record_actual("tam_deployed", date(2027, 6, 6), user="bo")
    ws.advance("2d", user="trainer")
    late = next(d for d in bravo.deliveries() if d.inject == "after_tam")
    assert late.day == date(2027, 6, 8) and late.detail is not None
    assert late.detail.message == "The TAM is in Galasi."
    ws.advance("2w", user="trainer")  # 22 June: the observations arrive, each its own
    assert [o.value for o in alpha.observations("ceasefire_violations")] == [55.0]
    assert [o.value for o in bravo.observations("ceasefire_violations")] == [55.0]
    assert ws.observations("ceasefire_violations") == []


def test_a_syndicate_made_later_has_the_injects_its_copy_already_holds(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    ws.load_exercise(DRILL, user="trainer")
    ws.advance("8d", user="trainer")
    assert [d.inject for d in ws.deliveries()] == ["signing_slips", "signed"]
    ws.add_syndicate("late", user="trainer")
    late = ws.on("late")
    assert [d.inject for d in late.deliveries()] == ["signing_slips", "signed"]
    ws.advance("3d", user="trainer")
    assert [d.inject for d in late.deliveries()][-1] == "visas"
    assert [d.inject for d in ws.deliveries()] == ["signing_slips", "signed"]


def test_the_clock_cannot_go_back_past_a_delivered_inject(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    ws.load_exercise(DRILL, user="trainer")
    ws.advance("12d", user="trainer")
    before = (ws.revision(), ws.current_day().day, len(ws.deliveries()))
    for move in (lambda: ws.set_day(date(2027, 6, 2), user="trainer"),
                 lambda: ws.advance("-5d", user="trainer"),
                 lambda: ws.unset_day(user="trainer")):
        with pytest.raises(WorkspaceError) as caught:
            move()
        assert caught.value.code == "clock-before-injects"
        assert "visas" in str(caught.value)
    assert (ws.revision(), ws.current_day().day, len(ws.deliveries())) == before
    ws.set_day(date(2027, 6, 5), user="trainer")  # back, but not past the last one
    assert ws.current_day().day == date(2027, 6, 5)


def test_a_bad_exercise_changes_nothing(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    revision = ws.revision()
    with pytest.raises(DataFileError) as caught:
        ws.load_exercise(DRILL.replace("tam_deployed, by", "tam_deploy, by"), user="trainer",
                         name="drill.yaml")
    assert caught.value.code == "exercise-file" and "drill.yaml:" in str(caught.value)
    assert ws.revision() == revision and ws.exercise() is None
    assert ws.scenario_day() is None


def test_an_inject_against_the_syndicates_logic_is_a_correction(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    ws.add_syndicate("alpha", user="trainer")
    alpha = ws.on("alpha")
    ws.load_exercise(DRILL, user="trainer")
    ws.advance("10d", user="trainer")  # 3 June
    alpha.record_actual("tam_deployed", date(2027, 6, 2), user="amy")
    drill = DRILL + """\
  - id: signed_again
    title: The signing is dated again
    at: 2027-06-04
    effects:
      - record: {event: peace_agreement_signed, date: 2027-06-03}
"""
    ws.load_exercise(drill, user="trainer")
    ws.advance("1d", user="trainer")
    assert alpha.actuals()["peace_agreement_signed"] == date(2027, 6, 3)
    assert "peace_agreement_signed" in alpha.corrections()  # after the TAM: against logic


def test_impacts_say_what_each_inject_broke(exercise_ws) -> None:  # type: ignore[no-untyped-def]
    ws = exercise_ws
    ws.add_syndicate("alpha", user="trainer")
    ws.load_exercise(DRILL, user="trainer")
    ws.set_day(date(2027, 6, 25), user="trainer")
    measured = ws.measure_impacts(samples=200)
    assert {d.inject for d in measured} == {"signing_slips", "signed", "visas", "violence",
                                            "battalion"}
    assert ws.measure_impacts() == []  # each measured once
    found = {d.inject: d.impact for d in ws.on("alpha").deliveries()}
    visas = found["visas"]
    assert visas is not None
    tam = next(c for c in visas.criteria if c.id == "tam_deployed_in_time")
    assert tam.slip_days == 10 and tam.worse
    assert visas.cost_days >= 10
    assert tam.odds_before is not None and tam.odds_after is not None
    assert tam.odds_after < tam.odds_before
    battalion = found["battalion"]
    assert battalion is not None and battalion.deployment_run
    assert battalion.deployment_slip is not None and battalion.deployment_slip > 0
    violence = found["violence"]
    assert violence is not None
    ceasefire = next(c for c in violence.criteria if c.id == "hostilities_ceased")
    assert "ceasefire_violations" in ceasefire.why  # the indicators judged it, with the data
    assert found["signed"] is not None and found["signed"].deployment_run is False


def test_init_exercise_starts_the_scenarios_exercise_with_a_blank_world(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'ex.db'}"
    result = init_workspace(url, user="trainer", exercise=True)
    assert result.exercise and result.observations == 0 and result.actuals == 0
    with open_workspace(url) as ws:
        assert ws.current_day().day == ws.exercise().starts  # type: ignore[union-attr]
        assert ws.exercise_text() == (scenario_dir() / "exercise.yaml").read_text(
            encoding="utf-8")
        assert ws.observation_count() == 0
