"""Branches: each syndicate's copy of the plan is its own, and the migrations make the
schema the models describe."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from missionplan.errors import WorkspaceError
from missionplan.store import open_workspace
from missionplan.store.schema import Base


def test_the_migrations_make_exactly_the_tables_the_models_describe(db_url: str) -> None:
    with open_workspace(db_url) as ws, ws.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = [d for d in compare_metadata(context, Base.metadata)
                if not (d[0] == "remove_table" and d[1].name in ("alembic_version", "revision"))]
    assert diff == []


def test_a_syndicate_starts_from_the_plan_as_it_stands_and_then_keeps_its_own(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="trainer")
        ws.import_plan(small_plan_text.replace("target: 10000", "target: 11000"), user="trainer")
        ws.set_day(date(2025, 3, 1), user="trainer")
        ws.record_actual("agreement", date(2025, 1, 10), user="trainer")
        ws.set_assumption("parties_cooperate", "failing", user="trainer")
        alpha = ws.add_syndicate("alpha", user="trainer", title="Syndicate Alpha")
        bravo = ws.add_syndicate("bravo", user="trainer")
        assert (alpha.from_version, alpha.title, bravo.title) == (2, "Syndicate Alpha", "Bravo")
        a, b = ws.on("alpha"), ws.on("bravo")
        assert [v.version for v in a.plan_versions()] == [1]
        assert a.export_plan() == ws.export_plan()
        assert a.actuals() == {"agreement": date(2025, 1, 10)}
        assert a.assumption_states() == {"parties_cooperate": "failing"}

        a.import_plan(small_plan_text.replace("target: 10000", "target: 9000"), user="amy")
        a.record_actual("agreement", date(2025, 1, 12), user="amy")
        b.set_assumption("parties_cooperate", "holding", user="bo")
        assert ws.current_plan().indicators[1].target == 11000
        assert a.current_plan().indicators[1].target == 9000
        assert b.current_plan().indicators[1].target == 11000
        assert (ws.actuals(), a.actuals(), b.actuals()) == (
            {"agreement": date(2025, 1, 10)}, {"agreement": date(2025, 1, 12)},
            {"agreement": date(2025, 1, 10)})
        assert ws.assumption_states() == {"parties_cooperate": "failing"}
        assert b.assumption_states() == {"parties_cooperate": "holding"}
        assert {e.user for e in a.audit()} == {"trainer", "amy"}
        assert "amy" not in {e.user for e in b.audit()} | {e.user for e in ws.audit()}
        assert {e.branch for e in ws.audit(every_branch=True)} == {"", "alpha", "bravo"}
        a.clear_actual("agreement", user="amy")
        assert ws.actuals() and not a.actuals()


def test_a_syndicates_observations_are_its_own_and_the_worlds_are_everyones(
        db_url: str, small_plan_text: str) -> None:
    from missionplan.monitor.observations import Observation

    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="trainer")
        ws.add_syndicate("alpha", user="trainer")
        ws.add_syndicate("bravo", user="trainer")
        ws.add_observations([Observation("disarmed", date(2025, 2, 1), 100.0)], user="trainer")
        ws.on("alpha").add_observations([Observation("disarmed", date(2025, 3, 1), 300.0)],
                                        user="amy")
        seen = {name: [o.value for o in ws.on(name).observations("disarmed")]
                for name in ("", "alpha", "bravo")}
        assert seen == {"": [100.0], "alpha": [100.0, 300.0], "bravo": [100.0]}
        assert ws.on("bravo").headline()["disarmed"] == [(date(2025, 2, 1), 100.0)]
        assert ws.on("alpha").observation_count() == 2


@pytest.mark.parametrize("name", ["Alpha", "1st", "a b", "x" * 41, ""])
def test_a_syndicate_name_must_be_an_identifier(db_url: str, small_plan_text: str,
                                                name: str) -> None:
    with open_workspace(db_url) as ws:
        ws.import_plan(small_plan_text, user="trainer")
        with pytest.raises(WorkspaceError) as caught:
            ws.add_syndicate(name, user="trainer")
        assert caught.value.code == "bad-syndicate"
        assert ws.syndicates() == []


def test_a_second_syndicate_of_one_name_and_an_unknown_one_are_refused(
        db_url: str, small_plan_text: str) -> None:
    with open_workspace(db_url) as ws:
        with pytest.raises(WorkspaceError) as caught:
            ws.add_syndicate("alpha", user="trainer")
        assert caught.value.code == "no-plan"
        ws.import_plan(small_plan_text, user="trainer")
        ws.add_syndicate("alpha", user="trainer")
        with pytest.raises(WorkspaceError) as caught:
            ws.add_syndicate("alpha", user="trainer")
        assert caught.value.code == "syndicate-exists"
        with pytest.raises(WorkspaceError, match="syndicates: alpha") as caught:
            ws.syndicate("bravo")
        assert caught.value.code == "unknown-syndicate"
