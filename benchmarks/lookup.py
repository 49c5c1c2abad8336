"""Reading subscribe messages: time and work per message, from one name to the longest message allowed.

The baseline, measured in the same run, is a message of one name ("درعا"); each case prints its time per
message, the ratio to that baseline, and the work counted by :class:`nashra.regions.lookup.Work`. The
longest case is real news text (XL-Sum, ../shared/real) cut to the most words a message may name,
a different article each time so no cache answers for the lookup; without ../shared the test fixture
articles stand in. Target: the longest allowed message in a few milliseconds (under 5 ms). Prints
figures, then one JSON line.

    python benchmarks/lookup.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from nashra.regions.lookup import MAX_WORDS, Work, lookup_index, read_regions

ROOT = Path(__file__).resolve().parent.parent
XLSUM = ROOT.parent / "shared" / "real" / "xlsum_ar_165.jsonl"
FALLBACK = ROOT / "tests" / "data" / "articles" / "text"
TARGET_MS = 5.0
SENTENCE_19 = (
    "أريد أن أعرف كل الأخبار المهمة التي تحدث هذه الأيام في المنطقة لأنني أتابع الأحداث باهتمام كبير جدا"
)
LIST = "درعا، حلب، دمشك، طرابلس لبنان، بدرعا، Mosul, Tripoli, Lebanon, sy-dy، عمان، الطيبة الأردن"


def long_messages() -> tuple[list[str], str]:
    """Messages of MAX_WORDS words of real news text, one per article."""
    if XLSUM.is_file():
        rows = [json.loads(line) for line in XLSUM.open(encoding="utf-8")]
        texts, origin = [row["text"] for row in rows], str(XLSUM)
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted(FALLBACK.glob("*.txt"))]
        origin = f"{FALLBACK}/*.txt"
    messages = [" ".join(text.split()[:MAX_WORDS]) for text in texts if len(text.split()) >= MAX_WORDS]
    return messages, origin


def per_message_ms(messages: list[str], seconds: float) -> float:
    """Milliseconds per message, the best of three timed rounds over the messages in turn."""
    read_regions(messages[0])
    best = float("inf")
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            read_regions(messages[count % len(messages)])
            count += 1
        best = min(best, (time.perf_counter() - start) * 1000 / count)
    return best


def worst_work(messages: list[str]) -> Work:
    """The largest count of each kind of work over the messages."""
    worst = Work()
    for message in messages:
        work = read_regions(message).work
        worst.probes = max(worst.probes, work.probes)
        worst.fuzzy_queries = max(worst.fuzzy_queries, work.fuzzy_queries)
        worst.fuzzy_compared = max(worst.fuzzy_compared, work.fuzzy_compared)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    start = time.perf_counter()
    lookup_index()
    build_ms = (time.perf_counter() - start) * 1000
    longest, origin = long_messages()
    cases: dict[str, list[str]] = {
        "one name": ["درعا"],
        "list of 11 names": [LIST],
        "19 ordinary words": [SENTENCE_19],
        f"{MAX_WORDS} words of news": longest,
    }
    times = {name: per_message_ms(messages, args.seconds) for name, messages in cases.items()}
    baseline = times["one name"]
    print(f"lookup index built in {build_ms:.0f} ms; long messages from {origin}")
    results = {}
    for name, messages in cases.items():
        work = worst_work(messages)
        ratio = times[name] / baseline
        print(
            f"{name:>22}: {times[name]:7.3f} ms/message  ×{ratio:7.1f} the one-name baseline  "
            f"probes {work.probes}, fuzzy look-ups {work.fuzzy_queries}, names compared {work.fuzzy_compared}"
        )
        results[name] = {"ms": round(times[name], 4), "ratio": round(ratio, 1), **asdict(work)}
    longest_ms = times[f"{MAX_WORDS} words of news"]
    verdict = "meets" if longest_ms <= TARGET_MS else "MISSES"
    print(f"longest allowed message: {longest_ms:.2f} ms, {verdict} the {TARGET_MS:.0f} ms target")
    print(json.dumps({"build_ms": round(build_ms), "target_ms": TARGET_MS, "cases": results}))


if __name__ == "__main__":
    main()
