"""What report and export write: one JSON document with --json, normal file modes,
the user's path in write errors, and the brief's default analyses."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.errors import MissionplanError
from missionplan.reports.atomic import write_atomic
from reports.fixture import PLAN_PATH

ENV = {"SOURCE_DATE_EPOCH": "1740819600"}  # 2025-03-01 09:00 UTC
TINY_DEPLOYMENT = Path(__file__).parent / "logistics" / "tiny" / "plan.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["ics", "hxl", "tjp", "mspdi"])
def test_export_json_without_file_is_one_document_holding_the_text(fmt: str,
                                                                  tmp_path: Path) -> None:
    code, out, _ = _run("export", fmt, str(PLAN_PATH), "--as-of", "2025-03-01", "--json")
    assert code == 0
    doc = json.loads(out)
    target = tmp_path / f"plan.{fmt}"
    assert _run("export", fmt, str(PLAN_PATH), "--as-of", "2025-03-01", "-o", str(target))[0] == 0
    assert doc["content"].encode("utf-8") == target.read_bytes()
    assert doc["path"] is None and doc["format"] == fmt and doc["bytes"] == target.stat().st_size


def test_export_json_with_file_names_it_and_leaves_the_content_out(tmp_path: Path) -> None:
    target = tmp_path / "tracker.xlsx"
    code, out, _ = _run("export", "xlsx", str(PLAN_PATH), "--json", "-o", str(target))
    doc = json.loads(out)
    assert code == 0 and "content" not in doc
    assert doc["path"] == str(target) and doc["bytes"] == target.stat().st_size


def test_binary_formats_refuse_standard_output_even_with_json() -> None:
    code, out, err = _run("export", "xlsx", str(PLAN_PATH), "--json")
    assert code == 2 and out == "" and "-o FILE" in err
    code, out, err = _run("report", "concept", str(PLAN_PATH), "--format", "docx", "--json")
    assert code == 2 and out == "" and "-o FILE" in err


def test_report_json_says_what_was_written(tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    code, out, _ = _run("report", "brief", str(PLAN_PATH), "--as-of", "2025-03-05",
                        "--risk", "256", "-o", str(target), "--json")
    doc = json.loads(out)
    assert code == 0
    assert (doc["kind"], doc["format"], doc["as_of"]) == ("brief", "html", "2025-03-05")
    assert doc["bytes"] == target.stat().st_size and doc["path"] == str(target)
    text = target.read_text("utf-8")
    assert doc["sections"][:3] == ["Summary", "Objective and priorities", "Timeline"]
    assert all(f"<h2>{s}</h2>" in text for s in doc["sections"])
    code, out, _ = _run("report", "annex", str(PLAN_PATH), "--json")
    assert code == 0 and json.loads(out)["content"].startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_written_files_get_the_mode_open_would_give(mask: int, tmp_path: Path) -> None:
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "a.ics", "text")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.ics").stat().st_mode) == 0o666 & ~mask


def test_cli_output_is_readable_by_others_and_a_replaced_file_keeps_its_mode(
        tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "plan.tjp"
        assert _run("export", "tjp", str(PLAN_PATH), "-o", str(target))[0] == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)
        write_atomic(target, "again")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() == "again"


def test_write_errors_name_the_users_path_not_the_temporary_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.pdf"
    code, out, err = _run("report", "brief", str(PLAN_PATH), "--no-risk", "-o", str(missing))
    assert code == 2 and out == ""
    assert err.strip() == f"error[output-unwritable]: cannot write {missing}: folder does not exist"
    with pytest.raises(MissionplanError, match="it is a folder") as caught:
        write_atomic(tmp_path, b"x")
    assert caught.value.code == "output-unwritable"
    code, _, err = _run("export", "ics", str(PLAN_PATH), "-o", str(tmp_path))
    assert code == 2 and "is a directory" in err and "Traceback" not in err  # click's check
    code, _, err = _run("export", "ics", str(PLAN_PATH), "-o", str(PLAN_PATH / "x.ics"))
    assert err.strip() == f"error[output-unwritable]: cannot write {PLAN_PATH / 'x.ics'}: " \
        "a part of the path is not a folder" and code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_brief_has_a_risk_summary_by_default_when_the_plan_is_uncertain() -> None:
    code, out, _ = _run("report", "brief", str(PLAN_PATH), "--json")
    assert code == 0 and "Risk summary" in json.loads(out)["sections"]
    assert "% of worlds" in json.loads(out)["content"]
    code, out, _ = _run("report", "brief", str(PLAN_PATH), "--json", "--no-risk")
    assert code == 0 and "Risk summary" not in json.loads(out)["sections"]
    code, _, err = _run("report", "brief", str(PLAN_PATH), "--risk", "100", "--no-risk")
    assert code == 2 and "contradict" in err


def test_risk_sample_count_changes_the_figures() -> None:
    outs = [json.loads(_run("report", "brief", str(PLAN_PATH), "--json", "--risk", n,
                            "--no-deployment")[1])["content"] for n in ("128", "2000")]
    risk = [o[o.index('id="risk"'):] for o in outs]
    assert risk[0] != risk[1]


def test_brief_has_a_deployment_summary_by_default_when_the_plan_has_the_data() -> None:
    args = ("report", "brief", str(TINY_DEPLOYMENT), "--as-of", "2026-12-01", "--json",
            "--deployment-seconds", "1")
    doc = json.loads(_run(*args)[1])
    assert "Deployment summary" in doc["sections"] and "Risk summary" not in doc["sections"]
    assert "authorised strength is deployed on 2027-01-" in doc["content"]
    doc = json.loads(_run(*args, "--no-deployment")[1])
    assert "Deployment summary" not in doc["sections"]


def test_a_default_analysis_that_cannot_run_says_why_an_asked_one_fails(
        tmp_path: Path) -> None:
    for f in TINY_DEPLOYMENT.parent.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    plan = tmp_path / "plan.yaml"
    text = plan.read_text()
    anchor = "anchors:\n  - {event: resolution_adopted, date: 2027-01-01}\n"
    plan.write_text(text.replace(anchor, ""))
    assert plan.read_text() != text
    code, out, _ = _run("report", "brief", str(plan), "--json")
    assert code == 0 and "No deployment summary: the deployment clock starts at " \
        "&#39;resolution_adopted&#39;, which has no date yet" in json.loads(out)["content"]
    code, _, err = _run("report", "brief", str(plan), "--deployment")
    assert code == 2 and "error[deployment-undated]" in err
    code, out, _ = _run("report", "annex", str(TINY_DEPLOYMENT), "--json")
    assert "Deployment summary" not in json.loads(out)["sections"]


def test_carana_brief_carries_risk_deployment_and_decisions_by_default() -> None:
    from datetime import date

    from missionplan.planfile import load_plan
    from missionplan.reports.analyses import AnalysisOptions
    from missionplan.reports.documents import DocumentFormat
    from missionplan.reports.html import DocumentKind
    from missionplan.reports.run import make_document
    from missionplan.scenarios import scenario_plan_path

    seen: set[str] = set()
    out = make_document(load_plan(scenario_plan_path()), DocumentKind.brief,
                        DocumentFormat.html, as_of=date(2027, 6, 20), generated=date(2027, 6, 20),
                        analyses=AnalysisOptions(deployment_seconds=3.0),
                        progress=lambda what, _fraction: seen.add(what))
    assert {"Risk summary", "Deployment summary"} <= set(out.sections)
    assert seen == {"risk", "deployment"}
    page = out.data.decode("utf-8")
    conflicts = page[page.index('<section id="conflicts">'):page.index('<section id="deadlines">')]
    assert "Accelerate the chain behind it:" in conflicts and "overdue" in conflicts
    assert "No risk summary" not in page and "No deployment summary" not in page
