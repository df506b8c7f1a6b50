"""The temporal package's public surface is exactly what its docstring documents."""

from __future__ import annotations

import missionplan.temporal as temporal


def test_every_exported_name_exists_and_is_documented() -> None:
    doc = temporal.__doc__ or ""
    for name in temporal.__all__:
        assert hasattr(temporal, name), name
        if name not in ("ORIGIN", "EdgeKind", "Reading", "Window", "Explanation"):
            assert name in doc, f"{name} is exported but the package docstring omits it"


_LOADED = ("import sys\nfrom missionplan.model import Plan\n"
           "from missionplan.temporal import analyse, lint\n"
           "p = Plan.model_validate({'id': 'x', 'events': [{'id': 'a'}, {'id': 'b'}],"
           " 'relations': [{'id': 'r', 'from': 'a', 'to': 'b', 'max': '3d'}, "
           "{'id': 's', 'from': 'a', 'to': 'b', 'min': '%s'}]})\n"
           "lint(p, analyse(p))\n"
           "print(sorted(m for m in ('numba', 'scipy', 'networkx', 'numpy', "
           "'missionplan.temporal.conflicts', 'missionplan.temporal.relax', "
           "'missionplan.temporal.explain') if m in sys.modules))\n")


def _loaded_after_check(min_days: int) -> list[str]:
    import ast
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _LOADED % f"{min_days}d"],
                         capture_output=True, text=True, check=True).stdout
    loaded: list[str] = ast.literal_eval(out.strip())
    return loaded


def test_small_consistent_plans_load_neither_compiled_code_nor_conflict_modules() -> None:
    assert _loaded_after_check(1) == []


def test_an_inconsistent_plan_loads_the_conflict_modules_when_needed() -> None:
    loaded = _loaded_after_check(5)  # min 5 days, max 3 days: a conflict
    assert "missionplan.temporal.conflicts" in loaded
    assert "missionplan.temporal.relax" in loaded


def test_lazy_names_resolve_to_their_classes() -> None:
    from missionplan.temporal.conflicts import Change, Conflict
    from missionplan.temporal.explain import Explanation
    from missionplan.temporal.relax import Relaxation

    assert (temporal.Change, temporal.Conflict) == (Change, Conflict)
    assert (temporal.Explanation, temporal.Relaxation) == (Explanation, Relaxation)
