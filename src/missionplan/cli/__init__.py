"""The ``missionplan`` command: thin verbs over the library.

Verbs are loaded lazily, so ``missionplan check`` pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

__all__ = ["VERBS", "main"]

# verb -> (module under missionplan.cli, attribute, one-line help)
VERBS: dict[str, tuple[str, str, str]] = {
    "check": ("plan_cmds", "check", "Validate a plan and report every finding."),
    "schedule": ("plan_cmds", "schedule", "Dated windows and deadline status as of a day."),
    "explain": ("plan_cmds", "explain", "Why an event's bounds are what they are."),
    "schema": ("plan_cmds", "schema", "Print the plan file's JSON Schema."),
    "risk": ("risk_cmds", "risk", "Monte Carlo odds of meeting each criterion."),
    "deploy": ("deploy_cmds", "deploy", "Deployment and movement plan."),
    "level": ("level_cmds", "level", "Resource-levelled dates, optimal or with a bound."),
    "init": ("workspace_cmds", "init", "Create a workspace with the built-in plan and data."),
    "import": ("workspace_cmds", "import_", "Import a plan file or observations."),
    "record": ("workspace_cmds", "record", "Record the actual date of an event."),
    "status": ("workspace_cmds", "status", "Criteria for success as of a day."),
    "history": ("workspace_cmds", "history", "The audit log of an item."),
    "backup": ("workspace_cmds", "backup", "Copy a live workspace to a file."),
    "restore": ("workspace_cmds", "restore", "Restore a workspace from a backup."),
    "clock": ("clock_cmds", "clock", "The workspace's current day: show, set, advance, unset."),
    "exercise": ("exercise_cmds", "exercise", "An exercise's injects: load, show, inbox."),
    "syndicate": ("exercise_cmds", "syndicate", "An exercise's syndicates: add, list."),
    "serve": ("web_cmds", "serve", "Run the web workspace."),
    "user": ("web_cmds", "user", "Manage web workspace accounts."),
    "report": ("report_cmds", "report", "Planning documents: brief, annex, concept."),
    "export": ("report_cmds", "export", "Exchange formats: ics, xlsx, hxl, mspdi, tjp."),
    "extract": ("extract_cmds", "extract", "Directive text to a draft plan."),
    "settings": ("settings_cmds", "settings", "Show the settings read from the environment."),
    "product": ("process_cmds", "product", "Products of the process: list, show, move, write."),
    "tasks": ("process_cmds", "tasks", "What is due, late or waiting, with why this date."),
    "comment": ("process_cmds", "comment", "Comments on items and sections: add, list, resolve."),
    "decision": ("process_cmds", "decision", "The decision log: add, list."),
    "assign": ("process_cmds", "assign", "Who acts for an actor of the plan (its tasks)."),
    "lead": ("process_cmds", "lead", "Hand the planning lead to another account."),
    "align": ("process_cmds", "align", "The priorities against the components' lines of effort."),
    "notify": ("process_cmds", "notify", "E-mail each person what concerns them, or a digest."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when first used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(VERBS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = VERBS.get(cmd_name)
        if spec is None:
            return None
        module_name, attr, _ = spec
        try:
            module = importlib.import_module(f"missionplan.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"missionplan.cli.{module_name}":
                raise
            return _unavailable(cmd_name)
        command: Any = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, VERBS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _unavailable(name: str) -> click.Command:
    @click.command(name=name, help=VERBS[name][2])
    def cmd() -> None:
        raise click.UsageError(f"'{name}' is not available in this build")

    return cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="missionplan")
@click.option("--syndicate", envvar="MISSIONPLAN_SYNDICATE", default=None, metavar="NAME",
              help="In an exercise: read and write this syndicate's copy of the plan "
                   "($MISSIONPLAN_SYNDICATE).")
def main(syndicate: str | None) -> None:
    """Planning and monitoring for integrated UN peace operations.

    Every verb without a PLAN reads the workspace here (--db, $MISSIONPLAN_DB or
    ./missionplan.db), else the built-in Carana plan; every verb has --json.
    """
