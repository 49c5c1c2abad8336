"""Pseudo-reference pairs from SaudiNewsNet for tuning the built-in summary without labelled data.

Each article's first sentence (its lead, written by the journalist to sum the story up) becomes the
``summary`` and the rest of the body the ``text``, so ``benchmarks/summary_quality.py`` can score any
summarizer on thousands of articles the way it scores XL-Sum. Articles with fewer than 6 sentences, a
lead outside 12–45 words, a body over 1,200 words or a body already seen are skipped. The sample is
shuffled with a fixed seed, so a run gives the same pairs.

    python scripts/saudinewsnet_lead_pairs.py [--count 1500] [--corpus DIR] > pairs.jsonl

Each line: ``{"text", "summary", "title", "source"}``. Exit status 2 with one line naming the folder
when it holds no SaudiNewsNet zip.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from pathlib import Path

from nashra.arabic import split_sentences

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "real" / "saudinewsnet"


def lead_pairs(corpus: Path, count: int, seed: int = 7) -> list[dict[str, str]]:
    """Up to ``count`` pairs from the zips of ``corpus`` (see the module doc for what is skipped)."""
    articles = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                articles.extend(json.loads(archive.read(name)))
    random.Random(seed).shuffle(articles)
    pairs: list[dict[str, str]] = []
    seen: set[str] = set()
    for article in articles:
        sentences = split_sentences(article.get("content") or "")
        if len(sentences) < 6 or not 12 <= len(sentences[0].split()) <= 45:
            continue
        body = " ".join(sentences[1:])
        if len(body.split()) > 1200 or body[:80] in seen:
            continue
        seen.add(body[:80])
        pairs.append(
            {
                "text": body,
                "summary": sentences[0],
                "title": article.get("title") or "",
                "source": article.get("source") or "",
            }
        )
        if len(pairs) >= count:
            break
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1500, help="pairs to write (default 1500)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of SaudiNewsNet zips")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.zip")):
        print(f"saudinewsnet_lead_pairs: {args.corpus}: no SaudiNewsNet zip there", file=sys.stderr)
        return 2
    for pair in lead_pairs(args.corpus, args.count):
        print(json.dumps(pair, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
