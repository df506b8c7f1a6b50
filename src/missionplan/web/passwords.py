"""The password policy: long enough, not common, not the user's own name.

A password needs :data:`MIN_LENGTH` characters (at most :data:`MAX_LENGTH`: hashing a
megabyte would be a way to tie up the server) and at least five different ones. It may
not be one of the common passwords shipped in ``data/common-passwords.txt``, nor one of
them dressed up: the check reads it in lower case, without spaces, with look-alike
digits and symbols read as the letters they stand for (``p@ssw0rd``), and with digits
and symbols at either end taken away (``Welcome2027!``); nor digits and symbols without
a letter (a date, a keypad run). It may not contain the user
name either. Length over complexity rules, as NIST SP 800-63B advises.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from ..errors import WorkspaceError

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "check_password", "is_common"]

MIN_LENGTH = 12
MAX_LENGTH = 256
_LOOKALIKE = str.maketrans("0134578@$!|", "oleastbasil")


@cache
def _common() -> frozenset[str]:
    text = files("missionplan.web").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and w[0] != "#")


_SYMBOLS = "!@#$%^&*()-_=+.,;:?~'\"/\\[]{}<>|`"


def _readings(password: str) -> set[str]:
    """``password`` in lower case without spaces, with any part of the digits and symbols
    at either end taken away, each also with look-alikes read as letters."""
    plain = "".join(password.lower().split())
    dressing = "0123456789" + _SYMBOLS
    lead = len(plain) - len(plain.lstrip(dressing))
    trail = len(plain) - len(plain.rstrip(dressing))
    cores = {plain[i:len(plain) - j] for i in range(lead + 1) for j in range(trail + 1)}
    return (cores | {c.translate(_LOOKALIKE) for c in cores}) - {""}


def is_common(password: str) -> bool:
    """Whether ``password`` is, or is dressed up from, a shipped common password (digits and
    symbols without a letter count as one: people pick dates and keypad runs)."""
    return (not any(c.isalpha() for c in password)
            or bool(_readings(password) & _common()))


def check_password(password: str, *, name: str = "") -> None:
    """Refuse a password the policy does not accept, saying why (``weak-password``)."""
    if len(password) < MIN_LENGTH:
        raise WorkspaceError(f"a password needs at least {MIN_LENGTH} characters (a few "
                             "words make a good one)", code="weak-password")
    if len(password) > MAX_LENGTH:
        raise WorkspaceError(f"a password has at most {MAX_LENGTH} characters",
                             code="weak-password")
    if len(set(password)) < 5:
        raise WorkspaceError("a password needs at least five different characters",
                             code="weak-password")
    if is_common(password):
        raise WorkspaceError("that password is one of the most common ones: choose another",
                             code="common-password")
    if len(name) >= 3 and name.lower() in password.lower():
        raise WorkspaceError("a password may not contain the user name",
                             code="weak-password")
