"""Precision and recall of the region matcher against hand-labelled sections.

Lives in the package so that the quality benchmark and the tests score tagging the same way. A labelled
item is one JSON object per line: ``{"id", "heading", "text", "regions", "forbidden", "note"}``, where
``regions`` lists every code a careful editor expects (countries of subdivisions included) and
``forbidden`` lists codes that must never be found (traps such as a channel named after a town).
Two optional keys: ``optional`` lists codes that may be found or not (a country named only through an
institution, a town named only in a dateline): found, they count neither for nor against; ``context``
is the text around the section (the article's title), passed to the matcher as context only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nashra.regions.matcher import tag_text


@dataclass(frozen=True)
class ItemResult:
    """How one labelled section fared: codes expected but not found, found but not expected."""

    id: str
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    forbidden: tuple[str, ...]

    def describe(self) -> str:
        line = f"{self.id}: missed {list(self.missed)} extra {list(self.extra)}"
        return line + (f" FORBIDDEN {list(self.forbidden)}" if self.forbidden else "")


@dataclass
class Report:
    """Micro counts over (section, code) pairs, and the items that went wrong."""

    items: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    forbidden_found: int = 0
    wrong: list[ItemResult] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def problems(self) -> list[str]:
        """One readable line per item that went wrong (for assertion messages and the benchmark)."""
        return [result.describe() for result in self.wrong]


def load_items(path: Path) -> list[dict]:
    """Read a labelled set: one JSON object per non-empty line."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def section_text(item: dict) -> str:
    """The text the matcher sees for an item: its heading (when there is one) over its body."""
    return f"{item['heading']}\n{item['text']}" if item.get("heading") else item["text"]


def evaluate(items: Iterable[dict]) -> Report:
    """Tag every item and compare the codes found with its labels."""
    report = Report()
    for item in items:
        report.items += 1
        found = set(tag_text(section_text(item), context=item.get("context")))
        found -= set(item.get("optional", ())) - set(item["regions"])
        expected = set(item["regions"])
        missed, extra = expected - found, found - expected
        forbidden = found & set(item.get("forbidden", []))
        report.true_positives += len(found & expected)
        report.false_negatives += len(missed)
        report.false_positives += len(extra)
        report.forbidden_found += len(forbidden)
        if missed or extra or forbidden:
            report.wrong.append(
                ItemResult(item["id"], tuple(sorted(missed)), tuple(sorted(extra)), tuple(sorted(forbidden)))
            )
    return report
