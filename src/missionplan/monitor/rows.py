"""Cells and rows of an observations file to values, or a reason they are bad.

Every bad row gets a stable code and a message: ``missing-field``,
``bad-date``, ``bad-value``, ``unknown-indicator``, ``bad-pcode``, ``bad-sex``.
The ``cell_*`` functions are the rule for one cell; :func:`parse_row` applies
them to one row, in that order, and is the reference the column-wise checks of
:mod:`.columns` (which files are imported with) are tested against.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .observations import Observation

__all__ = ["RawRow", "RowError", "cell_date", "cell_pcode", "cell_sex", "cell_text", "cell_value",
           "parse_row"]

_PCODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{1,12}$")
_SEX = {"f": "female", "female": "female", "w": "female", "m": "male", "male": "male",
        "x": "other", "other": "other"}


@dataclass(slots=True)
class RawRow:
    """A row as read from a file: its 1-based line (or sheet row) and its fields."""

    line: int
    indicator: Any
    date: Any
    value: Any
    source: Any = None
    pcode: Any = None
    sex: Any = None
    age_group: Any = None


class RowError(ValueError):
    """A row that cannot become an observation."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def cell_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_row(row: RawRow, *, indicators: Collection[str] | None = None) -> Observation:
    """The observation ``row`` stands for; raises :class:`RowError` saying what is wrong."""
    indicator = cell_text(row.indicator)
    if indicator is None:
        raise RowError("missing-field", "no indicator")
    if indicators is not None and indicator not in indicators:
        raise RowError("unknown-indicator", f"the plan has no indicator '{indicator}'")
    return Observation(indicator, cell_date(row.date), cell_value(row.value),
                       cell_text(row.source) or "", cell_pcode(row.pcode), cell_sex(row.sex),
                       cell_text(row.age_group))


def cell_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if text is None:
        raise RowError("missing-field", "no date")
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise RowError("bad-date", f"'{text}' is not a date (YYYY-MM-DD)") from None


def cell_value(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = cell_text(value)
        if text is None:
            raise RowError("missing-field", "no value")
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise RowError("bad-value", f"'{text}' is not a number") from None
    if not math.isfinite(number):
        raise RowError("bad-value", f"'{value}' is not a finite number")
    return number


def cell_pcode(value: Any) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    code = text.upper()
    if not _PCODE.match(code):
        raise RowError("bad-pcode", f"'{text}' is not a P-code (two letters, then digits "
                                    "or letters, e.g. CR03)")
    return code


def cell_sex(value: Any) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    sex = _SEX.get(text.lower())
    if sex is None:
        raise RowError("bad-sex", f"'{text}' is not a sex (female, male, other, f, m)")
    return sex
