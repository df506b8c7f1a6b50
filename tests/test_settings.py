from pathlib import Path

from click.testing import CliRunner

from missionplan.cli import main
from missionplan.settings import SETTINGS

DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in text]
    assert not missing


def test_settings_verb_shows_values_and_masks_secrets(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MISSIONPLAN_SECRET", "hunter2")
    monkeypatch.setenv("MISSIONPLAN_DB", "sqlite:///elsewhere.db")
    result = CliRunner().invoke(main, ["settings", "--json"])
    assert result.exit_code == 0
    assert "hunter2" not in result.output
    assert "sqlite:///elsewhere.db" in result.output
