"""Reading subscribe messages: time and work per message, from one name to the longest message allowed.

Two baselines are measured in the same run: a message of one name ("درعا"), and normalizing each message
with :func:`nashra.arabic.normalize` (the least that reading a text at all costs). Each case prints its
time per message, its ratios to both, and the work counted by :class:`nashra.regions.lookup.Work`. The
longest cases are real news text (XL-Sum, ../shared/real) cut to the most words a message may name, the
165 articles in turn: as written (prose, which gets no fuzzy pass), and with a comma after every word
(a list of unknown words: the fuzzy pass spends its whole budget). The lookup's word caches (folded
words and their readings) stay warm across messages, as in a running bot; fuzzy look-ups are never
cached. Without ../shared the test fixture articles stand in.

Target: the longest allowed message reads in at most 25 times what normalizing it costs (a ratio, so a
loaded machine does not change the verdict); on an idle 2-core machine that is about 3 ms. Prints
figures, then one JSON line.

    python benchmarks/lookup.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from nashra.arabic import normalize
from nashra.regions.lookup import MAX_WORDS, Work, lookup_index, read_regions

ROOT = Path(__file__).resolve().parent.parent
XLSUM = ROOT.parent / "shared" / "real" / "xlsum_ar_165.jsonl"
FALLBACK = ROOT / "tests" / "data" / "articles" / "text"
TARGET_RATIO = 25.0
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


def per_message_ms(read: Callable[[str], object], messages: list[str], seconds: float) -> float:
    """Milliseconds per message of ``read``, the best of three timed rounds over the messages in turn."""
    read(messages[0])
    best = float("inf")
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            read(messages[count % len(messages)])
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
    news, listed = f"{MAX_WORDS} words of news", f"{MAX_WORDS} words, commas"
    cases: dict[str, list[str]] = {
        "one name": ["درعا"],
        "list of 11 names": [LIST],
        "19 ordinary words": [SENTENCE_19],
        news: longest,
        listed: [message.replace(" ", "، ") for message in longest],
    }
    times = {name: per_message_ms(read_regions, messages, args.seconds) for name, messages in cases.items()}
    one_name = times["one name"]
    print(f"lookup index built in {build_ms:.0f} ms; long messages from {origin}")
    results = {}
    ratios = {}
    for name, messages in cases.items():
        ms = times[name]
        normalize_ms = per_message_ms(normalize, messages, args.seconds / 3)
        work = worst_work(messages)
        ratios[name] = ms / normalize_ms
        print(
            f"{name:>18}: {ms:7.3f} ms/message, ×{ms / one_name:6.1f} one name, "
            f"×{ratios[name]:5.1f} normalizing it; probes {work.probes}, fuzzy look-ups "
            f"{work.fuzzy_queries}, names compared {work.fuzzy_compared}"
        )
        results[name] = {
            "ms": round(ms, 4),
            "x_one_name": round(ms / one_name, 1),
            "x_normalize": round(ratios[name], 1),
            **asdict(work),
        }
    worst = max(ratios[news], ratios[listed])
    verdict = "meets" if worst <= TARGET_RATIO else "MISSES"
    print(f"longest allowed message: ×{worst:.1f} normalizing it, {verdict} the ×{TARGET_RATIO:.0f} target")
    print(json.dumps({"build_ms": round(build_ms), "target_x_normalize": TARGET_RATIO, "cases": results}))


if __name__ == "__main__":
    main()
