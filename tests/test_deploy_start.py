from datetime import date

import pytest

from missionplan.errors import MissionplanError
from missionplan.logistics.start import deployment_start
from missionplan.model import Plan


def _plan(**extra: object) -> Plan:
    data: dict[str, object] = {
        "id": "p", "events": [{"id": "signed"}, {"id": "resolution_adopted"}],
        "relations": [{"id": "r", "from": "signed", "to": "resolution_adopted",
                       "kind": "after", "min": "40d", "max": "60d"}],
        "anchors": [{"event": "signed", "date": "2027-01-15"}],
    }
    data.update(extra)
    return Plan.model_validate(data)


def test_an_undated_start_is_the_earliest_its_relations_allow() -> None:
    day, how = deployment_start(_plan())
    assert day == date(2027, 2, 24)
    assert "earliest" in how


def test_a_dated_start_is_used_as_it_is() -> None:
    plan = _plan(actuals=[{"event": "resolution_adopted", "date": "2027-03-01"}])
    assert deployment_start(plan)[0] == date(2027, 3, 1)


def test_no_date_at_all_is_a_clear_error() -> None:
    with pytest.raises(MissionplanError) as info:
        deployment_start(_plan(anchors=[]))
    assert info.value.code == "deployment-undated"


def test_as_of_a_day_the_start_is_no_earlier_than_that_day() -> None:
    assert deployment_start(_plan(), as_of=date(2027, 2, 1))[0] == date(2027, 2, 24)
    assert deployment_start(_plan(), as_of=date(2027, 3, 10))[0] == date(2027, 3, 10)
