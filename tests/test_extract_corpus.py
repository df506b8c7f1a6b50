"""The corpus of real sentences (tests/extract/corpus): its shape, its split, and the
extractor's floor on the development part. The test part is scored by bench/extract.py
--test only, never here, so no test tunes on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from missionplan.cli import main
from missionplan.extract import extract_plan
from missionplan.extract.corpus import DocScore, doc_text, key_words, load_corpus, score_doc
from missionplan.extract.events import state_words
from missionplan.extract.french import describe_fr, french_numbers
from missionplan.extract.temporal import parse_phrase

CORPUS = Path(__file__).parent / "extract" / "corpus"
DOCS = load_corpus(CORPUS)


def test_corpus_is_real_split_and_cited() -> None:
    assert len(DOCS) >= 30 and sum(d.lang == "fr" for d in DOCS) >= 10
    test = [d for d in DOCS if d.part == "test"]
    assert len(test) * 3 >= len(DOCS)
    for doc in DOCS:
        for sentence in doc.sentences:
            assert sentence.at.split()[0] in "abcdefgh", sentence.at
            for label in sentence.relations:
                for key in ("from", "to", "start"):
                    assert key not in label or label[key] in doc.events, (doc.id, label)


def _dev_score(lang: str) -> DocScore:
    total = DocScore()
    for doc in [d for d in DOCS if d.part == "dev" and d.lang == lang]:
        text, _ = doc_text(doc)
        result = extract_plan(text, name=doc.id)
        s = score_doc(doc, result.plan, [(r.source, f"{r.message} {r.text}")
                                         for r in result.review], state_words())
        total.add(s)
    return total


@pytest.mark.parametrize(("lang", "recall", "precision"), [("en", 0.60, 0.68),
                                                           ("fr", 0.60, 0.70)])
def test_development_part_floor(lang: str, recall: float, precision: float) -> None:
    """Floors at the figures reached (docs/extract.md); they may only rise."""
    s = _dev_score(lang)
    assert s.correct / s.labels >= recall
    assert s.correct / s.produced >= precision
    assert not s.invented, s.invented
    assert s.review_found >= 0.9 * s.review_expected


@pytest.mark.parametrize(("phrase", "kind", "lo", "hi"), [
    ("dans un délai de quatorze jours suivant la signature", "within", "0d", "14d"),
    ("trois semaines après le retour", "after", "3w", "3w"),
    ("au moins une semaine avant les élections", "prior", None, "-1w"),
    ("between 30 and 45 days after the signing", "after", "30d", "45d"),
    ("not earlier than sixty days and not later than ninety days after the signing",
     "within", "60d", "90d"),
    ("within seventy-two hours of the signing", "within", "0d", "72h"),
    ("for an initial period of three months", "period", "3mo", "3mo"),
    ("pour une période de douze mois", "period", "12mo", "12mo"),
    ("by E-Day + 60", "dplus", "0d", "60d"),
])
def test_spans_in_both_languages(phrase: str, kind: str, lo: str | None, hi: str) -> None:
    french = any(w in phrase.split() for w in ("dans", "après", "avant", "pour"))
    parsed = parse_phrase(french_numbers(phrase) if french else phrase)
    assert parsed is not None and parsed.kind == kind
    assert (str(parsed.lo) if parsed.lo else None, str(parsed.hi)) == (lo, hi)


@pytest.mark.parametrize(("phrase", "day"), [
    ("by mid-2008", "2008-06-30"), ("by mid-October, 2006", "2006-10-15"),
    ("no later than October 2007", "2007-10-31"), ("au plus tard le 1er janvier 2021",
                                                   "2021-01-01"),
    ("avant mars 2024", "2024-02-29"), ("until 30 June 2020", "2020-06-30"),
    ("jusqu'au 15 mars 2010", "2010-03-15"), ("in the first quarter of 2009", "2009-03-31"),
])
def test_calendar_forms(phrase: str, day: str) -> None:
    parsed = parse_phrase(phrase)
    assert parsed is not None and str(parsed.date) == day


def test_a_date_without_a_year_and_vague_words_are_reviewed_not_invented() -> None:
    text = ("Accord (texte d'essai)\n\nCALENDRIER\n\nLa Commission sera créée au plus tard le "
            "31 mars.\n\nLes réfugiés rentreront dès que possible.\n")
    result = extract_plan(text)
    assert not result.plan.relations
    assert {"date-without-year", "vague-time"} <= {r.code for r in result.review}


def test_recurrences_every_n_thereafter_in_both_languages() -> None:
    en = extract_plan("Resolution (test text)\n\nOPERATIVE\n\nRequests the Secretary-General to "
                      "report within 30 days of the adoption of this resolution and every 30 "
                      "days thereafter;\n").plan
    (rec,) = en.recurrences
    assert str(rec.every) == "30d" and rec.start == en.relations[0].to
    fr = extract_plan("Résolution (texte d'essai)\n\nDISPOSITIF\n\nPrie le Secrétaire général de "
                      "lui présenter un rapport tous les 90 jours ;\n").plan
    assert [str(r.every) for r in fr.recurrences] == ["90d"]


def test_french_names_agree_with_their_noun() -> None:
    assert describe_fr("Formation du Gouvernement").label == "Gouvernement formé"
    assert describe_fr("la mise en place des unités mixtes").label == "Unités mixtes mises en place"
    assert describe_fr("la création de la Commission").label == "Commission créée"


def test_key_words_leave_out_the_state_and_what_the_sentence_does_not_say() -> None:
    assert key_words("Sarajevo withdrawal completed") == ["sarajevo", "withdrawal"]
    assert key_words("E-Day (ceasefire in force)", "E-Day + 30: definition") == ["e", "day"]


def _run(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(path) + ".yaml"])
    return result.exit_code, result.output


@pytest.mark.parametrize(("content", "words"), [
    (b"%PDF-1.4\x00\x01binary", "binary file"),
    ("Le Conseil décide".encode("utf-16"), "UTF-16"),
    ("Le Conseil décide de proroger le mandat".encode("latin-1"), "not UTF-8"),
    (("Der Sicherheitsrat beschließt, das Mandat der Mission zu verlängern, und ersucht "
      "den Generalsekretär, ihm innerhalb von dreißig Tagen einen Bericht vorzulegen, "
      "danach alle neunzig Tage über die Fortschritte bei der Durchführung des "
      "Abkommens zu berichten und dabei die Lage vor Ort sorgfältig zu beobachten "
      "sowie alle Parteien aufzufordern, die Waffenruhe unverzüglich einzuhalten.")
     .encode(), "neither English nor French"),
])
def test_bad_input_gets_a_message_and_no_draft(tmp_path: Path, content: bytes,
                                               words: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, output = _run(path)
    assert code != 0 and words in " ".join(output.split())
    assert "Traceback" not in output and not Path(str(path) + ".yaml").exists()


def test_a_huge_text_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.seek(50 * 1024 * 1024)
        f.write(b"\n")
    code, output = _run(path)
    assert code != 0 and "MB" in output and not Path(str(path) + ".yaml").exists()
