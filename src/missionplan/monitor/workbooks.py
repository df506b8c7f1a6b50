"""Opening an XLSX workbook someone sent, without letting it swamp the machine.

An XLSX file is a zip archive; a few kilobytes can claim gigabytes once expanded (a "zip
bomb"). Before openpyxl sees the file, its archive's table of contents is read: a part
that would expand past :data:`MAX_PART`, an archive past :data:`MAX_TOTAL` in all, or a
part that expands more than :data:`MAX_RATIO` times its stored size (past a megabyte:
sheets of real data shrink some ten to thirty times) is refused with ``xlsx-too-large``,
and nothing is expanded. Python's zip reader stops at the size the table of contents
states, so a part that lies about its size cannot expand further. Rows are counted as
they are read (:func:`limited_rows`): past :data:`MAX_ROWS`, reading stops with the same
code.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ..errors import DataFileError

__all__ = ["MAX_PART", "MAX_RATIO", "MAX_ROWS", "MAX_TOTAL", "check_archive", "limited_rows",
           "open_workbook"]

MAX_PART = 1 << 30  # 1 GiB expanded, for any one part (a sheet of a few million rows fits)
MAX_TOTAL = 2 << 30
MAX_RATIO = 200
MAX_ROWS = 20_000_000
_SMALL = 1 << 20  # parts under a megabyte may shrink as much as they like
CODE = "xlsx-too-large"
T = TypeVar("T")


def check_archive(path: Path, *, max_part: int = MAX_PART, max_total: int = MAX_TOTAL,
                  max_ratio: int = MAX_RATIO) -> None:
    """Refuse ``path`` if it would expand too far (``xlsx-too-large``); not a zip archive
    at all is left to the workbook reader to say."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > max_part or (part.file_size > _SMALL and ratio > max_ratio):
            raise DataFileError(f"{path}: part '{part.filename}' of the workbook would expand "
                                f"to {part.file_size:,} bytes from {part.compress_size:,}: "
                                "refused as a likely zip bomb", code=CODE)
    if total > max_total:
        raise DataFileError(f"{path}: the workbook would expand to {total:,} bytes, more "
                            f"than the {max_total:,} allowed", code=CODE)


def open_workbook(path: Path, *, data_only: bool = True) -> Any:
    """The workbook at ``path`` in openpyxl's read-only mode, once :func:`check_archive`
    passed; openpyxl's own errors are left to the caller."""
    from openpyxl import load_workbook

    check_archive(path)
    return load_workbook(path, read_only=True, data_only=data_only)


def limited_rows(rows: Iterable[T], path: Path, *, max_rows: int = MAX_ROWS) -> Iterator[T]:
    """``rows``, refusing the file at row ``max_rows + 1`` (``xlsx-too-large``)."""
    for number, row in enumerate(rows, start=1):
        if number > max_rows:
            raise DataFileError(f"{path}: more than {max_rows:,} rows in the sheet",
                                code=CODE)
        yield row
