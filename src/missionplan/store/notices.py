"""Which notices each account has been e-mailed already, so that none goes twice.

A notice is known by a key its sender chooses (a hash of what it says, or
``digest:DAY`` for a day's digest). A sender :func:`claim` s the keys it is about to send
in one write transaction (writers take turns, so two senders, in two worker processes or
a web worker and a ``notify`` run, never claim the same key), sends, and
:func:`release` s what the mail server did not take, so it goes next time. Claims do not
change the plan: they leave the workspace's revision (and so every page cached on it)
alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, select

from .engine import read_connection, write_transaction
from .schema import NoticeSentRow, table

__all__ = ["claim", "release", "sent_keys"]

_T = table(NoticeSentRow)


def sent_keys(engine: Engine, account: str) -> set[str]:
    """The keys sent (or being sent) to ``account``."""
    with read_connection(engine) as conn:
        return set(conn.execute(select(_T.c.key).where(_T.c.account == account)).scalars())


def claim(engine: Engine, account: str, keys: Iterable[str]) -> set[str]:
    """Of ``keys``, those no sender has claimed for ``account`` yet, now claimed."""
    wanted = set(keys)
    if not wanted:
        return set()
    with write_transaction(engine, revise=False) as conn:
        had = set(conn.execute(select(_T.c.key).where(
            _T.c.account == account, _T.c.key.in_(sorted(wanted)))).scalars())
        fresh = wanted - had
        if fresh:
            now = datetime.now(UTC)
            conn.execute(insert(_T), [{"account": account, "key": k, "sent_at": now}
                                      for k in sorted(fresh)])
    return fresh


def release(engine: Engine, account: str, keys: Iterable[str]) -> None:
    """Withdraw claims on ``keys`` for ``account``: they were not sent after all."""
    gone = sorted(set(keys))
    if not gone:
        return
    with write_transaction(engine, revise=False) as conn:
        conn.execute(delete(_T).where(_T.c.account == account, _T.c.key.in_(gone)))
