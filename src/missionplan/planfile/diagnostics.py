"""Pydantic's validation errors and the plan's broken references as located diagnostics.

Each error's ``loc`` (``('relations', 3, 'max')``) is walked down the node
tree to the offending key or value; its type and message become one of the
stable codes in :mod:`.codes` and a one-line, plain message.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from pydantic_core import ErrorDetails

from ..errors import Diagnostic
from ..model import DurationError, UncertainDuration
from ..model.base import ID_PATTERN
from ..model.plan import Reference
from .codes import diagnostic
from .positions import Spot, locate
from .schema import allowed_keys, model_at, noun
from .yamlread import Node

__all__ = ["reference_diagnostics", "validation_diagnostics"]

Path = tuple[str | int, ...]

_WRONG_TYPE = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "tuple_type": "a list", "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)", "model_attributes_type": "a mapping",
    "finite_number": "a finite number",
}
_BOUNDS = re.compile(r"^(\w+) \(.*?\) is (?:greater than|after) (\w+) \(")
_PATTERNS = {r"^\d\d-\d\d$": "write the month and day as MM-DD, such as 05-01",
             r"^[a-z][a-z0-9_-]*$": "use lower-case letters, digits, '_' and '-', starting "
                                    "with a letter"}
_PREFERENCE = ("bad-date", "bad-duration", "bad-id", "wrong-type")


def _show(value: Any) -> str:
    """A value as a message quotes it: short, on one line."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = " ".join(str(value).split())
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _field(loc: Path) -> str:
    """How a message names the place: 'max', or 'item 3 of events'."""
    names = [p for p in loc if isinstance(p, str)]
    name = names[-1] if names else "value"
    if loc and isinstance(loc[-1], int) and len(loc) > 1 and loc[-2] == name:
        return f"item {loc[-1] + 1} of {name}"
    return name


def _quoted(field: str) -> str:
    return field if field.startswith("item ") else f"'{field}'"


def _code(err: ErrorDetails, loc: Path) -> str:
    kind, msg = err["type"], err["msg"]
    if "source" in loc or "sources" in loc:
        return "bad-source"
    if kind == "missing":
        return "missing-field"
    if kind == "extra_forbidden":
        return "unknown-key"
    if kind in ("value_error", "assertion_error"):
        return _value_error_code(err, msg)
    if kind.startswith(("date", "datetime")):
        return "bad-date"
    if kind == "string_pattern_mismatch":
        return "bad-id" if err.get("ctx", {}).get("pattern") == ID_PATTERN else "bad-value"
    if kind in _WRONG_TYPE:
        return "wrong-type"
    if kind in ("enum", "literal_error", "string_too_long", "too_short", "too_long") or \
            kind.startswith(("greater_than", "less_than")):
        return "bad-value"
    return "invalid-value"


def _value_error_code(err: ErrorDetails, msg: str) -> str:
    if isinstance(err.get("ctx", {}).get("error"), DurationError):
        return "bad-duration"
    if _BOUNDS.search(_strip(msg)) or "low <= likely <= high" in msg:
        return "min-greater-than-max"
    if "duration needs" in msg or "relation needs" in msg:
        return "missing-field"
    if "not both" in msg:
        return "bad-relation"
    return "invalid-value"


def _strip(msg: str) -> str:
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _message(code: str, err: ErrorDetails, loc: Path, spot: Spot) -> str:
    value, field = err.get("input"), _field(loc)
    if code == "missing-field" and err["type"] == "missing":
        return f"{_noun_at(loc[:-1])} is missing '{field}'"
    if code == "unknown-key":
        return _unknown_key(loc)
    if code == "wrong-type":
        expected = _WRONG_TYPE.get(err["type"], "another kind")
        if err["type"] in ("model_type", "dict_type") and model_at(loc) is UncertainDuration:
            expected = "a duration such as {min: 1w, likely: 2w, max: 6w}"
        return f"{_quoted(field)} should be {expected}, not {_show(value)}"
    if code == "bad-id":
        return f"{_show(value)} is not an id: use lower-case letters, digits and '_', " \
               "starting with a letter"
    if code == "bad-date":
        reason = str(err.get("ctx", {}).get("error", "")).replace("_", " ")
        why = f" ({reason})" if reason else ""
        return f"{_show(value)} is not a date{why}: write YYYY-MM-DD"
    if code == "bad-source" and err["type"] != "value_error":
        if field in ("source", "sources"):
            return f"{_show(value)} is not a source: write 'SECTION:LINE', " \
                   "'SECTION:FIRST-LAST' or {section, lines: [first, last]}"
        return f"'{field}' of a source: {err['msg'][0].lower()}{err['msg'][1:]}"
    if code == "bad-value" and err.get("ctx", {}).get("pattern") in _PATTERNS:
        return f"{_quoted(field)} cannot be {_show(value)}: " \
               f"{_PATTERNS[err.get('ctx', {})['pattern']]}"
    if code == "bad-value":
        return f"'{field}' cannot be {_show(value)}: {err['msg'][0].lower()}{err['msg'][1:]}"
    return _strip(err["msg"])


def _noun_at(path: Path) -> str:
    model = model_at(path)
    return f"this {noun(model)}" if model is not None else "this mapping"


def _unknown_key(loc: Path) -> str:
    key = str(loc[-1])
    model = model_at(loc[:-1])
    if model is None:
        return f"unknown key '{key}'"
    allowed = allowed_keys(model)
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"unknown key '{key}' in {_a(noun(model))} (did you mean '{close[0]}'?)"
    return f"unknown key '{key}' in {_a(noun(model))}; the keys are: {', '.join(allowed)}"


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _suggested(errors: list[ErrorDetails]) -> set[Path]:
    """Paths of missing fields that a misspelt key in the same mapping stands for."""
    out: set[Path] = set()
    for err in errors:
        loc = tuple(err["loc"])
        model = model_at(loc[:-1]) if err["type"] == "extra_forbidden" else None
        if model is not None:
            close = difflib.get_close_matches(str(loc[-1]), allowed_keys(model), n=1)
            out |= {(*loc[:-1], close[0])} if close else set()
    return out


def _where(code: str, err: ErrorDetails, loc: Path, root: Node) -> tuple[Spot, int, int]:
    spot = locate(root, loc)
    if code == "unknown-key":
        return (spot, *spot.key_position())
    if code == "min-greater-than-max":
        bound = _BOUNDS.search(_strip(err["msg"]))
        if bound and spot.depth == len(loc):
            deeper = locate(root, (*loc, bound.group(2)))
            if deeper.depth > spot.depth:
                return (deeper, *deeper.value_position())
    return (spot, *spot.value_position())


def validation_diagnostics(errors: Iterable[ErrorDetails], root: Node,
                           file: str) -> list[Diagnostic]:
    """One diagnostic per problem pydantic found; variants of one union error merge."""
    chosen: dict[tuple[object, ...], tuple[str, Diagnostic]] = {}
    errors = list(errors)
    misspelt = _suggested(errors)
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in misspelt:
            continue
        code = _code(err, loc)
        spot, line, column = _where(code, err, loc, root)
        found = diagnostic(code, _message(code, err, loc, spot), file, line, column)
        exact = code in ("missing-field", "unknown-key") or spot.depth == len(loc)
        key: tuple[object, ...] = (line, column, code, found.message) if exact \
            else (line, column, spot.depth)
        if key not in chosen or _rank(code) < _rank(chosen[key][0]):
            chosen[key] = (code, found)
    return [d for _, d in chosen.values()]


def _rank(code: str) -> int:
    return _PREFERENCE.index(code) if code in _PREFERENCE else len(_PREFERENCE)


_ALREADY = re.compile(r"already used at (\S+)$")


def reference_diagnostics(problems: Iterable[Reference], root: Node, file: str, *,
                          index_map: dict[str, list[int]] | None = None) -> list[Diagnostic]:
    """Duplicate ids and broken references, each at the value that names them.

    ``index_map`` maps positions in a pruned list back to the file's (see the loader).
    """
    out = []
    for path, code, message in problems:
        spot = locate(root, _unprune(path, index_map)).value_position()
        earlier = _earlier(message, root, index_map)
        if earlier is not None:
            spot, first = max(spot, earlier), min(spot, earlier)
            message = message[:message.index(" is already used")] + \
                f" is already used on line {first[0]}"
        out.append(diagnostic(code, message, file, *spot))
    return out


def _unprune(path: Path, index_map: dict[str, list[int]] | None) -> Path:
    if index_map and len(path) > 1 and path[0] in index_map and isinstance(path[1], int):
        return (path[0], index_map[str(path[0])][path[1]], *path[2:])
    return path


def _earlier(message: str, root: Node,
             index_map: dict[str, list[int]] | None) -> tuple[int, int] | None:
    """For a duplicate id, where the other use stands ('already used at events.0.id')."""
    found = _ALREADY.search(message)
    if not found:
        return None
    path = tuple(int(p) if p.isdigit() else p for p in found.group(1).split("."))
    return locate(root, _unprune(path, index_map)).value_position()
