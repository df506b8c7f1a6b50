"""The exercise from the terminal, as a trainer runs it: init --exercise, syndicates, the
clock delivering injects with what they broke, each syndicate's own plan, the review."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from missionplan.cli import main
from missionplan.store import open_workspace
from missionplan.store.review import gather_review

# the tests follow one exercise (module fixtures): one worker plays it once
pytestmark = pytest.mark.xdist_group("cli-exercise")


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The README's tour: a workspace with the exercise, two syndicates, two weeks on."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-exercise') / 'ex.db'}"
    made = _run("init", "--exercise", "--db", url, "--user", "trainer")
    assert made.exit_code == 0, made.output
    assert "as of 2027-05-24" in made.output
    for name, title in (("alpha", "Syndicate Alpha"), ("bravo", "")):
        added = _run("syndicate", "add", name, "--title", title, "--db", url, "--user",
                     "trainer")
        assert added.exit_code == 0, added.output
        assert f"--syndicate {name} status" in added.output
    return url


@pytest.fixture(scope="module")
def advanced(started: str) -> tuple[str, Result]:
    return started, _run("clock", "advance", "14d", "--db", started, "--user", "trainer")


def test_advancing_delivers_to_each_syndicate_and_says_what_broke(
        advanced: tuple[str, Result]) -> None:
    url, result = advanced
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("2027-06-07 (the workspace's scenario day, set by trainer)")
    alpha, bravo = out.index("Syndicate Alpha (alpha): 4 injects"), out.index("Bravo (bravo)")
    assert alpha < bravo
    for part in (out[alpha:bravo], out[bravo:]):
        assert "Visas and flight clearances for the assessment mission held up" in part
        assert "⇒ Now at risk" in part
        assert "TAM deployed within 14 days of the signing" in part
    listed = _run("syndicate", "list", "--db", url, "--json")
    teams = json.loads(listed.stdout)
    assert [t["name"] for t in teams["syndicates"]] == ["alpha", "bravo"]


@pytest.fixture(scope="module")
def played(advanced: tuple[str, Result]) -> tuple[str, Result, Result]:
    """A day more (as JSON), then alpha's lead answers: the TAM deployed that day."""
    url, _ = advanced
    moved = _run("clock", "advance", "1d", "--db", url, "--user", "trainer", "--json")
    done = _run("--syndicate", "alpha", "record", "tam_deployed", "2027-06-07",
                "--correct-logic", "--note", "flew in on a UN plane", "--db", url,
                "--user", "alpha_lead")
    return url, moved, done


def test_the_next_move_as_json(played: tuple[str, Result, Result]) -> None:
    url, moved, _ = played
    assert moved.exit_code == 0, moved.output
    data = json.loads(moved.stdout)
    assert data["day"] == "2027-06-08"
    got = {(d["syndicate"], d["inject"]) for d in data["delivered"]}
    assert got == {("alpha", "ceasefire_declared"), ("bravo", "ceasefire_declared")}
    assert all(d["impact"] is not None for d in data["delivered"])
    inbox = json.loads(_run("--syndicate", "alpha", "exercise", "inbox", "--db", url,
                            "--json").stdout)
    assert inbox["syndicate"] == "alpha"
    assert inbox["deliveries"][0]["inject"] == "ceasefire_declared"
    assert {d["syndicate"] for d in inbox["deliveries"]} == {"alpha"}


def test_each_syndicate_records_on_its_own_copy(played: tuple[str, Result, Result]) -> None:
    url, _, done = played
    assert done.exit_code == 0, done.output
    shown = _run("--syndicate", "alpha", "schedule", "--db", url)
    assert "plan: workspace" in shown.stderr and "syndicate 'alpha'" in shown.stderr
    # exit 1: the plan has findings now (the correction of its logic is one)
    status = _run("--syndicate", "alpha", "schedule", "--db", url, "--json")
    assert status.exit_code == 1 and json.loads(status.stdout)["consistent"] is False
    source = json.loads(status.stdout)["source"]
    other = json.loads(_run("--syndicate", "bravo", "schedule", "--db", url,
                            "--json").stdout)
    assert source["syndicate"] == "alpha" and other["source"]["syndicate"] == "bravo"
    assert source["actual_dates"] == other["source"]["actual_dates"] + 1
    tam = next(e for e in other["events"] if e["id"] == "tam_deployed")
    assert tam["actual"] is None
    own = json.loads(_run("schedule", "--db", url, "--json").stdout)
    assert own["source"]["syndicate"] is None


def test_the_review_reads_back_in_every_format(played: tuple[str, Result, Result],
                                               tmp_path: Path) -> None:
    import pymupdf
    from docx import Document

    url, _, _ = played
    for fmt in ("pdf", "docx", "html"):
        out = tmp_path / f"aar.{fmt}"
        made = _run("report", "aar", "-o", str(out), "--db", url)
        assert made.exit_code == 0, made.output
        assert f"wrote {out}" in made.output
    with pymupdf.open(tmp_path / "aar.pdf") as pdf:
        text = " ".join(page.get_text() for page in pdf)
    assert "After-action review" in text and "Syndicate Alpha" in text
    assert "Visas and flight clearances" in " ".join(text.split())
    doc = Document(io.BytesIO((tmp_path / "aar.docx").read_bytes()))
    assert (doc.paragraphs[0].style.name, doc.paragraphs[0].text) == (
        "Title", "After-action review")
    headings = [p.text for p in doc.paragraphs if p.style is not None
                and p.style.name.startswith("Heading")]
    assert "Where each syndicate stands" in headings
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "Syndicate Alpha" in cells and "Bravo" in cells
    data = json.loads(_run("report", "aar", "--db", url, "--json", "--no-risk").stdout)
    assert data["content"].startswith("<!DOCTYPE html>")
    assert [s["name"] for s in data["review"]["syndicates"]] == ["alpha", "bravo"]
    html = (tmp_path / "aar.html").read_text(encoding="utf-8")
    assert html.count("<img src=\"data:image/svg+xml") == 2


def test_the_review_reads_in_french_in_every_format(played: tuple[str, Result, Result],
                                                   tmp_path: Path) -> None:
    import pymupdf
    from docx import Document

    from missionplan.i18n import Language, words

    url, _, _ = played
    for fmt in ("pdf", "docx", "html"):
        made = _run("report", "aar", "-o", str(tmp_path / f"aar.{fmt}"), "--db", url,
                    "--no-risk", "--lang", "fr")
        assert made.exit_code == 0, made.output
    fr = words(Language.fr).gettext
    html = (tmp_path / "aar.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "<h1>Retour d'expérience</h1>" in html
    for english in ("Where each syndicate stands", "Injects and responses",
                    "Criteria for success, as of the review",
                    "Odds not computed (no simulation asked for)."):
        assert fr(english) != english and fr(english) in html, english
    for english in ("After-action review", "Where each syndicate stands", "as of",
                    "not arrived", "Odds not computed", "late by", "on time ("):
        assert english not in html, english
    doc = Document(io.BytesIO((tmp_path / "aar.docx").read_bytes()))
    assert (doc.paragraphs[0].style.name, doc.paragraphs[0].text) == (
        "Title", "Retour d'expérience")
    assert doc.core_properties.language == "fr"
    headings = {p.text for p in doc.paragraphs if p.style is not None
                and p.style.name.startswith("Heading")}
    assert {fr("Where each syndicate stands"), "En quoi les plans diffèrent"} <= headings
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header[:3] == [fr("Syndicate"), "Critères atteints", fr("Late")]
    dates = [p.text for p in doc.paragraphs if "préparée le" in p.text]
    assert dates and any(m in dates[0] for m in (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"))
    with pymupdf.open(tmp_path / "aar.pdf") as pdf:
        text = " ".join(" ".join(page.get_text() for page in pdf).split())
    assert "Retour d'expérience" in text and "Syndicate Alpha" in text
    assert fr("Where each syndicate stands") in text


def test_the_review_dates_decisions_on_the_scenario_clock(
        played: tuple[str, Result, Result]) -> None:
    url, _, _ = played
    with open_workspace(url) as ws:
        review = gather_review(ws, samples=50)
    by_name = {s.name: s for s in review.syndicates}
    decided = [d for d in by_name["alpha"].decisions if d.item == "tam_deployed"]
    assert decided, [d.text for d in by_name["alpha"].decisions]
    d = decided[0]
    assert d.user == "alpha_lead" and d.day == date(2027, 6, 8)
    assert d.after_inject == "ceasefire_declared" and d.days_after == 0
    assert "correction" in d.text
    assert not [x for x in by_name["bravo"].decisions if x.item == "tam_deployed"]
    for cost in review.costs:  # each cost is the impact measured for that syndicate
        got = {x.inject: x for x in by_name[cost.syndicate].deliveries}.get(cost.inject)
        if got is None:
            assert cost.arrived is None and cost.days is None
        else:
            assert got.impact is not None and cost.days == got.impact.cost_days
            assert cost.broke == [b.id for b in got.impact.broke]
    json.dumps(review.to_json())


def test_bad_names_and_unknown_syndicates_are_clear(started: str) -> None:
    bad = _run("syndicate", "add", "Bad Name", "--db", started)
    assert bad.exit_code == 2 and "bad-syndicate" in bad.output
    twice = _run("syndicate", "add", "alpha", "--db", started)
    assert twice.exit_code == 2 and "syndicate-exists" in twice.output
    unknown = _run("--syndicate", "charlie", "status", "--db", started)
    assert unknown.exit_code == 2 and "unknown-syndicate" in unknown.output
    assert "alpha" in unknown.output and "Traceback" not in unknown.output


def test_a_bad_exercise_file_is_located_and_changes_nothing(started: str,
                                                             tmp_path: Path) -> None:
    with open_workspace(started) as ws:
        kept, day = ws.exercise_text(), ws.current_day().day
    path = tmp_path / "bad.yaml"
    path.write_text("format: missionplan-exercise/1\nid: bad\nplan: carana\n"
                    "starts: 2027-05-24\ninjects:\n  - id: x\n    title: X\n"
                    "    at: 2027-13-01\n", encoding="utf-8")
    result = _run("exercise", "load", str(path), "--db", started)
    assert result.exit_code == 2
    assert f"{path}:8" in result.output and "exercise-file" in result.output
    with open_workspace(started) as ws:
        assert ws.exercise_text() == kept and ws.current_day().day == day
    back = _run("clock", "set", "2027-05-01", "--db", started)
    assert back.exit_code == 2 and "clock-before-injects" in back.output
