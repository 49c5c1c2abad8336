"""Analysis throughput: seed-sized articles per second through parse + section + region tagging.

Runs on one core (one thread). The baseline, measured in the same run, is parsing and sectioning alone,
so the ratio shows what region tagging costs. Prints figures, then one JSON line.

    python benchmarks/analysis.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from nashra.articles.analysis import analyze
from nashra.articles.textformat import parse_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "samples" / "seed_article.txt"
FALLBACK = ROOT / "tests" / "data" / "articles" / "text"
TARGET_PER_S = 100.0


def sample_text() -> tuple[str, str]:
    """The seed article when ../shared is beside the checkout, else the fixture articles joined."""
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8"), str(SEED)
    texts = [p.read_text(encoding="utf-8") for p in sorted(FALLBACK.glob("*.txt"))]
    title_and_byline = "\n".join(texts[0].splitlines()[:3])
    bodies = ["\n".join(t.splitlines()[3:]) for t in texts]
    body = "\n".join(bodies)
    while len(body) < 5000:
        body += "\n" + "\n".join(bodies)
    return f"{title_and_byline}\n{body}", f"{FALLBACK}/*.txt"


def rate(work: Callable[[int], object], seconds: float) -> float:
    """Items per second of ``work(i)``, the best of three timed rounds after a warm-up."""
    work(-1)
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            work(count)
            count += 1
        best = max(best, count / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    text, origin = sample_text()

    # A distinct article each time (the index in the title), so no cache can answer for the tagger.
    def parse_only(i: int) -> object:
        return parse_text(f"{i} {text}", "bench")

    def full(i: int) -> object:
        return analyze(parse_text(f"{i} {text}", "bench"))

    sections = len(parse_text(text, "bench").sections)
    baseline = rate(parse_only, args.seconds)
    analysed = rate(full, args.seconds)
    print(f"sample: {origin} ({len(text)} characters, {sections} sections)")
    print(f"parse + section only (baseline): {baseline:8.1f} articles/s")
    print(f"parse + section + region tags:   {analysed:8.1f} articles/s (target {TARGET_PER_S:.0f})")
    print(f"tagging costs {baseline / analysed:.1f}x the parse time")
    print(
        json.dumps(
            {
                "benchmark": "analysis",
                "articles_per_s": round(analysed, 1),
                "baseline_parse_only_per_s": round(baseline, 1),
                "ratio_baseline_to_full": round(baseline / analysed, 2),
                "chars_per_article": len(text),
                "sections_per_article": sections,
                "target_per_s": TARGET_PER_S,
                "meets_target": analysed >= TARGET_PER_S,
            }
        )
    )


if __name__ == "__main__":
    main()
