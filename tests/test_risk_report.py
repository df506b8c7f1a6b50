"""What a run tells people: JSON, sentences, tables and charts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.planfile import load_plan
from missionplan.risk import RiskResult, simulate, write_charts

PLAN = Path(__file__).parent / "risk" / "deploy.yaml"


@pytest.fixture(scope="module")
def result() -> RiskResult:
    return simulate(load_plan(PLAN), samples=4_000, seed=7)


def test_every_event_has_ordered_percentile_dates(result: RiskResult) -> None:
    assert [e.id for e in result.events] == [e.id for e in load_plan(PLAN).events]
    for e in result.events:
        days = [e.days[k] for k in ("P10", "P50", "P80", "P90")]
        assert days == sorted(days) and e.earliest <= days[0] and days[-1] <= e.latest
        assert e.dates is not None and e.dates["P10"] <= e.dates["P90"]


def test_a_criterion_is_met_no_more_often_than_each_of_its_deadlines(
        result: RiskResult) -> None:
    odds = {d.id: d.probability for d in result.deadlines}
    ddr = next(c for c in result.criteria if c.id == "ddr_on_time")
    assert ddr.probability is not None
    assert ddr.probability <= min(odds["ddr_start_3mo"], odds["ddr_done_12mo"])


def test_the_drivers_are_ranked_by_how_far_they_move_the_odds(result: RiskResult) -> None:
    swings = [s.largest_swing for s in result.drivers]
    assert swings == sorted(swings, reverse=True)
    force = next(s for s in result.sensitivity if s.id == "force_generation")
    low, high = force.swing["deploy_90"]
    assert low > high                         # a long force generation misses the deadline
    assert force.rank_correlation["deployed"] > 0.3
    spoiler = next(s for s in result.sensitivity if s.id == "spoiler")
    assert spoiler.kind == "risk" and spoiler.swing["ddr_start_3mo"][1] < \
        spoiler.swing["ddr_start_3mo"][0]


def test_sentences_answer_each_criterion_from_the_plan_text(result: RiskResult) -> None:
    lines = result.sentences(load_plan(PLAN))
    deployed = next(d for d in result.deadlines if d.id == "deploy_90")
    assert lines[0].startswith("The mission is deployed within 90 days of the resolution in "
                               f"{100 * deployed.probability:.0f}% of worlds (P50 ")
    assert lines[1].startswith("Disarmament starts within three months")
    assert lines[-2].startswith("What moves the odds of 'deployed in time' most: force "
                                "generation (")
    assert lines[-1].startswith("What moves the odds of 'ddr on time' most: ")


def test_json_round_trips_and_names_every_part(result: RiskResult) -> None:
    data = json.loads(json.dumps(result.to_json()))
    assert set(data) >= {"samples", "seed", "reference", "events", "deadlines", "criteria",
                         "criticality", "sensitivity", "key_events"}
    crit = data["criticality"]["deployed"]
    assert 0 < max(crit.values()) <= 1


def test_charts_are_valid_png_and_svg(tmp_path: Path) -> None:
    import matplotlib.image

    plan = load_plan(PLAN)
    plan.criteria = plan.criteria[:1]                    # one key event: fewer pictures
    plan.relations = [r for r in plan.relations if r.id == "deploy_90"]
    files = write_charts(simulate(plan, samples=500, seed=1), tmp_path / "charts")
    names = {p.name for p in files}
    assert names == {f"{stem}.{ext}" for ext in ("png", "svg") for stem in (
        "deployed-histogram", "deployed-s-curve", "tornado")}
    for path in files:
        if path.suffix == ".png":
            assert matplotlib.image.imread(path).shape[0] > 100
        else:
            assert ET.parse(path).getroot().tag.endswith("svg")
    assert not [p for p in (tmp_path / "charts").iterdir() if p not in files]


def test_the_cli_prints_tables_and_sentences() -> None:
    out = CliRunner().invoke(main, ["risk", str(PLAN), "--samples", "1000", "--seed", "7"])
    assert out.exit_code == 0, out.output
    assert "Odds over 1,000 worlds" in out.output and "deploy 90" in out.output
    assert "The mission is deployed within 90 days" in out.output
    assert "Most often on the critical path" in out.output


def test_the_cli_writes_charts_where_asked(tmp_path: Path) -> None:
    plan = tmp_path / "tiny.yaml"
    plan.write_text("id: tiny\nevents: [{id: a}, {id: b}]\nactivities:\n"
                    "  - {id: x, start: a, end: b, duration: {distribution: uniform, "
                    "min: 1d, max: 9d}}\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["risk", str(plan), "--samples", "300", "--chart",
                                    str(tmp_path / "charts")])
    assert out.exit_code == 0, out.output
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "b-histogram.png", "b-histogram.svg", "b-s-curve.png", "b-s-curve.svg"]


def test_the_cli_json_equals_the_library_and_takes_anchors() -> None:
    args = ["risk", str(PLAN), "--samples", "1000", "--seed", "3", "--json",
            "--anchor", "resolution=2030-01-01"]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    from datetime import date

    lib = simulate(load_plan(PLAN), samples=1000, seed=3,
                   anchors={"resolution": date(2030, 1, 1)}).to_json()
    assert data["events"] == json.loads(json.dumps(lib["events"]))
    assert data["reference"] == "2030-01-01" and data["sentences"]


FACTS = ("id: facts\nevents: [{id: signed}, {id: report}]\nrelations:\n"
         "  - {id: r_report, from: signed, to: report, kind: after, min: 7d, max: 21d}\n"
         "anchors: [{event: signed, date: 2027-03-01}]\n")


def test_the_cli_ends_with_what_the_odds_rest_on(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no workspace here: the built-in Carana plan
    monkeypatch.delenv("MISSIONPLAN_DB", raising=False)
    out = CliRunner().invoke(main, ["risk", "--samples", "200"])
    assert out.exit_code == 0, out.output
    tail = " ".join(out.stdout.split()[-40:])
    assert "dates count from assumed dates (Council confirms its readiness" in tail
    assert tail.endswith("The odds rest on these: the ranges and probabilities are "
                         "planning estimates.")
    data = json.loads(CliRunner().invoke(main, ["risk", "--samples", "200", "--json"]).stdout)
    assert data["basis"]["assumed_dates"] and data["basis"]["synthetic_durations"] > 0
    assert data["basis"]["sentence"] == tail[tail.index("Assumed: "):]


def test_estimates_that_are_not_synthetic_and_facts_say_less(tmp_path: Path) -> None:
    data = json.loads(CliRunner().invoke(main, ["risk", str(PLAN), "--samples", "200",
                                                "--json"]).stdout)
    assert data["basis"]["sentence"] == "Assumed: 5 durations are planning estimates."
    plan = tmp_path / "facts.yaml"
    plan.write_text(FACTS, encoding="utf-8")
    out = CliRunner().invoke(main, ["risk", str(plan), "--samples", "200"])
    assert out.exit_code == 0, out.output
    assert "Assumed" not in out.stdout and "planning estimates" not in out.stdout
    data = json.loads(CliRunner().invoke(main, ["risk", str(plan), "--samples", "200",
                                                "--json"]).stdout)
    assert data["basis"]["sentence"] == "" and data["basis"]["estimates"] == 0
