"""Exact-section rate on hand-labelled real articles (tests/data/sections/*.jsonl).

Each labelled article is cut twice: as a text file in Nashra's layout (title, outlet/byline line,
paragraphs) and as a JSON record (outlet in ``source``, body only). An article counts as exact when
its headings, the start of every section, the end of its text and the absence of labelled furniture
all match the label (see nashra/articles/evaluation.py). The ``tune`` split is what the sectioning
rules were developed against; ``heldout`` was labelled at the same time and never looked at while
tuning. labels_heldout2.jsonl was labelled later by an editor who had not seen the rules' output:
its ``blind`` split was scored before any rule was changed for it, its ``dev`` split is what those
changes were made against. labels_heldout3.jsonl (split ``blind3``, 30 SaudiNewsNet articles) was
labelled the same way, before the analysis was run on them, and so were labels_heldout4.jsonl (split
``blind4``, 30 more), labels_heldout5.jsonl (``blind5``, 30 more), labels_heldout6.jsonl (``blind6``, 30
more), labels_heldout7.jsonl (``blind7``, 15 more), labels_heldout8.jsonl (``blind8``, 15 more),
labels_heldout9.jsonl (``blind9``, 15 more), labels_heldout10.jsonl (``blind10``, 15 more) and
labels_heldout11.jsonl (``blind11``, 15 more): each
round drawn by ``scripts/rounds.py sample heldoutN`` and written from the editor's labels
(tests/data/rounds/heldoutN.json) by ``scripts/rounds.py build heldoutN``. Prints the failures, the rates,
then one JSON line.

    python benchmarks/sections_quality.py [--real ../shared/real] [--labels FILE ...] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nashra.articles.evaluation import label_record, label_text, load_labels, score
from nashra.articles.jsonformat import article_from_record
from nashra.articles.textformat import parse_text

ROOT = Path(__file__).resolve().parent.parent
LABELS = sorted((ROOT / "tests" / "data" / "sections").glob("*.jsonl"))
REAL = ROOT.parent / "shared" / "real"
TARGET = 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL, help="the shared real-data folder")
    parser.add_argument("--labels", type=Path, nargs="+", default=LABELS, help="label files (JSON Lines)")
    parser.add_argument("--quiet", action="store_true", help="do not list the failing articles")
    args = parser.parse_args()
    if not args.real.is_dir():
        print(f"sections_quality: {args.real} not found (the shared real data)", file=sys.stderr)
        return 1
    labels = [label for path in args.labels for label in load_labels(path)]
    results: dict[str, dict[str, float | int]] = {}
    for layout in ("txt", "json"):
        pairs = []
        for label in labels:
            if layout == "txt":
                article = parse_text(label_text(args.real, label), label.id)
            else:
                article = article_from_record(label_record(args.real, label), label.id)
            pairs.append((label, article))
        for split, figures in sorted(score(pairs).items()):
            key = f"{layout}/{split}"
            if not args.quiet:
                for line in figures.failures:
                    print(f"[{key}] {line}")
            print(f"{key:14s} exact {figures.exact:3d}/{figures.articles:3d} = {figures.rate:6.1%}")
            results[key] = {
                "articles": figures.articles,
                "exact": figures.exact,
                "rate": round(figures.rate, 4),
            }
    document = {"benchmark": "sections_quality", "target": TARGET, "results": results}
    print(json.dumps(document, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
