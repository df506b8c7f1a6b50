"""Cells that stay text: spreadsheet and CSV exports never carry a formula.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and some read a leading tab or carriage return past it), so a name a person
typed, ``=HYPERLINK(...)`` say, could run in the reader's copy. In a CSV file such a cell
gets a leading apostrophe, which spreadsheet programs read as "this is text" and hide
(numbers, ``-5`` say, stay numbers). In an XLSX workbook every string cell is stored as
a string, never as a formula, and marked with the quote prefix so that editing it keeps
it text; its value is unchanged, so a workbook read back gives the text as written.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_START", "inert_csv", "inert_sheet"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def inert_csv(value: object) -> object:
    """``value`` as a CSV cell that no spreadsheet runs (non-strings pass through)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _number(value):
        return "'" + value
    return value


def inert_sheet(sheet: Any) -> None:
    """Make every string cell of an openpyxl ``sheet`` a plain string (not a formula)."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True
