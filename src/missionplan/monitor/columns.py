"""Check a chunk of raw columns in bulk: clean columns, and each bad row with its reason.

The rule for one cell is that of :mod:`.rows` (:func:`~.rows.parse_row` is the
row-by-row statement of it, and the tests hold the two to the same answers).
Here each column is checked at once: text columns (indicator, date, P-code,
sex, source, age group) through their distinct values, each converted once
and mapped back; values with one ``float`` pass and a vectorised finiteness
check, falling back to cell by cell only when that pass fails. A row with
several faults reports the first in the order indicator, date, value, P-code,
sex, as the row-by-row rule does. Rows whose cells are all blank are passed
over silently.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import compress
from typing import Any

import numpy as np

from ..errors import Diagnostic, Location
from .observations import Observation
from .readers import RawChunk
from .rows import RowError, cell_date, cell_pcode, cell_sex, cell_text, cell_value

__all__ = ["ColumnBatch", "check_chunk"]

_ORDER = ("indicator", "date", "value", "pcode", "sex")


@dataclass(slots=True)
class ColumnBatch:
    """Checked observations, column by column (all lists of one length)."""

    indicator: list[str]
    date: list[date]
    value: list[float]
    source: list[str]
    pcode: list[str | None]
    sex: list[str | None]
    age_group: list[str | None]

    def __len__(self) -> int:
        return len(self.indicator)

    def observations(self) -> Iterator[Observation]:
        return map(Observation, self.indicator, self.date, self.value, self.source,
                   self.pcode, self.sex, self.age_group)

    @classmethod
    def of(cls, rows: Collection[Observation]) -> ColumnBatch:
        """The columns of ready observations."""
        return cls([o.indicator for o in rows], [o.date for o in rows],
                   [o.value for o in rows], [o.source for o in rows],
                   [o.pcode for o in rows], [o.sex for o in rows], [o.age_group for o in rows])


def check_chunk(chunk: RawChunk, *, where: str,
                indicators: Collection[str] | None = None
                ) -> tuple[ColumnBatch, list[Diagnostic]]:
    """The good rows of ``chunk`` as columns, and a diagnostic for each bad row."""
    n = len(chunk)
    f = chunk.fields
    known = set(indicators) if indicators is not None else None
    errors: dict[str, dict[int, RowError]] = {}
    indicator, errors["indicator"] = _by_distinct(f["indicator"], _indicator_rule(known))
    day, errors["date"] = _by_distinct(f["date"], cell_date)
    value, errors["value"] = _values(f["value"])
    pcode, errors["pcode"] = _optional(f.get("pcode"), n, cell_pcode)
    sex, errors["sex"] = _optional(f.get("sex"), n, cell_sex)
    source, _ = _optional(f.get("source"), n, _source)
    age, _ = _optional(f.get("age_group"), n, cell_text)
    batch = ColumnBatch(indicator, day, value, source, pcode, sex, age)
    bad = set().union(*errors.values())
    if not bad:
        return batch, []
    problems: list[Diagnostic] = []
    for i in sorted(bad):
        error = next(errors[k][i] for k in _ORDER if i in errors[k])
        if error.code == "missing-field" and i in errors["indicator"] and _blank(chunk, i):
            continue
        line = chunk.lines[i]
        problems.append(Diagnostic(error.code, f"row {line}: {error}", Location(where, line)))
    keep = [i not in bad for i in range(n)]
    return ColumnBatch(*(list(compress(c, keep)) for c in (
        indicator, day, value, source, pcode, sex, age))), problems


def _by_distinct(cells: list[Any], rule: Callable[[Any], Any]
                 ) -> tuple[list[Any], dict[int, RowError]]:
    """``rule`` applied once per distinct cell and mapped back; bad cells map to None."""
    table: dict[Any, Any] = {}
    bad: dict[Any, RowError] = {}
    for cell in set(cells):
        try:
            table[cell] = rule(cell)
        except RowError as exc:
            bad[cell] = exc
    errors = {i: bad[c] for i, c in enumerate(cells) if c in bad} if bad else {}
    if not bad and all(v is k for k, v in table.items()):
        return cells, errors
    return list(map(table.get, cells)), errors


def _optional(cells: list[Any] | None, n: int, rule: Callable[[Any], Any]
              ) -> tuple[list[Any], dict[int, RowError]]:
    if cells is None:
        return [rule(None)] * n, {}
    return _by_distinct(cells, rule)


def _indicator_rule(known: set[str] | None) -> Callable[[Any], str]:
    def rule(cell: Any) -> str:
        text = cell_text(cell)
        if text is None:
            raise RowError("missing-field", "no indicator")
        if known is not None and text not in known:
            raise RowError("unknown-indicator", f"the plan has no indicator '{text}'")
        return text
    return rule


def _source(cell: Any) -> str:
    return cell_text(cell) or ""


def _values(cells: list[Any]) -> tuple[list[float], dict[int, RowError]]:
    """Numbers in one pass when every cell is a plain number or number text, else cell by cell."""
    if set(map(type, cells)) <= {str, int, float}:
        try:
            numbers = list(map(float, cells))
        except ValueError:
            pass
        else:
            if np.isfinite(np.fromiter(numbers, dtype=np.float64, count=len(numbers))).all():
                return numbers, {}
    out: list[float] = []
    errors: dict[int, RowError] = {}
    for i, cell in enumerate(cells):
        try:
            out.append(cell_value(cell))
        except RowError as exc:
            errors[i] = exc
            out.append(0.0)
    return out, errors


def _blank(chunk: RawChunk, i: int) -> bool:
    """True when record ``i`` came from a row whose every cell is blank."""
    if chunk.rows is None:
        return False
    return not any(c is not None and str(c).strip() for c in chunk.rows[i])
