"""Precision and recall of the region matcher against hand-labelled sections.

Lives in the package so that the quality benchmark and the tests score tagging the same way. A labelled
item is one JSON object per line: ``{"id", "heading", "text", "regions", "forbidden", "note"}``, where
``regions`` lists every code a careful editor expects (countries of subdivisions included) and
``forbidden`` lists codes that must never be found (traps such as a channel named after a town).
Optional keys: ``optional`` lists codes that may be found or not (a country named only through an
institution, a town named only in a dateline): found, they count neither for nor against; ``context``
is the text around the section (the article's title), passed to the matcher as context only.
``article`` and ``section`` (a name for the article and the section's 0-based place in it) mark items
that are every section of one article: those are tagged together, as ``nashra sections`` tags a file
(:func:`nashra.regions.tag_sections`, the title and every section as context), so that the score is the
product's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nashra.regions.matcher import tag_sections, tag_text


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


def found_codes(items: Sequence[dict], home: str | None = None) -> list[set[str]]:
    """The codes the matcher finds for each item: alone, or with the other sections of its article;
    ``home`` is the outlet's country the product would be given (``Article.home_country``), or None."""
    found: list[set[str] | None] = [None] * len(items)
    articles: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        if "article" in item:
            articles.setdefault(item["article"], []).append(position)
        else:
            found[position] = set(tag_text(section_text(item), context=item.get("context"), home=home))
    for positions in articles.values():
        positions.sort(key=lambda p: items[p]["section"])
        first = items[positions[0]]
        sections = [(items[p].get("heading"), items[p]["text"]) for p in positions]
        tags = tag_sections(first.get("context") or "", sections, home=home)
        for p, codes in zip(positions, tags, strict=True):
            found[p] = set(codes)
    return [codes or set() for codes in found]


def evaluate(items: Iterable[dict], home: str | None = None) -> Report:
    """Tag every item (with the outlet's country ``home``, or none) and compare the codes found with its
    labels."""
    report = Report()
    items = list(items)
    for item, found in zip(items, found_codes(items, home), strict=True):
        report.items += 1
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
