"""Verbs for documents and exchange files: report, export."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (
    PlanSource,
    actual_option,
    analysis_choice,
    analysis_options,
    anchor_option,
    as_of_option,
    chosen_language,
    date_pairs,
    db_option,
    emit_json,
    frame_choice,
    frame_options,
    handle_errors,
    json_option,
    lang_option,
    open_ws,
    plan_argument,
    progress_bar,
    read_plan,
    tell,
)

if TYPE_CHECKING:
    from ..i18n import Language
    from ..reports.documents import DocumentFormat
    from ..reports.run import Output
    from ..store import CurrentDay

from .level_cmds import levelled as with_levelling
from .level_cmds import levelled_option

__all__ = ["export", "report"]

_output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="File to write; text formats go to standard output when omitted.")


def _deliver(out: Output, output: Path | None, *, source: PlanSource | dict[str, object],
             as_of: CurrentDay, as_json: bool, extra: dict[str, object] | None = None) -> None:
    """Write the file (or standard output) and say what was written: with --json, standard
    output holds exactly one JSON document, the text itself as its ``content`` field
    (``extra``: more fields, such as the review's data)."""
    from ..reports.atomic import write_atomic

    if output is None and out.binary:
        raise click.UsageError(f"{out.format} is a binary format: name a file with -o FILE")
    if output is not None:
        write_atomic(output, out.data)
    if as_json:
        emit_json({**out.to_json(path=output),
                   "source": source if isinstance(source, dict) else source.to_json(),
                   "as_of_source": as_of.to_json(), **(extra or {})})
    elif output is None:
        sys.stdout.buffer.write(out.data)
        sys.stdout.flush()
    else:
        click.echo(f"wrote {output} ({len(out.data):,} bytes, {out.format})", err=True)


def _check_output(output: Path | None) -> None:
    from ..reports.atomic import check_writable

    if output is not None:
        check_writable(output)


@click.command()
@click.argument("kind", type=click.Choice(["brief", "annex", "concept", "options", "aar"]))
@plan_argument
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "docx"]), default=None,
              help="Output format (default: from the -o suffix, else html).")
@as_of_option
@anchor_option
@actual_option
@analysis_options
@lang_option
@frame_options
@_output_option
@levelled_option
@db_option
@json_option
@handle_errors
def report(kind: str, plan: Path | None, fmt: str | None, as_of: datetime | None,
           anchors: tuple[str, ...], actuals: tuple[str, ...], risk_samples: int | None,
           no_risk: bool, seed: int, deployment: bool | None, deployment_seconds: float,
           lang: str | None, classification: str | None, symbol: str | None,
           distribution: str | None, output: Path | None, levelled: bool, db: str | None,
           as_json: bool) -> None:
    """Write a planning document: brief (summary first, then the detail), annex (for the
    SG's report, as the Council reads it), concept (the mission concept), options (the
    courses of action side by side, and the one to recommend), or aar (the after-action
    review of the workspace's exercise: every syndicate)."""
    from ..reports.documents import DocumentFormat
    from ..reports.html import DocumentKind
    from ..reports.run import made_at, make_document

    chosen = fmt or (output.suffix.lstrip(".").lower() if output is not None else "html")
    if chosen not in {f.value for f in DocumentFormat}:
        raise click.BadParameter(f"cannot tell the format from '{output}': use --format",
                                 param_hint="--format")
    if output is None and chosen != "html":
        raise click.UsageError(f"{chosen} is a binary format: name a file with -o FILE")
    _check_output(output)
    options = analysis_choice(risk_samples, no_risk, seed, deployment, deployment_seconds)
    language = chosen_language(lang)
    frame = frame_choice(classification, symbol, distribution)
    now = made_at()
    if kind == "aar":
        if plan is not None:
            raise click.UsageError("an after-action review reads the workspace's exercise, "
                                   "not a plan file: leave PLAN out")
        _aar(db, DocumentFormat(chosen), as_of=as_of, samples=0 if no_risk else (
            risk_samples or _AAR_SAMPLES), seed=seed, generated=now.date(), output=output,
            as_json=as_json, lang=language)
        return
    source = read_plan(plan, db)
    day = source.as_of(as_of)
    tell(source, day, as_json=as_json)
    observed, synthetic = (_criteria_status(source, day.day) if source.url is not None
                           else (None, False))
    with progress_bar() as progress:
        out = make_document(with_levelling(source.plan, levelled), DocumentKind(kind),
                            DocumentFormat(chosen),
                            as_of=day.day, generated=now.date(),
                            anchors=date_pairs(anchors, "--anchor"),
                            actuals=date_pairs(actuals, "--actual"), criteria_status=observed,
                            analyses=options, progress=progress,
                            synthetic_observations=synthetic, lang=language, frame=frame)
    _deliver(out, output, source=source, as_of=day, as_json=as_json)


_AAR_SAMPLES = 500


def _aar(db: str | None, fmt: DocumentFormat, *, as_of: datetime | None, samples: int,
         seed: int, generated: date, output: Path | None, as_json: bool,
         lang: Language) -> None:
    """The after-action review of the exercise in the workspace (never a plan file)."""
    from ..reports.aar import render_aar
    from ..reports.run import Output
    from ..store import open_workspace
    from ..store.clock import given_day
    from ..store.engine import display_url, existing_workspace
    from ..store.review import gather_review

    url = existing_workspace(db)
    if url is None:
        raise click.UsageError("an after-action review reads a workspace's exercise: there "
                               "is no workspace here (--db, or 'missionplan init --exercise')")
    with open_workspace(url) as ws, progress_bar() as progress:
        day = given_day(as_of.date(), "--as-of") if as_of is not None else ws.current_day()
        review = gather_review(ws, as_of=day.day, samples=samples, progress=progress)
    data = render_aar(review, fmt, generated=generated, lang=lang)
    out = Output("aar", fmt.value, data, day.day,
                 ["summary", "criteria", "timeline", "injects", "timeliness", "decisions",
                  "changes"])
    _deliver(out, output, source={"kind": "workspace", "where": display_url(url),
                                  "exercise": review.exercise.id,
                                  "syndicates": [t.name for t in review.syndicates]},
             as_of=day, as_json=as_json, extra={"review": review.to_json()})


def _criteria_status(source: PlanSource, day: date) -> tuple[list[object], bool]:
    """The workspace's criteria judged on its observations as of ``day``, and whether its
    observations are synthetic."""
    from ..store.status import status_report

    assert source.url is not None
    with open_ws(source.url) as ws:
        return list(status_report(ws, day).criteria), ws.synthetic_observations()


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["ics", "xlsx", "hxl", "mspdi", "tjp"]))
@plan_argument
@as_of_option
@anchor_option
@actual_option
@_output_option
@db_option
@json_option
@handle_errors
def export(fmt: str, plan: Path | None, as_of: datetime | None, anchors: tuple[str, ...],
           actuals: tuple[str, ...], output: Path | None, db: str | None,
           as_json: bool) -> None:
    """Write an exchange file: ics, xlsx (tracker), hxl (CSV), mspdi (MS Project) or tjp."""
    from ..reports.run import ExportFormat, made_at, make_export

    _check_output(output)
    source = read_plan(plan, db)
    day = source.as_of(as_of)
    tell(source, day, as_json=as_json)
    out = make_export(source.plan, ExportFormat(fmt), as_of=day.day, stamp=made_at(),
                      anchors=date_pairs(anchors, "--anchor"),
                      actuals=date_pairs(actuals, "--actual"))
    _deliver(out, output, source=source, as_of=day, as_json=as_json)
