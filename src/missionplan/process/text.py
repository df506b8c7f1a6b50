"""Markdown as the workspace shows it (raw HTML in it is shown as text, never run), and the
mentions of accounts (``@name``) in a comment."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

__all__ = ["compare", "mentions", "to_html"]

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9][A-Za-z0-9._@-]{0,119})")


@lru_cache(maxsize=1024)  # a page shows the same drafts to everyone until one changes
def to_html(markdown: str) -> str:
    """``markdown`` as HTML: CommonMark with tables; HTML typed into it is escaped."""
    return str(_MD.render(markdown))


def mentions(text: str) -> list[str]:
    """The account names mentioned in ``text`` (``@name``), each once, in order."""
    seen: list[str] = []
    for name in _MENTION.findall(text):
        name = name.rstrip(".-")
        if name not in seen:
            seen.append(name)
    return seen


def compare(old: str, new: str) -> list[tuple[str, str]]:
    """Two texts line by line: (``same``, ``removed`` or ``added``, the line), in order."""
    import difflib

    out: list[tuple[str, str]] = []
    a, b = old.splitlines(), new.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [("same", line) for line in a[i1:i2]]
            continue
        out += [("removed", line) for line in a[i1:i2]]
        out += [("added", line) for line in b[j1:j2]]
    return out
