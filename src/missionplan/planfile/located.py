"""Read a YAML data file into a pydantic model, every problem pointed at its line.

The plan file has its own, stricter reader (:mod:`.loader`); the data files that sit
beside a plan (deployment network, force and lift, exercise files) are read here: the
text is parsed once with its positions kept, validated by the model, and each
validation error is located at the deepest node of its path that exists in the file.
Every problem is a :class:`~missionplan.errors.DataFileError` with a stable code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError

from ..errors import DataFileError, Diagnostic, Location

__all__ = ["Located", "data_error", "describe", "locate", "parse_located", "raise_all",
           "read_located"]

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A file's model and the parsed text it came from, to locate later findings."""

    model: M
    path: Path
    raw: Any

    def at(self, *loc: str | int) -> Location:
        """Where the node at ``loc`` (keys and list indexes) stands in the file."""
        return locate(self.path, self.raw, loc)


def read_located(path: Path, model: type[M], *, code: str) -> Located[M]:
    """Read ``path`` into ``model``; a DataFileError under ``code`` names every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise data_error(code, f"cannot read {path}: {exc.strerror}",
                         Location(str(path))) from None
    except UnicodeDecodeError:
        raise data_error(code, "the file is not UTF-8 text: save it as UTF-8",
                         Location(str(path))) from None
    return parse_located(text, model, code=code, path=path)


def parse_located(text: str, model: type[M], *, code: str, path: Path) -> Located[M]:
    """Read YAML ``text`` (named ``path`` in messages) into ``model``, as
    :func:`read_located` reads a file."""
    try:
        raw: Any = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = Location(str(path), mark.line + 1 if mark else None,
                       mark.column + 1 if mark else None)
        raise data_error(code, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                         loc) from None
    try:
        return Located(model.model_validate(raw), path, raw)
    except ValidationError as exc:
        raise_all([Diagnostic(code, describe(err), locate(path, raw, err["loc"]))
                   for err in exc.errors()], code=code)
        raise AssertionError("unreachable") from None


class _Constructor(RoundTripConstructor):
    """Dates stay text for the model to read: a day that is not one ("2027-02-30") is then
    the model's error, at its place, not the YAML reader's without one."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


def describe(err: Any) -> str:
    """A pydantic error as ``path.to.field: message``."""
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else str(err["msg"])


def locate(path: Path, raw: Any, loc: Sequence[Any]) -> Location:
    """The line and column of the deepest node of ``loc`` that exists in the YAML."""
    line: int | None = None
    col: int | None = None
    node = raw
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None and isinstance(node, dict) and key in node:
                line, col = lc.key(key)
            elif lc is not None and isinstance(node, list) and isinstance(key, int):
                line, col = lc.item(key)
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return Location(str(path), None if line is None else line + 1,
                    None if col is None else col + 1)


def data_error(code: str, message: str, location: Location | None) -> DataFileError:
    """One problem as a DataFileError."""
    diag = Diagnostic(code, message, location)
    return DataFileError(str(diag), [diag], code=code)


def raise_all(problems: Sequence[Diagnostic], *, code: str) -> None:
    """Raise every problem as one DataFileError naming the first; nothing when none."""
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataFileError(f"{problems[0]}{more}", list(problems), code=code)
