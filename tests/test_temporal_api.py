"""The temporal package's public surface is exactly what its docstring documents."""

from __future__ import annotations

import missionplan.temporal as temporal


def test_every_exported_name_exists_and_is_documented() -> None:
    doc = temporal.__doc__ or ""
    for name in temporal.__all__:
        assert hasattr(temporal, name), name
        if name not in ("ORIGIN", "EdgeKind", "Reading", "Window", "Explanation"):
            assert name in doc, f"{name} is exported but the package docstring omits it"


def test_small_plans_do_not_load_the_compiled_engine() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom missionplan.model import Plan\n"
            "from missionplan.temporal import analyse, lint\n"
            "p = Plan.model_validate({'id': 'x', 'events': [{'id': 'a'}, {'id': 'b'}],"
            " 'relations': [{'id': 'r', 'from': 'a', 'to': 'b', 'max': '3d'}]})\n"
            "lint(p, analyse(p))\n"
            "print(sorted(m for m in ('numba', 'scipy', 'networkx', 'numpy')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
