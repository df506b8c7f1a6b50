"""What every verb shares: the PLAN argument, --json, date options and error mapping."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click
from rich.console import Console

from ..errors import DataFileError, Diagnostic, MissionplanError, PlanFileError
from ..model import Plan

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "actual_option", "anchor_option", "as_of_option",
    "console", "date_pairs", "emit_json", "handle_errors", "json_option", "load_plan_arg",
    "plan_argument", "wrap_id",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

P = ParamSpec("P")
R = TypeVar("R")


def console() -> Console:
    """The terminal console; $COLUMNS or 80 columns when output is not a terminal."""
    width = None
    if not sys.stdout.isatty():
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) >= 40 else 80
    return Console(width=width, soft_wrap=False, highlight=False)


def wrap_id(text: str, width: int) -> str:
    """Break an identifier into lines at underscores so that no line passes ``width``."""
    if len(text) <= width:
        return text
    lines: list[str] = []
    current = ""
    for part in text.split("_"):
        piece = part if not current else "_" + part
        if current and len(current) + len(piece) > width:
            lines.append(current + "_")
            current = part
        else:
            current += piece
    lines.append(current)
    return "\n".join(lines)


def plan_argument(f: Callable[P, R]) -> Callable[P, R]:
    return click.argument("plan", required=False,
                          type=click.Path(dir_okay=False, path_type=Path))(f)


def json_option(f: Callable[P, R]) -> Callable[P, R]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON for machines instead of tables.")(f)


def as_of_option(f: Callable[P, R]) -> Callable[P, R]:
    return click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="The day to report as of (YYYY-MM-DD); default today.")(f)


anchor_option = click.option(
    "--anchor", "anchors", multiple=True, metavar="EVENT=DATE",
    help="Date an event is assumed to happen on (repeatable).")
actual_option = click.option(
    "--actual", "actuals", multiple=True, metavar="EVENT=DATE",
    help="Date an event actually happened on (repeatable).")


def load_plan_arg(path: Path | None) -> Plan:
    """The plan named on the command line, or the built-in Carana plan."""
    from ..planfile import load_plan
    from ..scenarios import scenario_plan_path

    return load_plan(path if path is not None else scenario_plan_path())


def date_pairs(values: tuple[str, ...], option: str) -> dict[str, date]:
    """Parse repeated ``EVENT=YYYY-MM-DD`` options."""
    out: dict[str, date] = {}
    for value in values:
        event, sep, day = value.partition("=")
        if not sep:
            raise click.BadParameter(f"'{value}' should be EVENT=YYYY-MM-DD", param_hint=option)
        try:
            out[event.strip()] = date.fromisoformat(day.strip())
        except ValueError:
            raise click.BadParameter(f"'{day}' is not a date (YYYY-MM-DD)",
                                     param_hint=option) from None
    return out


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(str(d), err=True)


def handle_errors(f: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into a clear message and exit code 2, never a traceback."""

    @functools.wraps(f)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return f(*args, **kwargs)
        except PlanFileError as exc:
            print_diagnostics(exc.diagnostics)
            raise SystemExit(EXIT_USAGE) from None
        except DataFileError as exc:
            click.echo(f"error[{exc.code}]: {exc}", err=True)
            print_diagnostics(exc.diagnostics[1:])  # the message names the first
            raise SystemExit(EXIT_USAGE) from None
        except MissionplanError as exc:
            click.echo(f"error[{exc.code}]: {exc}", err=True)
            raise SystemExit(EXIT_USAGE) from None
        except BrokenPipeError:
            # the reader went away (``| head``): stop quietly, as Unix tools do
            sys.stderr.close()
            raise SystemExit(0) from None
        except OSError as exc:
            click.echo(f"error[io]: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
                       err=True)
            raise SystemExit(EXIT_USAGE) from None

    return wrapper
