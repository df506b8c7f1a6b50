"""Small synthetic plans (not from any directive) shaped like a directive's timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from missionplan.model import Plan

DIRECTIVE = """\
TIMELINE
Draft plan: one week prior to the assessment mission.
Assessment mission: within 21 days of the signing.
Assessment mission: within 14 days of the signing.
Report: three weeks after return of the assessment mission.
Concept: 21 days after the report.
Headquarters within five weeks of the resolution.
"""


def plan(data: dict[str, Any], *, folder: Path | None = None) -> Plan:
    """A plan from a dict; with ``folder`` its directive text is written there."""
    p = Plan.model_validate({"id": "synthetic", **data})
    if folder is not None:
        (folder / "directive.txt").write_text(DIRECTIVE, encoding="utf-8")
        p = p.model_copy(update={"directive": "directive.txt"})
        p.set_base_dir(folder)
    return p


def events(*names: str) -> list[dict[str, str]]:
    return [{"id": n} for n in names]


def timeline(**extra: Any) -> dict[str, Any]:
    """A synthetic timeline: signing, assessment deployed and returned, report, concept."""
    data: dict[str, Any] = {
        "events": events("signed", "draft", "deployed", "returned", "report", "concept"),
        "activities": [{"id": "assessment", "start": "deployed", "end": "returned",
                        "duration": {"distribution": "uniform", "min": "7d", "max": "14d"}}],
        "relations": [
            {"id": "draft_due", "from": "deployed", "to": "draft", "kind": "prior",
             "max": "-7d", "source": "TIMELINE:2"},
            {"id": "deploy_21", "from": "signed", "to": "deployed", "kind": "within",
             "max": "21d", "source": "TIMELINE:3"},
            {"id": "deploy_14", "from": "signed", "to": "deployed", "kind": "within",
             "max": "14d", "source": "TIMELINE:4"},
            {"id": "report_due", "from": "returned", "to": "report", "kind": "after",
             "min": "3w", "max": "3w", "source": "TIMELINE:5"},
            {"id": "concept_due", "from": "report", "to": "concept", "kind": "after",
             "min": "21d", "max": "21d", "source": "TIMELINE:6"},
        ],
    }
    data.update(extra)
    return data
