"""Read and write plan files (YAML), with file:line:column on every problem."""

from .loader import dump_plan, load_plan, loads_plan, plan_schema

__all__ = ["dump_plan", "load_plan", "loads_plan", "plan_schema"]
