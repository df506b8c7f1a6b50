"""Every error and diagnostic missionplan raises or reports.

The exception tree::

    MissionplanError                 anything missionplan raises on purpose
    ├── PlanFileError                a plan file that cannot be read (carries Diagnostics)
    ├── UnknownItemError             a name (event, item) the plan does not have
    ├── InconsistentPlanError        a plan whose relations contradict each other
    ├── FactError                    an actual date refused: in the future, or against logic
    ├── DataFileError                an observations / data file that cannot be imported
    ├── WorkspaceError               the workspace database refused an operation
    │   └── ConflictError            someone else saved the item first
    ├── SolverError                  an optimiser or sampler could not produce a result
    └── MissingExtraError            an optional feature whose extra is not installed

Diagnostics are findings about a plan: each has a stable ``code`` (such as
``relation-conflict`` or ``unknown-event``), a severity, a one-line message and
a location (file, line, column) when it comes from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "ConflictError", "DataFileError", "Diagnostic", "FactError", "InconsistentPlanError",
    "Location",
    "MissingExtraError", "MissionplanError", "PlanFileError", "Severity", "SolverError",
    "UnknownItemError", "WorkspaceError",
]


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a diagnostic points: a file and a 1-based line and column."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a stable code, a message and where it is."""

    code: str
    message: str
    location: Location | None = None
    severity: Severity = Severity.error
    related: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity.value}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code, "severity": self.severity.value, "message": self.message,
            "file": loc.file if loc else None, "line": loc.line if loc else None,
            "column": loc.column if loc else None, "related": list(self.related),
        }


class MissionplanError(Exception):
    """Base of every error missionplan raises on purpose. ``code`` is stable."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class PlanFileError(MissionplanError):
    """A plan file could not be read; ``diagnostics`` lists every problem found."""

    code = "plan-file"

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first}{more}" if first else "plan file could not be read")


class UnknownItemError(MissionplanError):
    code = "unknown-item"


class InconsistentPlanError(MissionplanError):
    code = "inconsistent-plan"


class FactError(MissionplanError):
    """An actual date refused: after the current day (``future-actual``) or against the
    plan's logic (``against-logic``: confirm it as a correction to record it anyway)."""

    code = "against-logic"


class DataFileError(MissionplanError):
    """A data file could not be imported; ``diagnostics`` says which rows and why.

    The message names the first of them (the terminal prints the others below it).
    """

    code = "data-file"

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None, *,
                 code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.diagnostics = diagnostics or []


class WorkspaceError(MissionplanError):
    code = "workspace"


class ConflictError(WorkspaceError):
    code = "edit-conflict"


class SolverError(MissionplanError):
    code = "solver"


class MissingExtraError(MissionplanError):
    """An optional feature whose extra is not installed; the message gives the command."""

    code = "missing-extra"

    def __init__(self, feature: str, extra: str, module: str) -> None:
        super().__init__(f"{feature} needs the '{module}' package: "
                         f"pip install 'missionplan[{extra}]'")
