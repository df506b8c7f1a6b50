"""``missionplan extract TEXT -o plan.yaml [--against plan.yaml] [--json]``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from ..errors import MissionplanError
from ..extract import ExtractResult, RevisionDiff, diff_directives, extract_plan
from .common import console, emit_json, handle_errors, json_option

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

    new_text = _read(text)
    result = extract_plan(new_text, name=text.stem, source_file=str(text))
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


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise MissionplanError(f"{path}: not UTF-8 text (byte {exc.start})",
                               code="not-text") from None


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
    table = Table(title="Relations found", title_justify="left")
    for column in ("to", "kind", "from / date", "bounds", "source"):
        table.add_column(column, overflow="fold")
    for r in result.plan.relations:
        lo, hi = r.bounds()
        bounds = f"[{lo or '-'}, {hi or '-'}]" if r.from_ else f"≤ {r.not_after}"
        table.add_row(r.to, r.kind.value, r.from_ or "calendar", bounds, str(r.source))
    out.print(table)
    for item in result.review:
        out.print(f"[yellow]{escape(str(item))}[/yellow]", markup=True)
    if diff is not None:
        _print_diff(diff)
    where = f"written to {output}" if output else "not written (use -o)"
    out.print(f"{len(result.plan.events)} events, {len(result.plan.relations)} relations, "
              f"{len(result.review)} for review; draft {where}")


def _print_diff(diff: RevisionDiff) -> None:
    table = Table(title="What the revision changes", title_justify="left")
    for column in ("change", "old", "new", "plan items touched"):
        table.add_column(column, overflow="fold")
    for c in diff.changes:
        table.add_row(c.kind, c.old.source if c.old else "", c.new.source if c.new else "",
                      ", ".join(c.items) or "-")
    console().print(table)
