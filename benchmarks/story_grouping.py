"""Story collapsing on real news: how its bounded comparison groups against comparing every pair.

SaudiNewsNet (../shared/real/saudinewsnet: 14 Saudi outlets, July-August 2015): each article is one
section, summarized extractively as a digest does when no model summary is stored, all under one
region (every pair of a window is then a candidate: the busiest case). For each window, most recent
first as a digest reads it, printed:

* ``stories`` and CPU seconds of :func:`nashra.digest.compose.collapse_stories` as shipped;
* the same with no bound on the neighbours compared per rare word (``unbounded``), the grouping the
  bound must keep;
* for windows of up to three days, every pair compared (``all pairs``, the Jaccard rule alone): the
  same-story pairs it finds, how many of them the shipped grouping misses (puts in different
  stories), and how many pairs the shipped grouping joins that all pairs do not connect (0 by
  construction: every join is a checked pair).

One JSON line with every figure comes last.

    python benchmarks/story_grouping.py [--corpus ../shared/real/saudinewsnet]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from itertools import combinations
from pathlib import Path
from typing import Any

from nashra.arabic import word_list
from nashra.digest import compose
from nashra.digest.compose import SAME_STORY_JACCARD, SectionInput, collapse_stories
from summarizer.extractive import extractive_summary

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "real" / "saudinewsnet"
# (label, days): one day, two spans of three days (the default delivery.max_age_days), three weeks.
WINDOWS = [
    ("one day", ["2015-08-01"]),
    ("three days", ["2015-07-21", "2015-07-22", "2015-07-23"]),
    ("three days", ["2015-08-06", "2015-08-07", "2015-08-08"]),
    ("three weeks", None),
]
ALL_PAIRS_UP_TO = 7000  # sections; every pair of a bigger window takes minutes in Python


def sections_of(corpus: Path, days: list[str] | None) -> list[SectionInput]:
    """One section per article of ``days`` (every day when None), most recent first."""
    paths = sorted(corpus.glob("*.zip")) if days is None else [corpus / f"{day}.zip" for day in days]
    articles = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                articles += json.loads(archive.read(name))
    articles.sort(key=lambda a: a["date_extracted"], reverse=True)
    sections = []
    for number, article in enumerate(articles):
        summary = extractive_summary(None, article.get("content") or "", words=30)
        if summary.strip():
            stamp = article["date_extracted"]
            sections.append(
                SectionInput(number, summary, article["source"], article["url"], stamp, stamp, ("SA",))
            )
    return sections


def story_numbers(sections: list[SectionInput]) -> tuple[list[int], float]:
    """The story number of each section, and the CPU seconds it took to group them."""
    started = time.process_time()
    stories = collapse_stories(sections)
    cpu = time.process_time() - started
    number = {id(s): rank for rank, story in enumerate(stories) for s in story.sections}
    return [number[id(s)] for s in sections], cpu


def all_pairs(sections: list[SectionInput]) -> tuple[list[tuple[int, int]], list[int]]:
    """Every same-story pair by the Jaccard rule alone, and each section's group when they are joined."""
    bags = [frozenset(w for w in word_list(s.summary) if len(w) >= 3) for s in sections]
    same = [
        (i, j)
        for i, j in combinations(range(len(bags)), 2)
        if len(bags[i] & bags[j]) >= SAME_STORY_JACCARD * len(bags[i] | bags[j]) > 0
    ]
    parent = list(range(len(bags)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in same:
        parent[root(i)] = root(j)
    return same, [root(i) for i in range(len(bags))]


def joined_pairs(groups: list[int]) -> int:
    sizes: dict[int, int] = {}
    for group in groups:
        sizes[group] = sizes.get(group, 0) + 1
    return sum(n * (n - 1) // 2 for n in sizes.values())


def window(label: str, days: list[str] | None, corpus: Path) -> dict[str, Any]:
    sections = sections_of(corpus, days)
    shipped, cpu = story_numbers(sections)
    # A version of Nashra without the bound (before it was added) is its own unbounded grouping.
    bound = getattr(compose, "_NEIGHBOURS_PER_TOKEN", None)
    unbounded, unbounded_cpu = shipped, cpu
    if bound is not None:
        compose._NEIGHBOURS_PER_TOKEN = len(sections) + 1
        try:
            unbounded, unbounded_cpu = story_numbers(sections)
        finally:
            compose._NEIGHBOURS_PER_TOKEN = bound
    result: dict[str, Any] = {
        "window": label,
        "days": days or "all",
        "sections": len(sections),
        "stories": len(set(shipped)),
        "cpu_s": round(cpu, 3),
        "unbounded_stories": len(set(unbounded)),
        "unbounded_cpu_s": round(unbounded_cpu, 3),
        "same_as_unbounded": _same_partition(shipped, unbounded),
    }
    if len(sections) <= ALL_PAIRS_UP_TO:
        same, groups = all_pairs(sections)
        result["all_pairs_same_story"] = len(same)
        result["all_pairs_stories"] = len(set(groups))
        result["missed"] = sum(1 for i, j in same if shipped[i] != shipped[j])
        result["missed_share"] = round(result["missed"] / max(1, len(same)), 4)
        together = [(i, j) for i, j in combinations(range(len(sections)), 2) if shipped[i] == shipped[j]]
        result["joined_not_connected"] = sum(1 for i, j in together if groups[i] != groups[j])
    result["joined_pairs"] = joined_pairs(shipped)
    result["unbounded_joined_pairs"] = joined_pairs(unbounded)
    return result


def _same_partition(first: list[int], second: list[int]) -> bool:
    """Whether two story numberings group the sections alike (numbers may differ)."""
    mapping: dict[int, int] = {}
    for a, b in zip(first, second, strict=True):
        if mapping.setdefault(a, b) != b:
            return False
    return len(set(mapping.values())) == len(mapping)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    results = []
    for label, days in WINDOWS:
        result = window(label, days, args.corpus)
        results.append(result)
        line = (
            f"{label} ({result['sections']:,} sections): {result['stories']:,} stories in "
            f"{result['cpu_s']:.2f} s CPU; unbounded neighbours: {result['unbounded_stories']:,} stories "
            f"({'same grouping' if result['same_as_unbounded'] else 'different grouping'}, "
            f"{result['joined_pairs']:,} vs {result['unbounded_joined_pairs']:,} joined pairs)"
        )
        if "missed" in result:
            line += (
                f"; all pairs: {result['all_pairs_same_story']:,} same-story pairs, "
                f"{result['missed']} missed ({100 * result['missed_share']:.1f} %), "
                f"{result['joined_not_connected']} joined that all pairs do not connect"
            )
        print(line, flush=True)
    print(json.dumps({"windows": results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
