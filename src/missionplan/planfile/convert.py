"""Composed YAML nodes to plain Python data, refusing what a plan file must not hold.

The conversion follows the YAML 1.2 core schema for plain scalars (``yes`` is
text, ``0.5`` a number); dates stay text for the model to read. It reports
duplicate keys, unknown tags and keys that are not text, and it refuses
alias bombs by measuring, never performing, the expansion: aliases become
shared Python objects, and the expanded size is counted over the node graph.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Diagnostic, PlanFileError
from .codes import diagnostic
from .yamlread import Node

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "Converted", "convert"]

MAX_ALIAS_NODES = 100_000
"""Aliases may add at most this many nodes to the document as written."""
MAX_DEPTH = 200
"""The deepest nesting of mappings and lists read (a plan needs fewer than ten)."""

_Y = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _Y + "str", _Y + "int", _Y + "float", _Y + "bool", _Y + "null"
_IMPLICIT = {STR, INT, FLOAT, BOOL, NULL, _Y + "timestamp", _Y + "merge", "!"}
_TYPED: dict[str, type | tuple[type, ...]] = {
    INT: int, FLOAT: (int, float), BOOL: bool, NULL: type(None)}
_COLLECTIONS = {_Y + "seq", _Y + "map", "!"}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf,
                   "+.Inf": math.inf, "+.INF": math.inf, "-.inf": -math.inf,
                   "-.Inf": -math.inf, "-.INF": -math.inf, ".nan": math.nan,
                   ".NaN": math.nan, ".NAN": math.nan}


@dataclass
class Converted:
    """The plain data of a document, its root node, and the problems met on the way."""

    data: Any
    root: Node
    problems: list[Diagnostic] = field(default_factory=list)


class _Abort(Exception):
    def __init__(self, code: str, message: str, node: Node) -> None:
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column at which a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def plain_value(text: str) -> Any:
    """A plain (unquoted) scalar read by the YAML 1.2 core schema; dates stay text."""
    if text[:1].isalpha() and text[0] not in "nNtTfF":  # the common case: plain words
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        try:
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        except ValueError:  # more digits than Python converts: keep the text
            return text
    if _FLOAT.match(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Diagnostic] = []
        self.memo: dict[int, Any] = {}
        self.active: set[int] = set()
        self.shared = False

    def problem(self, code: str, message: str, node: Node) -> None:
        self.problems.append(diagnostic(code, message, self.file, *position(node)))

    def value(self, node: Node, depth: int) -> Any:
        if node.id == "scalar":  # aliased scalars expand to one node each: no memo needed
            return self.scalar(node)
        key = id(node)
        if key in self.memo:
            self.shared = True
            return self.memo[key]
        if key in self.active:
            raise _Abort("alias-bomb", "an alias refers to a node that contains it", node)
        if depth > MAX_DEPTH:
            raise _Abort("too-deep", f"nesting deeper than {MAX_DEPTH} levels", node)
        self.active.add(key)
        self.check_collection_tag(node)
        result = (self.sequence(node, depth) if node.id == "sequence"
                  else self.mapping(node, depth))
        self.active.discard(key)
        self.memo[key] = result
        return result

    def check_collection_tag(self, node: Node) -> None:
        tag = str(node.tag)
        if tag not in _COLLECTIONS:
            self.problem("yaml-tag", f"the tag '{tag}' is not used in plan files", node)

    def scalar(self, node: Node) -> Any:
        tag, text = str(node.tag), node.value
        if node.style in (None, "") and tag in _IMPLICIT:
            return plain_value(text)
        if tag in _TYPED:
            value = plain_value(text)
            if isinstance(value, _TYPED[tag]):
                return float(value) if tag == FLOAT and isinstance(value, int) else value
            self.problem("yaml-tag", f"'{text}' cannot be read as {tag.removeprefix(_Y)}", node)
            return text
        if tag not in _IMPLICIT:
            self.problem("yaml-tag", f"the tag '{tag}' is not used in plan files", node)
        return text

    def sequence(self, node: Node, depth: int) -> list[Any]:
        return [self.value(child, depth + 1) for child in node.value]

    def mapping(self, node: Node, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Node] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self.problem("wrong-type", "a key must be plain text, not a list or mapping",
                             key_node)
                continue
            key = str(key_node.value)
            if key == "<<" and key_node.style in (None, ""):
                merges.append(value_node)
            elif key in first:
                self.problem("duplicate-key", f"key '{key}' is given twice in this mapping "
                             f"(first on line {position(first[key])[0]})", key_node)
            else:
                first[key] = key_node
                result[key] = self.value(value_node, depth + 1)
        for merge in merges:
            self.merge(result, merge, depth)
        return result

    def merge(self, result: dict[str, Any], node: Node, depth: int) -> None:
        sources = node.value if node.id == "sequence" else [node]
        for source in sources:
            value = self.value(source, depth + 1)
            if not isinstance(value, dict):
                self.problem("wrong-type", "'<<' merges mappings only", source)
                continue
            for key, item in value.items():
                result.setdefault(key, item)


def _expanded_excess(root: Node) -> int:
    """How many nodes the aliases add when expanded (counted, not expanded)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if ready:
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)] - len(sizes)


def _children(node: Node) -> list[Node]:
    if node.id == "sequence":
        return list(node.value)
    if node.id == "mapping":
        return [n for pair in node.value for n in pair]
    return []


def convert(root: Node, file: str) -> Converted:
    """Plain data for the document under ``root``; aborts on an alias bomb or deep nesting."""
    converter = _Converter(file)
    try:
        data = converter.value(root, 0)
    except _Abort as abort:
        raise PlanFileError([diagnostic(abort.code, abort.message, file,
                                        *position(abort.node))]) from None
    if converter.shared:
        excess = _expanded_excess(root)
        if excess > MAX_ALIAS_NODES:
            raise PlanFileError([diagnostic(
                "alias-bomb", f"aliases would expand the document by {excess:,} nodes "
                f"(the limit is {MAX_ALIAS_NODES:,})", file, *position(root))])
    return Converted(data, root, converter.problems)
