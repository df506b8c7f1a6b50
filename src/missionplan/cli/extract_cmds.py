"""``missionplan extract TEXT -o plan.yaml [--against plan.yaml] [--json]``.

Exits 1 (after saying so) when TEXT holds no temporal relation, actor or
section: nothing is written then.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.markup import escape

from ..errors import MissionplanError
from ..extract import ExtractResult, RevisionDiff, diff_directives, extract_plan
from ..extract.diff import ClauseChange
from ..extract.report import relation_line, shorten
from ..extract.source import read_directive
from .common import console, emit_json, handle_errors, json_option

EXIT_NOTHING = 1

__all__ = ["extract"]


@click.command(help="Directive text to a draft plan; with --against, what a revision changes.")
@click.argument("text", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the draft plan here (YAML, written atomically).")
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A plan whose directive TEXT revises: show what changes.")
@json_option
@handle_errors
def extract(text: Path, output: Path | None, against: Path | None, as_json: bool) -> None:
    from ..planfile import load_plan, write_plan

    new_text = read_directive(text)
    result = extract_plan(new_text, name=text.stem, source_file=_directive_path(text, output))
    if _empty(result):
        click.echo(f"no temporal relations, actors or sections found in {text}", err=True)
        raise SystemExit(EXIT_NOTHING)
    diff = None
    if against is not None:
        plan = load_plan(against)
        old_lines = plan.directive_lines()
        if not old_lines:
            raise MissionplanError(f"{against}: the plan names no directive text to compare "
                                   "with", code="no-directive")
        diff = diff_directives("\n".join(old_lines), new_text, plan)
    if output is not None:
        write_plan(result.plan, output)
    if as_json:
        emit_json(_as_json(result, diff, output))
    else:
        _print(result, diff, output)


def _directive_path(text: Path, output: Path | None) -> str:
    """The directive's path as the plan file records it: relative to the plan's folder."""
    if output is None:
        return str(text)
    return os.path.relpath(text.resolve(), output.resolve().parent)


def _empty(result: ExtractResult) -> bool:
    plan = result.plan
    placed = (plan.relations, plan.recurrences, plan.actors, plan.criteria, plan.assumptions,
              plan.constraints, plan.stakeholders, plan.objectives)
    return not any(placed) and not result.review


def _as_json(result: ExtractResult, diff: RevisionDiff | None,
             output: Path | None) -> dict[str, object]:
    plan = result.plan
    data: dict[str, object] = {
        "output": str(output) if output else None,
        "counts": {"events": len(plan.events), "relations": len(plan.relations),
                   "recurrences": len(plan.recurrences), "criteria": len(plan.criteria),
                   "actors": len(plan.actors)},
        "relations": [r.model_dump(mode="json", by_alias=True, exclude_defaults=True)
                      for r in plan.relations],
        "review": [r.to_json() for r in result.review],
    }
    if diff is not None:
        data["revision"] = diff.to_json()
    return data


def _print(result: ExtractResult, diff: RevisionDiff | None, output: Path | None) -> None:
    out = console()
    out.print("[bold]Relations found[/bold] " + escape("(from → to [min, max] (SECTION:LINES))"),
              markup=True)
    for r in result.plan.relations:
        out.print("  " + escape(relation_line(r)), markup=True, soft_wrap=False)
    for rec in result.plan.recurrences:
        least = "at least once " if rec.at_least else ""
        out.print(f"  {escape(rec.id)}: {least}every {rec.every} from {escape(rec.start)}"
                  f" ({escape(str(rec.source))})", markup=True)
    for item in result.review:
        out.print(f"[yellow]{escape(str(item))}[/yellow]", markup=True)
    if diff is not None:
        _print_diff(diff)
    where = f"written to {output}" if output else "not written (use -o)"
    out.print(f"{len(result.plan.events)} events, {len(result.plan.relations)} relations, "
              f"{len(result.plan.actors)} actors, {len(result.review)} for review; "
              f"draft {where}")


CLAUSE_WIDTH = 140


def _print_diff(diff: RevisionDiff) -> None:
    out = console()
    out.print("[bold]What the revision changes[/bold]")
    if not diff.changes:
        out.print("  no clause changed")
    for change in diff.changes:
        for line in _change_lines(change):
            out.print(escape(line), markup=True)


def _change_lines(change: ClauseChange) -> list[str]:
    where = " → ".join(c.source for c in (change.old, change.new) if c is not None)
    lines = [f"{change.kind.upper()} {where}"]
    if change.old is not None:
        lines.append(f"  - {shorten(change.old.text, CLAUSE_WIDTH)}")
    if change.new is not None:
        lines.append(f"  + {shorten(change.new.text, CLAUSE_WIDTH)}")
    lines.append(f"  plan items touched: {', '.join(change.items) or '-'}")
    return lines
