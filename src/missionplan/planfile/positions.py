"""Where in the file a path into the plan data stands (``('relations', 3, 'to')``).

The position index is never built: a path is walked down the composed node
tree only when a diagnostic needs it, so a clean file pays nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .convert import position
from .yamlread import Node

__all__ = ["Spot", "locate"]

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Spot:
    """The deepest node a path reached: its key node (if any), value node, and depth."""

    key: Node | None
    value: Node
    depth: int

    def key_position(self) -> tuple[int, int]:
        return position(self.key if self.key is not None else self.value)

    def value_position(self) -> tuple[int, int]:
        return position(self.value)


def locate(root: Node, path: Path) -> Spot:
    """Walk ``path`` from ``root`` as far as the file goes."""
    key: Node | None = None
    node = root
    depth = 0
    for part in path:
        child = _child(node, part)
        if child is None:
            break
        key, node = child
        depth += 1
    return Spot(key, node, depth)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if node.id == "sequence" and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    if node.id != "mapping" or not isinstance(part, str):
        return None
    merges: list[Node] = []
    for key, value in node.value:
        if key.id == "scalar" and key.value == part:
            return key, value
        if key.id == "scalar" and key.value == "<<":
            merges.extend(value.value if value.id == "sequence" else [value])
    for merged in merges:
        found = _child(merged, part)
        if found is not None:
            return found
    return None
