"""Write plan files: readable YAML (block style, durations as text, ISO dates, no defaults).

Keys come in a stable order: ``format`` first, then each item's ``id`` and
``name``, its own fields in model order, and the fields every item shares
(``source``, ``note``, ``owner``...) last.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ..model import Plan
from ..model.base import Item

__all__ = ["dump_plan", "write_plan"]

_SHARED_LAST = [k for k in Item.model_fields if k not in ("id", "name")]
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
_SECTION_TEXT = re.compile(r"^[^:\s](?:[^:]*[^:\s])?$")


def dump_plan(plan: Plan) -> str:
    """The plan as plan-file YAML text; :func:`loads_plan` reads it back equal."""
    data = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data.pop("format", None)
    tidy = {"format": plan.format, **_tidy(data)}
    out = io.StringIO()
    _yaml().dump(tidy, out)
    return out.getvalue()


def write_plan(plan: Plan, path: str | Path) -> None:
    """Write the plan file atomically: a temporary file in the same folder, then a rename."""
    target = Path(path)
    text = dump_plan(plan)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _tidy(value: Any, key: str = "") -> Any:
    if isinstance(value, list):
        return [_tidy(v, key) for v in value]
    if not isinstance(value, dict):
        return value
    if key in ("source", "sources") and _is_source(value):
        a, b = value["lines"]
        return f"{value['section']}:{a}" if a == b else f"{value['section']}:{a}-{b}"
    if key == "duration" and set(value) == {"distribution", "likely"} and \
            value["distribution"] == "fixed":
        return value["likely"]
    return {k: _tidy(value[k], k) for k in _ordered(list(value))}


def _is_source(value: dict[str, Any]) -> bool:
    section = value.get("section")
    return set(value) == {"section", "lines"} and isinstance(section, str) and \
        bool(_SECTION_TEXT.match(section))


def _ordered(keys: list[str]) -> list[str]:
    head = [k for k in ("id", "name") if k in keys]
    tail = [k for k in _SHARED_LAST if k in keys]
    return head + [k for k in keys if k not in head and k not in tail] + tail


def _yaml() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    class _Representer(RoundTripRepresenter):
        pass

    def text(representer: Any, value: str) -> Any:
        if _DATE.match(value):
            return representer.represent_scalar("tag:yaml.org,2002:timestamp", value)
        style = "|" if "\n" in value else None
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Representer.add_representer(str, text)
    yaml = YAML(typ="rt", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml
