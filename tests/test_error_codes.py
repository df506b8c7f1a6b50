"""docs/errors.md cannot drift: every stable code in the source is on it, and nothing else.

The codes are collected from the source by reading it (``ast``), not by importing it,
from every place a code is given:

- ``code=...`` in any call (``MissionplanError(..., code="bad-option")`` and friends);
- the code argument of anything whose signature takes a ``code`` parameter
  (``diagnostic("yaml-tag", ...)``, ``RowError("bad-sex", ...)``, ``self._flag(...)``,
  the web room's ``_problem(request, 403, "forbidden", ...)``...), found from the
  definitions, so a new helper is covered without touching this test;
- the fields of records that carry a code (dataclasses and models with a ``code`` or
  ``error`` field: ``Diagnostic``, ``ReviewItem``, the web API's ``Conflict``);
- class-level ``code = "..."`` (the exception classes' default codes);
- values assigned to a variable named ``code`` and strings returned by functions named
  ``*_code`` (codes worked out in a helper); an f-string there is a pattern;
- module-level registries named ``CODES`` (the plan-file loader's table);
- JSON problem answers written as dict literals with an ``error`` (or ``code``) and a
  ``message`` key (``{"error": "not-signed-in", "message": ...}``);
- ``error[CODE]`` written into text (the CLI's ``error[io]`` line).

A code given as a name is resolved through module-level string constants
(``CODE = "deployment-data"``); a name or attribute that is not a constant forwards a
code made elsewhere (``exc.code``) and is not a code itself.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "missionplan"
DOC = ROOT / "docs" / "errors.md"

CODE_SHAPE = re.compile(r"[a-z]+(?:-[a-z]+)*")
"""A stable code: lower-case words joined by hyphens."""

_RECORD_FIELDS = ("code", "error")
_IN_TEXT = re.compile(r"\b(?:error|warning|info|review)\[([^\]\s{}]+)\]")
_DOC_ROW = re.compile(r"^\|\s*(`[^|]*`)\s*\|")
_DOC_CODE = re.compile(r"`([^`]+)`")


@dataclass
class Found:
    """What a scan of the source found: each code or pattern with where it is given."""

    codes: dict[str, list[str]] = field(default_factory=dict)
    patterns: dict[str, list[str]] = field(default_factory=dict)
    opaque: list[str] = field(default_factory=list)

    def add(self, code: str, where: str) -> None:
        places = self.codes.setdefault(code, [])
        if where not in places:
            places.append(where)


# -- reading the source ------------------------------------------------------------------------

@dataclass
class _Module:
    path: str
    tree: ast.Module
    nodes: list[ast.AST]
    """Every node, breadth first (a scope before what it holds), walked once."""


def _modules(src: Path) -> list[_Module]:
    out = []
    for file in sorted(src.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        out.append(_Module(str(file.relative_to(src.parent.parent)), tree, list(ast.walk(tree))))
    return out


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` (annotated or not)."""
    out: dict[str, str] = {}
    for node in tree.body:
        target, value = _assigned(node)
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant) \
                and isinstance(value.value, str):
            out[target.id] = value.value
    return out


def _assigned(node: ast.AST) -> tuple[ast.expr | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return node.targets[0], node.value
    if isinstance(node, ast.AnnAssign):
        return node.target, node.value
    return None, None


def _callee(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_dataclass(cls: ast.ClassDef) -> bool:
    for deco in cls.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        name = target.id if isinstance(target, ast.Name) else \
            target.attr if isinstance(target, ast.Attribute) else ""
        if name == "dataclass":
            return True
    return False


@dataclass
class _Takers:
    """Callables that take a code: where in their positional arguments, under which keyword."""

    positions: dict[str, set[int]] = field(default_factory=dict)
    keywords: dict[str, set[str]] = field(default_factory=dict)

    def position(self, name: str, index: int) -> None:
        self.positions.setdefault(name, set()).add(index)

    def keyword(self, name: str, key: str) -> None:
        self.keywords.setdefault(name, set()).add(key)


def _takers(modules: Iterable[_Module]) -> _Takers:
    takers = _Takers()
    for module in modules:
        methods: set[int] = set()
        for node in module.nodes:  # a class is met before its methods
            if isinstance(node, ast.ClassDef):
                _record_class(node, takers)
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        methods.add(id(item))
                        name = node.name if item.name == "__init__" else item.name
                        static = any(isinstance(d, ast.Name) and d.id == "staticmethod"
                                     for d in item.decorator_list)
                        _signature(name, item.args, 0 if static else 1, takers)
            elif isinstance(node, ast.FunctionDef) and id(node) not in methods:
                _signature(node.name, node.args, 0, takers)
    return takers


def _signature(name: str, args: ast.arguments, skip: int, takers: _Takers) -> None:
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    if "code" in positional:
        takers.position(name, positional.index("code") - skip)
    if "code" in positional or "code" in [a.arg for a in args.kwonlyargs]:
        takers.keyword(name, "code")


def _record_class(cls: ast.ClassDef, takers: _Takers) -> None:
    fields = [st.target.id for st in cls.body
              if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)
              and not (isinstance(st.annotation, ast.Name) and st.annotation.id == "ClassVar")]
    for key in _RECORD_FIELDS:
        if key in fields:
            takers.keyword(cls.name, key)
            if _is_dataclass(cls):
                takers.position(cls.name, fields.index(key))


# -- finding the codes -------------------------------------------------------------------------

def _pattern(node: ast.JoinedStr) -> str:
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(re.escape(str(value.value)))
        else:
            parts.append(CODE_SHAPE.pattern)
    return "".join(parts)


class _Resolver:
    def __init__(self, constants: dict[str, str], shared: dict[str, str], found: Found) -> None:
        self.constants, self.shared, self.found = constants, shared, found

    def value(self, node: ast.expr, where: str, *, strict: bool = True) -> None:
        """Record the code(s) ``node`` gives; ``strict``: an unreadable expression is a fault."""
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                self.found.add(node.value, where)
            elif node.value is not None and strict:
                self.found.opaque.append(f"{where}: {ast.unparse(node)}")
        elif isinstance(node, ast.IfExp):
            self.value(node.body, where, strict=strict)
            self.value(node.orelse, where, strict=strict)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                self.value(value, where, strict=strict)
        elif isinstance(node, ast.JoinedStr):
            self.found.patterns.setdefault(_pattern(node), []).append(where)
        elif isinstance(node, ast.Name):
            text = self.constants.get(node.id, self.shared.get(node.id))
            if text is not None:
                self.found.add(text, where)
            # else: a variable forwarding a code made elsewhere
        elif isinstance(node, ast.Attribute | ast.Subscript | ast.Starred):
            pass  # forwarding a code made elsewhere (exc.code, abort.code)
        elif strict:
            self.found.opaque.append(f"{where}: {ast.unparse(node)}")


def _shared_constants(modules: list[_Module]) -> dict[str, str]:
    """Module constants whose name means one text across the package (for imported names)."""
    seen: dict[str, set[str]] = {}
    for module in modules:
        for name, text in _constants(module.tree).items():
            seen.setdefault(name, set()).add(text)
    return {name: texts.pop() for name, texts in seen.items() if len(texts) == 1}


def _returns(func: ast.FunctionDef) -> Iterator[ast.expr]:
    for node in ast.walk(func):
        if isinstance(node, ast.Return) and node.value is not None:
            yield node.value


_SCOPES = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
_LOOKED_AT = (ast.Call, ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.Dict, ast.Constant)


def _docstring(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
               ) -> int | None:
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        return id(first.value)
    return None


def scan(src: Path) -> Found:
    """Every code given anywhere under ``src``, each with the ``file:line`` places giving it."""
    modules = _modules(src)
    takers = _takers(modules)
    shared = _shared_constants(modules)
    found = Found()
    for module in modules:
        path, tree = module.path, module.tree
        resolve = _Resolver(_constants(tree), shared, found)
        top = {id(node) for node in tree.body}
        docstrings: set[int | None] = set()
        for node in module.nodes:  # breadth first: a scope before its docstring
            if isinstance(node, _SCOPES):
                docstrings.add(_docstring(node))
            if not isinstance(node, _LOOKED_AT):
                continue
            where = f"{path}:{node.lineno}"
            if isinstance(node, ast.Call):
                _call(node, takers, resolve, where)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                target, value = _assigned(node)
                if not isinstance(target, ast.Name) or value is None:
                    continue
                if target.id == "code":  # a class's default code, or one worked out
                    resolve.value(value, where, strict=False)
                elif target.id == "CODES" and id(node) in top and isinstance(value, ast.Dict):
                    for key in value.keys:
                        if key is not None:
                            resolve.value(key, where)
            elif isinstance(node, ast.FunctionDef):
                if node.name.endswith("_code"):  # a helper working a code out
                    for value in _returns(node):
                        resolve.value(value, f"{path}:{value.lineno}", strict=False)
            elif isinstance(node, ast.Dict):
                _problem_answer(node, resolve, where)
            elif isinstance(node.value, str) and id(node) not in docstrings:
                for match in _IN_TEXT.finditer(node.value):
                    found.add(match.group(1), where)
    return found


def _call(node: ast.Call, takers: _Takers, resolve: _Resolver, where: str) -> None:
    name = _callee(node)
    keys = takers.keywords.get(name or "", set()) | {"code"}
    for kw in node.keywords:
        if kw.arg in keys:
            resolve.value(kw.value, where)
    for index in takers.positions.get(name or "", set()):
        if 0 <= index < len(node.args) and not any(isinstance(a, ast.Starred)
                                                   for a in node.args[:index + 1]):
            resolve.value(node.args[index], where)


def _problem_answer(node: ast.Dict, resolve: _Resolver, where: str) -> None:
    keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if "message" in keys:
        for key in _RECORD_FIELDS:
            if key in keys:
                resolve.value(keys[key], where)


# -- reading the page --------------------------------------------------------------------------

def documented(text: str) -> dict[str, list[int]]:
    """The codes in the first cell of each table row, each with its line numbers."""
    out: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        row = _DOC_ROW.match(line)
        if row:
            for code in _DOC_CODE.findall(row.group(1)):
                out.setdefault(code, []).append(number)
    return out


# -- the verdicts ------------------------------------------------------------------------------

def undocumented(found: Found, docs: dict[str, list[int]]) -> list[str]:
    """Codes (and patterns) in the source that the page does not list, with where they are."""
    out = [f"{code} (given at {', '.join(places)})"
           for code, places in sorted(found.codes.items()) if code not in docs]
    out += [f"{pattern} (an f-string at {', '.join(places)}, no documented code matches)"
            for pattern, places in sorted(found.patterns.items())
            if not any(re.fullmatch(pattern, code) for code in docs)]
    return out


def dead(found: Found, docs: dict[str, list[int]]) -> list[str]:
    """Codes the page lists that nothing in the source gives."""
    return [f"{code} (docs/errors.md line {', '.join(map(str, lines))})"
            for code, lines in sorted(docs.items()) if code not in found.codes]


def misshapen(found: Found, docs: dict[str, list[int]]) -> list[str]:
    out = [f"{code!r} (given at {', '.join(places)})"
           for code, places in sorted(found.codes.items()) if not CODE_SHAPE.fullmatch(code)]
    out += [f"{code!r} (docs/errors.md line {', '.join(map(str, lines))})"
            for code, lines in sorted(docs.items()) if not CODE_SHAPE.fullmatch(code)]
    return out


@cache
def _source() -> Found:
    return scan(SRC)


@cache
def _page() -> dict[str, list[int]]:
    return documented(DOC.read_text(encoding="utf-8"))


# -- the tests ---------------------------------------------------------------------------------

def test_every_code_in_the_source_is_documented() -> None:
    missing = undocumented(_source(), _page())
    assert not missing, "codes missing from docs/errors.md:\n  " + "\n  ".join(missing)


def test_every_documented_code_is_still_in_the_source() -> None:
    stale = dead(_source(), _page())
    assert not stale, "docs/errors.md lists codes the source no longer gives:\n  " + \
        "\n  ".join(stale)


def test_codes_are_lowercase_words_joined_by_hyphens() -> None:
    bad = misshapen(_source(), _page())
    assert not bad, "codes not shaped like 'word-word':\n  " + "\n  ".join(bad)


def test_every_code_is_given_in_a_form_the_scan_can_read() -> None:
    opaque = _source().opaque
    assert not opaque, "codes given as expressions this test cannot read (use a literal or " \
        "a module constant):\n  " + "\n  ".join(opaque)


def test_the_page_and_the_scan_are_not_empty() -> None:
    assert len(_page()) >= 50
    assert len(_source().codes) >= 50


# -- the scanner finds what it claims to ---------------------------------------------------------

_FAKE = '''
from ..errors import Diagnostic, MissionplanError

KIND = "fake-constant"


class FakeError(MissionplanError):
    code = "fake-class"


@dataclass
class FakeRecord:
    message: str
    code: str


def _helper(where: str, code: str, message: str) -> None:
    ...


def _fake_code(x: int) -> str:
    return "fake-returned" if x else "fake-returned-too"


def emit(x: int, exc: MissionplanError) -> object:
    MissionplanError("boom", code="fake-keyword")
    Diagnostic("fake-diagnostic", "boom")
    Diagnostic(KIND, "boom")
    FakeRecord("boom", "fake-record")
    _helper("here", "fake-helper" if x else "fake-helper-else", "boom")
    _helper("here", exc.code, "boom")
    code = "fake-assigned" if x else f"fake-{x}"
    print(f"error[fake-text]: {exc}")
    print("just text with [brackets] and a list[int]")
    return {"error": "fake-answer", "message": "boom"}, {"error": "red bold"}
'''


def _fake_package(tmp_path: Path, text: str) -> Path:
    """A package of the real ``errors.py`` and ``fake.py`` holding ``text``."""
    src = tmp_path / "src" / "missionplan"
    src.mkdir(parents=True)
    (src / "errors.py").write_text((SRC / "errors.py").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    (src / "fake.py").write_text(text, encoding="utf-8")
    return src


def _at(text: str, needle: str) -> str:
    """Where ``needle`` first stands in a fake module, as the scan names it."""
    line = next(n for n, s in enumerate(text.splitlines(), start=1) if needle in s)
    return f"src/missionplan/fake.py:{line}"


def _fake_only(found: Found) -> set[str]:
    return {c for c, places in found.codes.items()
            if any(p.startswith("src/missionplan/fake.py") for p in places)}


def test_the_scan_finds_a_code_in_every_place_one_is_given(tmp_path: Path) -> None:
    found = scan(_fake_package(tmp_path, _FAKE))
    assert _fake_only(found) == {
        "fake-constant", "fake-class", "fake-keyword", "fake-diagnostic", "fake-record",
        "fake-helper", "fake-helper-else", "fake-returned", "fake-returned-too",
        "fake-assigned", "fake-text", "fake-answer",
    }
    assert found.codes["fake-keyword"] == [_at(_FAKE, '"fake-keyword"')]
    assert found.patterns == {"fake\\-" + CODE_SHAPE.pattern: [_at(_FAKE, 'f"fake-{x}"')]}
    assert found.opaque == []
    assert "red bold" not in found.codes  # a dict without "message" is no problem answer


def test_the_verdicts_name_the_offending_codes_and_places(tmp_path: Path) -> None:
    text = _FAKE + '\nMissionplanError("x", code="Not_A_Code")\n'
    found = scan(_fake_package(tmp_path, text))
    docs = documented("| code | meaning |\n|---|---|\n| `fake-class` | x |\n"
                      "| `fake-keyword`, `gone-code` | y |\n| `fake-0` | z |\n")
    assert docs == {"fake-class": [3], "fake-keyword": [4], "gone-code": [4], "fake-0": [5]}
    missing = undocumented(found, docs)
    assert "fake-diagnostic (given at " + _at(text, 'Diagnostic("fake') + ")" in missing
    assert not any(m.startswith(("fake-class ", "fake-keyword ")) for m in missing)
    pattern = "fake\\-" + CODE_SHAPE.pattern
    assert not any(m.startswith(pattern) for m in missing)  # `fake-class` fits f"fake-{x}"
    where = _at(text, 'f"fake-')
    assert f"{pattern} (an f-string at {where}, no documented code matches)" \
        in undocumented(found, {"other-code": [1]})
    assert dead(found, docs) == ["fake-0 (docs/errors.md line 5)",
                                 "gone-code (docs/errors.md line 4)"]
    bad = misshapen(found, docs)
    assert f"'Not_A_Code' (given at {_at(text, 'Not_A_Code')})" in bad
    assert "'fake-0' (docs/errors.md line 5)" in bad


def test_an_unreadable_code_is_reported(tmp_path: Path) -> None:
    found = scan(_fake_package(tmp_path, 'MissionplanError("x", code=make_code())\n'))
    assert found.opaque == ["src/missionplan/fake.py:1: make_code()"]
