"""Numbers as directives write them: in words, in figures, both, and as ranges.

:func:`normalise_numbers` rewrites a sentence so that every count is in
figures: ``thirty (30) days`` and ``thirty days`` become ``30 days``,
``twenty-one`` becomes ``21``, ``the fourth year`` becomes ``the 4th year``
and ``72–96 hours`` becomes ``72-96 hours``. The temporal grammar then only
has to read figures.
"""

from __future__ import annotations

import re

__all__ = ["normalise_numbers", "words_to_int"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_RUN = re.compile(rf"\b(?:{_WORD})(?:(?:\s+|-|\s+and\s+)(?:{_WORD}))*\b", re.IGNORECASE)
_ECHO = re.compile(r"\b(\d+)\s*\(\s*(?:\1|[a-z][a-z\s-]*)\s*\)", re.IGNORECASE)
_DASH = re.compile(r"(\d)\s*[–—‑-]\s*(\d)")
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\b"
                      r"(?=\s+(?:year|month|week|day|anniversary|quarter))", re.IGNORECASE)
_HALF = re.compile(r"\b(\d+)\s+and\s+a\s+half\s+years?\b", re.IGNORECASE)
_ARTICLE_UNIT = re.compile(r"\b(?:a|an)\s+(hour|day|week|month|year)\b", re.IGNORECASE)


def words_to_int(words: str) -> int | None:
    """The value of a number written in words (``twenty-one`` → 21), None if not one."""
    total, current = 0, 0
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not tokens:
        return None
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def normalise_numbers(text: str) -> str:
    """The same text with every count in figures (see the module docstring)."""
    out = _RUN.sub(lambda m: _replace_run(m.group(0)), text)
    out = _ECHO.sub(r"\1", out)
    out = _DASH.sub(r"\1-\2", out)
    out = _ORDINAL.sub(lambda m: f"{_ORDINALS[m.group(1).lower()]}th", out)
    out = _HALF.sub(lambda m: f"{int(m.group(1)) * 12 + 6} months", out)
    return _ARTICLE_UNIT.sub(lambda m: f"1 {m.group(1)}", out)


def _replace_run(run: str) -> str:
    value = words_to_int(run)
    return run if value is None else str(value)
