"""Verbs for documents and exchange files: report, export."""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import click

from .common import (
    as_of_option,
    date_pairs,
    emit_json,
    handle_errors,
    json_option,
    load_plan_arg,
    plan_argument,
)

__all__ = ["export", "report"]

_anchor_option = click.option(
    "--anchor", "anchors", multiple=True, metavar="EVENT=DATE",
    help="Date an event is assumed to happen on (repeatable).")
_output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="File to write; text formats go to standard output when omitted.")


def _now() -> datetime:
    """The clock: SOURCE_DATE_EPOCH when set (reproducible builds), else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _as_of(value: datetime | None, now: datetime) -> date:
    return value.date() if value is not None else now.date()


def _write(data: bytes, output: Path | None, *, binary: bool) -> None:
    from ..reports.atomic import write_atomic

    if output is not None:
        write_atomic(output, data)
    elif binary:
        raise click.UsageError("this format is binary: name a file with -o FILE")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _summary(what: str, fmt: str, output: Path | None, data: bytes, as_json: bool) -> None:
    if as_json:
        emit_json({what: True, "format": fmt, "output": str(output) if output else None,
                   "bytes": len(data)})
    elif output is not None:
        click.echo(f"wrote {output} ({len(data):,} bytes, {fmt})", err=True)


@click.command()
@click.argument("kind", type=click.Choice(["brief", "annex", "concept"]))
@plan_argument
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "docx"]), default=None,
              help="Output format (default: from the -o suffix, else html).")
@as_of_option
@_anchor_option
@click.option("--risk", "risk_samples", type=click.IntRange(min=0), default=0, metavar="N",
              help="Add a risk summary from N Monte Carlo samples (default: none).")
@click.option("--seed", type=int, default=0, help="Random seed of the risk samples.")
@click.option("--deployment", is_flag=True,
              help="Add a deployment summary (needs the plan's deployment data).")
@_output_option
@json_option
@handle_errors
def report(kind: str, plan: Path | None, fmt: str | None, as_of: datetime | None,
           anchors: tuple[str, ...], risk_samples: int, seed: int, deployment: bool,
           output: Path | None, as_json: bool) -> None:
    """Write a planning document: brief, annex (timeline for the SG's report) or concept."""
    from ..reports.documents import DocumentFormat
    from ..reports.html import DocumentKind
    from ..reports.run import make_document

    chosen = fmt or (output.suffix.lstrip(".").lower() if output is not None else "html")
    if chosen not in {f.value for f in DocumentFormat}:
        raise click.BadParameter(f"cannot tell the format from '{output}': use --format",
                                 param_hint="--format")
    now = _now()
    data = make_document(load_plan_arg(plan), DocumentKind(kind), DocumentFormat(chosen),
                         as_of=_as_of(as_of, now), generated=now.date(),
                         anchors=date_pairs(anchors, "--anchor"), risk_samples=risk_samples,
                         seed=seed, deployment=deployment)
    _write(data, output, binary=chosen != "html")
    _summary("report", chosen, output, data, as_json)


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["ics", "xlsx", "hxl", "mspdi", "tjp"]))
@plan_argument
@as_of_option
@_anchor_option
@_output_option
@json_option
@handle_errors
def export(fmt: str, plan: Path | None, as_of: datetime | None, anchors: tuple[str, ...],
           output: Path | None, as_json: bool) -> None:
    """Write an exchange file: ics, xlsx (tracker), hxl (CSV), mspdi (MS Project) or tjp."""
    from ..reports.run import ExportFormat, make_export

    now = _now()
    data = make_export(load_plan_arg(plan), ExportFormat(fmt), as_of=_as_of(as_of, now),
                       stamp=now, anchors=date_pairs(anchors, "--anchor"))
    _write(data, output, binary=fmt == "xlsx")
    _summary("export", fmt, output, data, as_json)
