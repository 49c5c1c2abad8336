"""Analysis throughput: articles per second through parse + section (furniture included) + region tagging.

Runs on one core (one thread). Measured twice: on the seed article, and on the 58 real articles of
../shared/real/articles (cycled, each one a distinct article). The baseline, measured in the same run on
the same texts, is parsing and sectioning alone, so the ratio shows what region tagging costs. Prints
figures, then one JSON line.

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
REAL = ROOT.parent / "shared" / "real" / "articles"
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
    result: dict[str, object] = {
        "benchmark": "analysis",
        "articles_per_s": round(analysed, 1),
        "baseline_parse_only_per_s": round(baseline, 1),
        "ratio_baseline_to_full": round(baseline / analysed, 2),
        "chars_per_article": len(text),
        "sections_per_article": sections,
        "target_per_s": TARGET_PER_S,
        "meets_target": analysed >= TARGET_PER_S,
    }
    real = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
    if real:
        texts = [p.read_text(encoding="utf-8") for p in real]

        def real_parse(i: int) -> object:
            return parse_text(f"{i} {texts[i % len(texts)]}", "bench")

        def real_full(i: int) -> object:
            return analyze(parse_text(f"{i} {texts[i % len(texts)]}", "bench"))

        real_base = rate(real_parse, args.seconds)
        real_rate = rate(real_full, args.seconds)
        chars = sum(len(t) for t in texts) // len(texts)
        print(f"real articles: {REAL} ({len(texts)} files, {chars} characters on average)")
        print(f"parse + section only (baseline): {real_base:8.1f} articles/s")
        print(f"parse + section + region tags:   {real_rate:8.1f} articles/s (target {TARGET_PER_S:.0f})")
        print(f"tagging costs {real_base / real_rate:.1f}x the parse time")
        result.update(
            {
                "real_articles": len(texts),
                "real_articles_per_s": round(real_rate, 1),
                "real_baseline_parse_only_per_s": round(real_base, 1),
                "real_ratio_baseline_to_full": round(real_base / real_rate, 2),
                "real_meets_target": real_rate >= TARGET_PER_S,
            }
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
