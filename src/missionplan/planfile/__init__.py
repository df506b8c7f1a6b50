"""Read and write plan files (YAML), with file:line:column on every problem."""

from .codes import CODES
from .loader import load_plan, load_plan_bytes, loads_plan, loads_plan_data
from .schema import plan_schema
from .writer import dump_plan, write_plan
from .yamlread import MAX_BYTES

__all__ = ["CODES", "MAX_BYTES", "dump_plan", "load_plan", "load_plan_bytes", "loads_plan",
           "loads_plan_data", "plan_schema", "write_plan"]
