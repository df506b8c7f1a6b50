"""Each room imports only from rooms above it in the flow of the design (DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import missionplan

ROOT = Path(missionplan.__file__).parent
# Top to bottom: a room may import from the shared modules and from rooms before it.
ORDER = ["i18n", "model", "planfile", "temporal", "levelling", "schedule", "risk", "logistics",
         "monitor", "outlook", "exercise", "process", "reports", "store", "extract", "web",
         "cli"]
SHARED = {"errors", "settings", "scenarios", "cells"}


def _imports(path: Path) -> set[str]:
    """The missionplan rooms a module imports (relative or absolute, lazily or not)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = list(parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target and node.level:  # "from .. import x": x are rooms
                    found.update(alias.name for alias in node.names)
            else:
                target = (node.module or "").split(".")[1:] if (node.module or "").startswith(
                    "missionplan.") else []
            if target:
                found.add(target[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("missionplan."):
                    found.add(alias.name.split(".")[1])
    return found


def test_each_room_imports_only_from_rooms_above_it() -> None:
    wrong = []
    for room in ORDER:
        allowed = SHARED | set(ORDER[:ORDER.index(room) + 1])
        for path in sorted((ROOT / room).rglob("*.py")):
            for used in _imports(path) - allowed:
                if used in ORDER:
                    wrong.append(f"{path.relative_to(ROOT)} imports {used}")
    assert not wrong, "\n".join(wrong)


def test_every_room_is_in_the_order() -> None:
    rooms = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms - SHARED == set(ORDER)
