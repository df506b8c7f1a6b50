"""Which notices each account has been e-mailed already, so that none goes twice.

A notice is known by a key its sender chooses (a hash of what it says, or
``digest:DAY`` for a day's digest); the web room decides what to send and calls
:func:`mark_sent` only once the mail server has taken it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select

from .engine import read_connection, write_transaction
from .schema import NoticeSentRow, table

__all__ = ["mark_sent", "sent_keys"]

_T = table(NoticeSentRow)


def sent_keys(engine: Engine, account: str) -> set[str]:
    with read_connection(engine) as conn:
        return set(conn.execute(select(_T.c.key).where(_T.c.account == account)).scalars())


def mark_sent(engine: Engine, account: str, keys: Iterable[str]) -> None:
    """Remember ``keys`` as sent to ``account`` (those already remembered are kept)."""
    fresh = set(keys) - sent_keys(engine, account)
    if not fresh:
        return
    now = datetime.now(UTC)
    with write_transaction(engine) as conn:
        conn.execute(insert(_T), [{"account": account, "key": k, "sent_at": now}
                                  for k in sorted(fresh)])
