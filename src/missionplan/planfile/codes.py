"""The stable diagnostic codes a plan file can produce, and one helper to make a diagnostic.

Codes never change meaning once published: tools and people match on them.
``docs/plan-format.md`` lists every one (a test keeps the two in step).
"""

from __future__ import annotations

from ..errors import Diagnostic, Location

__all__ = ["CODES", "diagnostic"]

CODES: dict[str, str] = {
    "unreadable": "the file cannot be opened or read",
    "file-too-large": "the file is larger than the limit and is refused before parsing",
    "encoding": "the text is not UTF-8, or holds a control character YAML forbids",
    "empty-file": "the file holds no YAML document (only blanks or comments)",
    "yaml-syntax": "the text is not valid YAML (tabs for indentation, unclosed quotes...)",
    "yaml-tag": "a YAML tag the plan format does not use (!!binary, !custom...)",
    "alias-bomb": "YAML aliases that would expand past the limit, or refer to themselves",
    "too-deep": "nesting deeper than the limit",
    "not-a-plan": "the top level is not a mapping of plan keys",
    "duplicate-key": "the same key twice in one mapping",
    "unknown-key": "a key the format does not have at that place",
    "missing-field": "a required key is absent",
    "wrong-type": "a value of the wrong kind (text where a list is due...)",
    "bad-value": "a value outside the allowed choices or range",
    "bad-id": "an id that is not lower-case letters, digits and '_'",
    "bad-duration": "a duration that cannot be read (write 14d, 3w, 6mo, 2y, 72h or P14D)",
    "bad-date": "a date that is not a real YYYY-MM-DD date",
    "bad-source": "a citation not written SECTION:LINE, SECTION:FIRST-LAST or {section, lines}",
    "min-greater-than-max": "a lower bound greater than its upper bound",
    "bad-relation": "a relation that counts both from an event and from the calendar",
    "invalid-value": "any other value the model refuses",
    "duplicate-id": "two items with the same id",
    "unknown-event": "a reference to an event the plan does not have",
    "unknown-item": "a reference to an item the plan does not have",
    "unknown-actor": "a reference to an actor the plan does not have",
    "unknown-resource": "a demand on a resource the plan does not have",
    "demand-above-capacity": "a demand for more units than the resource ever has at once",
}


def diagnostic(code: str, message: str, file: str, line: int | None = 1,
               column: int | None = 1) -> Diagnostic:
    """A diagnostic with a known code; ``message`` is folded onto one line."""
    if code not in CODES:
        raise ValueError(f"undocumented diagnostic code {code!r}")
    return Diagnostic(code, " ".join(message.split()), Location(file, line, column))
