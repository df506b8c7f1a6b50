"""The format's shape: the JSON Schema of plan files, and the keys allowed at each place."""

from __future__ import annotations

import json
import re
import types
from inspect import isclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..model import Plan
from ..model.duration import PATTERN as DURATION_PATTERN

__all__ = ["allow_source_text", "allowed_keys", "model_at", "noun", "plan_schema"]

_SOURCE_TEXT = r"^[^:]+:\s*\d+(\s*-\s*\d+)?$"


def plan_schema() -> str:
    """The JSON Schema of plan files, as indented JSON text."""
    schema = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "missionplan plan file (format missionplan/1)"
    _allow_shorthands(schema)
    return json.dumps(schema, indent=2, ensure_ascii=False)


def _allow_shorthands(schema: dict[str, Any]) -> None:
    """Let the schema accept what the loader accepts: ``duration: 14d``, ``source: S:1-2``."""
    defs = schema.get("$defs", {})
    activity = defs.get("Activity", {}).get("properties", {})
    if "duration" in activity:
        activity["duration"] = {
            "anyOf": [{"type": "string", "pattern": DURATION_PATTERN},
                      {"$ref": "#/$defs/UncertainDuration"}, {"type": "null"}],
            "description": "A fixed duration ('14d') or an uncertain one ({min, likely, max})"}
    allow_source_text(schema)


def allow_source_text(schema: dict[str, Any]) -> None:
    """Let a schema's citations be written as text, as every loader reads them:
    ``source: TIMELINE:120`` as well as ``{section, lines}``."""
    defs = schema.get("$defs", {})
    text_form = {"type": "string", "pattern": _SOURCE_TEXT,
                 "description": "SECTION:LINE or SECTION:FIRST-LAST"}
    for name in [n for n in defs if "Source" in n]:
        defs[name] = {"anyOf": [text_form, dict(defs[name])]}


def _candidates(annotation: Any) -> list[Any]:
    """The types an annotation may hold, with Annotated and Optional stripped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _candidates(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [c for arg in get_args(annotation) for c in _candidates(arg)]
    return [annotation]


def _field_annotation(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info.annotation
    return None


def _step(annotation: Any, part: str | int) -> Any:
    for candidate in _candidates(annotation):
        if isinstance(part, int) and get_origin(candidate) in (list, tuple):
            return get_args(candidate)[0]
        if isinstance(part, str) and isclass(candidate) and issubclass(candidate, BaseModel):
            found = _field_annotation(candidate, part)
            if found is not None:
                return found
    return None


def model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model that validates the mapping at ``path`` in the plan data, if one does."""
    annotation: Any = Plan
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    for candidate in _candidates(annotation):
        if isclass(candidate) and issubclass(candidate, BaseModel):
            return candidate
    return None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    """The keys a mapping read by ``model`` may hold, as written in files (``from``)."""
    return [info.alias or name for name, info in model.model_fields.items()]


_NOUNS = {"_SourceModel": "source", "UncertainDuration": "duration", "Plan": "plan",
          "Anchor": "anchor", "Actual": "actual", "DeploymentSpec": "deployment"}


def noun(model: type[BaseModel]) -> str:
    """What one mapping of this model is called in messages: 'relation', 'duration'."""
    name = model.__name__
    return _NOUNS.get(name) or re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
