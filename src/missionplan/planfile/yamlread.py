"""Safe reading of YAML text into a node tree that remembers where each node stands.

Bytes are checked for size and decoded as UTF-8 here; the text is then
*composed* (parsed into nodes, aliases left as shared nodes, nothing
constructed), so that every later problem can be pointed at a line and
column, and an alias bomb is never expanded. libyaml (through PyYAML) composes
when it is installed, being some thirty times faster than pure Python;
otherwise ruamel.yaml's pure-Python composer does the same job. Both report
0-based marks; diagnostics add one.
"""

from __future__ import annotations

import codecs
import functools
import importlib
import re
import warnings
from typing import Any

from ..errors import PlanFileError
from .codes import diagnostic

__all__ = ["MAX_BYTES", "Node", "check_size", "compose", "decode", "syntax_diagnostic"]

MAX_BYTES = 20 * 1024 * 1024
"""The largest plan file read, in bytes: a large plan is well under 1 MB."""

_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                        "\U00010000-\U0010ffff]")
"""Characters YAML 1.2 does not allow in a stream."""

Node = Any
"""A composed YAML node (PyYAML's or ruamel.yaml's: both have id, tag, value, start_mark)."""


def check_size(size: int, file: str) -> None:
    """Refuse a file over :data:`MAX_BYTES` before anything reads it."""
    if size > MAX_BYTES:
        raise PlanFileError([diagnostic(
            "file-too-large", f"the file has {size:,} bytes; plan files are limited to "
            f"{MAX_BYTES // (1024 * 1024)} MB", file)])


def decode(data: bytes, file: str) -> str:
    """The text of a UTF-8 file (a byte-order mark is allowed and dropped)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PlanFileError([diagnostic("encoding", "the file is UTF-16: save it as UTF-8",
                                        file)])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise PlanFileError([diagnostic(
            "encoding", f"byte 0x{data[exc.start]:02x} is not UTF-8 text: save the file as "
            "UTF-8", file, line, column)]) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def compose(text: str, file: str, *, backend: str = "auto") -> Node | None:
    """The root node of the single YAML document in ``text`` (None when there is none).

    ``backend`` is ``"auto"`` (libyaml when installed), ``"libyaml"`` or ``"ruamel"``.
    """
    if backend == "auto":
        backend = "libyaml" if _libyaml() is not None else "ruamel"
    try:
        return _compose_libyaml(text) if backend == "libyaml" else _compose_ruamel(text)
    except RecursionError:
        raise PlanFileError([diagnostic("too-deep", "the YAML nests too deeply to read",
                                        file)]) from None
    except Exception as exc:  # a YAML error from either parser, whatever its class
        raise PlanFileError([_yaml_error(exc, text, file)]) from None


@functools.cache
def _libyaml() -> Any:
    """A composer on libyaml that leaves every untagged node to the converter, or None."""
    try:
        yaml: Any = importlib.import_module("yaml")
        parser: Any = importlib.import_module("yaml.cyaml").CParser
    except (ImportError, AttributeError):  # pragma: no cover - PyYAML without libyaml
        return None
    resolver: Any = yaml.resolver.BaseResolver
    default = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode:
               "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}

    class Loader(parser, resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            parser.__init__(self, stream)
            resolver.__init__(self)

        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return default[kind]  # what BaseResolver answers, without its lookups

    return Loader


def _compose_libyaml(text: str) -> Node | None:
    loader = _libyaml()
    if loader is None:
        raise RuntimeError("libyaml is not installed")
    parser = loader(text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def _compose_ruamel(text: str) -> Node | None:
    from ruamel.yaml import YAML

    with warnings.catch_warnings():  # a reused anchor is legal YAML: the later one counts
        warnings.simplefilter("ignore")
        return YAML(typ="safe", pure=True).compose(text)


def _yaml_error(exc: Exception, text: str, file: str) -> Any:
    """One diagnostic for a parser's exception, at the place the parser stopped."""
    position = getattr(exc, "position", None)
    problem = str(getattr(exc, "problem", None) or "")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if position is not None and not problem:  # a reader error: a forbidden character
        found = _FORBIDDEN.search(text)  # parsers count position in bytes or characters
        offset = found.start() if found else min(int(position), len(text))
        line, column = _text_position(text, offset)
        char = ord(text[offset]) if offset < len(text) else 0
        return diagnostic("encoding", f"character U+{char:04X} is not allowed in YAML text",
                          file, line, column)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "nesting depth" in problem:
        return diagnostic("too-deep", "the YAML nests too deeply to read", file, line, column)
    context = str(getattr(exc, "context", None) or "")
    start = getattr(exc, "context_mark", None)
    if "end of stream" in problem and context and start is not None:
        what = context.removeprefix("while scanning ").removeprefix("while parsing ")
        return diagnostic("yaml-syntax", f"{what} started here is never closed", file,
                          start.line + 1, start.column + 1)
    if context.startswith("while parsing a flow") and start is not None \
            and start.line + 1 < line:
        return _unclosed_flow(text, file, start, line, column)
    at = _offset(text, line, column)
    if "tab" in problem or text[at:at + 1] == "\t":
        return diagnostic("yaml-syntax", "a tab character here: YAML indents with spaces only",
                          file, line, column)
    return diagnostic("yaml-syntax", _syntax_message(exc, problem, context), file, line,
                      column)


def _unclosed_flow(text: str, file: str, start: Any, line: int, column: int) -> Any:
    """A ``[`` or ``{`` that a later line runs into: named where it was opened, since that
    is where the closing bracket is missing (the parser only noticed further down)."""
    opened = text[_offset(text, start.line + 1, start.column + 1):][:1]
    closing = {"[": "]", "{": "}"}.get(opened, "")
    what = f"the '{opened}' opened here" if closing else "a bracket opened here"
    return diagnostic("yaml-syntax", f"{what} is never closed: the YAML goes on at line "
                      f"{line}, column {column}, where a ',' or '{closing or ']'}' was "
                      "expected", file, start.line + 1, start.column + 1)


def syntax_diagnostic(exc: Exception, text: str, file: str) -> Any:
    """The located diagnostic for a YAML parser's exception over ``text`` (for YAML read
    outside a plan file: an item typed into the web editor)."""
    return _yaml_error(exc, text, file)


def _offset(text: str, line: int, column: int) -> int:
    """The index in ``text`` of a 1-based line and column (cheap: one scan of lines)."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + column - 1


def _syntax_message(exc: Exception, problem: str, context: str) -> str:
    if "another document" in problem:
        return "a second YAML document ('---'): a plan file holds one document"
    if not problem:
        return f"the YAML cannot be read ({type(exc).__name__})"
    return f"{problem} ({context})" if context else problem
