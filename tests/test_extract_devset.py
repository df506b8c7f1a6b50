"""The labelled development set in tests/extract/: each text against its hand labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionplan.extract import extract_plan
from missionplan.extract.evaluate import score
from missionplan.planfile import load_plan

ROOT = Path(__file__).parent / "extract"
TEXTS = sorted(ROOT.glob("*.txt"))


def test_development_set_has_five_texts_with_labels() -> None:
    assert len(TEXTS) >= 5
    for text in TEXTS:
        assert text.with_suffix(".plan.yaml").is_file()
        assert "Source:" in text.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_each_text_meets_its_labels(text: Path) -> None:
    body = text.read_text(encoding="utf-8")
    labels = load_plan(text.with_suffix(".plan.yaml"))
    result = score(extract_plan(body).plan, labels, body.splitlines())
    assert result.expected >= 2
    assert result.recall >= 0.75, result.missing
    assert result.precision >= 0.75, result.spurious
