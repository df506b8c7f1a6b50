"""What the workspace API returns: plain, frozen records that serialise to JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..errors import Diagnostic

__all__ = ["AuditEntry", "ImportResult", "ItemRecord", "PlanVersion"]


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One stored version of a plan (never overwritten)."""

    plan_id: str
    version: int
    sha256: str
    created_at: datetime
    created_by: str
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {"plan_id": self.plan_id, "version": self.version, "sha256": self.sha256,
                "created_at": self.created_at.isoformat(), "created_by": self.created_by,
                "note": self.note}


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One item of a stored plan version; ``etag`` changes whenever the item does."""

    plan_id: str
    version: int
    section: str
    item_id: str
    data: dict[str, Any]
    etag: str

    def to_json(self) -> dict[str, object]:
        return {"plan_id": self.plan_id, "version": self.version, "section": self.section,
                "id": self.item_id, "etag": self.etag, "data": self.data}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: who, when, what (action and item), the state before and after."""

    id: int
    at: datetime
    user: str
    action: str
    item: str
    before: Any
    after: Any
    branch: str = ""  # whose copy of the plan: '' the workspace's own, else a syndicate's

    def to_json(self) -> dict[str, object]:
        entry: dict[str, object] = {"id": self.id, "at": self.at.isoformat(),
                                    "user": self.user, "action": self.action,
                                    "item": self.item, "before": self.before,
                                    "after": self.after}
        if self.branch:
            entry["syndicate"] = self.branch
        return entry


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import of observations did: rows stored, and rows skipped with why."""

    imported: int
    batch_id: int | None
    skipped: list[Diagnostic] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"imported": self.imported, "batch_id": self.batch_id,
                "indicators": self.indicators,
                "skipped": [d.to_json() for d in self.skipped]}


def dumps(value: Any) -> str | None:
    """Canonical JSON for the audit log and etags (sorted keys, dates as ISO text)."""
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, default=_default, ensure_ascii=False)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
