"""Parsed plan versions kept in memory, so an edit or a page does not read the YAML again.

A version is never overwritten, so (plan, version, sha256 of its text) names
its parsed plan for good; the cache keeps the few most recent. Entries are
shared: callers get a shallow copy and must not change the lists inside it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..model import Plan
from ..planfile import loads_plan
from .edits import plan_data

__all__ = ["PlanCache"]

Key = tuple[str, int, str]


class PlanCache:
    """The parsed plans (and their plain data) of the last ``keep`` versions used."""

    def __init__(self, *, keep: int = 4) -> None:
        self._keep = keep
        self._lock = threading.Lock()
        self._entries: OrderedDict[Key, tuple[Plan, dict[str, Any]]] = OrderedDict()

    def put(self, key: Key, plan: Plan) -> tuple[Plan, dict[str, Any]]:
        entry = (plan, plan_data(plan))
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._keep:
                self._entries.popitem(last=False)
        return entry

    def entry(self, row: Any, text: Callable[[], str] | None = None
              ) -> tuple[Plan, dict[str, Any]]:
        """The parsed plan and its data for a ``plan_version`` row (parsed on a miss, from
        ``row.text`` or, for a row read without it, ``text()``)."""
        key: Key = (str(row.plan_id), int(row.version), str(row.sha256))
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        source = text() if text is not None else str(row.text)
        return self.put(key, loads_plan(source, filename="<workspace>"))

    def plan(self, row: Any, text: Callable[[], str] | None = None) -> Plan:
        """A shallow copy of the parsed plan of ``row`` (its lists are shared: read only)."""
        return self.entry(row, text)[0].model_copy()
