"""Docs that cannot drift: the CLI reference and the README's commands."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import VERBS, main

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    from importlib.machinery import SourceFileLoader

    path = str(ROOT / "scripts" / "gen-cli-docs")
    loader = SourceFileLoader("gen_cli_docs", path)
    spec = importlib.util.spec_from_loader("gen_cli_docs", loader)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.xdist_group("cli-docs")
def test_cli_reference_is_generated_from_help() -> None:
    expected = _generator().render()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is stale: run scripts/gen-cli-docs"


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:8]
    assert any(line.startswith("make run") for line in head)
    assert any(line.startswith("make test") for line in head)


def _readme_tours() -> list[list[list[str]]]:
    """The README's blocks of commands, each a tour of its own."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tours = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        commands = []
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("missionplan ") and "[" not in line and " serve" not in line:
                args = shlex.split(line)[1:]
                commands.append([str(ROOT / a) if a.startswith("src/") else a for a in args])
        if commands:
            tours.append(commands)
    return tours


def test_readme_tours_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of the README's tours, its commands run one after another in a fresh folder as a
    new user would."""
    monkeypatch.delenv("MISSIONPLAN_DB", raising=False)
    monkeypatch.delenv("MISSIONPLAN_SYNDICATE", raising=False)
    tours = _readme_tours()
    assert len(tours) == 2 and len(tours[0]) >= 8 and len(tours[1]) == 4
    for n, commands in enumerate(tours):
        folder = tmp_path / f"tour-{n}"
        folder.mkdir()
        monkeypatch.chdir(folder)
        for args in commands:
            assert args[0] in VERBS
            result = CliRunner().invoke(main, args)
            assert result.exit_code in (0, 1), (args, result.output)
            assert "Traceback" not in result.output
        assert (folder / "missionplan.db").exists()
    brief = (tmp_path / "tour-0" / "brief.html").read_text(encoding="utf-8")
    assert brief.lstrip().startswith("<!")
    assert (tmp_path / "tour-1" / "aar.pdf").read_bytes().startswith(b"%PDF")
