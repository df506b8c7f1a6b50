"""Read-ahead: the same items in the same order, errors raised in the caller, early stop."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missionplan.store.readahead import read_ahead


@given(items=st.lists(st.integers()), depth=st.integers(1, 4))
def test_items_come_in_order(items: list[int], depth: int) -> None:
    assert list(read_ahead(iter(items), depth=depth)) == items


def test_an_error_in_the_producer_is_raised_in_the_caller_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad chunk")

    got: list[int] = []
    with pytest.raises(ValueError, match="bad chunk"):
        for item in read_ahead(items()):
            got.append(item)
    assert got == [1, 2]


def test_stopping_early_stops_the_producer() -> None:
    produced: list[int] = []

    def items() -> Iterator[int]:
        for i in range(1000):
            produced.append(i)
            yield i

    stream = read_ahead(items(), depth=1)
    assert next(stream) == 0
    stream.close()  # the caller gives up (an error while storing, say)
    assert len(produced) <= 4  # one in hand, one queued, one being put, one being made
    assert not any(t.name == "missionplan-read-ahead" for t in threading.enumerate())
