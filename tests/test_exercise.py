"""Exercise files: every inject kind does what it says to the plan, and a bad file is refused
with the place of each problem and nothing changed."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from missionplan.errors import DataFileError
from missionplan.exercise import apply_inject, exercise_schema, load_exercise, loads_exercise
from missionplan.model import Plan
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_dir, scenario_plan_path
from missionplan.schedule import build_schedule

EXERCISE = scenario_dir() / "exercise.yaml"


@pytest.fixture(scope="module")
def carana() -> Plan:
    return load_plan(scenario_plan_path())


def _exercise(injects: str, *, starts: str = "2027-05-24", plan: str = "carana") -> str:
    return (f"format: missionplan-exercise/1\nid: test\nplan: {plan}\nstarts: {starts}\n"
            "injects:\n" + textwrap.indent(textwrap.dedent(injects), "  "))


def _one(carana: Plan, effect: str, *, at: str = "2027-06-10",
         happened: dict[str, date] | None = None):  # type: ignore[no-untyped-def]
    text = _exercise(f"""\
        - id: it
          title: An inject
          at: {at}
          effects:
            - {effect}
        """)
    inject = loads_exercise(text, carana).injects[0]
    return apply_inject(inject, carana, due=date.fromisoformat(at), happened=happened or {})


# -- each kind of effect ---------------------------------------------------------------------

def test_record_gives_the_event_its_date_the_inject_day_by_default(carana: Plan) -> None:
    applied = _one(carana, "record: {event: gnr_established}")
    assert applied.actuals == {"gnr_established": date(2027, 6, 10)}
    assert applied.plan is None
    dated = _one(carana, "record: {event: gnr_established, date: 2027-06-08}")
    assert dated.actuals == {"gnr_established": date(2027, 6, 8)}
    again = _one(carana, "record: {event: gnr_established}",
                 happened={"gnr_established": date(2027, 6, 10)})
    assert not again.actuals and "already recorded" in again.changes[0]


def test_delay_lengthens_the_activity_ending_at_an_unanchored_event(carana: Plan) -> None:
    applied = _one(carana, "delay: {event: tam_deployed, by: 10d}")
    assert applied.plan is not None
    old = next(a for a in carana.activities if a.id == "tam_preparation").duration
    new = next(a for a in applied.plan.activities if a.id == "tam_preparation").duration
    assert old is not None and new is not None
    assert [d.days_from(date(2027, 1, 1)) for d in (new.min, new.likely, new.max)] == [
        d.days_from(date(2027, 1, 1)) + 10 for d in (old.min, old.likely, old.max)]
    before = build_schedule(carana, as_of=date(2027, 5, 24)).event_row("tam_deployed")
    after = build_schedule(applied.plan, as_of=date(2027, 5, 24)).event_row("tam_deployed")
    assert before and after and before.forecast and after.forecast
    assert (after.forecast - before.forecast).days == 10


def test_delay_of_an_anchored_event_moves_its_anchor_on(carana: Plan) -> None:
    applied = _one(carana, "delay: {event: council_readiness_confirmed, by: 2w}")
    assert applied.plan is not None
    anchor = next(a for a in applied.plan.anchors if a.event == "council_readiness_confirmed")
    assert anchor.date == date(2027, 6, 17) and anchor.assumed


def test_delay_or_move_of_an_event_that_happened_changes_nothing(carana: Plan) -> None:
    happened = {"tam_deployed": date(2027, 6, 5)}
    for effect in ("delay: {event: tam_deployed, by: 10d}",
                   "move: {event: tam_deployed, to: 2027-07-01}"):
        applied = _one(carana, effect, happened=happened)
        assert applied.plan is None and "already happened" in applied.changes[0]


def test_move_anchors_the_event_on_the_day_as_an_assumption(carana: Plan) -> None:
    applied = _one(carana, "move: {event: peace_agreement_signed, to: 2027-06-01}")
    assert applied.plan is not None
    anchor = next(a for a in applied.plan.anchors if a.event == "peace_agreement_signed")
    assert (anchor.date, anchor.assumed) == (date(2027, 6, 1), True)
    assert "inject 'it'" in anchor.note
    row = build_schedule(applied.plan, as_of=date(2027, 5, 24)).event_row(
        "peace_agreement_signed")
    assert row is not None and row.forecast == date(2027, 6, 1)


def test_duration_sets_new_bounds_or_lengthens_by_a_span(carana: Plan) -> None:
    applied = _one(carana, "duration: {activity: council_deliberation, min: 35d, likely: 50d, "
                           "max: 80d}")
    assert applied.plan is not None
    new = next(a for a in applied.plan.activities if a.id == "council_deliberation").duration
    assert new is not None and (str(new.min), str(new.likely), str(new.max)) == (
        "35d", "50d", "80d")
    assert new.distribution.value == "pert"
    longer = _one(carana, "duration: {activity: force_generation_and_deployment, by: 30d}")
    assert longer.plan is not None
    lognormal = next(a for a in longer.plan.activities
                     if a.id == "force_generation_and_deployment").duration
    assert lognormal is not None and lognormal.median is not None
    assert lognormal.median.days_from(date(2027, 1, 1)) == 180  # 150 + 30
    ranged = _one(carana, "duration: {activity: force_generation_and_deployment, min: 60d, "
                          "likely: 120d, max: 360d}")
    assert ranged.plan is not None
    made = next(a for a in ranged.plan.activities
                if a.id == "force_generation_and_deployment").duration
    assert made is not None and made.distribution.value == "pert" and made.driver


def test_season_moves_its_days_and_the_deployment_uses_them(carana: Plan) -> None:
    applied = _one(carana, "season: {season: rainy, start: 04-10}")
    assert applied.plan is not None and applied.touches_deployment
    season = applied.plan.seasons[0]
    assert (season.start, season.end) == ("04-10", carana.seasons[0].end)
    from missionplan.logistics import load_deployment

    plan = applied.plan.model_copy()
    plan.set_base_dir(scenario_dir())
    assert load_deployment(plan).season == ("04-10", carana.seasons[0].end)


def test_close_and_unit_change_the_deployment_what_ifs(carana: Plan) -> None:
    closed = _one(carana, "close: {route: mogave_centre_bridge}")
    assert closed.plan is not None and closed.plan.deployment is not None
    assert closed.plan.deployment.closed == ["mogave_centre_bridge"]
    late = _one(carana, "unit: {unit: inf_bn_2, late: 30d}")
    assert late.plan is not None and late.plan.deployment is not None
    assert late.plan.deployment.late_units == {"inf_bn_2": 30}
    gone = _one(carana, "unit: {unit: inf_bn_3, withdrawn: true, replacement_after: 4mo}",
                at="2027-06-10")
    assert gone.plan is not None and gone.plan.deployment is not None
    assert gone.plan.deployment.late_units == {"inf_bn_3": 122}  # 10 June + 4 months
    assert "withdrawn" in gone.changes[0]


def test_assumption_and_observations_are_state_not_plan(carana: Plan) -> None:
    state = _one(carana, "assumption: {assumption: government_cooperation, state: failing}")
    assert state.plan is None and state.states == {"government_cooperation": "failing"}
    seen = _one(carana, "observations: [{indicator: ceasefire_violations, date: 2027-06-01, "
                        "value: 38}, {indicator: ceasefire_violations, days_before: 0, "
                        "value: 61}]")
    assert [(o.indicator, o.date, o.value) for o in seen.observations] == [
        ("ceasefire_violations", date(2027, 6, 1), 38.0),
        ("ceasefire_violations", date(2027, 6, 10), 61.0)]
    assert all("inject it" in o.source for o in seen.observations)


def test_a_message_changes_nothing(carana: Plan) -> None:
    text = _exercise("""\
        - id: letter
          title: A letter
          at: 2027-06-01
          from: The CRC
          message: Our observers are ready.
        """)
    inject = loads_exercise(text, carana).injects[0]
    applied = apply_inject(inject, carana, due=date(2027, 6, 1), happened={})
    assert not applied.changed and applied.changes == []
    assert (inject.sender, inject.message) == ("The CRC", "Our observers are ready.")


def test_an_inject_after_an_event_is_due_once_it_happened(carana: Plan) -> None:
    text = _exercise("""\
        - id: later
          title: Later
          after: {event: sg_report_submitted, days: 10}
        """)
    inject = loads_exercise(text, carana).injects[0]
    assert inject.due({}) is None
    assert inject.due({"sg_report_submitted": date(2027, 7, 4)}) == date(2027, 7, 14)


# -- bad files -----------------------------------------------------------------------------

@pytest.mark.parametrize(("injects", "line", "words"), [
    ("- {id: a, title: A, at: 2027-06-01, effects: [{record: {event: tam_deployd}}]}",
     6, "no event 'tam_deployd' (did you mean 'tam_deployed'?)"),
    ("- {id: a, title: A, at: 2027-02-30}", 6, "day value is outside"),
    ("- {id: a, title: A, at: 2027-05-01}", 6, "before the exercise starts"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{record: {event: tam_deployed, "
     "date: 2027-06-05}}]}", 6, "a fact cannot be in the future"),
    ("- {id: a, title: A, at: 2027-06-01}\n- {id: a, title: B, at: 2027-06-02}", 7,
     "used twice"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{record: {event: tam_deployed}, "
     "move: {event: tam_deployed, to: 2027-06-03}}]}", 6, "has record, move"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{unit: {unit: inf_bn_9, late: 3d}}]}",
     6, "no unit 'inf_bn_9'"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{close: {route: nowhere_road}}]}",
     6, "no road, crossing or place 'nowhere_road'"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{delay: {event: mission_hq_assumes_planning"
     "_x, by: 3d}}]}", 6, "no event"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{delay: {event: draft_mission_plan_ready, "
     "by: 3d}}]}", 6, "cannot be delayed"),
    ("- {id: a, title: A, after: {event: tam_returned, days: 3}, at: 2027-06-01}", 6,
     "one of the two"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{assumption: {assumption: "
     "government_cooperation, state: broken}}]}", 6, "'holding', 'failing' or 'unknown'"),
    ("- {id: a, title: A, at: 2027-06-01, effects: [{unit: {unit: inf_bn_3, withdrawn: true}}]}",
     6, "replacement_after"),
])
def test_a_bad_exercise_is_refused_with_where_and_why(carana: Plan, injects: str, line: int,
                                                      words: str) -> None:
    with pytest.raises(DataFileError) as caught:
        loads_exercise(_exercise(injects), carana, name="drill.yaml")
    first = caught.value.diagnostics[0]
    assert caught.value.code == "exercise-file"
    assert first.location is not None and first.location.file == "drill.yaml"
    assert first.location.line == line, str(first)
    assert words in str(caught.value), str(caught.value)


def test_every_problem_is_reported_at_once(carana: Plan) -> None:
    text = _exercise("""\
        - id: a
          title: A
          at: 2027-06-01
          effects:
            - record: {event: nope}
            - assumption: {assumption: nope, state: failing}
        - id: b
          title: B
          after: {event: nope, days: 2}
        """, plan="elsewhere")
    with pytest.raises(DataFileError) as caught:
        loads_exercise(text, carana)
    lines = sorted(d.location.line for d in caught.value.diagnostics if d.location)
    assert lines == [3, 10, 11, 14]
    assert "written for plan 'elsewhere'" in str(caught.value.diagnostics[0])


def test_a_file_that_is_not_yaml_or_not_there_says_so(tmp_path: Path, carana: Plan) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("injects: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML"):
        load_exercise(bad, carana)
    with pytest.raises(DataFileError, match="cannot read"):
        load_exercise(tmp_path / "missing.yaml", carana)


# -- the Carana exercise -------------------------------------------------------------------

def test_the_carana_exercise_is_sound_and_cites_the_directive(carana: Plan) -> None:
    exercise = load_exercise(EXERCISE, carana)
    assert exercise.file.synthetic and len(exercise.injects) >= 12
    lines = (scenario_dir() / "directive.txt").read_text(encoding="utf-8").splitlines()
    for inject in exercise.injects:
        assert inject.tests is not None, inject.id
        first, last = inject.tests.lines
        assert 1 <= first <= last <= len(lines), inject.id
        assert all(lines[i - 1].strip() for i in (first,)), inject.id
    kinds = {e.kind for i in exercise.injects for e in i.effects}
    assert kinds == {"record", "delay", "move", "duration", "season", "close", "unit",
                     "assumption", "observations"}
    assert any(not i.effects for i in exercise.injects)  # messages alone too
    assert "SYNTHETIC" in EXERCISE.read_text(encoding="utf-8").splitlines()[0]


def test_the_schema_accepts_the_carana_exercise_and_refuses_a_bad_effect() -> None:
    schema = json.loads(exercise_schema())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    data = json.loads(json.dumps(YAML(typ="safe").load(EXERCISE.read_text(encoding="utf-8")),
                                 default=str))
    assert list(validator.iter_errors(data)) == []
    data["injects"][0]["effects"] = [{"explode": {}}]
    assert list(validator.iter_errors(data))
