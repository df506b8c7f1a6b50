"""MS Project XML read back by MPXJ; TaskJuggler files scheduled by tj3 give our dates."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionplan.model import Plan
from missionplan.reports.links import plan_links
from missionplan.reports.mspdi import to_mspdi
from missionplan.reports.tjp import to_tjp
from missionplan.schedule import build_schedule
from reports.fixture import small_plan, small_schedule

GOLDEN = Path(__file__).parent / "golden"
STAMP = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
REPORT = """
taskreport dates "dates" {
  formats csv
  columns id, start, end
  timeformat "%Y-%m-%d"
}
"""


def test_tjp_matches_golden_file() -> None:
    data = to_tjp(small_plan(), small_schedule()).encode("utf-8")
    path = GOLDEN / "northwind.tjp"
    if os.environ.get("MISSIONPLAN_REGENERATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert data == path.read_bytes()


def test_links_read_prior_as_a_reversed_link_and_list_upper_bounds() -> None:
    links, missing = plan_links(small_plan())
    pairs = {(x.predecessor, x.successor, x.lag_days) for x in links}
    assert ("draft_plan", "tam_departs", 7) in pairs      # one week prior to
    assert ("tam_returns", "sg_report", 21) in pairs      # three weeks after
    assert ("tam_departs", "tam", 0) in pairs and ("tam", "tam_returns", 0) in pairs
    assert {m.item for m in missing} == {"r_tam_within", "r_report_after", "r_hq_within"}


def _tj3_dates(tjp: str, folder: Path) -> dict[str, tuple[date, date]]:
    (folder / "plan.tjp").write_text(tjp + REPORT, encoding="utf-8")
    run = subprocess.run(["tj3", "--no-color", "--silent", "plan.tjp"], cwd=folder,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    with (folder / "dates.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return {r["Id"]: (date.fromisoformat(r["Start"]), date.fromisoformat(r["End"]))
            for r in rows}


needs_tj3 = pytest.mark.skipif(shutil.which("tj3") is None,
                               reason="TaskJuggler (tj3) is not installed")


@needs_tj3
def test_tj3_schedules_the_plan_on_our_earliest_dates(tmp_path: Path) -> None:
    plan = small_plan()
    schedule = build_schedule(plan, as_of=date(2025, 3, 1))
    theirs = _tj3_dates(to_tjp(plan, schedule), tmp_path)
    for e in schedule.events:
        assert theirs[e.id][0] == e.earliest, e.id
    for a in schedule.activities:
        assert theirs[a.id] == (a.start_earliest, a.end_earliest), a.id


def _chain_plan(lags: list[int], durations: list[int], anchor: date) -> Plan:
    """A synthetic plan: events e0..eN in a chain of 'at least N days after', with
    an activity of a fixed duration beside each link."""
    n = len(lags)
    events = [{"id": f"e{i}"} for i in range(n + 1)]
    relations = [{"id": f"r{i}", "from": f"e{i}", "to": f"e{i + 1}", "kind": "precedence",
                  "min": f"{lag}d"} for i, lag in enumerate(lags)]
    # The longest duration also bounds the link from above: keep it past the lag, so the
    # chain stays consistent (project tools cannot hold upper bounds anyway).
    activities = [{"id": f"a{i}", "start": f"e{i}", "end": f"e{i + 1}",
                   "duration": {"distribution": "uniform", "min": f"{dur}d",
                                "max": f"{max(dur, lag) + 30}d"}}
                  for i, (dur, lag) in enumerate(zip(durations, lags, strict=True))]
    return Plan.model_validate({"id": "chain", "events": events, "relations": relations,
                                "activities": activities,
                                "anchors": [{"event": "e0", "date": anchor}]})


@needs_tj3
@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 40), min_size=1, max_size=4).flatmap(
    lambda lags: st.tuples(st.just(lags), st.lists(st.integers(0, 40), min_size=len(lags),
                                                   max_size=len(lags)))),
       st.dates(date(2024, 1, 1), date(2027, 12, 31)))
def test_tj3_agrees_on_random_chains(tmp_path: Path, spec: tuple[list[int], list[int]],
                                     anchor: date) -> None:
    lags, durations = spec
    plan = _chain_plan(lags, durations, anchor)
    schedule = build_schedule(plan, as_of=anchor)
    folder = tmp_path / f"{anchor.isoformat()}-{'-'.join(map(str, lags + durations))}"
    folder.mkdir(exist_ok=True)
    theirs = _tj3_dates(to_tjp(plan, schedule), folder)
    for e in schedule.events:
        assert theirs[e.id][0] == e.earliest, e.id


def test_mspdi_has_the_schema_elements_in_order() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(to_mspdi(small_plan(), small_schedule(), stamp=STAMP))
    ns = {"p": "http://schemas.microsoft.com/project"}
    summary, *tasks = root.findall("p:Tasks/p:Task", ns)  # the project summary task first
    assert summary.findtext("p:UID", namespaces=ns) == "0"
    assert len(tasks) == 7 + 2
    names = [t.findtext("p:Name", namespaces=ns) for t in tasks]
    assert names[0] == "Agreement signed" and "Assessment mission" in names
    for task in (summary, tasks[0]):
        order = [child.tag.split("}")[1] for child in task]
        assert order[:3] == ["UID", "ID", "Name"]
        assert order.index("OutlineLevel") < order.index("Start") < order.index("Finish") \
            < order.index("Summary") < order.index("Notes")
    first = [child.tag.split("}")[1] for child in tasks[0]]
    assert first.index("Start") < first.index("Duration") < first.index("Milestone") \
        < first.index("ConstraintType") < first.index("Notes")
    project = [child.tag.split("}")[1] for child in root]
    assert project.index("Title") < project.index("Subject") < project.index("Author")


@pytest.fixture(scope="module")
def mpxj_reader() -> object:
    jpype = pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime")
    if not jpype.isJVMStarted():
        jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    return UniversalProjectReader()


def test_mpxj_reads_tasks_dates_links_and_milestones(mpxj_reader: object,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_bytes(to_mspdi(small_plan(), small_schedule(), stamp=STAMP))
    project = mpxj_reader.read(str(path))  # type: ignore[attr-defined]
    tasks = {str(t.getName()): t for t in project.getTasks() if t.getName() is not None}
    tam = tasks["Assessment mission"]
    assert str(tam.getStart())[:10] == "2025-03-10" and str(tam.getFinish())[:10] == "2025-03-20"
    assert float(tam.getDuration().getDuration()) == 10.0
    assert not bool(tam.getMilestone())
    departs = tasks["Assessment mission departs"]
    assert bool(departs.getMilestone())
    preds = {str(r.getPredecessorTask().getName()): float(r.getLag().getDuration())
             for r in departs.getPredecessors()}
    assert preds == {"Draft mission plan": 7.0, "Agreement signed": 0.0}
    assert str(tasks["Report to the Council"].getDeadline())[:10] == "2025-06-01"
    assert str(tasks["Agreement signed"].getConstraintType()) == "MUST_START_ON"
    comments = project.getProjectProperties().getComments()  # type: ignore[attr-defined]
    assert str(comments) == "Assumed: 2 durations are planning estimates."


def test_two_bounds_on_one_pair_make_one_link_with_the_greater_lag() -> None:
    plan = Plan.model_validate({
        "id": "pair", "events": [{"id": "a"}, {"id": "b"}],
        "relations": [{"id": "r1", "from": "a", "to": "b", "kind": "precedence", "min": "3d"},
                      {"id": "r2", "from": "a", "to": "b", "kind": "within", "max": "10d"},
                      {"id": "r3", "from": "a", "to": "b", "kind": "precedence", "min": "5d"}]})
    links, _ = plan_links(plan)
    assert [(x.predecessor, x.successor, x.lag_days, x.item) for x in links] == [
        ("a", "b", 5, "r1, r2, r3")]


@needs_tj3
def test_tj3_agrees_with_us_on_the_built_in_plan(tmp_path: Path) -> None:
    from missionplan.planfile import load_plan
    from missionplan.scenarios import scenario_plan_path

    plan = load_plan(scenario_plan_path())
    schedule = build_schedule(plan, as_of=date(2027, 1, 1))
    theirs = _tj3_dates(to_tjp(plan, schedule), tmp_path)
    dated = [e for e in schedule.events if e.earliest is not None]
    assert len(dated) >= 10
    assert {e.id: theirs[e.id][0] for e in dated} == {e.id: e.earliest for e in dated}
