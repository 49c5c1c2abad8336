"""Draw a reproducible sample of BBC Arabic articles (XL-Sum) for blind region labelling (split ``xlsum``).

The 165 XL-Sum Arabic pairs in ../shared/real/xlsum_ar_165.jsonl are international news from an outlet
no region label had come from (every earlier sample is Saudi). Rows the tests read as text are left out:
the first ``FIRST_USED`` rows (the bot's and the subscription parser's long-message tests read rows 0-19)
and any row whose body shares a 60-character stretch with a file under tests/ (a copied fixture). The
summary benchmark and the extractive-summary tests read every row, but never tag regions, so they do not
count as use here.

How an article is read: an XL-Sum row has no headline, only the body (one paragraph, no line breaks) and
its bold introductory sentence (``summary``). The body is the article: one section with no heading and no
title, tagged as ``nashra sections`` tags a one-section article whose title adds no context
(:func:`nashra.regions.tag_sections` with an empty title). The summary is left out: it restates the body,
and a title the editor did not label would only add context the product may not have.

    python scripts/sample_xlsum_regions.py ../shared/real > rows.txt 2> articles.txt

Prints the drawn row numbers (0-based lines of the file), one per line, then each article's body to
stderr for the editor.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

SEED = 20261130
SIZE = 40
FIRST_USED = 20
WINDOW = 60
TESTS = Path(__file__).resolve().parent.parent / "tests"


def rows(real: Path) -> list[dict]:
    """The XL-Sum pairs, in file order."""
    with (real / "xlsum_ar_165.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def copied(body: str, fixtures: str) -> bool:
    """Whether a stretch of the body appears in the test files' text."""
    return any(body[i : i + WINDOW] in fixtures for i in range(0, max(1, len(body) - WINDOW), WINDOW))


def fixture_text(written_after: Callable[[str], bool]) -> str:
    """The text of the files under tests/, less those written after the draw (``written_after`` says so
    from a file's name): a sample's own labels, cases and tests copy its bodies, and reading them would
    change the draw once they exist."""
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(TESTS.rglob("*"))
        if p.is_file() and p.suffix in {".jsonl", ".json", ".txt", ".md", ".py"} and not written_after(p.name)
    )


def draw(real: Path) -> list[int]:
    """The drawn row numbers, sorted. Files named after an XL-Sum region sample came later."""
    fixtures = fixture_text(lambda name: "xlsum" in name)
    pool = [n for n, row in enumerate(rows(real)) if n >= FIRST_USED and not copied(row["text"], fixtures)]
    return sorted(random.Random(SEED).sample(pool, SIZE))


def main(argv: list[str]) -> int:
    real = Path(argv[0]) if argv else Path("../shared/real")
    data = rows(real)
    for n in draw(real):
        print(n)
        print(f"=== xlsum#{n}\n{data[n]['text']}\n", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
