"""The plan as typed, validated data. No I/O here."""

from .base import Approval, Id, Item, Source, SourceRef
from .core import (
    Activity,
    Actor,
    Actual,
    Anchor,
    Assumption,
    Constraint,
    Criterion,
    DistributionKind,
    Event,
    EventKind,
    Nature,
    Objective,
    ObjectivePart,
    Priority,
    Recurrence,
    Relation,
    RelationKind,
    Responsibility,
    Season,
    Stakeholder,
    UncertainDuration,
)
from .duration import Duration, DurationError, DurationField, parse_duration
from .logistics import DeploymentSpec
from .monitor import Indicator
from .options import CourseOfAction
from .plan import SECTIONS, Plan
from .process import Fill, LineOfEffort, Product, ProductKind, ProductSection
from .resources import CapacityChange, Demand, Resource, ResourceKind
from .risk import Correlation, Driver, Impact, Risk

__all__ = [
    "SECTIONS", "Activity", "Actor", "Actual", "Anchor", "Approval", "Assumption",
    "CapacityChange", "Constraint", "Correlation", "CourseOfAction", "Criterion", "Demand",
    "DeploymentSpec", "DistributionKind", "Driver", "Duration", "DurationError",
    "DurationField", "Event", "EventKind", "Fill", "Id", "Impact", "Indicator", "Item",
    "LineOfEffort", "Nature", "Objective", "ObjectivePart", "Plan", "Priority", "Product",
    "ProductKind", "ProductSection", "Recurrence", "Relation", "RelationKind", "Resource",
    "ResourceKind", "Responsibility", "Risk", "Season", "Source", "SourceRef", "Stakeholder",
    "UncertainDuration", "parse_duration",
]
