"""Precision and recall of the region matcher on the labelled sections (tests/data/labelled_sections.jsonl).

Prints each item's misses, false positives and forbidden codes found, then micro precision and recall
over (section, code) pairs, the tagging time per 7 KB of text, and a JSON line last.

    python benchmarks/regions_quality.py [path/to/labelled.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from nashra.regions import gazetteer, tag_text

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_sections.jsonl"


@dataclass
class Score:
    """Counts over (section, code) pairs, and the items that went wrong."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    forbidden_found: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load_items(path: Path = LABELLED) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def section_text(item: dict) -> str:
    return f"{item['heading']}\n{item['text']}" if item.get("heading") else item["text"]


def evaluate(items: list[dict]) -> Score:
    """Tag every item and compare with its labels."""
    score = Score()
    for item in items:
        found = set(tag_text(section_text(item)))
        expected = set(item["regions"])
        score.true_positives += len(found & expected)
        missed, extra = expected - found, found - expected
        forbidden = found & set(item.get("forbidden", []))
        score.false_negatives += len(missed)
        score.false_positives += len(extra)
        score.forbidden_found += len(forbidden)
        if missed or extra:
            score.problems.append(
                f"{item['id']}: missed {sorted(missed)} extra {sorted(extra)}"
                + (f" FORBIDDEN {sorted(forbidden)}" if forbidden else "")
            )
    return score


def tagging_ms_per_7kb(items: list[dict], rounds: int = 20) -> float:
    """Mean tagging time for 7 KB of labelled text (the size of a typical article)."""
    text = "\n".join(section_text(item) for item in items)
    size = len(text.encode("utf-8"))
    start = time.perf_counter()
    for _ in range(rounds):
        tag_text(text)
    return (time.perf_counter() - start) / rounds * 1000 * 7000 / size


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else LABELLED
    started = time.perf_counter()
    gazetteer()
    load_s = time.perf_counter() - started
    items = load_items(path)
    score = evaluate(items)
    for line in score.problems:
        print(line)
    ms = tagging_ms_per_7kb(items)
    print(f"items: {len(items)}")
    print(f"precision: {score.precision:.3f}  recall: {score.recall:.3f}")
    print(f"forbidden codes found: {score.forbidden_found}")
    print(f"gazetteer load: {load_s * 1000:.0f} ms  tagging: {ms:.2f} ms per 7 KB")
    print(
        json.dumps(
            {
                "items": len(items),
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "forbidden_found": score.forbidden_found,
                "tagging_ms_per_7kb": round(ms, 3),
                "gazetteer_load_ms": round(load_s * 1000, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
