"""Hostile and broken input: encodings, sizes, alias bombs, nesting, unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionplan.errors import Diagnostic, PlanFileError
from missionplan.planfile import MAX_BYTES, load_plan, load_plan_bytes, loads_plan
from missionplan.planfile.convert import MAX_ALIAS_NODES
from missionplan.planfile.yamlread import compose

GOOD = "id: plan\nevents:\n  - id: a\n    name: Café\n"


def problems(call: object) -> list[Diagnostic]:
    assert callable(call)
    with pytest.raises(PlanFileError) as caught:
        call()
    return caught.value.diagnostics


def only(diagnostics: list[Diagnostic]) -> tuple[str, int | None, int | None]:
    assert len(diagnostics) == 1, [str(d) for d in diagnostics]
    d = diagnostics[0]
    assert d.location is not None
    return d.code, d.location.line, d.location.column


def test_utf8_with_and_without_bom_loads() -> None:
    data = GOOD.encode("utf-8")
    assert load_plan_bytes(data).events[0].name == "Café"
    assert load_plan_bytes(b"\xef\xbb\xbf" + data).events[0].name == "Café"


def test_latin1_byte_is_located_at_its_line_and_column() -> None:
    data = GOOD.replace("Café", "Caf\u00e9 ok").encode("latin-1")
    # line 4 is "    name: Caf" then the Latin-1 byte: it stands at column 14.
    assert only(problems(lambda: load_plan_bytes(data, filename="p.yaml"))) == \
        ("encoding", 4, 14)


def test_column_counts_characters_not_bytes() -> None:
    data = "id: plan\ntitle: ééé\xff\n".encode().replace(b"\xc3\xbf", b"\xff")
    assert only(problems(lambda: load_plan_bytes(data))) == ("encoding", 2, 11)


def test_utf16_is_named() -> None:
    data = GOOD.encode("utf-16")
    code, line, _ = only(problems(lambda: load_plan_bytes(data)))
    assert (code, line) == ("encoding", 1)


def test_control_character_is_refused_where_it_stands() -> None:
    assert only(problems(lambda: loads_plan("id: plan\ntitle: a\x07b\n"))) == ("encoding", 2, 9)


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n"])
def test_empty_files(text: str) -> None:
    code, line, _ = only(problems(lambda: loads_plan(text)))
    assert (code, line) == ("empty-file", 1)


def test_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:  # a sparse 50 MB file: nothing to parse is written
        stream.truncate(50 * 1024 * 1024)
    code, _, _ = only(problems(lambda: load_plan(big)))
    assert code == "file-too-large"


def test_bytes_over_the_limit_are_refused() -> None:
    data = b"id: plan\n" + b"#" * MAX_BYTES
    assert only(problems(lambda: load_plan_bytes(data)))[0] == "file-too-large"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    diagnostics = problems(lambda: load_plan(tmp_path / "nope.yaml"))
    assert [d.code for d in diagnostics] == ["unreadable"]


def billion_laughs(levels: int, width: int = 10) -> str:
    lines = ["id: plan", "l0: &l0 [lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * width)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("backend", ["libyaml", "ruamel"])
def test_alias_bomb_is_refused_without_expanding(backend: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("missionplan.planfile.loader.compose",
                        lambda text, file: compose(text, file, backend=backend))
    code, line, _ = only(problems(lambda: loads_plan(billion_laughs(9))))  # 10**8 nodes
    assert (code, line) == ("alias-bomb", 1)


def test_modest_aliases_are_fine() -> None:
    # 10**4 nodes of expansion is well under the limit; the extra keys are then unknown.
    assert MAX_ALIAS_NODES > 10 ** 4
    codes = {d.code for d in problems(lambda: loads_plan(billion_laughs(4)))}
    assert codes == {"unknown-key"}


def test_alias_to_itself_is_refused() -> None:
    code, line, _ = only(problems(lambda: loads_plan("id: plan\nreadings: &r [*r]\n")))
    assert (code, line) == ("alias-bomb", 2)


@pytest.mark.parametrize("depth", [300, 5000])
def test_deep_nesting_is_refused(depth: int) -> None:
    text = "id: plan\nreadings: " + "[" * depth + "]" * depth + "\n"
    code, line, _ = only(problems(lambda: loads_plan(text)))
    assert (code, line) == ("too-deep", 2)


def test_merge_keys_and_anchors_are_read() -> None:
    text = ("id: plan\nevents: [{id: a}, {id: b}]\nrelations:\n"
            "  - &base {id: r1, from: a, to: b, kind: within, max: 14d}\n"
            "  - {<<: *base, id: r2, max: 7d}\n")
    plan = loads_plan(text)
    assert [(r.id, r.from_, str(r.max)) for r in plan.relations] == \
        [("r1", "a", "14d"), ("r2", "a", "7d")]


def test_yaml_12_words_are_text() -> None:
    plan = loads_plan("id: plan\nevents:\n  - id: a\n    name: yes\n    note: off\n")
    assert (plan.events[0].name, plan.events[0].note) == ("yes", "off")


@pytest.mark.parametrize("backend", ["libyaml", "ruamel"])
def test_control_character_after_accents_is_located_in_characters(backend: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        compose("id: plan\ntitle: éé\x07\n", "f", backend=backend)
    assert only(caught.value.diagnostics) == ("encoding", 2, 10)
