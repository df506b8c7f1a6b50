"""Reading a directive file safely: size, binary content, encoding and language checked
before anything is parsed, each refusal a :class:`~missionplan.errors.MissionplanError`
with a stable code and a message that says what to do; nothing is written on refusal.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import MissionplanError
from .french import detect_language

__all__ = ["MAX_TEXT_BYTES", "read_directive"]

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a long mandate is some 100 kB; 5 MB is fifty of them
_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def read_directive(path: Path) -> str:
    """The text of ``path``, or a refusal: too large, binary, not UTF-8, not English/French."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise MissionplanError(
                f"{path}: {size / 1e6:.1f} MB is more than a directive ({MAX_TEXT_BYTES // 10**6}"
                " MB at most): split it, or check you named the right file",
                code="text-too-large")
        data = path.read_bytes()
    except OSError as exc:
        raise MissionplanError(f"{path}: cannot be read ({exc.strerror})",
                               code="unreadable") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise MissionplanError(f"{path}: the text is {name}; save it as UTF-8",
                                   code="not-text")
    if b"\x00" in data[:65536]:
        raise MissionplanError(f"{path}: a binary file, not text (a PDF or a Word file? save "
                               "or export it as plain text)", code="not-text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MissionplanError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 "
                               "(it may be Latin-1 or Windows-1252)", code="not-text") from None
    if detect_language(text) == "other":
        raise MissionplanError(f"{path}: the text is neither English nor French, the two "
                               "languages the extractor reads", code="unsupported-language")
    return text
