"""Produce the next chunk in a thread while the caller stores this one.

Reading and checking a chunk holds the GIL (the csv module, the checks), while
SQLite's B-tree work and PostgreSQL's round trips release it, so on two cores
the two overlap. At most ``depth`` chunks wait in the queue; an error in the
producer is raised in the caller; when the caller stops early the producer
stops after its current chunk.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterable
from typing import TypeVar, cast

__all__ = ["read_ahead"]

T = TypeVar("T")
_DONE = object()


def read_ahead(items: Iterable[T], *, depth: int = 1) -> Generator[T, None, None]:
    """The items of ``items`` in order, each produced in a thread one step ahead."""
    slots: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: tuple[bool, object]) -> bool:
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((True, item)):
                    return
            put((True, _DONE))
        except BaseException as exc:  # handed to the caller, raised there
            put((False, exc))

    worker = threading.Thread(target=produce, name="missionplan-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            ok, item = slots.get()
            if not ok:
                assert isinstance(item, BaseException)
                raise item
            if item is _DONE:
                return
            yield cast(T, item)
    finally:
        stop.set()
        worker.join()
