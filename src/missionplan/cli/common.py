"""What every verb shares: the PLAN argument and where a plan comes from, --json, --db,
date options and error mapping."""

from __future__ import annotations

import functools
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

import click
from rich.console import Console

from ..errors import DataFileError, Diagnostic, MissionplanError, PlanFileError
from ..i18n import Language
from ..model import Plan

if TYPE_CHECKING:
    from rich.progress import TaskID

    from ..outlook.analyses import AnalysisOptions, Progress
    from ..reports.frame import FrameOptions
    from ..store import CurrentDay, Workspace

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "PlanSource", "actual_option",
    "analysis_choice", "analysis_options", "anchor_option", "as_of_option",
    "chosen_language", "console", "date_pairs", "db_option", "emit_json", "frame_choice",
    "frame_options", "handle_errors", "json_option", "lang_option", "parse_day",
    "plan_argument", "progress_bar", "read_plan", "tell", "user_name", "user_option",
    "wrap_id",
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
                        help="The day to report as of (YYYY-MM-DD); default: the "
                             "workspace's current day ('missionplan clock'), else today.")(f)


def user_option(f: Callable[P, R]) -> Callable[P, R]:
    return click.option("--user", "user", default=None, metavar="NAME",
                        help="Who makes the change, for the audit log (default: $USER).")(f)


def user_name(user: str | None) -> str:
    """Who makes a change: ``--user``, else ``$MISSIONPLAN_USER``, else the login name."""
    if user:
        return user
    try:
        return os.environ.get("MISSIONPLAN_USER") or getpass.getuser()
    except Exception:
        return "unknown"


def parse_day(text: str, param: str = "DATE") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a date (YYYY-MM-DD)",
                                 param_hint=param) from None


def db_option(f: Callable[P, R]) -> Callable[P, R]:
    return click.option("--db", "db", envvar="MISSIONPLAN_DB", default=None, metavar="URL",
                        help="Workspace database: a SQLite file or a postgresql:// URL "
                             "(default: $MISSIONPLAN_DB, else ./missionplan.db).")(f)


anchor_option = click.option(
    "--anchor", "anchors", multiple=True, metavar="EVENT=DATE",
    help="Date an event is assumed to happen on (repeatable).")
actual_option = click.option(
    "--actual", "actuals", multiple=True, metavar="EVENT=DATE",
    help="Date an event actually happened on (repeatable).")


@dataclass(frozen=True, slots=True)
class PlanSource:
    """The plan a verb reads, where it came from, and the day its "as of" defaults to."""

    plan: Plan
    kind: Literal["file", "workspace", "built-in"]
    where: str  # the file, the workspace's database, or the built-in scenario's name
    clock: CurrentDay
    url: str | None = None  # the workspace's, to read more of it (observations)
    version: int | None = None
    actual_dates: int = 0
    assumption_states: int = 0
    syndicate: str = ""  # whose copy of the workspace's plan ('' its own)

    def __str__(self) -> str:
        if self.kind == "file":
            return f"plan: file {self.where}"
        if self.kind == "built-in":
            return f"plan: built-in scenario '{self.where}' (no workspace here)"
        whose = f", syndicate '{self.syndicate}'" if self.syndicate else ""
        return (f"plan: workspace {self.where}{whose}, plan '{self.plan.id}' version "
                f"{self.version}, {_count(self.actual_dates, 'actual date')}, "
                f"{_count(self.assumption_states, 'assumption state')}")

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "where": self.where, "plan_id": self.plan.id,
                "version": self.version, "actual_dates": self.actual_dates,
                "assumption_states": self.assumption_states,
                "syndicate": self.syndicate or None}

    def as_of(self, given: datetime | None) -> CurrentDay:
        """``--as-of`` when given, else the clock of where the plan came from."""
        from ..store.clock import given_day

        return given_day(given.date(), "--as-of") if given is not None else self.clock


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def read_plan(path: Path | None, db: str | None) -> PlanSource:
    """What a verb reads: the PLAN file alone when one is named; else the workspace
    (``--db``, ``$MISSIONPLAN_DB``, or ``missionplan.db`` here) with its recorded actual
    dates, assumption states and clock; else the built-in plan, on the wall clock."""
    from ..planfile import load_plan
    from ..scenarios import DEFAULT, scenario_plan_path
    from ..store import wall_clock
    from ..store.engine import existing_workspace

    if path is not None:
        return PlanSource(load_plan(path), "file", str(path), wall_clock())
    url = existing_workspace(db)
    if url is None:
        return PlanSource(load_plan(scenario_plan_path()), "built-in", DEFAULT, wall_clock())
    return _workspace_source(url)


def _workspace_source(url: str) -> PlanSource:
    from ..store.engine import display_url

    with open_ws(url) as ws:
        plan = ws.current_plan()  # its files (directive, geography) resolve as on the web
        known = set(plan.event_ids())
        states = {a.id for a in plan.assumptions} & set(ws.assumption_states())
        return PlanSource(plan, "workspace", display_url(url), ws.current_day(), url,
                          ws.plan_versions(plan.id)[-1].version,
                          len(known & set(ws.actuals())), len(states), ws.branch)


SYNDICATE_ENV = "MISSIONPLAN_SYNDICATE"


def chosen_syndicate() -> str:
    """The syndicate named by ``missionplan --syndicate NAME`` (or $MISSIONPLAN_SYNDICATE);
    '' for the workspace's own plan."""
    ctx = click.get_current_context(silent=True)
    given = ctx.find_root().params.get("syndicate") if ctx is not None else None
    return str(given or os.environ.get(SYNDICATE_ENV) or "")


def open_ws(url: str | None) -> Workspace:
    """The workspace at ``url``, reading and writing the chosen syndicate's copy of the plan
    (:func:`chosen_syndicate`); an unknown syndicate is refused, listing those there are."""
    from ..store import open_workspace

    ws = open_workspace(url)
    name = chosen_syndicate()
    if not name:
        return ws
    try:
        ws.syndicate(name)
    except BaseException:
        ws.close()
        raise
    return ws.on(name)


def tell(*lines: object, as_json: bool) -> None:
    """Say on standard error where a verb's plan and day come from (not with --json: the
    JSON carries it)."""
    if not as_json:
        for line in lines:
            click.echo(str(line), err=True)


def date_pairs(values: tuple[str, ...], option: str) -> dict[str, date]:
    """Parse repeated ``EVENT=YYYY-MM-DD`` options."""
    from ..model.pairs import event_dates

    try:
        return event_dates(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


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


def lang_option(f: Callable[P, R]) -> Callable[P, R]:
    return click.option("--lang", "lang", default=None, metavar="LANG",
                        help="Language of the document: en or fr (default: "
                             "$MISSIONPLAN_LANG, else en).")(f)


def terminal_day(day: date | None) -> str:
    """A date in a terminal table: ISO (compact, and it sorts), or day first in figures
    (``03/03/2027``) when ``$MISSIONPLAN_DATES`` is ``numeric``; an unknown setting is
    refused (``unknown-date-style``)."""
    from ..i18n import DateStyle, parse_date_style, words

    if day is None:
        return "—"
    env = os.environ.get("MISSIONPLAN_DATES", "").strip()
    style = parse_date_style(env, where="MISSIONPLAN_DATES") if env else DateStyle.iso
    return words().short_day(day, iso=style is not DateStyle.numeric)


def chosen_language(lang: str | None) -> Language:
    """``--lang``, else ``$MISSIONPLAN_LANG``, else English; an unknown one is refused
    (``unknown-language``) naming where it came from."""
    from ..i18n import parse_language

    if lang is not None:
        return parse_language(lang, where="--lang")
    env = os.environ.get("MISSIONPLAN_LANG", "").strip()
    return parse_language(env, where="MISSIONPLAN_LANG") if env else Language.en


def frame_options(f: Callable[P, R]) -> Callable[P, R]:
    """--classification, --symbol, --distribution: the document's frame."""
    for option in reversed((
            click.option("--classification", default=None, metavar="MARKING",
                         help="Classification marking in every page's header and footer "
                              "(default: $MISSIONPLAN_CLASSIFICATION, else UN RESTRICTED "
                              "when restricted items are shown, else UNCLASSIFIED)."),
            click.option("--symbol", default=None, metavar="SYMBOL",
                         help="Document symbol in the header (default: "
                              "PLAN/KIND/DATE)."),
            click.option("--distribution", default=None, metavar="TEXT",
                         help="Distribution line in the footer (default: from the "
                              "marking, 'Distr.: General' or 'Distr.: Restricted')."))):
        f = option(f)
    return f


def frame_choice(classification: str | None, symbol: str | None,
                 distribution: str | None) -> FrameOptions:
    """The options of :func:`frame_options` as the library takes them."""
    from ..reports.frame import FrameOptions

    marking = classification or os.environ.get("MISSIONPLAN_CLASSIFICATION") or None
    return FrameOptions(classification=marking, symbol=symbol, distribution=distribution)


def analysis_options(f: Callable[P, R]) -> Callable[P, R]:
    """--risk N, --no-risk, --seed, --deployment/--no-deployment, --deployment-seconds:
    the analyses an answer rests on (see ``missionplan.outlook.analyses``)."""
    options = [
        click.option("--risk", "risk_samples", type=click.IntRange(min=1), default=None,
                     metavar="N", help="Monte Carlo samples behind the odds (default 2,000 "
                                       "when the plan has uncertain durations or risks)."),
        click.option("--no-risk", is_flag=True, help="Leave out the risk analysis (odds)."),
        click.option("--seed", type=int, default=0, help="Random seed of the risk samples."),
        click.option("--deployment/--no-deployment", default=None,
                     help="Run (or leave out) the movement plan; by default it runs when the "
                          "plan has deployment data."),
        click.option("--deployment-seconds", type=click.FloatRange(min=0.5), default=10.0,
                     show_default=True, help="Solver time limit of the movement plan."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def analysis_choice(risk_samples: int | None, no_risk: bool, seed: int,
                    deployment: bool | None, deployment_seconds: float) -> AnalysisOptions:
    """The options of :func:`analysis_options` as the library takes them."""
    from ..outlook.analyses import AnalysisOptions

    if no_risk and risk_samples is not None:
        raise click.UsageError("--risk and --no-risk contradict each other")
    return AnalysisOptions(risk_samples=0 if no_risk else risk_samples, seed=seed,
                           deployment=deployment, deployment_seconds=deployment_seconds)


@contextmanager
def progress_bar() -> Iterator[Progress | None]:
    """A progress bar on standard error while analyses run, only on a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def tick(what: str, fraction: float) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(f"{what} analysis", total=1.0)
            bar.update(tasks[what], completed=fraction)

        yield tick
