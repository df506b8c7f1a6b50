"""Failed sign-ins counted in the database: growing waits, a lock, its lift, its audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from missionplan.store import Workspace, open_workspace, throttle
from missionplan.store.throttle import ThrottlePolicy

T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
POLICY = ThrottlePolicy(free=3, base_delay=1.0, max_delay=30.0, lock_after=6, lock_for=900,
                        window=3600)
KEYS = {"account:alice": POLICY}


def _fail(ws: Workspace, at: datetime) -> list[str]:
    return throttle.fail(ws.engine, KEYS, at, name="alice", address="10.0.0.9")


def test_failures_wait_longer_then_lock_and_the_log_says_so(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        at = T0
        waits = []
        for _ in range(5):
            assert _fail(ws, at) == []
            held = throttle.hold(ws.engine, KEYS, at)
            waits.append(0 if held is None else held.seconds(at))
            at += timedelta(seconds=waits[-1])
        assert waits == [0, 0, 1, 2, 4]  # three free, then doubling
        assert _fail(ws, at) == ["account:alice"]
        held = throttle.hold(ws.engine, KEYS, at + timedelta(minutes=14))
        assert held is not None and held.locked and held.failures == 6
        assert throttle.hold(ws.engine, KEYS, at + timedelta(minutes=15, seconds=1)) is None
        actions = [(e.action, e.item) for e in ws.audit(every_branch=True)]
        assert actions.count(("signin.fail", "account:alice")) == 6
        assert ("signin.lock", "account:alice") in actions
        lock = next(e for e in ws.audit() if e.action == "signin.lock")
        assert lock.after == {"failures": 6, "until": (at + timedelta(seconds=900)).isoformat()}
        assert [h.key for h in throttle.holds(ws.engine, at)] == ["account:alice"]


def test_an_administrator_lifts_a_lock_at_once_and_it_is_audited(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        for i in range(6):
            _fail(ws, T0 + timedelta(minutes=i))
        assert throttle.hold(ws.engine, KEYS, T0 + timedelta(minutes=6)) is not None
        assert throttle.lift(ws.engine, "account:alice", by="admin")
        assert throttle.hold(ws.engine, KEYS, T0 + timedelta(minutes=6)) is None
        assert not throttle.lift(ws.engine, "account:alice", by="admin")  # nothing left
        entry = ws.audit()[0]
        assert (entry.action, entry.user, entry.item) == ("signin.unlock", "admin",
                                                          "account:alice")
        assert entry.before == {"failures": 6, "locked": True}


def test_a_success_forgets_the_failures_and_records_the_sign_in(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        for i in range(4):
            _fail(ws, T0 + timedelta(minutes=i))
        throttle.succeed(ws.engine, "account:alice", name="alice", address="10.0.0.9")
        assert throttle.hold(ws.engine, KEYS, T0 + timedelta(minutes=4)) is None
        entry = ws.audit()[0]
        assert (entry.action, entry.user, entry.after) == ("signin", "alice",
                                                           {"address": "10.0.0.9"})


def test_failures_do_not_move_the_revision_others_cache_under(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        before = ws.revision()
        for i in range(3):
            _fail(ws, T0 + timedelta(minutes=i))
        assert ws.revision() == before


def test_old_failures_are_forgotten_after_the_window(db_url: str) -> None:
    with open_workspace(db_url) as ws:
        for i in range(5):
            _fail(ws, T0 + timedelta(minutes=i))
        later = T0 + timedelta(hours=2)
        assert throttle.hold(ws.engine, KEYS, later) is None
        assert _fail(ws, later) == []  # counting starts again at one
        assert throttle.hold(ws.engine, KEYS, later) is None


@settings(max_examples=60, deadline=None)
@given(free=st.integers(0, 6), base=st.floats(0.1, 5), cap=st.floats(1, 120),
       failures=st.integers(0, 40))
def test_the_wait_never_shrinks_and_never_passes_its_cap(free: int, base: float, cap: float,
                                                          failures: int) -> None:
    policy = ThrottlePolicy(free=free, base_delay=base, max_delay=cap)
    wait, more = policy.delay(failures), policy.delay(failures + 1)
    assert 0 <= wait <= more <= cap
    assert (wait == 0) == (failures < free)
