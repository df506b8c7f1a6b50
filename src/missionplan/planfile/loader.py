"""A first, plain loader; superseded by the diagnostic loader."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..errors import Diagnostic, Location, PlanFileError
from ..model import Plan

__all__ = ["dump_plan", "load_plan", "loads_plan", "plan_schema"]


def loads_plan(text: str, *, filename: str = "<plan>") -> Plan:
    data: Any = YAML(typ="safe").load(text)
    try:
        plan = Plan.model_validate(data)
    except Exception as exc:
        raise PlanFileError([Diagnostic("invalid", str(exc), Location(filename))]) from None
    problems = plan.reference_problems()
    if problems:
        raise PlanFileError([Diagnostic(code, msg, Location(filename)) for _, code, msg in
                             problems])
    return plan


def load_plan(path: str | Path) -> Plan:
    p = Path(path)
    plan = loads_plan(p.read_text(encoding="utf-8"), filename=str(p))
    plan.set_base_dir(p.resolve().parent)
    return plan


def dump_plan(plan: Plan) -> str:
    data = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    out = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.dump(data, out)
    return out.getvalue()


def plan_schema() -> str:
    return json.dumps(Plan.model_json_schema(by_alias=True), indent=2)
