"""Monte Carlo schedule risk: the odds of meeting each deadline and criterion for success.

Each sample is a possible world: every uncertain duration is drawn (scaled by
its shared driver), every risk occurs or not, and events happen as early as
the plan's least bounds allow. See docs/risk.md for the method.
"""

from .charts import write_charts
from .distributions import RiskInputError
from .network import CycleError
from .results import CriterionOdds, DeadlineOdds, EventDates, RiskResult, Sensitivity
from .sentences import sentences
from .simulate import simulate

__all__ = [
    "CriterionOdds", "CycleError", "DeadlineOdds", "EventDates", "RiskInputError", "RiskResult",
    "Sensitivity", "sentences", "simulate", "write_charts",
]
