"""Exercises: the master events list of injects, and what each does to a syndicate's plan.

An exercise file (``missionplan-exercise/1``, see :mod:`.model` and docs/exercise.md)
lists injects in the plan's own terms; :func:`load_exercise` reads and checks it against
the plan, :func:`apply_inject` says what one inject changes in one branch (purely), and
:func:`measure` what that broke: criteria, deadlines, odds and the deployment date, just
before and just after, as of the day it arrived. The store delivers injects as the
clock moves (``missionplan.store``); nothing here writes.
"""

from .apply import Applied, apply_inject, describe_duration
from .deliveries import BranchState, Delivery
from .impact import IMPACT_SAMPLES, CriterionChange, DeadlineChange, Impact, measure
from .load import CODE, Exercise, load_exercise, loads_exercise
from .model import FORMAT, Effect, ExerciseFile, Inject

__all__ = [
    "CODE", "FORMAT", "IMPACT_SAMPLES", "Applied", "BranchState", "CriterionChange",
    "DeadlineChange", "Delivery",
    "Effect", "Exercise", "ExerciseFile", "Impact", "Inject", "apply_inject",
    "describe_duration", "exercise_schema", "load_exercise", "loads_exercise", "measure",
]


def exercise_schema() -> str:
    """The JSON Schema of exercise files, as indented JSON text."""
    import json

    from ..planfile.schema import allow_source_text

    schema = ExerciseFile.model_json_schema(by_alias=True)
    allow_source_text(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"missionplan exercise file (format {FORMAT})"
    return json.dumps(schema, indent=2, ensure_ascii=False)
