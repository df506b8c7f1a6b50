"""Precision and recall of the extractor on the labelled development set, and its speed.

Run: ``.venv/bin/python bench/extract.py`` (``--test`` adds the corpus's test
part, to be run only at the end: see tests/extract/corpus/SPLIT.md). Each text
in tests/extract/ has a hand-labelled plan beside it (``NAME.plan.yaml``); the
built-in Carana directive is measured against its hand-built plan; the corpus
of real sentences is scored per phrase class, with its misses. Speed is compared with the
alternative a user would otherwise use: reading the text once (a plain
regular-expression scan for spans, which finds but cannot place them).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

from missionplan.extract import extract_plan
from missionplan.extract.corpus import DocScore, doc_text, load_corpus, score_doc
from missionplan.extract.evaluate import score
from missionplan.extract.events import state_words
from missionplan.planfile import load_plan
from missionplan.scenarios import scenario_dir

ROOT = Path(__file__).resolve().parent.parent / "tests" / "extract"
CORPUS = ROOT / "corpus"
NAMES = Path(__file__).resolve().parent / "extract_names.tsv"


def cases() -> list[tuple[str, str, Path]]:
    out = [("carana", (scenario_dir("carana") / "directive.txt").read_text(encoding="utf-8"),
            scenario_dir("carana") / "plan.yaml")]
    for text in sorted(ROOT.glob("*.txt")):
        out.append((text.stem, text.read_text(encoding="utf-8"), text.with_suffix(".plan.yaml")))
    return out


def main() -> None:
    total_e = total_p = hit_e = hit_p = 0
    print(f"{'text':24} {'expected':>8} {'produced':>8} {'recall':>7} {'precision':>9}")
    for name, text, labels in cases():
        s = score(extract_plan(text).plan, load_plan(labels), text.splitlines())
        total_e, total_p = total_e + s.expected, total_p + s.produced
        hit_e, hit_p = hit_e + s.matched_expected, hit_p + s.matched_produced
        print(f"{name:24} {s.expected:8} {s.produced:8} {s.recall:7.2f} {s.precision:9.2f}"
              + (f"  missing {s.missing}" if s.missing else "")
              + (f"  spurious {s.spurious}" if s.spurious else ""))
    print(f"{'overall':24} {total_e:8} {total_p:8} {hit_e / total_e:7.2f} "
          f"{hit_p / max(total_p, 1):9.2f}")
    carana = cases()[0]
    every = score(extract_plan(carana[1]).plan, load_plan(carana[2]), carana[1].splitlines(),
                  all_relations=True)
    print(f"carana against all {every.expected} relations of the hand plan: recall "
          f"{every.recall:.2f} ({every.matched_expected}), precision {every.precision:.2f}; "
          f"the {len(every.missing)} not found are orders the planner read into the text "
          "(a process list, a report's inputs, 'in good time' with no event), which its "
          "words do not state (docs/extract.md lists each with its words)")
    print("  not found: " + ", ".join(every.missing))
    parts = ["dev", "test"] if "--test" in sys.argv else ["dev"]
    names = [row for part in parts for row in corpus(part)]
    NAMES.write_text("part\tlang\tdoc\treference\tdraft\n" + "\n".join(names) + "\n",
                     encoding="utf-8")
    texts = [t for _, t, _ in cases()]
    start = time.perf_counter()
    for text in texts:
        extract_plan(text)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        re.findall(r"\b\d+\s+(?:days?|weeks?|months?|years?)\b", text)
    scan = time.perf_counter() - start
    print(f"extract: {ours * 1000:.0f} ms for {len(texts)} texts; "
          f"{ours / max(scan, 1e-9):.0f}x a bare regex scan that cannot place what it finds")


def corpus(part: str) -> list[str]:
    """Scores on one part of the corpus of real sentences, per class and language."""
    total: dict[str, DocScore] = {}
    names: list[str] = []
    for doc in [d for d in load_corpus(CORPUS) if d.part == part]:
        text, _ = doc_text(doc)
        result = extract_plan(text, name=doc.id)
        review = [(r.source, f"{r.message} {r.text}") for r in result.review]
        s = score_doc(doc, result.plan, review, state_words())
        for key in (doc.lang, "all"):
            total.setdefault(key, DocScore()).add(s)
        names += [f"{part}\t{doc.lang}\t{doc.id}\t{ref}\t{got}" for ref, got, _ in s.names]
    print(f"\ncorpus, {part} part")
    for key, s in total.items():
        found, expected = sum(s.found.values()), sum(s.expected.values())
        print(f"  {key:4} relations: recall {s.correct}/{s.labels} = "
              f"{s.correct / max(s.labels, 1):.2f}, precision "
              f"{s.correct}/{s.produced} = {s.correct / max(s.produced, 1):.2f}; names "
              f"accepted (proxy) {sum(ok for *_, ok in s.names)}/{len(s.names)}; review words "
              f"{s.review_found}/{s.review_expected}; invented numbers {len(s.invented)}"
              f"  ({found} of {expected} class labels)")
        print("       per class: " + ", ".join(
            f"{c} {s.found[c]}/{n}" for c, n in sorted(s.expected.items())))
    every = total.get("all", DocScore())
    for miss in every.missing:
        print(f"  missed   {miss}")
    for extra in every.spurious:
        print(f"  spurious {extra}")
    for made in every.invented:
        print(f"  invented {made}")
    return names


def _ratio(found: Counter[str], expected: Counter[str]) -> str:
    n, d = sum(found.values()), sum(expected.values())
    return f"{n}/{d} = {n / max(d, 1):.2f}"


if __name__ == "__main__":
    main()
