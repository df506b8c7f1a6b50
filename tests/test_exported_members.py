import missionplan

EXPECTED = {
    "Analysis", "Diagnostic", "Duration", "MissionplanError", "Plan", "PlanFileError",
    "Schedule", "Status", "analyse", "build_schedule", "dump_plan", "lint", "load_plan",
    "loads_plan", "parse_duration", "scenario_plan_path", "write_plan",
}


def test_public_names_are_pinned() -> None:
    """Adding to the public surface is a decision: this list changes with it."""
    assert set(missionplan.__all__) == EXPECTED
    assert len(missionplan.__all__) == len(EXPECTED)


def test_public_surface_is_exactly_what_is_listed() -> None:
    exported = {name for name in dir(missionplan) if not name.startswith("_")}
    assert set(missionplan.__all__) <= exported
    modules = {name for name in exported if type(getattr(missionplan, name)).__name__ == "module"}
    assert exported - modules == set(missionplan.__all__)


def test_every_cli_verb_loads() -> None:
    from click.testing import CliRunner

    from missionplan.cli import VERBS, main

    runner = CliRunner()
    for verb in VERBS:
        result = runner.invoke(main, [verb, "--help"])
        assert result.exit_code == 0, (verb, result.output)
