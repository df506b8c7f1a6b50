"""The settings verb: what missionplan reads from its environment."""

from __future__ import annotations

import click
from rich import box
from rich.table import Table

from ..settings import current
from .common import console, emit_json, json_option

__all__ = ["settings"]


@click.command()
@json_option
def settings(as_json: bool) -> None:
    """Show every setting, its value now and what it does."""
    rows = current()
    if as_json:
        emit_json([{"env": s.env, "value": v, "default": s.default, "help": s.help}
                   for s, v in rows])
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("setting", no_wrap=True)
    table.add_column("value / what it does", overflow="fold")
    for s, v in rows:
        table.add_row(s.env, f"{v}\n[dim]{s.help}[/dim]")
    console().print(table)
