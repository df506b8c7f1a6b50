"""Import an observations file: every row checked, nothing stored if any row is bad.

:class:`ObservationFile` reads a file in chunks of columns
(:meth:`ObservationFile.batches`, or observation by observation when
iterated), checks each chunk in bulk and collects the bad rows as diagnostics
(file, row, code, message). The workspace stores the chunks in one
transaction and, when bad rows were found and the user did not ask to skip
them, rolls it back, so a file with bad rows imports nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from ..errors import DataFileError, Diagnostic
from .columns import ColumnBatch, check_chunk
from .observations import Observation
from .readers import CHUNK, read_chunks

__all__ = ["ObservationFile", "read_observations"]


class ObservationFile:
    """The observations of one file, read lazily in chunks, with the bad rows it met."""

    def __init__(self, path: Path | str, *, indicators: Collection[str] | None = None,
                 chunk: int = CHUNK) -> None:
        self.path = Path(path)
        self.indicators = set(indicators) if indicators is not None else None
        self.chunk = chunk
        self.problems: list[Diagnostic] = []

    def batches(self) -> Iterator[ColumnBatch]:
        """The good rows, a chunk of columns at a time; bad rows go to :attr:`problems`."""
        where = str(self.path)
        for raw in read_chunks(self.path, chunk=self.chunk):
            batch, problems = check_chunk(raw, where=where, indicators=self.indicators)
            self.problems.extend(problems)
            if len(batch):
                yield batch

    def __iter__(self) -> Iterator[Observation]:
        for batch in self.batches():
            yield from batch.observations()

    def check(self, *, skip_bad_rows: bool) -> None:
        """Raise :class:`DataFileError` listing every bad row unless they are to be skipped."""
        if self.problems and not skip_bad_rows:
            n = len(self.problems)
            raise DataFileError(f"{self.path}: {n} bad row{'s' if n > 1 else ''}, nothing "
                                "imported (fix them, or pass --skip-bad-rows): "
                                f"{self.problems[0]}", self.problems)


def read_observations(path: Path | str, *, indicators: Collection[str] | None = None,
                      skip_bad_rows: bool = False) -> tuple[list[Observation], list[Diagnostic]]:
    """All observations of a file in memory, and the bad rows skipped."""
    source = ObservationFile(path, indicators=indicators)
    rows = list(source)
    source.check(skip_bad_rows=skip_bad_rows)
    return rows, source.problems
