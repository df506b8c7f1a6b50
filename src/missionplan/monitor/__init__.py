"""Monitoring: indicator observations, progress against the criteria, forecasts.

Public API::

    criteria_status(plan, observations, as_of, *, rules=None, dates=None)
        -> list[CriterionStatus]
    indicator_status(plan, observations, as_of, *, rules=None, dates=None)
        -> list[IndicatorStatus]
    forecast(indicator, observations, *, deadline=None, level=0.8,
             method="linear") -> Forecast               # or "log-linear", "auto"
    flagged_items(plan, states=None) -> list[Flag]      # assumption watch
    event_dates(plan) -> dict[str, date]                # deadline dates
    ObservationFile(path, *, indicators=None)           # CSV / XLSX / HXL import
    headline_series(observations, *, as_of=None) -> dict[str, Series]
    sparkline(values, *, width=12) -> str

``observations`` is either raw :class:`Observation` records or ready headline
series (``{indicator: [(date, value), …]}``, as the workspace's one-query
``Workspace.headline`` returns). The rules are documented in each module and
in ``docs/monitoring.md``.
"""

from .assumptions import Flag, flagged_items
from .dates import event_dates
from .forecast import Forecast, forecast
from .importer import ObservationFile, read_observations
from .observations import Observation, Point, Series, headline_series
from .sparkline import sparkline
from .status import (
    CriterionStatus,
    IndicatorStatus,
    Rules,
    Status,
    criteria_status,
    indicator_status,
)

__all__ = [
    "CriterionStatus", "Flag", "Forecast", "IndicatorStatus", "Observation", "ObservationFile",
    "Point", "Rules", "Series", "Status", "criteria_status", "event_dates", "flagged_items",
    "forecast", "headline_series", "indicator_status", "read_observations", "sparkline",
]
